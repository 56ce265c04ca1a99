/**
 * Abstention evidence: a compound the plans have only as loose parts (each part alone means something else) is a
 * word no plan has — it counts at half weight in the unknown share, like a compound known only by its tail; a word
 * only a phrasing has counts half when that phrasing is the answer's section's, in full otherwise.
 */
import { isKnownOnlyByParts, unknownConcepts } from '../../src/knowledge/ask';
import type { AnalysedQuery, QueryConcept } from '../../src/knowledge/analysis/analyzer';
import * as path from 'path';
import { Analyzer } from '../../src/knowledge/analysis/analyzer';
import { loadAnalysisResources } from '../../src/knowledge/analysis/resources';
import type { Passage } from '../../src/knowledge/passages';
import { SearchIndex } from '../../src/knowledge/search-index';

const index = {
  terms: new Set(['thuis', 'werk', 'beleid', 'pestprotocol', 'luiz']),
  textTerms: new Set(['thuis', 'werk', 'beleid', 'pestprotocol']),
  conceptWeights: (q: AnalysedQuery) => q.concepts.map((c) => (c.content === false ? 0 : 2)),
} as unknown as SearchIndex;
const concept = (word: string, terms: string[], parts: string[] = []): QueryConcept => ({
  word,
  terms: new Map(terms.map((t, i) => [t, i === 0 ? 1 : 0.6])),
  content: true,
  ...(parts.length ? { parts: new Set(parts) } : {}),
});

describe('compounds known only by their parts', () => {
  const thuiswerk = concept('thuiswerken', ['thuiswerk', 'thuis', 'werk'], ['thuis', 'werk']);
  const pestprotocol = concept('pestprotocol', ['pestprotocol', 'pest', 'protocol'], ['pest', 'protocol']);

  it('is recognised when only parts are in the plans, not when the word itself is', () => {
    expect(isKnownOnlyByParts(thuiswerk, index)).toBe(true);
    expect(isKnownOnlyByParts(pestprotocol, index)).toBe(false);
    expect(isKnownOnlyByParts(concept('beleid', ['beleid']), index)).toBe(false);
  });

  it('counts at half weight in the unknown share', () => {
    const q = { concepts: [thuiswerk, concept('beleid', ['beleid'])] } as unknown as AnalysedQuery;
    const u = unknownConcepts(q, index);
    expect(u.words).toEqual(['thuiswerken']);
    expect(u.share).toBeCloseTo(0.25);
  });
});

describe('a word only a phrasing has', () => {
  it('counts at half weight: no plan text covers it', () => {
    const q = { concepts: [concept('luizen', ['luiz']), concept('beleid', ['beleid'])] } as unknown as AnalysedQuery;
    const u = unknownConcepts(q, index);
    expect(u.words).toEqual(['luizen']);
    expect(u.share).toBeCloseTo(0.25);
  });

  it('is not made known by a part the plans\' text has: the compound itself is what only a phrasing has', () => {
    // "overblijven": the plans' text has "blijven" (a part), only a phrasing has the whole word.
    const idx = { ...index, terms: new Set([...index.terms, 'overblijv', 'blijv']), textTerms: new Set([...index.textTerms, 'blijv']), conceptWeights: index.conceptWeights } as unknown as SearchIndex;
    const overblijven = concept('overblijven', ['overblijv', 'blijv'], ['over', 'blijv']);
    const q = { concepts: [overblijven, concept('beleid', ['beleid'])] } as unknown as AnalysedQuery;
    expect(unknownConcepts(q, idx, new Set(['beleid'])).words).toEqual(['overblijven']);
    expect(unknownConcepts(q, idx, new Set(['beleid'])).share).toBeCloseTo(0.5);
  });

  it('counts half only when a phrasing of the answer\'s own section has it; another section\'s phrasing is no evidence', () => {
    const q = { concepts: [concept('luizen', ['luiz']), concept('beleid', ['beleid'])] } as unknown as AnalysedQuery;
    expect(unknownConcepts(q, index, new Set(['luiz', 'beleid'])).share).toBeCloseTo(0.25);
    expect(unknownConcepts(q, index, new Set(['beleid'])).share).toBeCloseTo(0.5);
  });
});

describe('the weight of a compound the plans know only in part', () => {
  const resources = loadAnalysisResources(path.resolve(__dirname, '../../knowledge'));
  const passage = (id: string, text: string): Passage => ({ key: `a#${id}#0`, docId: 'a', docTitle: 'A', sectionId: id, sectionTitle: id, parents: [], text, isTemplate: false });
  const texts = [
    'De school meldt een incident bij de directie.',
    'De school meet de tevredenheid van ouders.',
    'Ouders vullen een vragenlijst in over de school.',
    'De school let op veiligheid in de klas.',
  ];
  const passages = texts.map((t, i) => passage(`s${i}`, t));
  const analyzer = new Analyzer(resources, texts, () => null);
  const index = new SearchIndex(analyzer, passages);
  const conceptOf = (word: string): QueryConcept => {
    const c = analyzer.analyseQuery(word, 'nl', index.terms).concepts.find((x) => x.word === word);
    if (!c) throw new Error(`no concept for ${word}`);
    return { ...c, content: true };
  };

  it('weighs as a word no plan has when a part is missing (school+kamp: "school" says little of a camp)', () => {
    const schoolkamp = conceptOf('schoolkamp');
    expect(schoolkamp.parts?.has(analyzer.termOf('school'))).toBe(true);
    expect(index.conceptWeight(schoolkamp)).toBeGreaterThan(2 * index.conceptWeight(conceptOf('school')));
  });

  it('weighs as its parts when the plans have every part (tevredenheid+vragenlijst)', () => {
    const both = conceptOf('tevredenheidsvragenlijst');
    expect(index.conceptWeight(both)).toBeLessThanOrEqual(index.conceptWeight(conceptOf('vragenlijst')) + 1e-9);
  });
});

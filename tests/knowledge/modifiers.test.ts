/**
 * Ranking: a word the Dutch word list knows only as an adjective (officieel, definitief) says how something is, not
 * what the question is about; it weighs less than the words that name the matter, so a short section that happens
 * to use the rare adjective does not beat the section on the matter itself.
 */
import * as path from 'path';
import { Analyzer } from '../../src/knowledge/analysis/analyzer';
import { loadAnalysisResources } from '../../src/knowledge/analysis/resources';
import { dutchWordList } from '../../src/knowledge/analysis/wordlist';
import type { Passage } from '../../src/knowledge/passages';
import { RANKING, SearchIndex } from '../../src/knowledge/search-index';

const resources = loadAnalysisResources(path.resolve(__dirname, '../../knowledge'));
const passage = (sectionId: string, title: string, text: string): Passage => ({
  key: `a#${sectionId}#0`, docId: 'a', docTitle: 'A', sectionId, sectionTitle: title, parents: [], text, isTemplate: false,
});
const passages = [
  passage('1', 'Vaststelling', 'Dit plan is definitief vastgesteld.'),
  passage('2', 'Schorsing en verwijdering', 'Verwijdering van een leerling is een uiterste maatregel. De school houdt de zorgplicht totdat een andere school de leerling toelaat.'),
  passage('3', 'Gesprekken', 'De leerkracht voert gesprekken met ouders over de leerling en over verwijdering.'),
  passage('4', 'Toelating', 'Toelating en verwijdering van leerlingen regelt het bestuur.'),
  passage('5', 'Klachten', 'Een klacht over verwijdering gaat naar de commissie.'),
];
const analyzer = new Analyzer(resources, passages.map((p) => `${p.sectionTitle}\n${p.text}`), () => dutchWordList());

describe('a word known only as an adjective', () => {
  const question = 'wordt een leerling definitief verwijderd?';
  const query = analyzer.analyseQuery(question, 'nl', new SearchIndex(analyzer, passages, () => []).terms);

  it('is marked as a modifier; nouns and verbs are not', () => {
    const marked = query.concepts.filter((c) => c.modifier).map((c) => c.word);
    expect(marked).toEqual(['definitief']);
  });

  it('weighs less than the words naming the matter, and no longer decides the ranking', () => {
    const index = new SearchIndex(analyzer, passages, () => []);
    const flat = new SearchIndex(analyzer, passages, () => [], { ...RANKING, modifierWeight: 1 });
    const definitief = query.concepts.find((c) => c.word === 'definitief')!;
    expect(index.conceptWeight(definitief)).toBeCloseTo(RANKING.modifierWeight * flat.conceptWeight(definitief));
    expect(index.search(query, () => true, 3)[0].passage.sectionId).toBe('2');
    expect(flat.search(query, () => true, 3)[0].passage.sectionId).toBe('1');
  });
});

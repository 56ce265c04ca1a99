/**
 * The broad English lexicon (knowledge/analysis/english-lexicon.json): the last resort for an English word that
 * neither the thesaurus nor the plans know. It helps find the passage; for abstention such a word is still one no plan
 * has (its Dutch words are near, not exact).
 */
import * as path from 'path';
import { Analyzer } from '../../src/knowledge/analysis/analyzer';
import { ENGLISH_FUNCTION_WORDS } from '../../src/knowledge/analysis/english';
import { words } from '../../src/knowledge/analysis/normalize';
import { loadAnalysisResources, type AnalysisResources } from '../../src/knowledge/analysis/resources';
import { unknownConcepts } from '../../src/knowledge/ask';
import type { Passage } from '../../src/knowledge/passages';
import { SearchIndex } from '../../src/knowledge/search-index';

const shipped = loadAnalysisResources(path.resolve(__dirname, '../../knowledge'));

describe('the shipped English lexicon', () => {
  const lexicon = shipped.englishLexicon ?? {};
  test('is there, and large: every topic word of the plans has its English words', () => {
    expect(Object.keys(lexicon).length).toBeGreaterThan(2000);
  });
  test('holds single plain words, no function word, and never an entry the thesaurus has', () => {
    const stopEn = new Set(shipped.stopwords.en);
    const offenders = Object.keys(lexicon).filter((en) => !/^[a-z]+$/.test(en) || stopEn.has(en) || ENGLISH_FUNCTION_WORDS.has(en) || en in shipped.english);
    expect(offenders).toEqual([]);
  });
  test('maps every word to at least one Dutch content word', () => {
    const stopNl = new Set(shipped.stopwords.nl);
    expect(Object.entries(lexicon).filter(([, nl]) => words(nl).every((w) => stopNl.has(w)))).toEqual([]);
  });
});

describe('an English word only the lexicon knows', () => {
  const text = 'Foto’s van leerlingen worden alleen met toestemming van ouders gedeeld. Het protocol geldt voor iedereen. Pesten wordt altijd gemeld.';
  const resources: AnalysisResources = {
    ...shipped,
    english: { bullying: 'pesten' },
    englishLexicon: { photographer: 'foto', protocol: 'regel', bullying: 'toestemming' },
  };
  const analyzer = new Analyzer(resources, [text], () => null);
  const passage: Passage = { key: 'd#s#0', docId: 'd', docTitle: 'Plan', sectionId: 's', sectionTitle: 'Privacy', parents: [], text, isTemplate: false };
  const index = new SearchIndex(analyzer, [passage]);
  const concept = (question: string, word: string) => analyzer.analyseQuery(question, 'en', index.terms, index.textTerms).concepts.find((c) => c.word === word);

  test('reaches the plan word the lexicon gives, marked as approximate', () => {
    const c = concept('when is the photographer coming to take pictures of the pupils?', 'photographer');
    expect(c?.terms.has(analyzer.termOf('foto'))).toBe(true);
    expect(c?.approximate).toBe(true);
  });
  test('still counts in full as a word no plan has when Baken decides to abstain', () => {
    const query = analyzer.analyseQuery('photographer', 'en', index.terms, index.textTerms);
    expect(unknownConcepts(query, index).share).toBeCloseTo(1);
  });
  test('does not override the thesaurus, nor a word the plans have themselves', () => {
    expect(concept('is bullying reported?', 'bullying')?.terms.has(analyzer.termOf('pesten'))).toBe(true);
    expect(concept('is bullying reported?', 'bullying')?.approximate).toBeUndefined();
    const protocol = concept('which protocol applies?', 'protocol');
    expect(protocol?.terms.has(analyzer.termOf('regel'))).toBe(false);
    expect(protocol?.approximate).toBeUndefined();
  });
});

describe('an English word nothing translates', () => {
  // English phrasings of the plans have "home", "work" and "left"-like stems; the Dutch analysis must not reach them.
  const text = 'Werk en thuis. Hij heeft lef. Leerlingen werken thuis aan hun taken.';
  const phrasing = 'Can I work from home? What if a pupil left?';
  const analyzer = new Analyzer({ ...shipped, english: {}, englishLexicon: {} }, [text, phrasing], () => null);
  const index = new Set([...analyzer.documentTerms(text), ...analyzer.documentTerms(phrasing, true)]);
  const concept = (question: string, word: string) => analyzer.analyseQuery(question, 'en', index).concepts.find((c) => c.word === word);

  test('is not cut into Dutch compound parts (homework is no hom + work)', () => {
    const homework = concept('how much homework do pupils get?', 'homework');
    expect(homework?.terms.has(analyzer.termOf('work'))).toBe(false);
    expect(homework?.parts).toBeUndefined();
  });
  test('gets no Dutch word forms or typo repair (left is no lef)', () => {
    const left = concept('can she be left alone with the class?', 'left');
    expect([...(left?.terms.keys() ?? [])]).toEqual([analyzer.termOf('left')]);
  });
});

/**
 * Mechanisms of retrieval, each on a small corpus made for it (never a question of an evaluation set):
 * BM25F fields, the phrasings field, one saturation per concept, section-level evidence, strength.
 */
import * as path from 'path';
import { Analyzer, conceptMatchedIn } from '../../src/knowledge/analysis/analyzer';
import { loadAnalysisResources } from '../../src/knowledge/analysis/resources';
import type { Passage } from '../../src/knowledge/passages';
import { RANKING, SearchIndex } from '../../src/knowledge/search-index';

const resources = loadAnalysisResources(path.resolve(__dirname, '../../knowledge'));
const noWordList = () => null;

const passage = (docId: string, sectionId: string, title: string, text: string, part = 0): Passage => ({
  key: `${docId}#${sectionId}#${part}`, docId, docTitle: docId, sectionId, sectionTitle: title, parents: ['Beleid'], text, isTemplate: false,
});

function build(passages: Passage[], phrasings: Record<string, string[]> = {}) {
  const texts = [...passages.map((p) => `${p.sectionTitle}\n${p.text}`), ...Object.values(phrasings).flat()];
  const analyzer = new Analyzer(resources, texts, noWordList);
  const index = new SearchIndex(analyzer, passages, (p) => phrasings[p.sectionId] ?? []);
  const search = (q: string, lang: 'nl' | 'en' = 'nl') => index.search(analyzer.analyseQuery(q, lang, index.terms), () => true, 5);
  return { analyzer, index, search };
}

const filler = 'De school werkt samen met ouders en het team aan een goed klimaat in de groepen.';

describe('BM25F fields', () => {
  test('a section named after the notion beats one that mentions it in passing', () => {
    const { search } = build([
      passage('a', '1', 'Algemeen', `${filler} Ook een ontruiming komt soms voor. ${filler}`),
      passage('a', '2', 'Ontruiming', `${filler} ${filler}`),
    ]);
    expect(search('ontruiming')[0].passage.sectionId).toBe('2');
  });

  test('the phrasings field finds a section by the everyday words staff use, which its text lacks', () => {
    const { search } = build(
      [passage('a', '1', 'Medisch handelen', `${filler} Voorbehouden handelingen verrichten wij niet.`), passage('a', '2', 'Klachten', `${filler} Een klacht bespreekt u eerst met de leerkracht.`)],
      { '1': ['mag ik een insulinepen zetten bij een kind?', 'can I give a pupil an injection?'] },
    );
    expect(search('insulinepen zetten')[0].passage.sectionId).toBe('1');
    expect(search('injection', 'en')[0].passage.sectionId).toBe('1');
  });
});

describe('one saturation per question concept', () => {
  test('an overview that names many stand-ins of one notion does not beat the passage on both notions asked', () => {
    const { search } = build([
      // pesten + five thesaurus stand-ins, but nothing about the other notion asked (ouders)
      passage('a', '1', 'Overzicht', 'Pesten, treiteren, buitensluiten, uitsluiten, sarren en pestgedrag horen niet op school.'),
      passage('a', '2', 'Samenwerking', 'Bij pesten nemen wij altijd contact op met de ouders van beide kinderen.'),
    ]);
    expect(search('pesten ouders')[0].passage.sectionId).toBe('2');
  });
});

describe('section-level evidence', () => {
  test('a passage whose section also covers the rest of the question ranks above a passage alone with one notion', () => {
    const long = (s: string) => `${s} ${filler} ${filler} ${filler}`;
    const { search } = build([
      passage('a', '1', 'Schorsing', long('Een schorsing duurt ten hoogste een week.'), 0),
      passage('a', '1', 'Schorsing', long('Het bestuur meldt elke schorsing bij de inspectie.'), 1),
      passage('a', '2', 'Inspectie', long('De inspectie houdt toezicht op de school.')),
    ]);
    const hits = search('hoe lang duurt een schorsing en wie licht de inspectie in');
    expect(hits[0].passage.sectionId).toBe('1');
    expect(hits[0].sectionCoverage).toBeGreaterThanOrEqual(hits[0].coverage);
  });
});

describe('strength', () => {
  test('is comparable between a one-word and a longer question on the same passage', () => {
    const { search } = build([passage('a', '1', 'Ontruiming', 'Bij een ontruiming verlaten alle leerlingen het gebouw via de nooduitgang.')]);
    const short = search('ontruiming')[0];
    const long = search('ontruiming leerlingen gebouw nooduitgang')[0];
    expect(long.score).toBeGreaterThan(short.score);
    expect(Math.abs(long.strength - short.strength)).toBeLessThan(0.6 * short.strength);
  });
});

describe('the weight and the evidence of a concept', () => {
  test('a word the plans lack weighs as its thesaurus stand-ins do; an unknown topic word weighs most; filler nothing', () => {
    const { analyzer, index } = build([passage('a', '1', 'Ouders', 'Ouders worden altijd ingelicht. De leerling krijgt hulp.')]);
    const [papa, wifi, bla] = analyzer.analyseQuery('papa wifi bla', 'nl', index.terms).concepts;
    expect(index.conceptWeight(papa)).toBeCloseTo(0.5 * index.idf(analyzer.termOf('ouders')));
    expect(index.conceptWeight(wifi)).toBeCloseTo(index.idf('wifi'));
    expect(index.conceptWeight({ ...bla, content: false })).toBe(0);
  });
  test('one part of a typed compound is not evidence of the compound (dagen does not hold studiedagen)', () => {
    const c = { word: 'studiedagen', terms: new Map([['studiedag', 1], ['studie', 0.6], ['dag', 0.6]]), parts: new Set(['studie', 'dag']) };
    expect(conceptMatchedIn(c, (t) => t === 'dag')).toBe(false);
    expect(conceptMatchedIn(c, (t) => t === 'dag' || t === 'studie')).toBe(true);
    expect(conceptMatchedIn(c, (t) => t === 'studiedag')).toBe(true);
  });
});

describe('the final choice between the two best candidates', () => {
  test('of two close passages of one section, the one that says the asked notions in one sentence wins', () => {
    // Both passages hold both notions equally often; only in the second do they meet in one sentence.
    const scattered = 'De directeur leidt de school. Het beleid wordt elk jaar besproken met het team en de ouders.';
    const together = 'De directeur is verantwoordelijk voor het beleid. De school werkt samen met het team en de ouders.';
    const passages = [passage('a', '1', 'Organisatie', scattered, 0), passage('a', '1', 'Organisatie', together, 1)];
    const { index, analyzer } = build(passages);
    const query = analyzer.analyseQuery('directeur beleid', 'nl', index.terms);
    const weights = query.concepts.map((c) => index.conceptWeight(c));
    expect(index.bestSentenceCoverage(query, weights, 0)).toBeLessThan(1);
    expect(index.bestSentenceCoverage(query, weights, 1)).toBeCloseTo(1);
    expect(index.search(query, () => true, 2)[0].passage.key).toBe('a#1#1');
    // Without the final choice the shorter, scattered passage would have won.
    const plain = new SearchIndex(analyzer, passages, () => [], { ...RANKING, sentenceMatch: 0 });
    expect(plain.search(query, () => true, 2)[0].passage.key).toBe('a#1#0');
  });

  test('of two sentences that hold the question, the one stating what the question word asks for wins (a time, a place)', () => {
    const passages = [
      passage('a', '1', 'Evaluatie', 'De ouders vullen de vragenlijst over veiligheid in. De vragenlijst wordt met het team besproken.', 0),
      passage('a', '1', 'Evaluatie', 'De ouders vullen de vragenlijst over veiligheid in, jaarlijks in maart.', 1),
    ];
    const { index, analyzer } = build(passages);
    const query = analyzer.analyseQuery('wanneer vullen ouders de vragenlijst veiligheid in', 'nl', index.terms);
    const weights = query.concepts.map((c) => index.conceptWeight(c));
    const timed = { ...query, answerType: /\b(?:jaarlijks|maart)\b/ };
    expect(index.bestSentenceCoverage(query, weights, 0)).toBeCloseTo(index.bestSentenceCoverage(query, weights, 1));
    expect(index.bestSentenceCoverage(timed, weights, 1)).toBeGreaterThan(index.bestSentenceCoverage(timed, weights, 0));
    expect(index.search(timed, () => true, 2)[0].passage.key).toBe('a#1#1');
    // Without the question word's bonus the shorter first sentence of the other passage keeps it first.
    const plain = new SearchIndex(analyzer, passages, () => [], { ...RANKING, answerTypeBonus: 0 });
    expect(plain.search(timed, () => true, 2)[0].passage.key).toBe('a#1#0');
  });

  test('only the best two are reordered: a passage further down is not lifted over them', () => {
    const strong = (s: string) => `Ontruiming. ${s} Bij een ontruiming en brand gaan alle leerlingen naar buiten via de nooduitgang.`;
    const passages = [
      passage('a', '1', 'Ontruiming', strong('Het ontruimingsplan hangt in elke groep.')),
      passage('a', '2', 'Ontruiming en brand', strong('De BHV leidt de ontruiming.')),
      passage('a', '3', 'Algemeen', 'De ontruiming wordt geoefend. Brand en ontruiming en nooduitgang: de leerlingen weten het.'),
    ];
    const { index, analyzer } = build(passages);
    const query = analyzer.analyseQuery('ontruiming brand nooduitgang leerlingen', 'nl', index.terms);
    const plain = new SearchIndex(analyzer, passages, () => [], { ...RANKING, sentenceMatch: 0 }).search(query, () => true, 3);
    const final = index.search(query, () => true, 3);
    expect(new Set(final.slice(0, 2).map((h) => h.passage.key))).toEqual(new Set(plain.slice(0, 2).map((h) => h.passage.key)));
    expect(final[2].passage.key).toBe(plain[2].passage.key);
  });
});

describe('phrasings of a section cut into several passages', () => {
  test('a way of asking about one point of a long section finds the passage that says it', () => {
    const first = `${filler} Het veiligheidsplan wordt met de ouders opgesteld, met de ouders besproken en de ouders weten ervan. ${filler}`;
    const second = `${filler} De tevredenheidspeilingen voor leerlingen en ouders gaan via het kwaliteitsinstrument Integraal. ${filler}`;
    const phrasings = { '1': ['hoe weten we of ouders blij zijn, via integraal?', 'hoe stellen we het veiligheidsplan op?'] };
    const { search } = build([passage('a', '1', 'Actieplan', first, 0), passage('a', '1', 'Actieplan', second, 1)], phrasings);
    // The first passage's text has more of the question's words; the phrasing, given to the passage that names
    // Integraal (the word it shares with that text alone), carries the question there.
    expect(search('hoe weten we of ouders blij zijn?')[0].passage.key).toBe('a#1#1');
  });
});

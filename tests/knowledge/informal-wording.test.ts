/**
 * Mechanisms for unseen, informal and English wording: each test is of a mechanism on a small corpus, not of an
 * evaluation question.
 */
import * as path from 'path';
import { Analyzer, numberVariants, numberedTerm } from '../../src/knowledge/analysis/analyzer';
import { ENGLISH_FUNCTION_WORDS, IRREGULAR_VERBS, englishBaseForms, englishInflections } from '../../src/knowledge/analysis/english';
import { presentTenseInfinitives } from '../../src/knowledge/analysis/conflate';
import { words } from '../../src/knowledge/analysis/normalize';
import { loadAnalysisResources, type AnalysisResources } from '../../src/knowledge/analysis/resources';
import { DutchWordList } from '../../src/knowledge/analysis/wordlist';
import { unknownConcepts } from '../../src/knowledge/ask';
import type { Passage } from '../../src/knowledge/passages';
import { SearchIndex } from '../../src/knowledge/search-index';

const resources = loadAnalysisResources(path.resolve(__dirname, '../../knowledge'));

/** An analyzer over a few sentences with its own small thesaurus, and the index terms of those sentences. */
function setup(corpus: string[], thesaurus: Partial<Pick<AnalysisResources, 'synonyms' | 'english'>> = {}, wordList: string[] = [], nouns: string[] = []) {
  const res: AnalysisResources = { ...resources, synonyms: thesaurus.synonyms ?? [], english: thesaurus.english ?? {} };
  const analyzer = new Analyzer(res, corpus, () => new DutchWordList(new Set([...wordList, ...nouns]), new Set(nouns)));
  const index = new Set(corpus.flatMap((t) => analyzer.documentTerms(t)));
  return { analyzer, index, query: (q: string, lang: 'nl' | 'en') => analyzer.analyseQuery(q, lang, index) };
}

describe('English forms reach base-form entries', () => {
  test('irregular past tenses and participles give their base (brought → bring, told → tell, fell → fall)', () => {
    expect(IRREGULAR_VERBS.brought).toBe('bring');
    expect(englishBaseForms('told')).toContain('tell');
    expect(englishBaseForms('fallen')).toContain('fall');
    const { analyzer, query } = setup(['Een leerling die een wapen meeneemt wordt geschorst.'], { english: { bring: 'meenemen' } });
    expect(query('a kid brought a knife', 'en').terms.has(analyzer.termOf('meenemen'))).toBe(true);
  });
  test('an English word one letter off a form of an entry is repaired to the entry (threatend → threaten)', () => {
    expect(englishInflections('threaten')).toEqual(expect.arrayContaining(['threatens', 'threatened', 'threatening']));
    const { analyzer, query } = setup(['Bij bedreiging wordt de politie gebeld.'], { english: { threaten: 'bedreigen bedreiging' } });
    expect(query('a pupil threatend his teacher', 'en').terms.has(analyzer.termOf('bedreiging'))).toBe(true);
  });
  test('a word the plans have, or a short word, is never "repaired" into an entry', () => {
    const { analyzer, query } = setup(['Het protocol beschrijft de stappen.'], { english: { protect: 'beschermen' } });
    // "protocol" is one letter off "protect"'s forms? It is the plans' own word and stays itself.
    const q = query('where is the protocol', 'en');
    expect(q.terms.has(analyzer.termOf('protocol'))).toBe(true);
    expect(q.terms.has(analyzer.termOf('beschermen'))).toBe(false);
  });
});

describe('English function words are no topic', () => {
  test('prepositions, frequency adverbs and framing verbs are dropped from an English question', () => {
    for (const w of ['within', 'always', 'everyone', 'wondering', 'yesterday']) expect(ENGLISH_FUNCTION_WORDS.has(w)).toBe(true);
    const { query } = setup(['De interne vertrouwenspersoon is er voor iedereen.'], { english: { 'confidential adviser': 'vertrouwenspersoon' } });
    const q = query('is there always a confidential adviser within school for everyone?', 'en');
    expect(q.concepts.map((c) => c.word)).not.toEqual(expect.arrayContaining(['within', 'always', 'everyone']));
  });
  test('a form of a function word is one too, never "repaired" into a plan word (saying ↛ saving → veilig)', () => {
    const { query } = setup(['De school is een veilige plek.'], { english: { safe: 'veilig', save: 'veilig' } });
    const words = query('one boy keeps saying nasty things', 'en').concepts.map((c) => c.word);
    expect(words).not.toContain('saying');
  });
  test('a preposition is a function word, not a topic no plan has ("according to the plan", "regarding")', () => {
    const { query } = setup(['De meldcode geldt bij zorgen over een kind.'], { english: { 'reporting code': 'meldcode' } });
    const words = query('when does the reporting code apply according to the plan, regarding a child?', 'en').concepts.map((c) => c.word);
    expect(words).not.toContain('according');
    expect(words).not.toContain('regarding');
  });
  test('only in English: the Dutch "kind" (child) is not an English filler word in a Dutch question', () => {
    expect(ENGLISH_FUNCTION_WORDS.has('kind')).toBe(true);
    const { query } = setup(['Een kind mag niet worden vastgepakt.']);
    expect(query('mag ik een kind vastpakken', 'nl').concepts.map((c) => c.word)).toContain('kind');
  });
  test('no English thesaurus entry is itself a function word (may → mei would translate every "may I")', () => {
    const stopEn = new Set(resources.stopwords.en);
    const offenders = Object.keys(resources.english).filter((en) => words(en).length === 1 && (stopEn.has(en) || ENGLISH_FUNCTION_WORDS.has(en)));
    expect(offenders).toEqual([]);
  });
});

describe('language of a question without common function words', () => {
  test('English by its English-only words when the common ones give no signal', () => {
    const { analyzer } = setup(['Fysiek straffen is niet toegestaan.'], { english: { physical: 'fysiek', punishment: 'straf' } }, ['fysiek', 'straf', 'toegestaan']);
    expect(analyzer.detectLanguage('Is physical punishment ever allowed?')).toBe('en');
    expect(analyzer.detectLanguage('fysiek straffen toegestaan?')).toBe('nl');
  });
});

describe('Dutch word forms Snowball stems apart', () => {
  test('singular and plural meet (wapen ↔ wapens, pauze ↔ pauzes)', () => {
    expect(numberVariants('wapen')).toContain('wapens');
    expect(numberVariants('pauze')).toContain('pauzes');
    expect(numberVariants('pauzes')).toContain('pauze');
    const { analyzer, query } = setup(['Wapens zijn verboden. Er is toezicht tijdens pauzes.']);
    expect(query('iemand had een wapen bij zich', 'nl').terms.has(analyzer.termOf('wapens'))).toBe(true);
    expect(query('toezicht in de pauze', 'nl').terms.has(analyzer.termOf('pauzes'))).toBe(true);
  });
  test('past tenses reach the infinitive (pakte → pakken, meldde → melden, sprak → spreken)', () => {
    expect(presentTenseInfinitives('pakte')).toContain('pakken');
    expect(presentTenseInfinitives('meldde')).toContain('melden');
    expect(presentTenseInfinitives('haalden')).toContain('halen');
    expect(presentTenseInfinitives('sprak')).toContain('spreken');
    const { analyzer, query } = setup(['Wij spreken ouders aan op hun gedrag.']);
    expect(query('een ouder sprak mij boos toe', 'nl').terms.has(analyzer.termOf('spreken'))).toBe(true);
  });
  test('a present tense voiced again before -en reaches its infinitive (wijst → wijzen, leeft → leven)', () => {
    expect(presentTenseInfinitives('wijst')).toContain('wijzen');
    expect(presentTenseInfinitives('leeft')).toContain('leven');
  });
  test('a separable verb the plan splits is also the joined verb, when the plans use it (wijst … aan → aanwijzen)', () => {
    const corpus = ['Het bestuur regelt het aanwijzen van een coördinator.', 'In oktober wijst de school een coördinator aan.'];
    const { analyzer } = setup(corpus);
    expect(analyzer.documentTerms(corpus[1])).toContain(analyzer.termOf('aanwijzen'));
    // Not when the plans never use the joined verb: "loopt … op" stays two words.
    expect(analyzer.documentTerms('De spanning loopt hoog op.')).not.toContain(analyzer.termOf('oplopen'));
  });
  test('a form the plans lack reaches the thesaurus entry of its verb, for the stand-ins (bloedt → bloeden → letsel)', () => {
    const { analyzer, query } = setup(['Bij letsel verleent de BHV eerste hulp.'], { synonyms: [['letsel', 'bloeden']] });
    expect(query('een kind bloedt', 'nl').terms.has(analyzer.termOf('letsel'))).toBe(true);
  });
  test('a particle right after its verb joins it, also inside the clause (loopt weg uit de klas → weglopen)', () => {
    const { analyzer, query } = setup(['Bij weglopen worden de ouders gebeld.']);
    expect(query('een kind loopt weg uit de klas', 'nl').terms.has(analyzer.termOf('weglopen'))).toBe(true);
    // Prepositions are not taken for particles inside a clause: "loopt in de gang" is not "inlopen".
    const b = setup(['Het inlopen begint om acht uur.']);
    expect(b.query('een kind loopt in de gang', 'nl').terms.has(b.analyzer.termOf('inlopen'))).toBe(false);
  });
});

describe('compounds the plans lack', () => {
  test('only the last part known: partial evidence, and the word still counts (half) as one no plan has', () => {
    const corpus = ['Ouders geven een wijziging in de gegevens door aan de administratie.', 'De gymzaal wordt gecontroleerd.'];
    const { analyzer, query } = setup(corpus, {}, [], ['adres', 'wijziging', 'adreswijziging']);
    const q = query('waar geven ouders een adreswijziging door', 'nl');
    const c = q.concepts.find((x) => x.word === 'adreswijziging')!;
    expect(c.terms.has(analyzer.termOf('wijziging'))).toBe(true);
    expect(c.tailOnly).toBe(true);
    const passages: Passage[] = corpus.map((text, i) => ({ key: `d#${i}#0`, docId: 'd', docTitle: 'D', sectionId: String(i), sectionTitle: `${i}`, parents: [], text, isTemplate: false }));
    const search = new SearchIndex(analyzer, passages);
    const hits = search.search(q, () => true);
    expect(hits[0].passage.sectionId).toBe('0');
    const unknown = unknownConcepts(q, search);
    expect(unknown.words).toContain('adreswijziging');
    // Counted at half its weight: the compound names a known kind of thing.
    const full = search.conceptWeight(c);
    const total = q.concepts.reduce((n, x) => n + search.conceptWeight(x), 0);
    expect(unknown.share).toBeCloseTo(full / 2 / total, 5);
  });
  test('a hyphenated word is one notion, not its pieces and its joined form as three', () => {
    const { analyzer, query } = setup(['Na een ongeluk krijgen leerlingen opvang.'], {}, [], ['auto', 'ongeluk']);
    const q = query('een kind zag een auto-ongeluk', 'nl');
    const c = q.concepts.filter((x) => ['auto', 'ongeluk', 'autoongeluk'].includes(x.word));
    expect(c).toHaveLength(1);
    expect(c[0].terms.has(analyzer.termOf('ongeluk'))).toBe(true);
  });
  test('a compound of parts the plans lack reaches the parts\' stand-ins (insulineprik → medicijnen)', () => {
    const { analyzer, query } = setup(['Medicijnen worden alleen met toestemming gegeven.'], { synonyms: [['medicijnen', 'insuline', 'prik']] });
    expect(query('mag ik een insulineprik geven', 'nl').terms.has(analyzer.termOf('medicijnen'))).toBe(true);
  });
});

describe('scene-setting words are no topic', () => {
  test('a date adverb (vandaag, morgen, gisteren) does not count as a word no plan has', () => {
    const { query } = setup(['Een leerling kan voor een dag geschorst worden.'], {}, ['morgen', 'vandaag']);
    const q = query('mag ik hem morgen thuis laten blijven', 'nl');
    expect(q.concepts.find((c) => c.word === 'morgen')?.content).toBe(false);
  });
});

describe('numbered steps and chapters', () => {
  test('a title\'s "Stap 3" is also the term stap3', () => {
    expect(numberedTerm('stap', '3')).toBe('stap3');
    expect(numberedTerm('stap', 'drie')).toBeUndefined();
    const { analyzer } = setup([]);
    expect(analyzer.documentTerms('Stap 3, gesprek met cliënt')).toContain('stap3');
  });
  test.each([
    ['stap 2 meldcode', 'nl'],
    ['tweede stap van de meldcode', 'nl'],
    ['what is the second step of the reporting code', 'en'],
    ['step two of the reporting code', 'en'],
  ] as const)('"%s" searches stap2, and stap alone only as part of it', (q, lang) => {
    const { analyzer, query } = setup(['Stap 1, signaleren', 'Stap 2, overleg met collega'], { english: { step: 'stap', 'reporting code': 'meldcode' } });
    const c = query(q, lang).concepts.find((x) => x.terms.has('stap2'))!;
    expect(c.terms.get('stap2')).toBe(1);
    expect(c.terms.get(analyzer.termOf('stap'))).toBeLessThan(1);
    expect(query(q, lang).concepts.map((x) => x.word)).not.toContain(lang === 'nl' ? 'tweede' : 'second');
  });
});

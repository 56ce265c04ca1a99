/**
 * Which words of a question are its topic. How the asker introduces herself ("ik ben invaller", "I'm a student
 * teacher") is not: a word there that no plan has must not make an answerable question look off-topic. An
 * abbreviation typed in capitals (VOG) is, even when short and unknown.
 */
import * as path from 'path';
import { Analyzer, markAcronyms, markAskerDescription, withoutAskerDescription, type QueryConcept } from '../../src/knowledge/analysis/analyzer';
import { loadAnalysisResources } from '../../src/knowledge/analysis/resources';
import type { Passage } from '../../src/knowledge/passages';
import { SearchIndex } from '../../src/knowledge/search-index';
import { dutchWordList } from '../../src/knowledge/analysis/wordlist';

const concepts = (...ws: string[]): QueryConcept[] => ws.map((word) => ({ word, terms: new Map([[word, 1]]), content: true }));
const topics = (cs: QueryConcept[]) => cs.filter((c) => c.content !== false).map((c) => c.word);

describe('the asker describing herself', () => {
  it('takes the words after "ik ben / ik werk (sinds kort) als" up to the next small word', () => {
    const cs = concepts('invaller', 'vrijdag', 'bhv');
    markAskerDescription('Ik werk sinds kort als invaller en op vrijdag is er geen bhv', 'nl', cs);
    expect(topics(cs)).toEqual(['vrijdag', 'bhv']);
    const cs2 = concepts('stagiair', 'leerling', 'papa');
    markAskerDescription('Een leerling zegt dat papa slaat. Ik ben stagiair en schrok ervan.', 'nl', cs2);
    expect(topics(cs2)).toEqual(['leerling', 'papa']);
  });
  it('in English too, a two-word role included', () => {
    const cs = concepts('student', 'teacher', 'staff', 'pupil');
    markAskerDescription("I'm a student teacher and a staff member touched a pupil", 'en', cs);
    expect(topics(cs)).toEqual(['staff', 'pupil']);
  });
  it('stops at the end of the clause and leaves questions without an introduction alone', () => {
    const cs = concepts('iber', 'taken');
    markAskerDescription("ik ben de ib'er, wat zijn de taken", 'nl', cs);
    expect(topics(cs)).toEqual(['taken']);
    const cs2 = concepts('invaller', 'regels');
    markAskerDescription('welke regels gelden voor een invaller?', 'nl', cs2);
    expect(topics(cs2)).toEqual(['invaller', 'regels']);
  });
});

describe('phrasings written in a new colleague\'s voice', () => {
  const resources = loadAnalysisResources(path.resolve(__dirname, '../../knowledge'));
  const passage = (id: string, text: string): Passage => ({ key: `a#${id}#0`, docId: 'a', docTitle: 'A', sectionId: id, sectionTitle: id, parents: [], text, isTemplate: false });
  const passages = [passage('rouw', 'Bij overlijden van een ouder volgt de school het rouwprotocol.'), passage('gym', 'Tijdens gymlessen is een bevoegd persoon aanwezig.')];
  const phrasings = (p: Passage) => (p.sectionId === 'rouw' ? ['Ik ben invaller en een ouder is overleden, wat nu?'] : []);

  it('lose the writer\'s introduction: the section is not about invallers', () => {
    expect(withoutAskerDescription('Ik ben invaller en een ouder is overleden, wat nu?')).not.toContain('invaller');
    expect(withoutAskerDescription("I'm a substitute and a parent died")).not.toContain('substitute');
    expect(withoutAskerDescription('welke regels gelden voor een invaller?')).toContain('invaller');
  });

  it('so a question that only shares the asker\'s introduction with a phrasing does not find that section', () => {
    const analyzer = new Analyzer(resources, [...passages.map((p) => p.text), ...passages.flatMap(phrasings)], () => null);
    const index = new SearchIndex(analyzer, passages, phrasings);
    const query = analyzer.analyseQuery('ik ben invaller, mag ik alleen gymles geven?', 'nl', index.terms);
    const hits = index.search(query, () => true, 2);
    expect(hits[0].passage.sectionId).toBe('gym');
    expect(hits.map((h) => h.passage.sectionId)).not.toContain('rouw');
  });
});

describe('abbreviations typed in capitals', () => {
  it('are topics even when short and unknown to the word list (VOG, BSO)', () => {
    const cs = concepts('vog', 'betaalt');
    cs.forEach((c) => (c.content = false));
    markAcronyms('Moeten ouders een VOG overleggen, en wie betaalt die?', cs);
    expect(topics(cs)).toEqual(['vog']);
  });
  it('but not in a question typed all in capitals', () => {
    const cs = concepts('vog', 'betaalt');
    cs.forEach((c) => (c.content = false));
    markAcronyms('MOETEN OUDERS EEN VOG OVERLEGGEN EN WIE BETAALT DIE', cs);
    expect(topics(cs)).toEqual([]);
  });
});

describe('a word only a phrasing has', () => {
  it('still gets the stand-ins of its last part, to meet the plan\'s own sentences (zakmes → mes → wapen)', () => {
    const resources = loadAnalysisResources(path.resolve(__dirname, '../../knowledge'));
    const passage: Passage = { key: 'a#1#0', docId: 'a', docTitle: 'A', sectionId: '1', sectionTitle: '1', parents: [], text: 'Het meenemen van wapens naar school is een ernstig incident.', isTemplate: false };
    const phrasings = () => ['kind heeft een zakmes bij zich'];
    const analyzer = new Analyzer(resources, [passage.text, ...phrasings()], () => dutchWordList());
    const index = new SearchIndex(analyzer, [passage], phrasings);
    expect(index.terms.has(analyzer.termOf('zakmes'))).toBe(true);
    expect(index.textTerms.has(analyzer.termOf('zakmes'))).toBe(false);
    const concept = analyzer.analyseQuery('een zakmes op het plein', 'nl', index.terms, index.textTerms).concepts.find((c) => c.word === 'zakmes');
    expect(concept?.terms.has(analyzer.termOf('wapens'))).toBe(true);
  });
});

/** One plan sentence and the Dutch word list: which words of a question the analyser takes for its topic. */
const wordAnalyzer = new Analyzer(loadAnalysisResources(path.resolve(__dirname, '../../knowledge')), ['De school meldt een incident bij de directie.'], () => dutchWordList());
const concept = (question: string, word: string) => wordAnalyzer.analyseQuery(question, 'nl', new Set()).concepts.find((c) => c.word === word);
const content = (question: string, word: string) => concept(question, word)?.content;

describe('an infinitive that names the activity asked about', () => {

  it('is a topic when the word list knows it only as a verb (schoolzwemmen, sponsoren)', () => {
    expect(concept('gaat groep 5 dit jaar nog schoolzwemmen', 'schoolzwemmen')).toMatchObject({ content: true, activity: true });
    expect(concept('mag een bedrijf onze school sponsoren', 'sponsoren')).toMatchObject({ content: true, activity: true });
  });

  it('but not an everyday action, a general -eren/-elen verb, or a verb after "te"', () => {
    expect(concept('mag ik de dozen hier neerzetten', 'neerzetten')?.content).toBe(false);
    expect(concept('hoe moet ik reageren', 'reageren')?.content).toBe(false);
    expect(concept('gaan we om te zwemmen naar het bad', 'zwemmen')?.content).toBe(false);
  });
});

describe('a plural noun that is also a verb (luizen, fietsen)', () => {
  it('is a noun before a preposition or an article, as a verb closes its clause', () => {
    expect(content('er zijn weer luizen in groep 3', 'luizen')).toBe(true);
    expect(content('luizen na de vakantie', 'luizen')).toBe(true);
    expect(content('hebben de kinderen fietsen bij zich', 'fietsen')).toBe(true);
  });

  it('is a verb after a subject pronoun or at the end of its clause', () => {
    expect(content('mogen ze naar huis fietsen', 'fietsen')).toBe(false);
    expect(content('wij fietsen naar het bos', 'fietsen')).toBe(false);
  });
});

describe('a number in the question', () => {
  it('says how many or how long, not what it is about ("tien minuten", "twintig kinderen", "3 dagen")', () => {
    expect(content('een kind moest tien minuten tegen de muur staan', 'tien')).toBe(false);
    expect(content('twintig kinderen op het plein', 'twintig')).toBe(false);
    expect(content('al 3 dagen afwezig', '3')).not.toBe(true);
    expect(content('een kind moest tien minuten tegen de muur staan', 'muur')).toBe(true);
  });

  it('"in m\'n eentje" (alone) says how, not what: no topic word', () => {
    const words = wordAnalyzer.analyseQuery('mag ik in mn eentje de gymles geven?', 'nl', new Set()).concepts.map((c) => c.word);
    expect(words).not.toContain('eentje');
  });
});

describe('a noun that is also an adjective (mobiel, lokaal, fout)', () => {
  it('is a noun after a determiner when no noun follows', () => {
    expect(content('mogen ze hun mobiel mee naar school nemen', 'mobiel')).toBe(true);
    expect(content('mogen ze hun mobiel bij zich houden', 'mobiel')).toBe(true);
    expect(content('de wifi in mijn lokaal valt weg', 'lokaal')).toBe(true);
  });

  it('is an adjective before its noun, after a pronoun or on its own', () => {
    expect(content('is het mobiel bereik op school goed', 'mobiel')).toBe(false);
    expect(content('is het goed als ik bel', 'goed')).toBe(false);
    expect(content('de leerling is erg mobiel', 'mobiel')).toBe(false);
  });

  it('"een paar" counts (a few), it names nothing', () => {
    expect(content('mag een kind een paar dagen thuisblijven', 'paar')).toBeUndefined();
  });
});

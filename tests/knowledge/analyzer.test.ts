import * as path from 'path';
import { Analyzer, expandClitics } from '../../src/knowledge/analysis/analyzer';
import { fold, words } from '../../src/knowledge/analysis/normalize';
import { loadAnalysisResources } from '../../src/knowledge/analysis/resources';

const resources = loadAnalysisResources(path.resolve(__dirname, '../../knowledge'));
const corpus = [
  'De anti-pestcoördinator is het aanspreekpunt bij pesten. Het pestprotocol beschrijft de stappen.',
  'De vertrouwenspersoon luistert. Incidenten worden vastgelegd in de incidentenregistratie.',
  'Een leerling kan worden geschorst; de schorsing duurt maximaal een week. Leerlingen worden gepest.',
  'De persoon van vertrouwen. Een incident is een registratie waard. Bedrijfshulpverleners (BHV) zijn aanwezig.',
];
const analyzer = new Analyzer(resources, corpus);
const index = new Set(corpus.flatMap((t) => analyzer.documentTerms(t)));
const queryTerms = (q: string, lang: 'nl' | 'en' = 'nl') => analyzer.analyseQuery(q, lang, index).terms;

describe('normalisation', () => {
  test('folds diacritics and case', () => {
    expect(fold('Coördinator GEËVALUEERD')).toBe('coordinator geevalueerd');
  });
  test('an abbreviation joined by an ampersand is one word (RI&E → rie)', () => {
    expect(words('De RI&E en O & K')).toEqual(['de', 'rie', 'en', 'ok']);
  });
  test('Dutch clitics are written out before the apostrophe is dropped (zo\'n is not "zon", the sun)', () => {
    expect(expandClitics("is zo'n plan verplicht voor m'n school en z'n klas?")).toBe('is zo plan verplicht voor mijn school en zijn klas?');
  });
  test('hyphenated words give parts and the joined form; apostrophes vanish', () => {
    expect(words("anti-pestcoördinator bhv'ers")).toEqual(['anti', 'pestcoordinator', 'antipestcoordinator', 'bhvers']);
  });
});

describe('compound splitting from the plans\' vocabulary', () => {
  test.each([
    ['pestcoordinator', ['pest', 'coordinator']],
    ['vertrouwenspersoon', ['vertrouwen', 'persoon']],
    ['incidentenregistratie', ['incidenten', 'registratie']],
  ])('%s', (word, parts) => {
    expect(analyzer.splitCompound(word)).toEqual(parts);
  });
  test('a part in the plural of a word the plans use is a part (leerlingbesprekingen → leerling + besprekingen)', () => {
    const a = new Analyzer(resources, ['Elke leerling heeft recht op een bespreking.'], () => null);
    expect(a.splitCompound('leerlingbesprekingen')).toEqual(['leerling', 'besprekingen']);
    expect(a.termOf('besprekingen')).toBe(a.termOf('bespreking'));
  });
  test('a plain word is not split', () => {
    expect(analyzer.splitCompound('registratie')).toBeNull();
  });
  test('-eren is an ending, not the verb eren (kind-eren, inform-eren are no compounds)', () => {
    const a = new Analyzer(resources, ['Wij eren de vrijwilligers. Elk kind en elke ouder wordt goed geïnformeerd; we informeren snel.'], () => null);
    expect(a.splitCompound('kinderen')).toBeNull();
    expect(a.splitCompound('informeren')).toBeNull();
  });
  test('a question about "pesten" finds the compound antipestcoördinator', () => {
    const doc = new Set(analyzer.documentTerms('antipestcoördinator'));
    expect([...queryTerms('pesten').keys()].some((t) => doc.has(t))).toBe(true);
  });
});

describe('stemming', () => {
  test('plural -s after a vowel meets the singular (ruzies → ruzie, foto\'s → foto)', () => {
    expect(analyzer.termOf('ruzies')).toBe(analyzer.termOf('ruzie'));
    expect(analyzer.termOf(words("foto's")[0])).toBe(analyzer.termOf('foto'));
  });
  test('participles of separable and strong verbs meet the infinitive (weggelopen → weglopen, gehouden → houden)', () => {
    const a = new Analyzer(resources, ['Een leerling kan weglopen. Wij houden toezicht.']);
    expect(a.termOf('weggelopen')).toBe(a.termOf('weglopen'));
    expect(a.termOf('gehouden')).toBe(a.termOf('houden'));
  });
  test('a plural after a doubled consonant meets the singular (protocollen → protocol)', () => {
    expect(analyzer.termOf('protocollen')).toBe(analyzer.termOf('protocol'));
  });
  test('past forms meet their infinitive (gebeurd → gebeuren)', () => {
    const a = new Analyzer(resources, ['Wat er is gebeurd. Dat kan gebeuren.']);
    expect(a.termOf('gebeurd')).toBe(a.termOf('gebeuren'));
  });
  test('participles meet the verb (gepest → pest, geschorst → schors)', () => {
    expect(analyzer.termOf('gepest')).toBe(analyzer.termOf('pesten'));
    expect(analyzer.termOf('geschorst')).toBe(analyzer.termOf('schorsen'));
  });
});

describe('queries', () => {
  test('stop words and question words carry no term', () => {
    expect([...queryTerms('wie is dat en hoe moet ik dat doen?').keys()]).toEqual([]);
  });
  test('English is mapped to the plans\' Dutch', () => {
    const terms = queryTerms('Who is the confidential adviser for bullying?', 'en');
    expect(terms.has(analyzer.termOf('vertrouwenspersoon'))).toBe(true);
    expect(terms.has(analyzer.termOf('pesten'))).toBe(true);
  });
  test('thesaurus synonyms join at lower weight', () => {
    const terms = queryTerms('mag ik een kind vastpakken');
    expect(terms.get(analyzer.termOf('vastpakken'))).toBe(1);
    expect(terms.get(analyzer.termOf('vasthouden'))).toBeLessThan(1);
  });
  test('a typo is repaired against the vocabulary', () => {
    expect(queryTerms('vertrouwenspesoon').has(analyzer.termOf('vertrouwenspersoon'))).toBe(true);
  });
  test('an English phrasal verb is found in any form and with its object between verb and particle', () => {
    const words = (q: string) => analyzer.analyseQuery(q, 'en', index).concepts.map((c) => c.word);
    // "tell off" and "pick up" are thesaurus phrases; "calm down" too.
    expect(words('a mum told him off at the gate')).toContain('tell off');
    expect(words('she tells them off')).toContain('tell off');
    expect(words('who picked her up today?')).toContain('pick up');
    // Only a pronoun may stand between: "told the class off" is not taken apart that far.
    expect(words('I told the class off')).not.toContain('tell off');
  });
  test('a hyphenated English phrase (pick-up) is one notion, not the phrase and its joined form', () => {
    const words = analyzer.analyseQuery('what happens at pick-up time?', 'en', index).concepts.map((c) => c.word);
    expect(words).toContain('pick up');
    expect(words).not.toContain('pickup');
  });
  test('a form of an English month name is not the month ("marched" is no March)', () => {
    const concept = analyzer.analyseQuery('she marched up to him', 'en', index).concepts.find((c) => c.word === 'marched');
    expect(concept?.terms.has(analyzer.termOf('maart'))).toBeFalsy();
  });
  test('English contractions, with or without the apostrophe, are function words, not topics', () => {
    const concepts = analyzer.analyseQuery("What's the rule if they're bullied and whos the confidential adviser?", 'en', index).concepts.map((c) => c.word);
    expect(concepts).not.toEqual(expect.arrayContaining(['whats']));
    expect(concepts).not.toContain('theyre');
    expect(concepts).not.toContain('whos');
  });
  test('a clitic does not become a content word (zo\'n is no "zon")', () => {
    expect(analyzer.analyseQuery("is zo'n pestprotocol verplicht?", 'nl', index).concepts.map((c) => c.word)).not.toContain('zon');
  });
  test('a noun that is also a verb form is a topic by its place in the sentence', () => {
    const content = (q: string, word: string) => analyzer.analyseQuery(q, 'nl', index).concepts.find((c) => c.word === word)?.content;
    expect(content('mogen ze trakteren op snoep?', 'snoep')).toBe(true); // after a preposition
    expect(content('ik snoep nooit in de klas', 'snoep')).toBe(false); // after a subject: the verb
    expect(content('wat kost een schoolreisje?', 'kost')).toBe(false); // the -t form of the verb
    expect(content('wat vinden ouders van het overblijven?', 'overblijven')).toBe(true); // "het" + verb: its noun
  });
  test('an English word the plans lack is a topic when the question\'s grammar makes it a noun, whatever its length', () => {
    const content = (q: string, word: string) => analyzer.analyseQuery(q, 'en', index).concepts.find((c) => c.word === word)?.content;
    expect(content('is there a lice check after the holidays?', 'lice')).toBe(true);
    expect(content('where can I leave my car during the day?', 'car')).toBe(true);
    expect(content('a parent keeps calling me about it', 'calling')).toBe(false);
    expect(content('the local newspaper phoned', 'local')).toBe(false);
  });
  test('a compound of two short real words stands for the kind of thing its last part names (zakmes → mes → wapen)', () => {
    const plan = ['Het meenemen van wapens naar school is verboden. Leerlingen melden een incident bij de leerkracht. Men belt de ouders.'];
    const a = new Analyzer(resources, plan);
    const terms = new Set(plan.flatMap((t) => a.documentTerms(t)));
    expect(a.analyseQuery('kind had een zakmes bij zich', 'nl', terms).terms.has(a.termOf('wapens'))).toBe(true);
    // No chance split: the first part must be a word too.
    expect(a.analyseQuery('kind had een qxzmes bij zich', 'nl', terms).terms.has(a.termOf('wapens'))).toBe(false);
    // Nor a last part that names no thing: schoolzwemmen is no kind of "men".
    expect(a.analyseQuery('gaat groep 5 nog schoolzwemmen?', 'nl', terms).terms.has(a.termOf('men'))).toBe(false);
  });
  test('language detection', () => {
    expect(analyzer.detectLanguage('What do I do if I suspect abuse at home?')).toBe('en');
    expect(analyzer.detectLanguage('wat moet ik doen bij een vermoeden van mishandeling?')).toBe('nl');
  });
});

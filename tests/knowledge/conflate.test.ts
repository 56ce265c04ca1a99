import * as path from 'path';
import { Analyzer, englishBaseForms } from '../../src/knowledge/analysis/analyzer';
import { ablautCounterparts, diminutiveBases, formVariants, looksLikeVerbForm, monosyllabicInfinitive, presentTenseInfinitives } from '../../src/knowledge/analysis/conflate';
import { loadAnalysisResources } from '../../src/knowledge/analysis/resources';

const resources = loadAnalysisResources(path.resolve(__dirname, '../../knowledge'));

describe('conflation layer over Snowball (word forms it leaves apart)', () => {
  test.each([
    ['wettelijk', 'wet'], // legal adjective → law noun
    ['wet', 'wettelijk'],
    ['preventiev', 'preventie'], // -ieve → -ie
    ['preventie', 'preventief'],
    ['melding', 'meld'], // -ing noun → verb
    ['meld', 'melding'],
    ['registratie', 'registrer'], // -atie → -eren
    ['meldt', 'meld'], // a verb's -t
  ])('%s also searches %s', (stem, related) => {
    expect(formVariants(stem)).toContain(related);
  });
  test('a noun does not reach an adjective of another meaning (tijd ↛ tijdelijk, reden ↛ redelijk)', () => {
    expect(formVariants('tijd')).not.toContain('tijdelijk');
    expect(formVariants('red')).not.toContain('redelijk');
  });
  test('only a verb form reaches an -ing noun: a noun does not reach one of another meaning (school ↛ scholing)', () => {
    expect(looksLikeVerbForm('melden')).toBe(true);
    expect(looksLikeVerbForm('meldt')).toBe(true);
    expect(looksLikeVerbForm('school')).toBe(false);
    expect(looksLikeVerbForm('regel')).toBe(false);
    expect(formVariants('meld', looksLikeVerbForm('melden'))).toContain('melding');
    expect(formVariants('schol', looksLikeVerbForm('school'))).not.toContain('scholing');
    // The -ing noun itself still reaches its verb.
    expect(formVariants('melding', looksLikeVerbForm('melding'))).toContain('meld');
    const text = 'Elke melding wordt vastgelegd. Scholing van het team vindt jaarlijks plaats op school.';
    const a = new Analyzer(resources, [text], () => null);
    const index = new Set(a.documentTerms(text));
    expect(a.analyseQuery('wat is de regel op school', 'nl', index).terms.has(a.termOf('scholing'))).toBe(false);
    expect(a.analyseQuery('moet ik dat melden', 'nl', index).terms.has(a.termOf('melding'))).toBe(true);
  });
  test('a strong verb reaches its vowel-changed noun and back (kiezen ↔ keuze, helpen ↔ hulp); other words reach neither', () => {
    expect(ablautCounterparts('kiezen')).toEqual(['keuze']);
    expect(ablautCounterparts('keuze')).toEqual(['kiezen']);
    expect(ablautCounterparts('toezicht')).toEqual(['toezien']);
    expect(ablautCounterparts('kies')).toEqual([]);
    const text = 'Scholen zijn vrij in de keuze van het instrument. Ouders krijgen hulp van de school.';
    const a = new Analyzer(resources, [text], () => null);
    const index = new Set(a.documentTerms(text));
    expect(a.analyseQuery('mogen we zelf kiezen?', 'nl', index).terms.has(a.termOf('keuze'))).toBe(true);
    expect(a.analyseQuery('wie kan ouders helpen?', 'nl', index).terms.has(a.termOf('hulp'))).toBe(true);
  });
  test('a diminutive searches as its base (kamertje → kamer, balletje → bal, autootje → auto)', () => {
    expect(diminutiveBases('kamertje')).toContain('kamer');
    expect(diminutiveBases('briefje')).toContain('brief');
    expect(diminutiveBases('balletje')).toContain('bal');
    expect(diminutiveBases('autootje')).toContain('auto');
    expect(diminutiveBases('kindjes')).toContain('kind');
    expect(diminutiveBases('project')).toEqual([]);
    const text = 'Een brief aan de ouders wordt door de directie verstuurd.';
    const a = new Analyzer(resources, [text], () => null);
    const index = new Set(a.documentTerms(text));
    expect(a.analyseQuery('moet er een briefje naar huis?', 'nl', index).terms.get(a.termOf('brief'))).toBe(1);
  });
  test('irregular and monosyllabic present tense reach the infinitive', () => {
    expect(presentTenseInfinitives('slaat')).toContain('slaan');
    expect(presentTenseInfinitives('heeft')).toContain('hebben');
    expect(presentTenseInfinitives('schopt')).toContain('schoppen');
  });
  test('a monosyllabic present tense is its infinitive on both sides, also after a prefix (slaat = slaan, voldoet = voldoen)', () => {
    expect(monosyllabicInfinitive('slaat')).toBe('slaan');
    expect(monosyllabicInfinitive('voldoet')).toBe('voldoen');
    expect(monosyllabicInfinitive('misgaat')).toBe('misgaan');
    // Not a rule on -aat/-oet/-eet: nouns stay themselves (baat ↛ baan, groet ↛ groen, beet ↛ been).
    expect(monosyllabicInfinitive('baat')).toBeUndefined();
    expect(monosyllabicInfinitive('groet')).toBeUndefined();
    // A phrasing that says "slaat" no longer keeps the question's "slaat" away from the plan's "slaan" (and its stand-ins).
    const a = new Analyzer(resources, ['Een kind dat slaat wordt apart genomen.', 'Slaan en schoppen is nooit toegestaan.'], () => null);
    expect(a.termOf('slaat')).toBe(a.termOf('slaan'));
    const index = new Set(a.documentTerms('Slaan en schoppen is nooit toegestaan. Een kind dat slaat wordt apart genomen.'));
    expect(a.analyseQuery('een kind slaat andere kinderen', 'nl', index).terms.has(a.termOf('schoppen'))).toBe(true);
  });
  test('a question in one form finds a plan that only has the other', () => {
    const a = new Analyzer(resources, ['De school heeft een wettelijke taak. Elke melding wordt vastgelegd.'], () => null);
    const index = new Set(a.documentTerms('De school heeft een wettelijke taak. Elke melding wordt vastgelegd.'));
    const q = a.analyseQuery('wat zegt de wet over melden', 'nl', index);
    expect(q.terms.has(a.termOf('wettelijke'))).toBe(true);
    expect(q.terms.has(a.termOf('melding'))).toBe(true);
  });
  test('inflected English words reach entries that exist only in a base form', () => {
    expect(englishBaseForms('threatens')).toContain('threaten');
    expect(englishBaseForms('bullying')).toContain('bully');
    expect(englishBaseForms('hurried')).toContain('hurry');
    const a = new Analyzer(resources, ['Bij bedreiging door een ouder wordt de politie gebeld.'], () => null);
    const index = new Set(a.documentTerms('Bij bedreiging door een ouder wordt de politie gebeld.'));
    expect(a.analyseQuery('a parent threatens a teacher', 'en', index).terms.has(a.termOf('bedreigen'))).toBe(true);
  });
  test("a possessive typed without its apostrophe is the function word it comes from (someone's, other's)", () => {
    const text = 'De directeur beslist over een schorsing. Toestemming van iemand anders is niet nodig.';
    const a = new Analyzer(resources, [text], () => null);
    const index = new Set(a.documentTerms(text));
    const words = a.analyseQuery("Do I need someone's OK for a suspension?", 'en', index).concepts.map((c) => c.word);
    expect(words).not.toContain('someones');
    expect(words).toContain('suspension');
  });
});

describe('separable verbs split in a question', () => {
  const text = 'Elk incident wordt vastgelegd in het dossier. De directie zal de melding oppakken.';
  const a = new Analyzer(resources, [text], () => null);
  const index = new Set(a.documentTerms(text));
  test('the particle at the end of the clause joins the verb (leg … vast → vastleggen, pakt … op → oppakken)', () => {
    const q = a.analyseQuery('waar leg ik een incident vast en wie pakt dat op?', 'nl', index);
    expect(q.terms.has(a.termOf('vastleggen'))).toBe(true);
    expect(q.terms.has(a.termOf('oppakken'))).toBe(true);
    expect(q.concepts.map((c) => c.word)).not.toContain('vast');
  });
  test('a light verb that is a stop word alone joins its particle (hoe gaan we met elkaar om → omgaan)', () => {
    const plan = 'Wij leren kinderen respectvol met elkaar omgaan. Iedereen mag meedoen.';
    const b = new Analyzer(resources, [plan], () => null);
    const terms = new Set(b.documentTerms(plan));
    const q = b.analyseQuery('hoe gaan we hier met elkaar om?', 'nl', terms);
    expect(q.terms.has(b.termOf('omgaan'))).toBe(true);
    expect(q.concepts.find((c) => c.word === 'omgaan')?.content).toBe(false);
    expect(b.analyseQuery('wie doet er mee?', 'nl', terms).terms.has(b.termOf('meedoen'))).toBe(true);
  });
  test('a preposition inside the clause is left alone', () => {
    const q = a.analyseQuery('leg het incident op tafel', 'nl', index);
    expect(q.terms.has(a.termOf('opleggen'))).toBe(false);
  });
});

describe('ge- plurals are not participles', () => {
  test('gesprekken meets gesprek (not spreken) when the plans use the singular', () => {
    const a = new Analyzer(resources, ['Het gesprek met ouders. Wij spreken af. De gesprekken worden vastgelegd.'], () => null);
    expect(a.termOf('gesprekken')).toBe(a.termOf('gesprek'));
    expect(a.termOf('gesprekken')).not.toBe(a.termOf('spreken'));
  });
});

describe('definition questions', () => {
  const text = 'Onder discriminatie verstaan wij elk onderscheid naar afkomst. Wij noemen elkaar bij de naam en discriminatie hoort daar niet bij.';
  const a = new Analyzer(resources, [text], () => null);
  const index = new Set(a.documentTerms(text));
  test.each(['wanneer noemen we iets discriminatie?', 'wat is discriminatie?', 'what counts as discrimination?'])('"%s" looks for the words plans define with, not for the frame', (q) => {
    const query = a.analyseQuery(q, q.startsWith('what') ? 'en' : 'nl', index);
    expect(query.terms.has(a.termOf('verstaan'))).toBe(true);
    expect(query.concepts.map((c) => c.word)).not.toContain('noemen');
  });
  test('an ordinary question gets no definition cue', () => {
    expect(a.analyseQuery('wat is de procedure bij discriminatie op het plein?', 'nl', index).terms.has(a.termOf('verstaan'))).toBe(false);
  });
});

describe('strong participles', () => {
  test('meet their verb, not the word their ge- form looks like (gescholden ↛ school, geslagen ↛ slagen)', () => {
    const a = new Analyzer(resources, ['De school meldt schelden. Kinderen die slaan worden aangesproken. Wie slaagt, krijgt een diploma.'], () => null);
    expect(a.termOf('gescholden')).toBe(a.termOf('schelden'));
    expect(a.termOf('gescholden')).not.toBe(a.termOf('school'));
    expect(a.termOf('geslagen')).toBe(a.termOf('slaan'));
    expect(a.termOf('geslagen')).not.toBe(a.termOf('slagen'));
  });
  test('meet their verb when the plan uses another form (meegenomen → meenemen, gevonden → vinden, vastgehouden → vasthouden)', () => {
    const a = new Analyzer(resources, ['Leerlingen die een wapen meenemen, worden geschorst. Als er een andere school te vinden is. Een kind vasthouden mag alleen bij gevaar.'], () => null);
    expect(a.termOf('meegenomen')).toBe(a.termOf('meenemen'));
    expect(a.termOf('gevonden')).toBe(a.termOf('vinden'));
    expect(a.termOf('vastgehouden')).toBe(a.termOf('vasthouden'));
  });
  test('a participle that is a word of its own is left alone (geleden is "ago", gedragen not gedrag)', () => {
    const a = new Analyzer(resources, ['Het gedrag van leerlingen. Twee weken geleden.'], () => null);
    expect(a.termOf('geleden')).not.toBe(a.termOf('lijden'));
    expect(a.termOf('gedragen')).not.toBe(a.termOf('dragen'));
  });
});

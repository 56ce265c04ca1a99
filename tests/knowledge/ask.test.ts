import * as path from 'path';
import { createKnowledgeService } from '../../src/knowledge';
import type { PlanDocument, PlanSection, School } from '../../src/knowledge/types';

const root = path.resolve(__dirname, '../..');
const section = (id: string, title: string, text: string, isTemplate = false): PlanSection => ({
  id, number: id, title, level: 2, parents: ['Beleid'], text, isTemplate,
});
const schools: School[] = [
  { id: 'alpha', name: 'School Alpha', board: 'b1', code: 'ALP' },
  { id: 'beta', name: 'School Beta', board: 'b1', code: 'BET' },
  { id: 'gamma', name: 'School Gamma', board: 'b2', code: 'GAM' },
];
const documents: PlanDocument[] = [
  {
    id: 'board-b1', title: 'Bestuursbeleid B1', scope: { level: 'board', board: 'b1' }, source: 'b1.txt',
    sections: [section('1.1', 'Schorsing', 'Een schorsing duurt ten hoogste een week. Het bestuur wordt bij elke schorsing ingelicht.')],
  },
  {
    id: 'alpha', title: 'Veiligheidsplan Alpha', scope: { level: 'school', board: 'b1', schools: ['alpha'] }, source: 'a.txt',
    sections: [
      section('2.1', 'Fysiek contact', 'Vastpakken van leerlingen vermijden wij. Alleen bij direct gevaar houdt een leerkracht een leerling kort vast.'),
      section('9.1', 'Format', 'Vul hier de naam van de school in. De blokken met uitleg kun je verwijderen.', true),
    ],
  },
  {
    id: 'beta', title: 'Veiligheidsplan Beta', scope: { level: 'school', board: 'b1', schools: ['beta'] }, source: 'b.txt',
    sections: [section('2.1', 'Fysiek contact', 'Op Beta mogen leerkrachten leerlingen vastpakken als dat nodig is om ze te kalmeren.')],
  },
  {
    id: 'gamma', title: 'Veiligheidsplan Gamma', scope: { level: 'school', board: 'b2', schools: ['gamma'] }, source: 'g.txt',
    sections: [section('3.1', 'Schorsing', 'Bij Gamma duurt een schorsing maximaal drie dagen.')],
  },
];
// Abstention is decided on strength (score relative to the question's weight), so the shipped calibration
// holds for a corpus this small too.
const service = createKnowledgeService({ documents, schools }, path.join(root, 'knowledge'), path.join(root, 'cards'));

describe('school scoping', () => {
  test.each(['alpha', 'beta', 'gamma'])('a question at %s only cites that school and its board', (school) => {
    for (const q of ['mag ik een leerling vastpakken?', 'hoe lang duurt een schorsing?', 'fysiek contact vastpakken schorsing']) {
      const { answer } = service.answerPolicy(school, q);
      for (const s of answer.sources) {
        const doc = documents.find((d) => d.id === s.doc)!;
        const applies = doc.scope.level === 'board' ? doc.scope.board === schools.find((x) => x.id === school)!.board : doc.scope.schools.includes(school);
        expect(applies).toBe(true);
      }
    }
  });
  test('the board plan answers for every school of the board', () => {
    expect(service.answerPolicy('beta', 'hoe lang mag een schorsing duren?').answer.sources[0].doc).toBe('board-b1');
    expect(service.answerPolicy('gamma', 'hoe lang mag een schorsing duren?').answer.sources[0].doc).toBe('gamma');
  });
  test('an unknown school is an error, not another school\'s answer', () => {
    expect(() => service.answerPolicy('delta', 'schorsing')).toThrow(/Unknown school/);
  });
});

describe('answers and abstention', () => {
  test('answers with the sentence that matches, citing the section', () => {
    const { answer } = service.answerPolicy('alpha', 'mag ik een kind vastpakken als het doordraait?');
    expect(answer.abstained).toBe(false);
    expect(answer.sources[0]).toMatchObject({ doc: 'alpha', section: '2.1 Fysiek contact' });
    expect(answer.answer).toMatch(/Vastpakken van leerlingen vermijden wij/);
  });
  test('abstains when the plans do not cover the question', () => {
    const { answer } = service.answerPolicy('alpha', 'wat is het wifi wachtwoord van de teamkamer?');
    expect(answer.abstained).toBe(true);
    expect(answer.sources).toEqual([]);
    expect(answer.answer).toMatch(/School Alpha/);
  });
  test('English questions get English abstentions', () => {
    const { answer } = service.answerPolicy('alpha', 'How much parental leave am I entitled to?');
    expect(answer).toMatchObject({ abstained: true, lang: 'en' });
  });
  test('template sections are not served as policy, unless the question is about the template', () => {
    expect(service.answerPolicy('alpha', 'mag de uitleg verwijderd worden?').answer.sources.every((s) => s.section !== '9.1 Format')).toBe(true);
    expect(service.answerPolicy('alpha', 'ik vul het format in, mogen de blokken met uitleg eruit?').answer.sources[0]?.section).toBe('9.1 Format');
  });
  test('the whole section can be shown', () => {
    expect(service.section('alpha', '2.1')).toMatchObject({ docTitle: 'Veiligheidsplan Alpha', section: '2.1 Fysiek contact' });
    expect(service.section('alpha', 'nope')).toBeUndefined();
  });
});

describe('abstention: words no plan has at all raise the bar', () => {
  // Only the rule is under test here: with a steep rise any unknown content word refuses the answer.
  const steep = createKnowledgeService({ documents, schools }, path.join(root, 'knowledge'), path.join(root, 'cards'), { minStrength: 0, minCoverage: 0, perUnknownShare: 100 });
  test('a question whose key noun no plan has is refused, even when its other words match', () => {
    const result = steep.answerPolicy('alpha', 'mag een leerkracht het wachtwoord van een leerling vastpakken?');
    expect(result.unknown?.words).toEqual(['wachtwoord']);
    expect(result.answer.abstained).toBe(true);
  });
  test('a word the answer\'s section lacks but another plan has is no evidence against the answer', () => {
    const result = steep.answerPolicy('alpha', 'mag een leerkracht in gamma een leerling vastpakken?');
    expect(result.unknown).toEqual({ words: [], share: 0 });
    expect(result.answer.abstained).toBe(false);
  });
  test('the rise is by share: the same unknown word weighs less in a question that says more the plans know', () => {
    const short = steep.answerPolicy('alpha', 'wachtwoord vastpakken').unknown!;
    const long = steep.answerPolicy('alpha', 'wachtwoord vastpakken leerling schorsing bestuur').unknown!;
    expect(short.words).toEqual(['wachtwoord']);
    expect(long.words).toEqual(['wachtwoord']);
    expect(long.share).toBeLessThan(short.share);
    expect(short.share).toBeLessThan(1);
  });
  test('a verb or filler word the plans lack is no topic and does not raise the bar', () => {
    const result = steep.answerPolicy('gamma', 'hoe lang duurt een schorsing eigenlijk ongeveer?');
    expect(result.unknown?.words).toEqual([]);
    expect(result.answer.abstained).toBe(false);
  });
});

describe('the answer in the question\'s language frame', () => {
  test('an English question gets the plan\'s Dutch sentences with an English lead-in', () => {
    const { answer } = service.answerPolicy('gamma', 'How long does a suspension last?');
    expect(answer).toMatchObject({ lang: 'en', abstained: false });
    expect(answer.answer).toBe('The plan says (in Dutch): “Bij Gamma duurt een schorsing maximaal drie dagen.”');
  });
  test('a Dutch question gets the sentences as they are', () => {
    expect(service.answerPolicy('gamma', 'hoe lang duurt een schorsing?').answer.answer).toBe('Bij Gamma duurt een schorsing maximaal drie dagen.');
  });
});

describe('a message of only chat words', () => {
  test.each(['hallo, ik heb een vraag', 'hi, I have a question'])('"%s" gets the prompt to ask in one\'s own words', (q) => {
    const { answer } = service.answerPolicy('alpha', q);
    expect(answer.abstained).toBe(true);
    expect(answer.sources).toEqual([]);
    expect(answer.answer).toMatch(/eigen woorden|own words/);
  });
});

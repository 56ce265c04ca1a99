import * as path from 'path';
import { buildAsk } from '../../src/ask';
import { planAppliesTo } from '../../src/knowledge/scope';

const root = path.resolve(__dirname, '../..');
const ask = buildAsk({ knowledgeDir: path.join(root, 'knowledge'), cardsDir: path.join(root, 'cards') });
const { schools, documents } = ask.knowledge;

const questions = [
  'mag ik een leerling vastpakken als hij doordraait?',
  'hoe lang mag een schorsing duren?',
  'wat doe ik als ik vermoed dat een kind thuis mishandeld wordt?',
  'wie is de vertrouwenspersoon?',
  'hoeveel bhv-ers moeten er zijn?',
  'what do I do if a pupil is bullied online?',
  'wat zijn de regels voor foto\'s op social media?',
  'wie is de anti-pestcoördinator?',
];

describe('the shipped plans, through the same service as the bot and the CLI', () => {
  test.each(schools.map((s) => s.id))('a question at %s never cites another school\'s plan', (schoolId) => {
    const school = schools.find((s) => s.id === schoolId)!;
    for (const q of questions) {
      const reply = ask.ask(schoolId, q);
      for (const source of reply.sources) {
        const doc = documents.find((d) => d.id === source.doc)!;
        expect(planAppliesTo(doc, school)).toBe(true);
        expect(source.text.length).toBeLessThanOrEqual(1500);
      }
    }
  });

  test('a policy question is answered from the school\'s own plan, with the section', () => {
    const reply = ask.ask('de-campus', 'mag ik een leerling vastpakken als hij helemaal doordraait?');
    expect(reply.abstained).toBe(false);
    expect(reply.sources[0]).toMatchObject({ doc: 'de-campus', section: expect.stringMatching(/Fysiek contact/) });
    expect(reply.answer).toMatch(/vastpakken/i);
  });

  test('English questions are detected and answered from the Dutch plans', () => {
    const reply = ask.ask('conexus', 'Who coordinates the yearly first-aid refresher training for staff?');
    expect(reply).toMatchObject({ lang: 'en', abstained: false });
    expect(reply.sources[0].doc).toBe('conexus');
  });

  test('a pasted wall of text is read as its first thousand characters, not refused or slow to crash', () => {
    const reply = ask.ask('de-nieuwe-kring', `wat doen we bij pesten? ${'bla '.repeat(20_000)}`);
    expect(reply.abstained).toBe(false);
    expect(reply.sources[0].doc).toBe('de-nieuwe-kring');
  });

  test('questions the plans do not answer get an honest abstention', () => {
    for (const q of ['wat is het wifi-wachtwoord van de teamkamer?', 'wanneer wordt de eindejaarsuitkering betaald?']) {
      const reply = ask.ask('conexus', q);
      expect(reply.abstained).toBe(true);
      expect(reply.sources).toEqual([]);
      expect(reply.answer).toMatch(/niet gokken/);
    }
  });

  test('a who-question with a named holder returns the person as a contact', () => {
    const reply = ask.ask('de-campus', 'wie is de vertrouwenspersoon bij ons?');
    expect(reply.abstained).toBe(false);
    expect(reply.who?.state).toBe('named');
    expect(reply.contacts.map((c) => c.name)).toContain('Marcha Douwes');
    // Its source is the plan's section about the role, so "toon hele sectie" shows where the plan says so.
    expect(reply.sources[0]).toEqual(expect.objectContaining({ doc: 'de-campus', section: '3.5.3 De vertrouwenspersoon' }));
    expect(reply.sources.every((s) => s.doc === 'de-campus')).toBe(true);
  });

  test('a role the school\'s plans lack is an abstention, never another school\'s person', () => {
    const reply = ask.ask('sooog', 'wie is onze vertrouwenspersoon?');
    expect(reply.abstained).toBe(true);
    expect(reply.contacts).toEqual([]);
    expect(reply.answer).not.toMatch(/Douwes|Cappellen/);
  });

  test('a role without a name in the plan gives no name', () => {
    const reply = ask.ask('conexus', 'wie is bij ons de anti-pestcoordinator?');
    expect(reply.abstained).toBe(false);
    expect(reply.contacts.every((c) => c.name === null)).toBe(true);
  });

  test('a topic that only resembles a role is answered from the plan text', () => {
    const reply = ask.ask('de-nieuwe-kring', 'wie is eindverantwoordelijk voor sociale veiligheid bij ons op school?');
    expect(reply.abstained).toBe(false);
    expect(reply.sources[0].doc).toBe('de-nieuwe-kring');
  });
});

/**
 * A question that asks for someone without naming the role, answered from the plans out of a section about one role,
 * gets that role's people at the school (as the answer's contacts, shown in its card): the section names the role the
 * question did not. Not for a question that asks no one, nor for a role the plan names nobody for.
 */
import * as path from 'path';
import { buildAsk } from '../../src/ask';

const ROOT = path.resolve(__dirname, '../..');
const ask = buildAsk({ knowledgeDir: path.join(ROOT, 'knowledge'), cardsDir: path.join(ROOT, 'cards'), logger: { info() {}, warn() {}, error() {} } });

describe("a who-question answered from a role's own section", () => {
  test.each([
    'Ik durf het niet bij mijn eigen leidinggevende aan te kaarten. Wie buiten de school kan ik in vertrouwen spreken?',
    'My director is the problem. Who outside school can I talk to confidentially?',
  ])('gets the people the plan names for that role, with the plan\'s own answer: %s', (question) => {
    const reply = ask.ask('conexus', question);
    // The directory alone was not sure enough of a role here: this is the plans' answer.
    expect(reply.who).toBeUndefined();
    expect(reply.sources[0].section).toBe('2.6.2 Externe vertrouwenspersoon');
    expect(reply.contacts.map((c) => c.name)).toEqual(['Roy Ploegmakers', 'Eefje van Antwerpen']);
    expect(reply.contacts[0].phone).toBe('06-4808 8774');
  });

  test('a question that asks for no one gets no contacts from the section it was answered from', () => {
    const reply = ask.ask('conexus', 'Wat doet de vertrouwenspersoon buiten de school als ik het niet bij mijn eigen leidinggevende durf aan te kaarten?');
    expect(reply.sources[0].section).toBe('2.6.2 Externe vertrouwenspersoon');
    expect(reply.contacts).toEqual([]);
  });

  test('a role the plan names nobody for adds nothing', () => {
    const reply = ask.ask('conexus', 'Bij wie binnen school kan ik mijn verhaal kwijt als ik me niet veilig voel?');
    expect(reply.sources[0].section).toBe('2.6.1 Interne vertrouwenspersoon');
    expect(reply.contacts.filter((c) => c.name)).toEqual([]);
  });
});

/**
 * Report through the real client: Baken as `npm start` runs it behind the Agents Playground, one full incident
 * filed on the cards (choose school → "melding maken" → every step → review → submit), ending in the
 * confirmation card with the report id; the id is then in "mijn meldingen".
 */
import { BakenPlayground, cardVerbs, describeMessage, hasAdaptiveCard, messageText, PlaygroundMessage, startBakenPlayground } from './playground';
import { withLogs as withLogsOf } from './playground';

jest.setTimeout(120_000);

const SCHOOL = 'conexus';
const STEPS: Array<{ shows: string; inputs: Record<string, string> }> = [
  { shows: 'report.next', inputs: { type: 'incident' } },
  { shows: 'weglopen', inputs: { category: 'weglopen' } },
  { shows: 'date', inputs: { date: '2026-01-12', time: '10:15', location: 'schoolplein' } },
  { shows: 'involvedRoles', inputs: { involvedRoles: 'leerling', pupils: '5B J.d.V.' } },
  { shows: 'facts', inputs: { facts: 'J. liep tijdens het buitenspelen het hek uit.' } },
  { shows: 'parentsInformed', inputs: { parentsInformed: 'ja', parentsInformedAt: '2026-01-12' } },
];

describe('Report end to end through the Agents Playground', () => {
  let e2e: BakenPlayground;

  beforeAll(async () => {
    e2e = await startBakenPlayground();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  const withLogs = <T>(step: () => Promise<T>): Promise<T> => withLogsOf(e2e, step);
  const cardWith = (needle: string) => (m: PlaygroundMessage) => hasAdaptiveCard(m) && JSON.stringify(m.attachments).includes(needle);
  /** Presses the card's action with `verb` (its data merged with the inputs, as Teams sends it). */
  const press = async (card: PlaygroundMessage, verb: string, inputs: Record<string, string> = {}) => {
    const action = cardVerbs(card).find((a) => a.verb === verb);
    if (!action) throw new Error(`no ${verb} on ${describeMessage(card)}`);
    await e2e.client.submit(verb, { ...action.data, ...inputs }, card);
  };

  test('one full incident: every step on the cards, then the confirmation card with the report id', async () => {
    await e2e.client.sendText('melding maken');
    const welcome = await withLogs(() => e2e.client.waitForReply(cardWith('chooseSchool')));
    await press(welcome, 'chooseSchool', { schoolId: SCHOOL });
    await withLogs(() => e2e.client.waitForReply((m) => messageText(m).includes('Conexus')));

    await e2e.client.sendText('melding maken');
    let card = await withLogs(() => e2e.client.waitForReply(cardWith('report.next')));
    for (const step of STEPS) {
      expect(JSON.stringify(card.attachments)).toContain(step.shows);
      await press(card, 'report.next', step.inputs);
      card = await withLogs(() => e2e.client.waitForReply(hasAdaptiveCard));
    }
    // The review (in the playground user's language: its client locale is en-US).
    expect(JSON.stringify(card.attachments)).toContain('report.submit');
    expect(messageText(card)).toContain('schoolplein');
    await press(card, 'report.submit');
    const confirmation = await withLogs(() => e2e.client.waitForReply((m) => /CNX-\d{4}-0001/.test(messageText(m))));
    const id = /CNX-\d{4}-0001/.exec(messageText(confirmation))![0];
    expect(messageText(confirmation)).toMatch(/Melding CNX-\d{4}-0001 is opgeslagen|Report CNX-\d{4}-0001 (is|has been) (saved|stored)/);
    expect(cardVerbs(confirmation).map((a) => a.verb)).toContain('report.list');

    await e2e.client.sendText('mijn meldingen');
    const list = await withLogs(() => e2e.client.waitForReply(cardWith('report.addInfo')));
    expect(messageText(list)).toContain(id);
  });
});

import * as path from 'path';
import { Writable } from 'stream';
import { createLogger } from '../../src/logging';
import { RecordingConnector, TestUser, actionsOf, cardsOf } from '../support/recording-connector';
import { makeTempDir } from '../support/temp-dir';
import { startTestBot, type RunningBot } from '../support/bot-harness';
import { INCIDENT_STEPS, cardText, onlyCard, submitValue, type Card } from './reports-harness';

/**
 * Private by construction (issue 8): report flows, "mijn meldingen" and report cards exist only in the personal
 * chat. In a group chat or channel Baken answers with one line and a button to the personal chat. Logs never
 * carry message texts or card values.
 */
describe('report content stays in the personal chat; logs carry no content', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let connector: RecordingConnector;
  let running: RunningBot;
  const logLines: string[] = [];

  beforeEach(async () => {
    tmp = makeTempDir('baken-privacy-');
    connector = await RecordingConnector.start();
    logLines.length = 0;
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { logLines.push(chunk.toString()); done(); } });
    running = await startTestBot({ dataFile: path.join(tmp.dir, 'baken.json'), logger: createLogger('debug', sink) });
  });
  afterEach(async () => {
    await running.stop();
    await connector.stop();
    tmp.cleanup();
  });

  /** The same person (same AAD id) in her personal chat and in a group chat / channel. */
  async function person(): Promise<{ personal: TestUser; group: TestUser; channel: TestUser }> {
    const personal = new TestUser({ botEndpoint: running.endpoint, connector });
    const same = { userId: personal.userId, aadObjectId: personal.aadObjectId };
    const group = new TestUser({ botEndpoint: running.endpoint, connector, ...same, conversationType: 'groupChat' });
    const channel = new TestUser({ botEndpoint: running.endpoint, connector, ...same, conversationType: 'channel' });
    await personal.submit({ verb: 'chooseSchool', schoolId: 'conexus' });
    return { personal, group, channel };
  }

  const isPointer = (card: Card): boolean => {
    const open = actionsOf(card).find((a) => a.type === 'Action.OpenUrl');
    return Boolean(open?.url?.startsWith('https://teams.microsoft.com/l/chat/0/0?users=')) && cardText(card).includes('persoonlijke chat');
  };

  test('in a group chat "melding maken" gets only the pointer to the personal chat; no draft is started', async () => {
    const { group } = await person();
    const turn = await group.say('melding maken');
    expect(turn.replies).toHaveLength(1);
    const card = onlyCard(turn);
    expect(isPointer(card)).toBe(true);
    expect(cardText(card)).not.toContain('report.next');
    expect(await running.store.drafts.listByUser(group.aadObjectId)).toEqual([]);
  });

  test('in a channel "mijn meldingen" shows no ids, types or dates, although she has reports', async () => {
    const { personal, channel } = await person();
    let card = onlyCard(await personal.say('melding maken'));
    for (const inputs of INCIDENT_STEPS) card = onlyCard(await personal.submit(submitValue(card, 'report.next', inputs)));
    const confirmation = onlyCard(await personal.submit(submitValue(card, 'report.submit')));
    const id = /Melding ([A-Z]+-\d{4}-\d{4}) is opgeslagen/.exec(cardText(confirmation))![1];
    const turn = await channel.say('mijn meldingen');
    const text = JSON.stringify(turn.replies);
    expect(isPointer(onlyCard(turn))).toBe(true);
    expect(text).not.toContain(id);
    expect(text).not.toMatch(/Incident|incident ·/);
  });

  test('a report card\'s data submitted in a group chat is answered with the pointer and changes nothing', async () => {
    const { personal, group } = await person();
    let card = onlyCard(await personal.say('melding maken'));
    card = onlyCard(await personal.submit(submitValue(card, 'report.next', INCIDENT_STEPS[0])));
    const [draft] = await running.store.drafts.listByUser(personal.aadObjectId);
    for (const verb of ['report.next', 'report.back', 'report.cancel']) {
      const turn = await group.submit(submitValue(card, verb, INCIDENT_STEPS[1]));
      expect(isPointer(onlyCard(turn))).toBe(true);
      expect(cardText(onlyCard(turn))).not.toContain('weglopen');
    }
    expect(await running.store.drafts.get(draft.id)).toEqual(draft);
    const review = await group.submit({ verb: 'report.list' });
    expect(isPointer(onlyCard(review))).toBe(true);
  });

  test('policy questions and contact cards stay available in groups', async () => {
    const { group } = await person();
    const turn = await group.say('Waar registreer ik een incident?');
    expect(JSON.stringify(turn.replies)).toContain('ParnasSys');
    expect(turn.replies.flatMap((r) => cardsOf(r)).some(isPointer)).toBe(false);
  });

  test('logs contain no message text and no card values, not even for a card submit without a known verb', async () => {
    const { personal } = await person();
    const SECRET = 'Kx7-geheim-5B-J.d.V.-papa-sloeg';
    await personal.say(`melding maken ${SECRET}`);
    await personal.say(`wat moet ik doen als ${SECRET}`);
    await personal.submit({ verb: 'nonsense', facts: SECRET, childWords: SECRET });
    await personal.submit({ facts: SECRET });
    await personal.submit({ verb: 'showSection', docId: SECRET, sectionId: SECRET });
    let card = onlyCard(await personal.say('melding maken'));
    card = onlyCard(await personal.submit(submitValue(card, 'report.next', INCIDENT_STEPS[0])));
    await personal.submit(submitValue(card, 'report.next', { category: SECRET }));
    // The alert card's Action.Execute verbs (notes, closing notes, tampered ids) and the admin's retry.
    await personal.execute('alert.note', { reportId: 'CNX-2026-0001', note: SECRET });
    await personal.execute('alert.status', { reportId: SECRET, status: 'afgerond', closingNote: SECRET });
    await personal.execute('alert.assign', { reportId: 'CNX-2026-0001', assignee: SECRET });
    await personal.execute('alert.measure', { reportId: 'CNX-2026-0001', measure: SECRET, days: SECRET });
    await personal.execute('ops.retry', { jobId: SECRET });
    const logged = logLines.join('');
    expect(logLines.length).toBeGreaterThan(3);
    expect(logged).not.toContain(SECRET);
  });
});

import * as path from 'path';
import { RecordingConnector, TestUser } from '../support/recording-connector';
import { makeTempDir } from '../support/temp-dir';
import { startTestBot, type RunningBot } from '../support/bot-harness';

/**
 * The plan covers the topic but not the detail asked ("hoe vaak oefenen we de ontruiming?"): through the real HTTP
 * endpoint and the shipped plans, the reply says so, names the section, and offers that section to read — without
 * presenting it as a citation of an answer.
 */
describe('an abstention that names the section covering the topic', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let connector: RecordingConnector;
  let running: RunningBot;

  beforeAll(async () => {
    tmp = makeTempDir('baken-not-stated-');
    connector = await RecordingConnector.start();
    running = await startTestBot({ dataFile: path.join(tmp.dir, 'baken.json'), realAsk: true });
  });
  afterAll(async () => {
    await running.stop();
    await connector.stop();
    tmp.cleanup();
  });

  test('says what the plan does not state, offers the section to read, and cites nothing', async () => {
    const user = new TestUser({ botEndpoint: running.endpoint, connector });
    await user.submit({ verb: 'chooseSchool', schoolId: 'conexus' });
    const turn = await user.say('hoe vaak doen we eigenlijk een ontruimingsoefening op school?');
    const reply = turn.replies[0];
    expect(reply.text).toMatch(/gaat hier wel over \(zie ‘3\.4\.1 Calamiteiten- en ontruimingsplan’\), maar zegt niet hoe vaak/);
    expect(reply.entities ?? []).toEqual([]);
    const card = (reply.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    const actions = (card?.content as { actions?: Array<{ title: string; data?: unknown; url?: string }> }).actions ?? [];
    expect(actions.map((a) => a.title)).toEqual(['Toon hele sectie', 'Lees verder']);
    expect(actions[0].data).toEqual({ verb: 'showSection', doc: 'conexus', section: '3.4.1' });

    // The button shows the whole section (the server checks the plan applies to the user's school).
    const shown = await user.submit(actions[0].data as Record<string, unknown>);
    expect(JSON.stringify(shown.replies)).toContain('ontruimingsplan');
  });

  test('an abstention on a question the plans do not cover offers no section', async () => {
    const user = new TestUser({ botEndpoint: running.endpoint, connector });
    await user.submit({ verb: 'chooseSchool', schoolId: 'conexus' });
    const turn = await user.say('wanneer begint de kerstvakantie dit jaar?');
    const reply = turn.replies[0];
    expect(reply.text).toContain('Dat staat niet in de plannen');
    expect(reply.attachments ?? []).toEqual([]);
  });
});

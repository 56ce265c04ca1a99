import * as fs from 'fs';
import * as path from 'path';
import { RecordingConnector, TestUser } from '../support/recording-connector';
import { makeTempDir } from '../support/temp-dir';
import { startTestBot, type RunningBot } from '../support/bot-harness';
import { INCIDENT_STEPS, cardText, onlyCard, submitValue } from './reports-harness';

/**
 * KNOWLEDGE_DIR is honoured by every capability: a copy of knowledge/ that adds a school (a Conexus school,
 * so the board's plan and directory entries apply) gives that school answers, contacts and reports.
 */
describe('KNOWLEDGE_DIR: a copy of the knowledge folder that adds a school', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let connector: RecordingConnector;
  let running: RunningBot;

  beforeAll(async () => {
    tmp = makeTempDir('baken-knowledge-dir-');
    const knowledgeDir = path.join(tmp.dir, 'knowledge');
    fs.cpSync(path.join(__dirname, '..', '..', 'knowledge'), knowledgeDir, { recursive: true });
    const schoolsFile = path.join(knowledgeDir, 'schools.json');
    const schools = JSON.parse(fs.readFileSync(schoolsFile, 'utf8'));
    schools.schools.push({ id: 'de-regenboog', name: 'Basisschool De Regenboog', board: 'conexus', code: 'RGB' });
    fs.writeFileSync(schoolsFile, JSON.stringify(schools, null, 1));
    connector = await RecordingConnector.start();
    running = await startTestBot({ dataFile: path.join(tmp.dir, 'baken.json'), knowledgeDir, realAsk: true });
  });
  afterAll(async () => {
    await running.stop();
    await connector.stop();
    tmp.cleanup();
  });

  test('the new school can be chosen, asks and gets its board\'s plan, finds a contact, and files a report', async () => {
    const user = new TestUser({ botEndpoint: running.endpoint, connector });
    const chosen = await user.submit({ verb: 'chooseSchool', schoolId: 'de-regenboog' });
    expect(JSON.stringify(chosen.replies)).toContain('Basisschool De Regenboog');

    const answer = await user.say('wat moet ik doen als ik een vermoeden van kindermishandeling heb?');
    const answerText = JSON.stringify(answer.replies);
    expect(answerText).toMatch(/Conexus/);
    expect(answerText).not.toMatch(/niet in de plannen/);

    const who = await user.say('wie is de externe vertrouwenspersoon?');
    expect(who.replies.length).toBeGreaterThan(0);
    expect(JSON.stringify(who.replies)).not.toContain('Sorry, er ging bij mij iets mis');

    let card = onlyCard(await user.say('melding maken'));
    for (const inputs of INCIDENT_STEPS) card = onlyCard(await user.submit(submitValue(card, 'report.next', inputs)));
    const confirmation = onlyCard(await user.submit(submitValue(card, 'report.submit')));
    expect(cardText(confirmation)).toContain('Melding RGB-2026-0001 is opgeslagen');
    expect((await running.store.reports.get('RGB-2026-0001'))?.school).toBe('de-regenboog');
  });
});

/**
 * Crash test through the real process: Baken started as `npm start` runs it (tsx src/index.ts, temp DATA_FILE
 * and PORT), drafts driven to the review step over HTTP, then a burst of concurrent "Verstuur melding"
 * submits; the process group gets SIGKILL while the burst is in flight. After a restart on the same files,
 * every report whose confirmation card reached the connector is there, and every data file parses.
 */
import * as fs from 'fs';
import * as path from 'path';
import { openLowdbStore } from '../../src/store/lowdb';
import { startBot, type BotProcess } from '../../scripts/lib/baken-processes';
import { confirmedReportIds, killDuringBurst } from '../support/burst-kill';
import { RecordingConnector, TestUser } from '../support/recording-connector';
import { makeTempDir } from '../support/temp-dir';
import { INCIDENT_STEPS, onlyCard, submitValue, type Card } from './reports-harness';

jest.setTimeout(180_000);

const USERS = 60;

function allJsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...allJsonFiles(p));
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

describe('SIGKILL during a burst of report submissions (real bot process)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let connector: RecordingConnector;
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    tmp = makeTempDir('baken-report-crash-');
    connector = await RecordingConnector.start();
  });
  afterAll(async () => {
    await bot?.process.stop();
    await connector.stop();
    tmp.cleanup();
  });

  test('every acknowledged report survives, ids have no duplicates, the files parse', async () => {
    const dataFile = path.join(tmp.dir, 'baken.json');
    bot = await startBot({ dataFile, env: { LOG_LEVEL: 'warn' } });
    const endpoint = bot.endpoint;
    const users = Array.from({ length: USERS }, () => new TestUser({ botEndpoint: endpoint, connector }));

    // Drafts to the review step, over HTTP, a few users at a time.
    const reviews: Array<{ user: TestUser; submit: Record<string, unknown> }> = [];
    for (let from = 0; from < users.length; from += 10) {
      await Promise.all(
        users.slice(from, from + 10).map(async (user) => {
          await user.submit({ verb: 'chooseSchool', schoolId: 'conexus' });
          let card: Card = onlyCard(await user.say('melding maken'));
          for (const inputs of INCIDENT_STEPS) card = onlyCard(await user.submit(submitValue(card, 'report.next', inputs)));
          reviews.push({ user, submit: submitValue(card, 'report.submit') });
        }),
      );
    }
    expect(reviews).toHaveLength(USERS);

    // The burst: all submits at once; kill the process group as soon as a first few confirmations are out.
    const confirmations = () => confirmedReportIds(connector);
    const outcomes = await killDuringBurst(bot.process, () => confirmations().length >= 5, () =>
      Promise.allSettled(reviews.map(({ user, submit }) => user.submit(submit))),
    );
    bot = undefined;
    const acknowledged = confirmations();
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);
    // The kill did land mid-burst: some submits never got their confirmation.
    expect(acknowledged.length + outcomes.filter((o) => o.status === 'rejected').length).toBeGreaterThan(0);

    // Every file the bot wrote is complete JSON (temp files from an interrupted write are not .json).
    const dataFiles = [dataFile, ...allJsonFiles(dataFile.replace(/\.json$/, '.d'))];
    for (const file of dataFiles) expect(() => JSON.parse(fs.readFileSync(file, 'utf8'))).not.toThrow();

    // Restart as npm start does, on the same files: the lock of the killed process is taken over.
    bot = await startBot({ dataFile, env: { LOG_LEVEL: 'warn' } });
    await bot.process.stop();
    bot = undefined;
    const store = await openLowdbStore(dataFile);
    try {
      for (const id of acknowledged) expect(await store.reports.get(id)).toBeDefined();
      const all = (await Promise.all(users.map(async (u) => (await store.reports.list({ reporterId: u.aadObjectId })).reports))).flat();
      const ids = all.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      // One report per draft at most, and the sequence has no gaps.
      expect(new Set(all.map((r) => r.draftId)).size).toBe(all.length);
      const seqs = ids.map((id) => Number(id.slice(-4))).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    } finally {
      await store.close();
    }
  });
});

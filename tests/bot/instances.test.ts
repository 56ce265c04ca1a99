/**
 * Several instances on one PostgreSQL database (issue 7 §4), through the real processes: two `npm start`
 * (tsx src/index.ts) with the same DATABASE_URL on different ports. Report submissions go alternately to
 * both through POST /api/messages; afterwards every acknowledged report is in the database and ids are
 * unique and gapless per school and year. Then the same with one instance SIGKILLed mid-burst. Reminders:
 * two instances' outbox workers race for the same due jobs and each reminder reaches the connector once.
 */
import * as path from 'path';
import { startBot, type BotProcess } from '../../scripts/lib/baken-processes';
import { prepareReviewUsers, type ReviewUser } from '../../scripts/lib/report-users';
import type { Report } from '../../src/reports/types';
import { openPostgresStore } from '../../src/store/postgres';
import { ManualClock } from '../../src/time';
import { createTestDatabase, usePostgresServer, type TestDatabase } from '../support/postgres';
import { confirmedReportIds, killDuringBurst } from '../support/burst-kill';
import { RecordingConnector, TestUser } from '../support/recording-connector';
import { makeTempDir } from '../support/temp-dir';
import { startTestBot, type RunningBot } from '../support/bot-harness';
import { REMINDER_JOB } from '../../src/reports/reminders';

jest.setTimeout(300_000);

const serverUrl = usePostgresServer();

/** Ids grouped by series (CNX-2026): each must be exactly 1..n. */
function expectGapless(reports: Pick<Report, 'id'>[]): void {
  const bySeries = new Map<string, number[]>();
  for (const { id } of reports) {
    const series = id.slice(0, id.lastIndexOf('-'));
    bySeries.set(series, [...(bySeries.get(series) ?? []), Number(id.slice(id.lastIndexOf('-') + 1))]);
  }
  for (const [series, seqs] of bySeries) {
    seqs.sort((a, b) => a - b);
    expect({ series, seqs }).toEqual({ series, seqs: Array.from({ length: seqs.length }, (_, i) => i + 1) });
  }
}

describe('several instances on one PostgreSQL database', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let db: TestDatabase;
  let connector: RecordingConnector;
  const bots: BotProcess[] = [];

  beforeEach(async () => {
    tmp = makeTempDir('baken-instances-');
    db = await createTestDatabase(serverUrl());
    connector = await RecordingConnector.start();
  });
  afterEach(async () => {
    await Promise.all(bots.splice(0).map((b) => b.process.stop().catch(() => undefined)));
    await connector.stop();
    await db.drop();
    tmp.cleanup();
  });

  async function prepare(count: number, tag: string): Promise<ReviewUser[]> {
    const store = await openPostgresStore({ url: db.url });
    try {
      return await prepareReviewUsers(store, count, tag);
    } finally {
      await store.close();
    }
  }
  const startInstance = async (i: number): Promise<BotProcess> => {
    const bot = await startBot({ dataFile: path.join(tmp.dir, `unused-${i}.json`), env: { DATABASE_URL: db.url, LOG_LEVEL: 'warn' } });
    bots.push(bot);
    return bot;
  };
  const asUser = (u: ReviewUser, endpoint: string) =>
    new TestUser({ botEndpoint: endpoint, connector, userId: u.userId, aadObjectId: u.aadObjectId, conversationId: u.conversationId });
  const confirmations = (): string[] => confirmedReportIds(connector);

  async function storedReports(): Promise<Report[]> {
    const store = await openPostgresStore({ url: db.url });
    try {
      return (await store.reports.list({ limit: 100_000 })).reports;
    } finally {
      await store.close();
    }
  }

  test('1,000 submissions alternately to two instances: 1,000 stored, ids unique and gapless per school-year', async () => {
    const users = await prepare(1000, 'alt');
    const [a, b] = await Promise.all([startInstance(0), startInstance(1)]);
    // 40 in flight at a time, alternating between the instances.
    for (let from = 0; from < users.length; from += 40) {
      const turns = await Promise.all(users.slice(from, from + 40).map((u) => asUser(u, (u.index % 2 ? b : a).endpoint).submit(u.submit)));
      for (const t of turns) expect(t.status).toBe(200);
    }
    const acknowledged = confirmations();
    expect(acknowledged).toHaveLength(1000);
    const reports = await storedReports();
    expect(reports).toHaveLength(1000);
    expect(new Set(reports.map((r) => r.id)).size).toBe(1000);
    expect(new Set(reports.map((r) => r.draftId)).size).toBe(1000);
    expect(new Set(acknowledged)).toEqual(new Set(reports.map((r) => r.id)));
    expectGapless(reports);
  });

  test('one instance SIGKILLed mid-burst: every acknowledged report is stored, no duplicates, no gaps', async () => {
    const users = await prepare(300, 'kill');
    const [a, b] = await Promise.all([startInstance(0), startInstance(1)]);
    const outcomes = await killDuringBurst(a.process, () => confirmations().length >= 20, () =>
      Promise.allSettled(users.map((u) => asUser(u, (u.index % 2 ? b : a).endpoint).submit(u.submit))),
    );
    const acknowledged = confirmations();
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    // The kill landed mid-burst: some of the killed instance's submits never got an answer.
    expect(outcomes.filter((o) => o.status === 'rejected').length).toBeGreaterThan(0);
    const reports = await storedReports();
    const ids = new Set(reports.map((r) => r.id));
    for (const id of acknowledged) expect(ids.has(id)).toBe(true);
    expect(ids.size).toBe(reports.length);
    expect(new Set(reports.map((r) => r.draftId)).size).toBe(reports.length);
    expectGapless(reports);
    // The survivor goes on numbering where the series stands.
    const rest = users.filter((u) => !reports.some((r) => r.reporter.id === u.aadObjectId)).slice(0, 5);
    for (const u of rest) expect((await asUser(u, b.endpoint).submit(u.submit)).status).toBe(200);
    expectGapless(await storedReports());
  });

  test('due reminders with two workers racing: each reminder reaches the connector exactly once', async () => {
    const instances: RunningBot[] = [];
    const clock = new ManualClock('2026-03-10T09:00:00Z');
    try {
      for (let i = 0; i < 2; i++) {
        const store = await openPostgresStore({ url: db.url });
        instances.push(await startTestBot({ dataFile: path.join(tmp.dir, `r${i}.json`), store, clock, env: { DATABASE_URL: db.url } }));
      }
      const users = Array.from({ length: 30 }, (_, i) => new TestUser({ botEndpoint: instances[i % 2].endpoint, connector }));
      for (const u of users) {
        await u.submit({ verb: 'chooseSchool', schoolId: 'de-campus' });
        await u.say('melding maken');
      }
      const before = connector.activities.length;
      clock.advance(7 * 24 * 3_600_000 + 60_000);
      // Both workers at the same moment, several rounds: sweep slots and reminder jobs are claimed once.
      for (let round = 0; round < 3; round++) await Promise.all(instances.map((r) => r.baken.worker.runOnce()));
      const reminders = connector.activities.slice(before).filter((a) => JSON.stringify(a.activity).includes('nog niet verstuurd'));
      expect(reminders).toHaveLength(30);
      expect(new Set(reminders.map((r) => r.conversationId)).size).toBe(30);
      const jobs = await instances[0].store.outbox.list({ kind: REMINDER_JOB });
      expect(jobs.map((j) => j.status)).toEqual(Array(30).fill('done'));
    } finally {
      for (const r of instances) {
        await r.stop();
        await r.store.close();
      }
    }
  });
});

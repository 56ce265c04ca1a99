/**
 * Report submissions through the real HTTP endpoint: Baken started as `npm start` runs it (child process, on the
 * chosen store), BENCH_CONCURRENT (default 1,000) users each with a draft at the review step, all pressing
 * "Verstuur melding" at once (POST /api/messages with the card's report.submit data), then BENCH_SEQUENTIAL one
 * after another. Acknowledgement time = from the POST until the confirmation card reaches the loopback Bot
 * Connector (the bot sends it only after the report is durable). Then the bot is stopped and the store reopened
 * to count what is really stored. Run twice: on an empty store and with BENCH_SEED (default 50,000) reports
 * already stored. On PostgreSQL also: the same burst against one instance and against two instances on one
 * database (submissions alternating), as throughput (reports per second) and its ratio. Figures only.
 *
 * Preparation (not measured) goes through the report service on the same store before the bot starts:
 * school choice in the user profiles, and each draft walked to the review step with validated answers.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomUUID } from 'crypto';
import { startBot, type BotProcess } from '../scripts/lib/baken-processes';
import { prepareReviewUsers, type ReviewUser } from '../scripts/lib/report-users';
import { BenchConnector, type ConnectorActivity } from './support/connector';
import { seedStore } from './support/report-data';
import { elapsedMs, formatSummary, summarize, type LatencySummary } from './support/stats';
import { benchStore, type BenchStore, type BenchStoreKind } from './support/stores';

const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 1000);
/** Then this many submissions one after another: the cost of one submission without queueing. */
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 200);
const SEED = Number(process.env.BENCH_SEED ?? 50_000);
const REPLY_TIMEOUT_MS = 120_000;
const TENANT_ID = '00000000-0000-0000-0000-000000000001';
const BOT_ACCOUNT = { id: '28:baken-bench-bot', name: 'Baken' };

/** Profiles with a school and drafts at the review step, through the report service on the bot's own store. */
async function prepareUsers(bench: BenchStore, tag: string, count: number): Promise<ReviewUser[]> {
  const store = await bench.open();
  try {
    return await prepareReviewUsers(store, count, tag);
  } finally {
    await store.close();
  }
}

async function seed(bench: BenchStore, count: number): Promise<void> {
  if (count <= 0) return;
  const store = await bench.open();
  try {
    await seedStore(store, count);
  } finally {
    await store.close();
  }
}

export function activity(user: Pick<ReviewUser, 'userId' | 'aadObjectId' | 'conversationId' | 'index'>, serviceUrl: string, value: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: user.userId, aadObjectId: user.aadObjectId, name: `Leerkracht ${user.index}` },
    recipient: BOT_ACCOUNT,
    conversation: { id: user.conversationId, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'nl-NL',
    value,
  };
}

export const REPORT_ID = /\b([A-Z]{2,5}-\d{4}-\d{4,})\b/;
export const isConfirmation = (a: ConnectorActivity) => a.type === 'message' && JSON.stringify(a.attachments ?? []).includes('"verb":"report.list"');

export interface HttpRunResult {
  label: string;
  seed: number;
  summary: LatencySummary;
  sequential: LatencySummary;
  acknowledged: number;
  stored: number;
  lost: number;
  errors: string[];
}

/** Submits every user's report.submit at once, spread over the endpoints; returns per-submission latencies. */
async function submitAll(users: ReviewUser[], endpoints: string[], connector: BenchConnector, acknowledged: string[], errors: string[], into: number[], sequential = false): Promise<void> {
  const submitOne = async (user: ReviewUser) => {
    const start = process.hrtime.bigint();
    try {
      const reply = connector.next(user.conversationId, REPLY_TIMEOUT_MS, isConfirmation);
      const endpoint = endpoints[user.index % endpoints.length];
      const post = fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(user, connector.serviceUrl, user.submit)) })
        .then((r) => r.arrayBuffer());
      const [confirmation] = await Promise.all([reply, post]);
      into.push(elapsedMs(start));
      const id = REPORT_ID.exec(JSON.stringify(confirmation.attachments ?? []))?.[1];
      if (id) acknowledged.push(id);
    } catch (error) {
      errors.push(`${user.conversationId}: ${(error as Error).message}`);
    }
  };
  if (sequential) for (const user of users) await submitOne(user);
  else await Promise.all(users.map(submitOne));
}

/** Counts, after the bots have gone, what is really stored. */
async function count(bench: BenchStore, acknowledged: string[], seeded: number): Promise<{ stored: number; lost: number }> {
  const store = await bench.open();
  try {
    let lost = 0;
    for (const id of acknowledged) if (!(await store.reports.get(id))) lost++;
    return { stored: (await store.reports.count()) - seeded, lost };
  } finally {
    await store.close();
  }
}

/** One measured burst against a freshly started bot on a fresh store with `seedCount` reports pre-stored. */
export async function runHttpBurst(kind: BenchStoreKind, label: string, seedCount: number): Promise<HttpRunResult> {
  const bench = await benchStore(kind);
  const connector = await BenchConnector.start();
  try {
    const users = await prepareUsers(bench, label.replace(/\W+/g, '-'), CONCURRENT + SEQUENTIAL);
    await seed(bench, seedCount);
    const bot = await startBot({ dataFile: bench.dataFile, env: { ...bench.env, LOG_LEVEL: 'warn' } });
    const samples: number[] = [];
    const sequentialSamples: number[] = [];
    const errors: string[] = [];
    const acknowledged: string[] = [];
    try {
      await submitAll(users.slice(0, CONCURRENT), [bot.endpoint], connector, acknowledged, errors, samples);
      await submitAll(users.slice(CONCURRENT), [bot.endpoint], connector, acknowledged, errors, sequentialSamples, true);
    } finally {
      await bot.process.stop();
    }
    const { stored, lost } = await count(bench, acknowledged, seedCount);
    return { label, seed: seedCount, summary: summarize(samples), sequential: summarize(sequentialSamples), acknowledged: acknowledged.length, stored, lost, errors };
  } finally {
    await connector.stop();
    await bench.cleanup();
  }
}

/** PostgreSQL: the same burst against one instance, then against two on one database; throughput and its ratio. */
export async function runInstancesBench(): Promise<number> {
  console.log(`\nSeveral instances (PostgreSQL): ${CONCURRENT} submissions at once, one instance vs two on one database`);
  let failed = 0;
  const rates: number[] = [];
  for (const instances of [1, 2]) {
    const bench = await benchStore('postgres');
    const connector = await BenchConnector.start();
    const bots: BotProcess[] = [];
    try {
      const users = await prepareUsers(bench, `instances-${instances}`, CONCURRENT);
      for (let i = 0; i < instances; i++) bots.push(await startBot({ dataFile: `${bench.dataFile}.${i}`, env: { ...bench.env, LOG_LEVEL: 'warn' } }));
      const samples: number[] = [];
      const errors: string[] = [];
      const acknowledged: string[] = [];
      const start = process.hrtime.bigint();
      await submitAll(users, bots.map((b) => b.endpoint), connector, acknowledged, errors, samples);
      const seconds = elapsedMs(start) / 1000;
      await Promise.all(bots.splice(0).map((b) => b.process.stop()));
      const { stored, lost } = await count(bench, acknowledged, 0);
      const s = summarize(samples);
      rates.push(acknowledged.length / seconds);
      console.log(`${instances} instance${instances > 1 ? 's' : ' '}: ${(acknowledged.length / seconds).toFixed(0)} reports/s, p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms; acknowledged ${acknowledged.length}, stored ${stored}, lost ${lost}${errors.length ? `, ${errors.length} without confirmation` : ''}`);
      if (lost || errors.length) failed = 1;
    } finally {
      await Promise.all(bots.map((b) => b.process.stop()));
      await connector.stop();
      await bench.cleanup();
    }
  }
  console.log(`throughput ratio two/one: ×${(rates[1] / rates[0]).toFixed(2)} (both instances, the database and the load generator share this machine's ${os.cpus().length} cores)`);
  return failed;
}

export function printHttpResult(r: HttpRunResult): void {
  console.log(formatSummary(`HTTP ${CONCURRENT} at once, ${r.seed} stored`, r.summary));
  console.log(formatSummary(`HTTP one at a time, ${r.seed} stored`, r.sequential));
  console.log(`${''.padEnd(38)} acknowledged ${r.acknowledged}, stored ${r.stored}, lost ${r.lost}${r.errors.length ? `, ${r.errors.length} without confirmation (e.g. ${r.errors[0]})` : ''}`);
}

export async function runHttpBench(kind: BenchStoreKind = 'lowdb'): Promise<number> {
  console.log(`Report submissions through POST /api/messages (${kind}): ${CONCURRENT} concurrent, then ${SEQUENTIAL} one at a time; ${os.cpus().length} cores`);
  const empty = await runHttpBurst(kind, 'empty store', 0);
  printHttpResult(empty);
  const seeded = await runHttpBurst(kind, 'seeded store', SEED);
  printHttpResult(seeded);
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(`ratio seeded/empty: burst p50 ×${ratio(seeded.summary.p50, empty.summary.p50)} p99 ×${ratio(seeded.summary.p99, empty.summary.p99)}; one at a time p50 ×${ratio(seeded.sequential.p50, empty.sequential.p50)} p99 ×${ratio(seeded.sequential.p99, empty.sequential.p99)}`);
  console.log(`target p99 ≤ 50 ms per submission: one at a time ${empty.sequential.p99.toFixed(1)} ms (empty) / ${seeded.sequential.p99.toFixed(1)} ms (seeded); in the ${CONCURRENT}-burst ${empty.summary.p99.toFixed(1)} / ${seeded.summary.p99.toFixed(1)} ms (queueing behind the other submissions on ${os.cpus().length} cores)`);
  return empty.lost || seeded.lost || empty.errors.length || seeded.errors.length ? 1 : 0;
}

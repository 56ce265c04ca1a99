/**
 * Time to alert (issue 9): from the reporter's "Verstuur melding" POST returning (the report is durable and her
 * confirmation has been sent) to the director's alert card reaching the Bot Connector. Baken runs as `npm start`
 * runs it (child process, on the chosen store, its outbox worker woken when a report queues an alert, else polling every 2 s, as in production); the director
 * of De Campus is in a people file and has talked to Baken once (her conversation reference is stored); every
 * report is a weapons incident at De Campus, which alerts the director at once (knowledge/alerts.json).
 *
 * Two runs, each on a fresh store: BENCH_ALERTS (default 50) reports one at a time, each after the previous alert
 * arrived plus a random pause of up to one poll interval (so submissions do not line up with the worker's polls),
 * then BENCH_ALERTS_BURST (default 100) submitted at once (the worker sends them one after another). Drafts are
 * prepared beforehand through the report service (not measured). Figures only, nothing asserted; alerts that never
 * arrive, and alerts that arrived more than once, are counted and printed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startBot } from '../scripts/lib/baken-processes';
import { prepareReviewUsers, type ReviewUser } from '../scripts/lib/report-users';
import { systemClock } from '../src/time';
import { activity, isConfirmation, REPORT_ID } from './reports-http';
import { BenchConnector } from './support/connector';
import { formatSummary, summarize, type LatencySummary } from './support/stats';
import { benchStore, type BenchStoreKind } from './support/stores';

const SEQUENTIAL = Number(process.env.BENCH_ALERTS ?? 50);
const BURST = Number(process.env.BENCH_ALERTS_BURST ?? 100);
/** The outbox worker's poll interval (src/outbox/worker.ts default; src/index.ts does not change it). */
const POLL_MS = 2_000;
const TIMEOUT_MS = 120_000;
const DIRECTOR = { index: -1, userId: '29:bench-director', aadObjectId: '00000000-0000-0000-0000-0000000000d1', conversationId: 'a:bench-director' };
const ALERT_OF = /melding ([A-Z]{2,5}-\d{4}-\d{4,})/;

export interface AlertRunResult {
  label: string;
  summary: LatencySummary;
  /** Alerts that reached the connector before the POST had returned (counted as 0 ms). */
  early: number;
  /** Reports whose alert never arrived within the timeout, or submissions without a confirmation. */
  missing: string[];
  /** Reports whose alert arrived more than once. */
  duplicates: number;
}

const elapsed = (from: bigint, to: bigint): number => Number(to - from) / 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runAlerts(kind: BenchStoreKind, label: string, count: number, atOnce: boolean): Promise<AlertRunResult> {
  const bench = await benchStore(kind);
  const connector = await BenchConnector.start();
  const peopleFile = path.join(path.dirname(bench.dataFile), 'people.json');
  fs.writeFileSync(peopleFile, JSON.stringify({ version: 1, people: [{ aadObjectId: DIRECTOR.aadObjectId, name: 'Directeur De Campus', grants: [{ role: 'directeur', school: 'de-campus' }] }] }));
  // Every alert card posted into the director's chat: when it arrived, per report id.
  const arrivals = new Map<string, bigint[]>();
  const waiting = new Map<string, (at: bigint) => void>();
  connector.listen((conversationId, sent, method, at) => {
    if (conversationId !== DIRECTOR.conversationId || method !== 'POST') return;
    const id = ALERT_OF.exec(JSON.stringify(sent.attachments ?? []))?.[1];
    if (!id) return;
    arrivals.set(id, [...(arrivals.get(id) ?? []), at]);
    waiting.get(id)?.(at);
  });
  const arrival = (id: string): Promise<bigint> => {
    const first = arrivals.get(id)?.[0];
    if (first !== undefined) return Promise.resolve(first);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`no alert for ${id} within ${TIMEOUT_MS} ms`));
      }, TIMEOUT_MS);
      waiting.set(id, (at) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(at);
      });
    });
  };

  try {
    const store = await bench.open();
    let users: ReviewUser[];
    try {
      users = await prepareReviewUsers(store, count, `alerts-${atOnce ? 'burst' : 'seq'}`, systemClock, { school: 'de-campus', category: 'wapens' });
    } finally {
      await store.close();
    }
    const bot = await startBot({ dataFile: bench.dataFile, env: { ...bench.env, PEOPLE_FILE: peopleFile, LOG_LEVEL: 'warn' } });
    const post = (body: Record<string, unknown>) =>
      fetch(bot.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.arrayBuffer());
    const samples: number[] = [];
    const missing: string[] = [];
    let early = 0;
    try {
      // The director chooses her school once: from then on Baken has her conversation reference.
      await post(activity(DIRECTOR, connector.serviceUrl, { verb: 'chooseSchool', schoolId: 'de-campus' }));
      const submitOne = async (user: ReviewUser): Promise<void> => {
        const confirmation = connector.next(user.conversationId, TIMEOUT_MS, isConfirmation);
        try {
          await post(activity(user, connector.serviceUrl, user.submit));
          const returned = process.hrtime.bigint();
          const id = REPORT_ID.exec(JSON.stringify((await confirmation).attachments ?? []))?.[1];
          if (!id) throw new Error('no report id in the confirmation');
          const at = await arrival(id);
          if (at < returned) early++;
          samples.push(Math.max(0, elapsed(returned, at)));
        } catch (error) {
          missing.push(`${user.conversationId}: ${(error as Error).message}`);
        }
      };
      if (atOnce) await Promise.all(users.map(submitOne));
      else {
        for (const user of users) {
          await submitOne(user);
          await sleep(Math.random() * POLL_MS);
        }
      }
      // One more poll interval: an alert sent twice would show up here.
      await sleep(POLL_MS + 500);
    } finally {
      await bot.process.stop();
    }
    const duplicates = [...arrivals.values()].filter((times) => times.length > 1).length;
    return { label, summary: summarize(samples), early, missing, duplicates };
  } finally {
    await connector.stop();
    await bench.cleanup();
  }
}

function printAlertResult(r: AlertRunResult): void {
  console.log(formatSummary(`time to alert, ${r.label}`, r.summary));
  console.log(
    `${''.padEnd(38)} alerts ${r.summary.count}, before the POST returned ${r.early}, sent twice ${r.duplicates}, missing ${r.missing.length}${r.missing.length ? ` (e.g. ${r.missing[0]})` : ''}`,
  );
}

export async function runAlertBench(kind: BenchStoreKind = 'lowdb'): Promise<number> {
  console.log(
    `\nTime to alert (${kind}): weapons incidents at De Campus through POST /api/messages → the director's alert card at the connector; ` +
      `from the submit POST returning; Baken as npm start, outbox worker polling every ${POLL_MS / 1000} s; ${os.cpus().length} cores`,
  );
  const one = await runAlerts(kind, `${SEQUENTIAL} one at a time`, SEQUENTIAL, false);
  printAlertResult(one);
  const burst = await runAlerts(kind, `${BURST} at once`, BURST, true);
  printAlertResult(burst);
  return one.missing.length || burst.missing.length || one.duplicates || burst.duplicates ? 1 : 0;
}

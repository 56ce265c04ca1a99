/**
 * Report submissions through the real HTTP endpoint: Baken started as `npm start` runs it (child process,
 * temp DATA_FILE), BENCH_CONCURRENT (default 1,000) users each with a draft at the review step, all pressing
 * "Verstuur melding" at once (POST /api/messages with the card's report.submit data). Acknowledgement time =
 * from the POST until the confirmation card reaches the loopback Bot Connector (the bot sends it only after
 * the report is durable). Then the bot is stopped and the store reopened to count what is really on disk.
 * Run twice: on an empty store and with BENCH_SEED (default 50,000) reports already stored (segment files
 * written directly, as the store would have written them). Figures are printed, never asserted.
 *
 * Preparation (not measured) goes through the report service on the same files before the bot starts:
 * school choice in the user profiles, and each draft walked to the review step with validated answers.
 */
import { systemClock } from '../src/time';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomUUID } from 'crypto';
import { reportsDirFor } from '../src/bot/reports';
import { createReportService } from '../src/reports/service';
import { openReportStore } from '../src/reports/store/reportStore';
import { formatReportId, segmentFile, segmentNumber } from '../src/reports/store/layout';
import { loadSchools } from '../src/reports/taxonomy';
import { REPORT_SCHEMA_VERSION, type Report } from '../src/reports/types';
import { DataStore, UserProfiles } from '../src/store';
import { startBot } from '../scripts/lib/baken-processes';
import { actionsIn } from '../scripts/lib/cards';
import { BenchConnector, type ConnectorActivity } from './support/connector';
import { elapsedMs, formatSummary, summarize, type LatencySummary } from './support/stats';

const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 1000);
/** Then this many submissions one after another: the cost of one submission without queueing. */
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 200);
const SEED = Number(process.env.BENCH_SEED ?? 50_000);
const SCHOOLS = ['conexus', 'de-campus', 'de-nieuwe-kring', 'wij-de-venen', 'sooog'];
const REPLY_TIMEOUT_MS = 120_000;
const SEGMENT_SIZE = 200;
const TENANT_ID = '00000000-0000-0000-0000-000000000001';
const BOT_ACCOUNT = { id: '28:baken-bench-bot', name: 'Baken' };

/** Valid step answers per school (categories differ per school's plan). */
function incidentSteps(school: string): Array<Record<string, string>> {
  const category = school === 'de-campus' ? 'ander-incident' : 'weglopen';
  return [
    { category },
    { date: '2026-01-12', time: '10:15', location: 'schoolplein' },
    { involvedRoles: 'leerling', pupils: '5B J.d.V.' },
    { facts: 'Leerling liep tijdens het buitenspelen het hek uit en werd na tien minuten teruggevonden bij de bakker.' },
    { parentsInformed: 'ja', parentsInformedAt: '2026-01-12', separated: 'true' },
  ];
}

interface BenchUser {
  index: number;
  school: string;
  aadObjectId: string;
  conversationId: string;
  /** The report.submit data of the user's review card. */
  submit: Record<string, unknown>;
}

function submitDataOf(card: Record<string, unknown>): Record<string, unknown> {
  const action = actionsIn([{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }]).find((a) => a.verb === 'report.submit');
  if (!action) throw new Error('no report.submit on the review card');
  return action.data;
}

function cardData(card: Record<string, unknown>, verb: string, inputs: Record<string, string>): Record<string, unknown> {
  const action = actionsIn([{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }]).find((a) => a.verb === verb);
  if (!action) throw new Error(`no ${verb} on the card`);
  return { ...action.data, ...inputs };
}

/** Profiles with a school and drafts at the review step, through the report service on the bot's own files. */
async function prepareUsers(dataFile: string, tag: string): Promise<BenchUser[]> {
  const data = await DataStore.open(dataFile);
  const profiles = new UserProfiles(data, systemClock);
  const store = await openReportStore(reportsDirFor(dataFile), { clock: systemClock });
  const service = createReportService({ store, clock: systemClock });
  const users = Array.from({ length: CONCURRENT + SEQUENTIAL }, (_, index) => ({
    index,
    school: SCHOOLS[index % SCHOOLS.length],
    aadObjectId: randomUUID(),
    conversationId: `bench-report-${tag}-${index}`,
    submit: {},
  }));
  try {
    // In waves, so the preparation does not hold 1,000 card renders in memory at once.
    for (let from = 0; from < users.length; from += 100) {
      await Promise.all(
        users.slice(from, from + 100).map(async (u) => {
          await profiles.set(u.aadObjectId, { schoolId: u.school });
          const who = { id: u.aadObjectId, name: `Leerkracht ${u.index}`, school: u.school, lang: 'nl' as const };
          let card = (await service.start(who, 'incident')).card;
          for (const inputs of incidentSteps(u.school)) card = (await service.handleAction(who, cardData(card, 'report.next', inputs))).card;
          u.submit = submitDataOf(card);
        }),
      );
    }
  } finally {
    await store.close();
    await data.close();
  }
  return users;
}

/** SEED reports written straight into segment files and counters, spread over the schools, year 2025. */
function seedReports(dataFile: string, seed: number): void {
  if (seed <= 0) return;
  const dir = reportsDirFor(dataFile);
  const schools = loadSchools();
  const perSchool = Math.ceil(seed / SCHOOLS.length);
  const last: Record<string, number> = {};
  let written = 0;
  for (const schoolId of SCHOOLS) {
    const school = schools.find((s) => s.id === schoolId)!;
    const count = Math.min(perSchool, seed - written);
    const year = 2025;
    for (let first = 1; first <= count; first += SEGMENT_SIZE) {
      const n = segmentNumber(first, SEGMENT_SIZE);
      const reports: Report[] = [];
      for (let seq = first; seq < first + SEGMENT_SIZE && seq <= count; seq++) {
        const at = new Date(Date.UTC(2025, 0, 1) + seq * 60_000).toISOString();
        reports.push({
          id: formatReportId(school.code, year, seq), schemaVersion: REPORT_SCHEMA_VERSION, school: schoolId, type: 'incident', category: 'weglopen',
          fields: { date: '2025-01-10', location: 'schoolplein', facts: `Leerling liep weg tijdens het buitenspelen (${seq}). `.repeat(4), parentsInformed: 'ja' },
          reporter: { id: `seed-user-${seq % 500}`, name: `Leerkracht ${seq % 500}` }, lang: 'nl', draftId: `seed-${schoolId}-${seq}`, status: 'nieuw',
          createdAt: at, submittedAt: at, chronology: [{ at, by: { id: `seed-user-${seq % 500}` }, kind: 'created', text: '' }],
        });
      }
      const file = segmentFile(dir, schoolId, year, n);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ schemaVersion: REPORT_SCHEMA_VERSION, school: schoolId, year, segment: n, reports }));
    }
    last[`${school.code}-${year}`] = count;
    written += count;
  }
  fs.writeFileSync(path.join(dir, 'counters.json'), JSON.stringify({ schemaVersion: 1, last }));
}

function activity(user: BenchUser, serviceUrl: string, value: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:bench-${user.aadObjectId}`, aadObjectId: user.aadObjectId, name: `Leerkracht ${user.index}` },
    recipient: BOT_ACCOUNT,
    conversation: { id: user.conversationId, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'nl-NL',
    value,
  };
}

const REPORT_ID = /\b([A-Z]{2,5}-\d{4}-\d{4,})\b/;
const isConfirmation = (a: ConnectorActivity) => a.type === 'message' && JSON.stringify(a.attachments ?? []).includes('"verb":"report.list"');

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

/** One measured burst against a freshly started bot on a fresh data folder with `seed` reports pre-stored. */
export async function runHttpBurst(label: string, seed: number): Promise<HttpRunResult> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-bench-reports-http-'));
  const dataFile = path.join(tempDir, 'baken.json');
  const connector = await BenchConnector.start();
  try {
    const users = await prepareUsers(dataFile, label.replace(/\W+/g, '-'));
    seedReports(dataFile, seed);
    const bot = await startBot({ dataFile, env: { LOG_LEVEL: 'warn' } });
    const samples: number[] = [];
    const sequentialSamples: number[] = [];
    const errors: string[] = [];
    const acknowledged: string[] = [];
    const submitOne = async (user: BenchUser, into: number[]) => {
      const start = process.hrtime.bigint();
      try {
        const reply = connector.next(user.conversationId, REPLY_TIMEOUT_MS, isConfirmation);
        const post = fetch(bot.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(user, connector.serviceUrl, user.submit)) })
          .then((r) => r.arrayBuffer());
        const [confirmation] = await Promise.all([reply, post]);
        into.push(elapsedMs(start));
        const id = REPORT_ID.exec(JSON.stringify(confirmation.attachments ?? []))?.[1];
        if (id) acknowledged.push(id);
      } catch (error) {
        errors.push(`${user.conversationId}: ${(error as Error).message}`);
      }
    };
    try {
      await Promise.all(users.slice(0, CONCURRENT).map((user) => submitOne(user, samples)));
      for (const user of users.slice(CONCURRENT)) await submitOne(user, sequentialSamples);
    } finally {
      await bot.process.stop();
    }
    // Count what is really on disk after the bot has gone.
    const store = await openReportStore(reportsDirFor(dataFile), { clock: systemClock });
    let lost = 0;
    for (const id of acknowledged) if (!(await store.get(id))) lost++;
    const stored = store.count() - seed;
    await store.close();
    return { label, seed, summary: summarize(samples), sequential: summarize(sequentialSamples), acknowledged: acknowledged.length, stored, lost, errors };
  } finally {
    await connector.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

export function printHttpResult(r: HttpRunResult): void {
  console.log(formatSummary(`HTTP ${CONCURRENT} at once, ${r.seed} stored`, r.summary));
  console.log(formatSummary(`HTTP one at a time, ${r.seed} stored`, r.sequential));
  console.log(`${''.padEnd(38)} acknowledged ${r.acknowledged}, stored ${r.stored}, lost ${r.lost}${r.errors.length ? `, ${r.errors.length} without confirmation (e.g. ${r.errors[0]})` : ''}`);
}

export async function runHttpBench(): Promise<number> {
  console.log(`Report submissions through POST /api/messages: ${CONCURRENT} concurrent, then ${SEQUENTIAL} one at a time; ${os.cpus().length} cores`);
  const empty = await runHttpBurst('empty store', 0);
  printHttpResult(empty);
  const seeded = await runHttpBurst('seeded store', SEED);
  printHttpResult(seeded);
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(`ratio seeded/empty: burst p50 ×${ratio(seeded.summary.p50, empty.summary.p50)} p99 ×${ratio(seeded.summary.p99, empty.summary.p99)}; one at a time p50 ×${ratio(seeded.sequential.p50, empty.sequential.p50)} p99 ×${ratio(seeded.sequential.p99, empty.sequential.p99)}`);
  console.log(`target p99 ≤ 50 ms per submission: one at a time ${empty.sequential.p99.toFixed(1)} ms (empty) / ${seeded.sequential.p99.toFixed(1)} ms (seeded); in the ${CONCURRENT}-burst ${empty.summary.p99.toFixed(1)} / ${seeded.summary.p99.toFixed(1)} ms (queueing behind the other submissions on ${os.cpus().length} cores)`);
  return empty.lost || seeded.lost || empty.errors.length || seeded.errors.length ? 1 : 0;
}

if (require.main === module) {
  runHttpBench().then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

/**
 * npx tsx bench/answers.ts [-- --before <git ref>] — what recording one answer (store.feedback.recordAnswer, the
 * write every answered question makes so a 👍/👎 can be tied to it) costs the lowdb store with 0, 6,000 and 60,000
 * answer records already kept (BENCH_RETAINED, comma-separated). Each: a fresh store seeded with that many records
 * (`at` spread over the last 30 days, plus 1/30 as many 30–40 days old for the prune to remove; the answer log's
 * records are then spread over one file per day, as a month of running leaves them), closed and opened again
 * (a restart), then
 *   - the first answer after the restart as FeedbackLog runs it: the write, then the daily prune (it prunes once per
 *     process, so at the first answer) — main-thread CPU and wall time of each;
 *   - BENCH_WRITES (default 300) answers one after another: main-thread CPU per write (µs) and wall time per write.
 * Main-thread CPU is the main thread's own on-CPU time (/proc/self/task/<pid>/schedstat; the event loop's active
 * time where /proc is missing): work done by libuv's threads (the write and fsync system calls) is not in it.
 * With --before <ref> (e.g. HEAD while the change is not committed) the same is measured in the same run on the
 * store of that commit: its src/ is extracted to a temp folder (git archive) and loaded beside this one.
 * Figures are printed, never asserted.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { answerRecordId, type AnswerRecord, type Store } from '../src/store/contract';
import { openLowdbStore } from '../src/store/lowdb';
import { summarize } from './support/stats';

type Open = (dataFile: string) => Promise<Store>;

const RETAINED = (process.env.BENCH_RETAINED ?? '0,6000,60000').split(',').map((s) => Number(s.trim()));
const WRITES = Number(process.env.BENCH_WRITES ?? 300);
const DAY_MS = 24 * 60 * 60 * 1000;
const RETENTION_DAYS = 30;
const ROOT = path.join(__dirname, '..');

/** Main-thread CPU time in ms. */
function mainThreadCpuMs(): number {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return performance.eventLoopUtilization().active;
  }
}

const QUESTIONS = [
  'Wat moet ik doen als een leerling tijdens de pauze steeds door dezelfde groep wordt buitengesloten?',
  'Bij wie meld ik een vermoeden van huiselijk geweld en moet ik dat eerst met de ouders bespreken?',
  'Where do I register an incident that happened on the playground during lunch break?',
  'Mag ik een foto van de klas op de website zetten als niet alle ouders toestemming hebben gegeven?',
];

/** An answer record of realistic size (Teams conversation ids are long): about 450 bytes as JSON. */
function answer(i: number, at: Date): AnswerRecord {
  const conversationId = `a:1${(i * 7919).toString(36).padStart(8, '0')}Xk2mQ9vT3bLr8eWc5nYz7aPq1sDf4gHj6kL0oIu2yTr5eWq8zXcV3bN`;
  const activityId = `17${String(1_000_000_000 + i)}${String(i % 997).padStart(3, '0')}`;
  const cited = i % 5 !== 0;
  return {
    id: answerRecordId(conversationId, activityId), conversationId, activityId, at: at.toISOString(),
    userKey: `29:1${(i % 1500).toString(36).padStart(6, '0')}-aad-object-id-4f1e-9c1b-0d3a`, schoolId: ['conexus', 'de-campus', 'de-nieuwe-kring', 'wij-de-venen'][i % 4],
    question: QUESTIONS[i % QUESTIONS.length], ...(cited ? { doc: 'conexus', sectionId: `${1 + (i % 9)}.${1 + (i % 7)}` } : {}), abstained: !cited, lang: i % 3 ? 'nl' : 'en',
  };
}

/** `count` kept records (the last 30 days) and count/30 expired ones (30–40 days old), in one unit of work. */
async function seed(store: Store, count: number): Promise<number> {
  const now = Date.now();
  const expired = Math.floor(count / 30);
  const keep = RETENTION_DAYS * DAY_MS - 10 * 60_000;
  await store.transaction(async (tx) => {
    for (let i = 0; i < count; i++) await tx.feedback.recordAnswer(answer(i, new Date(now - 60_000 - (i * keep) / Math.max(1, count))));
    for (let i = 0; i < expired; i++) await tx.feedback.recordAnswer(answer(count + i, new Date(now - RETENTION_DAYS * DAY_MS - 60_000 - (i * 10 * DAY_MS) / expired)));
  });
  return expired;
}

/**
 * The answer log (feedback/answers/*.jsonl, this version's layout) as a month of running leaves it: a record is
 * written to the file of the UTC day it is written, so one file per day of `at`. (Seeding wrote them all today.)
 */
function spreadOverDays(dataFile: string): void {
  const dir = path.join(path.dirname(dataFile), 'baken.d', 'feedback', 'answers');
  if (!fs.existsSync(dir)) return;
  const byDay = new Map<string, string[]>();
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of fs.readFileSync(path.join(dir, name), 'utf8').split('\n')) {
      if (!line) continue;
      const day = (JSON.parse(line) as AnswerRecord).at.slice(0, 10);
      const lines = byDay.get(day);
      if (lines) lines.push(line);
      else byDay.set(day, [line]);
    }
    fs.rmSync(path.join(dir, name));
  }
  for (const [day, lines] of byDay) {
    // Durable like the store's own writes, so the store's first fsync after the restart does not flush them.
    const fd = fs.openSync(path.join(dir, `${day}.jsonl`), 'w');
    fs.writeFileSync(fd, `${lines.join('\n')}\n`);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  }
}

interface Measured {
  firstWrite: { cpu: number; wall: number };
  firstPrune: { cpu: number; wall: number; removed: number };
  perWrite: { cpuUs: number; wallP50: number; wallP99: number };
  answersBytes: number;
}

function bytesUnder(dir: string, match: (rel: string) => boolean): number {
  if (!fs.existsSync(dir)) return 0;
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(match)
    .reduce((sum, rel) => sum + fs.statSync(path.join(dir, rel)).size, 0);
}

async function measure(open: Open, retained: number): Promise<Measured> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-bench-answers-'));
  const dataFile = path.join(dir, 'baken.json');
  try {
    let store = await open(dataFile);
    const expired = await seed(store, retained);
    await store.close();
    spreadOverDays(dataFile);
    execFileSync('sync'); // the restart begins on a quiet disk: seeding's writes and deletes are not paid by the first answer
    store = await open(dataFile); // a restart
    let n = retained + expired;
    const next = () => answer(++n, new Date());

    let cpu0 = mainThreadCpuMs();
    let t0 = performance.now();
    await store.feedback.recordAnswer(next());
    const firstWrite = { cpu: mainThreadCpuMs() - cpu0, wall: performance.now() - t0 };
    cpu0 = mainThreadCpuMs();
    t0 = performance.now();
    const removed = await store.feedback.pruneAnswers(new Date(Date.now() - RETENTION_DAYS * DAY_MS).toISOString());
    const firstPrune = { cpu: mainThreadCpuMs() - cpu0, wall: performance.now() - t0, removed };

    for (let i = 0; i < 20; i++) await store.feedback.recordAnswer(next()); // warm up
    const walls: number[] = [];
    cpu0 = mainThreadCpuMs();
    for (let i = 0; i < WRITES; i++) {
      const t = performance.now();
      await store.feedback.recordAnswer(next());
      walls.push(performance.now() - t);
    }
    const cpu = mainThreadCpuMs() - cpu0;
    const s = summarize(walls);
    await store.close();
    const filesDir = path.join(dir, 'baken.d');
    return { firstWrite, firstPrune, perWrite: { cpuUs: (cpu * 1000) / WRITES, wallP50: s.p50, wallP99: s.p99 }, answersBytes: bytesUnder(path.join(filesDir, 'feedback'), (rel) => rel.startsWith('answers')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The lowdb store of an earlier commit, loaded from its src/ extracted to a temp folder. */
function storeAt(ref: string): { open: Open; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-bench-before-'));
  const tar = execFileSync('git', ['archive', '--format=tar', ref, 'src'], { cwd: ROOT, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(dir, 'src', 'store', 'lowdb', 'index.ts')) as { openLowdbStore: Open };
  return { open: (file) => mod.openLowdbStore(file), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const fmtMs = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
const kb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;

function print(label: string, retained: number, m: Measured): void {
  console.log(
    `${label.padEnd(14)} ${retained.toLocaleString('en').padStart(7)} kept | per write: main-thread CPU ${m.perWrite.cpuUs.toFixed(0).padStart(5)} µs, wall p50 ${fmtMs(m.perWrite.wallP50)} p99 ${fmtMs(m.perWrite.wallP99)}` +
      ` | after restart: 1st write CPU ${fmtMs(m.firstWrite.cpu)} (wall ${fmtMs(m.firstWrite.wall)}), 1st prune (−${m.firstPrune.removed}) CPU ${fmtMs(m.firstPrune.cpu)} (wall ${fmtMs(m.firstPrune.wall)}) | answer files ${kb(m.answersBytes)}`,
  );
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--before');
  const beforeRef = i >= 0 ? process.argv[i + 1] : undefined;
  console.log(`Answer records on lowdb: ${WRITES} sequential writes per row; ${os.cpus().length} cores, ${os.tmpdir()} (${os.platform()})\n`);
  const before = beforeRef ? storeAt(beforeRef) : undefined;
  try {
    for (const retained of RETAINED) {
      if (before) print(`before (${beforeRef})`, retained, await measure(before.open, retained));
      print('after', retained, await measure(openLowdbStore, retained));
    }
  } finally {
    before?.cleanup();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

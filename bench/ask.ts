/**
 * `npm run bench:ask`: answer latency of Ask, measured (never asserted).
 *  1. in process: askService.ask(school, question), one after another;
 *  2. through the real HTTP endpoint: Baken started as `npm start` runs it, activities POSTed to /api/messages
 *     for 50 concurrent conversations, replies received by a loopback stand-in for the Bot Connector;
 *  3. the same load against a bare restify endpoint (parse, POST one reply, 200) as the floor; ratio printed.
 * Two load models over the same 50 conversations: "paced" (each user sends her next question 250–750 ms after
 * the previous answer, ≈ 100 questions/s in all: latency as staff would feel it, the target applies here) and
 * "saturated" (no pause at all: the server's throughput limit; latency is mostly queueing).
 * Target: p99 ≤ 50 ms through HTTP on the 2-core machine. Loopback only; every loop and wait is bounded.
 * Under each model a diagnostic line (not the target): CPU per question of the server process (all threads, from
 * /proc) and of this process (the fetch client and the stand-in connector share it), this process's event-loop delay
 * p99 (how late it reads a reply or answers the bot's POST), and the share of the cores the two used together.
 * Before that, the index build: the five shipped plans, and 500 plans generated from them (each a shuffled
 * variant of one shipped plan with its phrasings), each measured in a fresh child process: time; RSS after the build,
 * its peak, and the heap and buffers still in use after a full collection (RSS alone depends on when V8 last collected).
 * Targets: five plans ≤ 1 s, 500 plans ≤ 10 s and ≤ 500 MB RSS.
 * `-- --store lowdb|postgres` chooses the bot's store (PostgreSQL: DATABASE_URL or a throw-away cluster).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomUUID } from 'crypto';
import { execFileSync } from 'child_process';
import { monitorEventLoopDelay } from 'perf_hooks';
import { createKnowledgeService } from '../src/knowledge';
import { loadKnowledge } from '../src/knowledge/load';
import { dutchWordList } from '../src/knowledge/analysis/wordlist';
import type { PlanDocument } from '../src/knowledge/types';
import { buildAsk } from '../src/ask';
import { DEFAULT_CARDS_DIR } from '../src/i18n';
import { PROJECT_ROOT, startBot } from '../scripts/lib/baken-processes';
import { actionsIn, choiceSetsIn } from '../scripts/lib/cards';
import { BenchConnector, ConnectorActivity } from './support/connector';
import { benchStore, stopBenchServer, storeKindFromArgs } from './support/stores';
import { elapsedMs, formatMs, formatSummary, LatencySummary, summarize } from './support/stats';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 50);
const QUESTIONS_PER_CONVERSATION = Number(process.env.BENCH_QUESTIONS ?? 10);
const IN_PROCESS_ASKS = Number(process.env.BENCH_IN_PROCESS ?? 1000);
const WARMUP_ASKS = 50;
const REPLY_TIMEOUT_MS = 15_000;
/**
 * BENCH_TIMELINE=<file>: one line per question (model, ms since the load began, latency ms, conversation, index), to
 * see whether the slowest questions come together (one stall: a first parse, a collection) or spread (queueing).
 */
const TIMELINE_FILE = process.env.BENCH_TIMELINE;
const TARGET_P99_MS = 50;
/** Pause between an answer and the user's next question in the paced model. */
const THINK_MS: [number, number] = [250, 750];

type LoadModel = 'paced' | 'saturated';

/** Deterministic pauses, so two runs send the same schedule. */
function pauses(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return THINK_MS[0] + (state / 2 ** 32) * (THINK_MS[1] - THINK_MS[0]);
  };
}

const TENANT_ID = '00000000-0000-0000-0000-000000000001';
const BOT_ACCOUNT = { id: '28:baken-bench-bot', name: 'Baken' };

interface Question {
  school: string;
  question: string;
}

interface Conversation {
  id: string;
  user: { id: string; name: string; aadObjectId: string };
  school: string;
  questions: string[];
}

/** The dev set's questions (all kinds), or a small built-in list when ../shared is not beside the project. */
function loadQuestions(): Question[] {
  const devSet = path.resolve(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.jsonl');
  if (fs.existsSync(devSet)) {
    return fs
      .readFileSync(devSet, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as Question)
      .map(({ school, question }) => ({ school, question }));
  }
  return [
    { school: 'de-campus', question: 'mag ik een kind vastpakken als hij doordraait?' },
    { school: 'conexus', question: 'hoe lang mag een schorsing duren zonder bestuur?' },
    { school: 'de-nieuwe-kring', question: 'wat doe ik als ik kindermishandeling vermoed?' },
    { school: 'wij-de-venen', question: 'wat is het pestprotocol?' },
    { school: 'sooog', question: 'what do I do about bullying?' },
  ];
}

function makeConversations(questions: Question[]): Conversation[] {
  const schools = [...new Set(questions.map((q) => q.school))].sort();
  return Array.from({ length: CONVERSATIONS }, (_, i) => {
    const school = schools[i % schools.length];
    const own = questions.filter((q) => q.school === school).map((q) => q.question);
    return {
      id: `bench-conversation-${i}`,
      user: { id: `29:bench-user-${i}`, name: `Leerkracht ${i}`, aadObjectId: randomUUID() },
      school,
      questions: Array.from({ length: QUESTIONS_PER_CONVERSATION + 1 }, (_, q) => own[(i + q) % own.length]),
    };
  });
}

function activity(conversation: Conversation, serviceUrl: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: conversation.user,
    recipient: BOT_ACCOUNT,
    conversation: { id: conversation.id, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'nl-NL',
    ...fields,
  };
}

async function post(endpoint: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REPLY_TIMEOUT_MS),
  });
  await response.arrayBuffer();
  if (response.status >= 400) throw new Error(`POST ${endpoint} → ${response.status}`);
}

/** Sends `body` and resolves with the first visible reply (or the first matching `accept`). */
async function exchange(
  endpoint: string,
  connector: BenchConnector,
  conversation: Conversation,
  body: Record<string, unknown>,
  accept?: (activity: ConnectorActivity) => boolean,
): Promise<ConnectorActivity> {
  const reply = connector.next(conversation.id, REPLY_TIMEOUT_MS, accept);
  // The reply may land before the POST returns (the adapter answers after the turn); wait for both.
  const [answer] = await Promise.all([reply, post(endpoint, body)]);
  return answer;
}

const hasSchoolChoice = (activity: ConnectorActivity) => choiceSetsIn(activity.attachments).length > 0;

/** First contact: the user's first question gets the welcome card (no school yet); the user picks the school on it. */
async function chooseSchool(endpoint: string, connector: BenchConnector, conversation: Conversation): Promise<void> {
  const serviceUrl = connector.serviceUrl;
  const welcome = await exchange(endpoint, connector, conversation, activity(conversation, serviceUrl, { type: 'message', text: conversation.questions[0], textFormat: 'plain' }), hasSchoolChoice);
  const [choiceSet] = choiceSetsIn(welcome.attachments);
  const [action] = actionsIn(welcome.attachments);
  if (!action) throw new Error('the welcome card has no action with a verb');
  const value = { ...action.data, [choiceSet.id]: conversation.school };
  await exchange(endpoint, connector, conversation, activity(conversation, serviceUrl, { type: 'message', value, replyToId: welcome.id }));
}

interface LoadResult {
  summary: LatencySummary;
  errors: string[];
  /** Diagnostic only (the target is judged on `summary`): where the CPU went while this load ran. */
  cpu: LoadCpu;
}

interface LoadCpu {
  /** CPU time of the server process (all its threads), ms per question; NaN where /proc is not available. */
  serverMs: number;
  /** CPU time of this process (the fetch client and the stand-in connector together), ms per question. */
  benchMs: number;
  /** Event-loop delay of this process while the load ran (a reply or a response waits that long to be read), ms. */
  benchDelayP99: number;
  /** Both processes together, in % of the machine's cores over the run's wall time. */
  machinePercent: number;
}

/** CPU time (user + system, all threads) of process `pid` in ms, from /proc; NaN elsewhere. */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ": state is field 0, utime 11, stime 12 (in clock ticks).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
/** USER_HZ: 100 on Linux. */
const CLOCK_TICKS = 100;

/** All conversations at once; within one conversation the questions go one after another, as a user types. */
async function runLoad(endpoint: string, connector: BenchConnector, conversations: Conversation[], model: LoadModel, serverPid?: number): Promise<LoadResult> {
  const samples: number[] = [];
  const errors: string[] = [];
  const timeline: string[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const serverCpu = processCpuMs(serverPid);
  const benchCpu = process.cpuUsage();
  const wallStart = process.hrtime.bigint();
  await Promise.all(
    conversations.map(async (conversation, c) => {
      const nextPause = pauses(c + 1);
      for (const [index, text] of conversation.questions.entries()) {
        // Paced users start spread over one average pause, then think between questions.
        const pause = index === 0 ? (c * (THINK_MS[0] + THINK_MS[1])) / 2 / conversations.length : nextPause();
        if (model === 'paced') await new Promise((resolve) => setTimeout(resolve, pause));
        const start = process.hrtime.bigint();
        try {
          await exchange(endpoint, connector, conversation, activity(conversation, connector.serviceUrl, { type: 'message', text, textFormat: 'plain' }));
          // The first question of each conversation warms the path up and is not counted.
          if (index > 0) samples.push(elapsedMs(start));
          timeline.push(`${model}\t${(Number(start - wallStart) / 1e6).toFixed(1)}\t${elapsedMs(start).toFixed(1)}\t${c}\t${index}`);
        } catch (error) {
          errors.push(`${conversation.id}: ${(error as Error).message}`);
        }
      }
    }),
  );
  delay.disable();
  const wallMs = elapsedMs(wallStart);
  if (TIMELINE_FILE) fs.appendFileSync(TIMELINE_FILE, `${timeline.join('\n')}\n`);
  const questions = conversations.reduce((n, c) => n + c.questions.length, 0);
  const bench = process.cpuUsage(benchCpu);
  const benchMs = (bench.user + bench.system) / 1000;
  const serverMs = processCpuMs(serverPid) - serverCpu;
  const cpu: LoadCpu = {
    serverMs: serverMs / questions,
    benchMs: benchMs / questions,
    benchDelayP99: delay.percentile(99) / 1e6,
    machinePercent: (100 * (serverMs + benchMs)) / wallMs / os.cpus().length,
  };
  return { summary: summarize(samples), errors, cpu };
}

/** Both load models against one endpoint. */
async function runModels(endpoint: string, connector: BenchConnector, conversations: Conversation[], serverPid?: number): Promise<Record<LoadModel, LoadResult>> {
  const paced = await runLoad(endpoint, connector, conversations, 'paced', serverPid);
  const saturated = await runLoad(endpoint, connector, conversations, 'saturated', serverPid);
  return { paced, saturated };
}

/** The diagnostic line under a model's figures: not part of the target, only how the two processes shared the cores. */
function formatCpu(label: string, cpu: LoadCpu): string {
  const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} ms` : 'n/a');
  return `${''.padEnd(38)} CPU per question (${label}): server ${ms(cpu.serverMs)}, bench client + stand-in connector ${ms(cpu.benchMs)}; bench event-loop delay p99 ${cpu.benchDelayP99.toFixed(1)} ms; both ${Number.isFinite(cpu.machinePercent) ? cpu.machinePercent.toFixed(0) : 'n/a'}% of ${os.cpus().length} cores`;
}

function benchInProcess(questions: Question[]): LatencySummary {
  const ask = buildAsk({ knowledgeDir: path.join(PROJECT_ROOT, 'knowledge'), cardsDir: DEFAULT_CARDS_DIR });
  for (let i = 0; i < WARMUP_ASKS; i++) ask.ask(questions[i % questions.length].school, questions[i % questions.length].question);
  const samples: number[] = [];
  for (let i = 0; i < IN_PROCESS_ASKS; i++) {
    const { school, question } = questions[i % questions.length];
    const start = process.hrtime.bigint();
    ask.ask(school, question);
    samples.push(elapsedMs(start));
  }
  return summarize(samples);
}

interface BuildFigures {
  plans: number;
  passages: number;
  buildMs: number;
  wordListMs: number;
  firstAnswerMs: number;
  /** RSS right after the build and the first answer, as the process left it (depends on when V8 last collected). */
  rssMb: number;
  /** The process's highest RSS so far (the build's peak: what a memory limit must allow). */
  peakRssMb: number;
  /** JavaScript heap and off-heap buffers in use after a full collection: what the built index keeps alive. */
  liveMb: number;
}

/** Deterministic shuffle, so every run builds the same generated plans. */
function shuffled<T>(items: T[], seed: number): T[] {
  const next = pauses(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(((next() - THINK_MS[0]) / (THINK_MS[1] - THINK_MS[0])) * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * A knowledge folder with `count` plans generated from the shipped ones: plan i is shipped plan i mod 5 with
 * its paragraphs shuffled per section and its own school; its phrasings are the shipped plan's.
 */
function generatedKnowledge(count: number): string {
  const source = path.join(PROJECT_ROOT, 'knowledge');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-plans-'));
  fs.mkdirSync(path.join(dir, 'analysis'));
  fs.mkdirSync(path.join(dir, 'phrasings'));
  fs.mkdirSync(path.join(dir, 'plans'));
  fs.copyFileSync(path.join(source, 'thesaurus.json'), path.join(dir, 'thesaurus.json'));
  fs.copyFileSync(path.join(source, 'analysis', 'stopwords.json'), path.join(dir, 'analysis', 'stopwords.json'));
  const shipped = loadKnowledge(source).documents;
  const schools = Array.from({ length: count }, (_, i) => ({ id: `gen-${i}`, name: `Generated school ${i}`, board: 'gen', code: 'GEN' }));
  fs.writeFileSync(path.join(dir, 'schools.json'), JSON.stringify({ boards: [{ id: 'gen', name: 'Generated board' }], schools }));
  for (let i = 0; i < count; i++) {
    const doc = shipped[i % shipped.length];
    const body = doc.sections
      .map((s) => `${'#'.repeat(Math.min(6, s.level))} ${[s.number, s.title].filter(Boolean).join(' ')}\n\n${shuffled(s.text.split(/\n\s*\n/), i + 1).join('\n\n')}\n`)
      .join('\n');
    const front = `---\nid: gen-${i}\ntitle: "Plan ${i} (${doc.id})"\nscope:\n  level: school\n  board: gen\n  schools: [gen-${i}]\nsource: gen-${i}.txt\n---\n\n`;
    fs.writeFileSync(path.join(dir, 'plans', `gen-${i}.md`), front + body);
    const phrasings = path.join(source, 'phrasings', `${doc.id}.json`);
    if (fs.existsSync(phrasings)) {
      const data = JSON.parse(fs.readFileSync(phrasings, 'utf8')) as { doc: string };
      fs.writeFileSync(path.join(dir, 'phrasings', `gen-${i}.json`), JSON.stringify({ ...data, doc: `gen-${i}` }));
    }
  }
  return dir;
}

/** Child mode: build the index of one knowledge folder and print the figures as JSON. */
function buildChild(knowledgeDir: string): void {
  const kb = loadKnowledge(knowledgeDir);
  const start = process.hrtime.bigint();
  const knowledge = createKnowledgeService(kb, knowledgeDir, DEFAULT_CARDS_DIR, undefined, () => undefined);
  const buildMs = elapsedMs(start);
  const wordStart = process.hrtime.bigint();
  dutchWordList();
  const wordListMs = elapsedMs(wordStart);
  const askStart = process.hrtime.bigint();
  knowledge.answerPolicy(kb.schools[0].id, 'wat doen we als een kind gepest wordt?');
  const firstAnswerMs = elapsedMs(askStart);
  const passages = kb.documents.reduce((n: number, d: PlanDocument) => n + d.sections.length, 0);
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  // The child runs with --expose-gc (see measureBuild); the index stays referenced while collecting.
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, external } = process.memoryUsage();
  const liveMb = (heapUsed + external) / 2 ** 20;
  if (!knowledge) throw new Error('no index');
  const figures: BuildFigures = { plans: kb.documents.length, passages, buildMs, wordListMs, firstAnswerMs, rssMb, peakRssMb, liveMb };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function measureBuild(knowledgeDir: string): BuildFigures {
  const out = execFileSync(process.execPath, ['--expose-gc', ...process.execArgv, __filename], {
    env: { ...process.env, BENCH_BUILD_CHILD: knowledgeDir },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as BuildFigures;
}

function benchBuild(): void {
  const shipped = measureBuild(path.join(PROJECT_ROOT, 'knowledge'));
  const line = (label: string, f: BuildFigures, targetMs: number): string =>
    `index build, ${label}: ${Math.round(f.buildMs)} ms for ${f.plans} plans (${f.passages} sections), RSS ${Math.round(f.rssMb)} MB ` +
    `(peak ${Math.round(f.peakRssMb)} MB; in use after a full collection ${Math.round(f.liveMb)} MB); ` +
    `Dutch word list ${Math.round(f.wordListMs)} ms (once per process); first answer ${formatMs(f.firstAnswerMs)} — ${f.buildMs <= targetMs ? 'within' : 'ABOVE'} ${targetMs / 1000} s target`;
  console.log(line('shipped plans', shipped, 1000));
  const count = Number(process.env.BENCH_GENERATED_PLANS ?? 500);
  const dir = generatedKnowledge(count);
  if (process.env.BENCH_KEEP_GENERATED) console.log(`generated plans kept in ${dir}`);
  try {
    const generated = measureBuild(dir);
    console.log(`${line(`${count} generated plans`, generated, 10_000)}; RSS ${generated.rssMb <= 500 ? 'within' : 'ABOVE'} 500 MB target`);
  } finally {
    if (!process.env.BENCH_KEEP_GENERATED) fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
}

async function main(): Promise<number> {
  benchBuild();
  if (process.env.BENCH_BUILD_ONLY) return 0;
  const questions = loadQuestions();
  const conversations = makeConversations(questions);
  console.log(`Ask benchmark: ${questions.length} questions, ${CONVERSATIONS} concurrent conversations × ${QUESTIONS_PER_CONVERSATION} questions over HTTP, ${os.cpus().length} cores\n`);

  const inProcess = benchInProcess(questions);
  console.log(formatSummary('in process (askService.ask)', inProcess));
  console.log('(in process, one ask at a time: ask is synchronous, so concurrency inside one process only queues)');

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-bench-'));
  const connector = await BenchConnector.start();
  let exitCode = 0;
  try {
    const bare = await startBot({ entry: 'bench/support/bare-server.ts', dataFile: path.join(tempDir, 'unused.json') });
    let floor: Record<LoadModel, LoadResult>;
    try {
      floor = await runModels(bare.endpoint, connector, conversations, bare.process.child.pid);
    } finally {
      await bare.process.stop();
    }

    const store = await benchStore(storeKindFromArgs());
    console.log(`Baken's store: ${store.kind}`);
    const bot = await startBot({ dataFile: store.dataFile, env: { ...store.env, LOG_LEVEL: 'warn' } });
    let baken: Record<LoadModel, LoadResult>;
    try {
      const setupErrors: string[] = [];
      await Promise.all(conversations.map((c) => chooseSchool(bot.endpoint, connector, c).catch((e: Error) => setupErrors.push(`${c.id}: ${e.message}`))));
      if (setupErrors.length) throw new Error(`school choice failed in ${setupErrors.length} conversations, e.g. ${setupErrors[0]}\n${bot.process.tail(20)}`);
      baken = await runModels(bot.endpoint, connector, conversations, bot.process.child.pid);
    } finally {
      await bot.process.stop();
      await store.cleanup();
      await stopBenchServer();
    }

    for (const model of ['paced', 'saturated'] as const) {
      console.log('');
      console.log(formatSummary(`HTTP ${model}, bare restify`, floor[model].summary));
      console.log(formatSummary(`HTTP ${model}, Baken /api/messages`, baken[model].summary));
      const ratio = (key: 'p50' | 'p99') => (baken[model].summary[key] / floor[model].summary[key]).toFixed(2);
      console.log(`${''.padEnd(38)} ratio Baken / bare restify: p50 ×${ratio('p50')}, p99 ×${ratio('p99')}`);
      console.log(formatCpu('bare', floor[model].cpu));
      console.log(formatCpu('Baken', baken[model].cpu));
    }
    console.log('(CPU lines: diagnostic, not the target; bench and server share the machine\'s cores, and any other process on it competes too)');
    console.log('');
    const p99 = baken.paced.summary.p99;
    console.log(`target p99 ≤ ${TARGET_P99_MS} ms through HTTP (paced, ${CONVERSATIONS} conversations): ${formatMs(p99)} — ${p99 <= TARGET_P99_MS ? 'within' : 'ABOVE'} target`);
    for (const [label, result] of [
      ['bare paced', floor.paced],
      ['bare saturated', floor.saturated],
      ['Baken paced', baken.paced],
      ['Baken saturated', baken.saturated],
    ] as const) {
      if (result.errors.length) {
        exitCode = 1;
        console.log(`${label}: ${result.errors.length} replies missing, e.g. ${result.errors[0]}`);
      }
    }
    if (connector.unexpected.length) console.log(`connector calls not modelled: ${[...new Set(connector.unexpected)].slice(0, 5).join(', ')}`);
  } finally {
    await connector.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
  return exitCode;
}

if (process.env.BENCH_BUILD_CHILD) {
  buildChild(process.env.BENCH_BUILD_CHILD);
} else
main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
);

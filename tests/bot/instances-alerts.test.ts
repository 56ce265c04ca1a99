/**
 * Alerts and escalations with several instances on one PostgreSQL database (issue 9, "two instances on PostgreSQL →
 * each alert and escalation sent once").
 *
 * 1. Two real `npm start` processes (tsx src/index.ts), each with its own polling outbox worker, on one database and
 *    one recording connector. A teacher files weapons incidents at De Campus (director at once, adjunct-directeur
 *    after 60 minutes, board after 120; knowledge/alerts.json), turn by turn alternating between the instances.
 *    The processes' wall clock is moved with libfaketime (tests/support/process-clock.ts; no hook in src/).
 * 2. Two in-process instances (startTestBot), each with its own pool and its own ManualClock, the clocks advanced
 *    together, the two workers' runOnce racing (Promise.all): the outbox lease and the chronology guard of
 *    `escalate` each send a step once; a duplicated step job sends nothing; an acknowledgement on instance A stops
 *    an escalation that is due on instance B, also when B has already leased it.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { startBot, type BotProcess } from '../../scripts/lib/baken-processes';
import { ALERT_JOB, ESCALATION_JOB, escalationKey } from '../../src/alerts';
import type { Report } from '../../src/reports/types';
import type { OutboxJob, Store } from '../../src/store/contract';
import { openPostgresStore } from '../../src/store/postgres';
import { ManualClock } from '../../src/time';
import { startTestBot, type RunningBot } from '../support/bot-harness';
import { TEST_NOW } from '../support/clock';
import { gatedStore, type GatedStore } from '../support/gated-store';
import { createTestDatabase, usePostgresServer, type TestDatabase } from '../support/postgres';
import { ProcessClock } from '../support/process-clock';
import { RecordingConnector, TestUser, cardsOf, type RecordedActivity } from '../support/recording-connector';
import { makeTempDir } from '../support/temp-dir';
import { INCIDENT_STEPS, cardText, onlyCard, submitValue, type Card } from './reports-harness';

jest.setTimeout(300_000);

const serverUrl = usePostgresServer();

const DIRECTOR = '00000000-0000-0000-0000-0000000000d1';
const ADJUNCT = '00000000-0000-0000-0000-0000000000d3';
const BOARD = '00000000-0000-0000-0000-0000000000b1';
const PEOPLE = [
  { aadObjectId: DIRECTOR, name: 'Marieke Bakker', grants: [{ role: 'directeur', school: 'de-campus' }] },
  { aadObjectId: ADJUNCT, name: 'Ahmed Adjunct', grants: [{ role: 'adjunct-directeur', school: 'de-campus' }] },
  { aadObjectId: BOARD, name: 'Henk Jansen', grants: [{ role: 'bestuur', board: 'asg' }] },
];
const MINUTE = 60_000;
const WEAPONS_STEPS = INCIDENT_STEPS.map((s) => ('category' in s ? { category: 'wapens' } : s));

/** A person in her personal chat, the same identity whichever instance her turn reaches: one TestUser per endpoint. */
function chatter(connector: RecordingConnector, endpoints: string[], name: string, aadObjectId: string = randomUUID()): TestUser[] {
  return endpoints.map((botEndpoint) => new TestUser({ botEndpoint, connector, conversationId: `a:${name}`, userId: `29:${name}`, aadObjectId }));
}

/**
 * A weapons incident at De Campus, every turn to the next instance in turn (starting at `first`): the draft and the
 * conversation state live in the database, not in the process. Returns the report id from the confirmation.
 */
async function fileWeapons(teacher: TestUser[], first: number): Promise<string> {
  let turn = first;
  const next = () => teacher[turn++ % teacher.length];
  let card: Card = onlyCard(await next().say('melding maken'));
  for (const inputs of WEAPONS_STEPS) card = onlyCard(await next().submit(submitValue(card, 'report.next', inputs)));
  const confirmation = onlyCard(await next().submit(submitValue(card, 'report.submit')));
  return /Melding ([A-Z]+-\d{4}-\d{4}) is opgeslagen/.exec(cardText(confirmation))![1];
}

/** Alert cards posted (not the in-place updates) into a conversation for report `id`. */
const alertCards = (connector: RecordingConnector, conversationId: string, id: string): RecordedActivity[] =>
  connector.for(conversationId).filter((r) => r.method === 'POST' && cardsOf(r.activity).some((c) => cardText(c).includes(`melding ${id}`)));

/** Per recipient, per report: how many alert cards arrived. */
function deliveries(connector: RecordingConnector, ids: string[]): Record<string, number[]> {
  return Object.fromEntries(['director', 'adjunct', 'board'].map((who) => [who, ids.map((id) => alertCards(connector, `a:${who}`, id).length)]));
}

const escalationSteps = (report: Report): string[] => report.chronology.filter((e) => e.kind === 'escalated').map((e) => e.text.split(':')[0]);

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('alerts with two `npm start` processes on one PostgreSQL database, their workers polling', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let db: TestDatabase;
  let connector: RecordingConnector;
  let inspect: Store | undefined;
  const bots: BotProcess[] = [];

  beforeEach(async () => {
    tmp = makeTempDir('baken-instances-alerts-');
    db = await createTestDatabase(serverUrl());
    connector = await RecordingConnector.start();
  });
  afterEach(async () => {
    await Promise.all(bots.splice(0).map((b) => b.process.stop().catch(() => undefined)));
    await inspect?.close();
    inspect = undefined;
    await connector.stop();
    await db.drop();
    tmp.cleanup();
  });

  test('each alert and each escalation reaches each recipient exactly once; acknowledged on either instance, no escalation', async () => {
    const clock = ProcessClock.create(tmp.dir);
    const peopleFile = path.join(tmp.dir, 'people.json');
    fs.writeFileSync(peopleFile, JSON.stringify({ version: 1, people: PEOPLE }));
    const env = { DATABASE_URL: db.url, PEOPLE_FILE: peopleFile, LOG_LEVEL: 'warn', ...clock.env() };
    bots.push(...(await Promise.all([0, 1].map((i) => startBot({ dataFile: path.join(tmp.dir, `unused-${i}.json`), env })))));
    const endpoints = bots.map((b) => b.endpoint);
    inspect = await openPostgresStore({ url: db.url });
    const store = inspect;
    const jobs = (kind: string): Promise<OutboxJob[]> => store.outbox.list({ kind });

    // The director and the board talked to Baken on instance A, the adjunct on instance B: their conversation
    // references are in the database, whichever worker sends.
    const [directorA] = chatter(connector, endpoints, 'director', DIRECTOR);
    const [, adjunctB] = chatter(connector, endpoints, 'adjunct', ADJUNCT);
    const [boardA] = chatter(connector, endpoints, 'board', BOARD);
    for (const u of [directorA, adjunctB, boardA]) expect((await u.submit({ verb: 'chooseSchool', schoolId: 'de-campus' })).status).toBe(200);
    const teacher = chatter(connector, endpoints, 'teacher');
    await teacher[0].submit({ verb: 'chooseSchool', schoolId: 'de-campus' });

    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await fileWeapons(teacher, i));
    expect(new Set(ids).size).toBe(6);

    // At once: the director, once per report (the instances' workers poll every 2 s and race for the jobs).
    await waitFor('the direct alerts', async () => {
      const done = (await jobs(ALERT_JOB)).filter((j) => j.status === 'done');
      return done.length === 6 ? done : undefined;
    });
    expect(deliveries(connector, ids)).toEqual({ director: [1, 1, 1, 1, 1, 1], adjunct: [0, 0, 0, 0, 0, 0], board: [0, 0, 0, 0, 0, 0] });

    // The director picks up report 0 (filed on A) on instance A, and report 1 (filed on B) on instance B.
    const [, directorB] = chatter(connector, endpoints, 'director', DIRECTOR);
    expect(cardText((await directorA.execute('alert.acknowledge', { reportId: ids[0] })).card!)).toContain('Opgepakt door Marieke Bakker');
    expect(cardText((await directorB.execute('alert.acknowledge', { reportId: ids[1] })).card!)).toContain('Opgepakt door Marieke Bakker');
    const open = ids.slice(2);

    // 61 minutes later (both processes' clocks): the adjunct, once per report nobody picked up.
    clock.advance(61 * MINUTE);
    await waitFor('escalation step 0', async () => {
      const byKey = new Map((await jobs(ESCALATION_JOB)).map((j) => [j.key, j.status]));
      const alerts = (await jobs(ALERT_JOB)).filter((j) => j.status === 'done');
      return open.every((id) => byKey.get(escalationKey(id, 0)) === 'done') && alerts.length === 6 + open.length ? true : undefined;
    });
    expect(deliveries(connector, ids)).toEqual({ director: [1, 1, 1, 1, 1, 1], adjunct: [0, 0, 1, 1, 1, 1], board: [0, 0, 0, 0, 0, 0] });

    // 121 minutes after filing: the board, once per report.
    clock.advance(60 * MINUTE);
    await waitFor('escalation step 1', async () => {
      const byKey = new Map((await jobs(ESCALATION_JOB)).map((j) => [j.key, j.status]));
      const alerts = (await jobs(ALERT_JOB)).filter((j) => j.status === 'done');
      return open.every((id) => byKey.get(escalationKey(id, 1)) === 'done') && alerts.length === 6 + 2 * open.length ? true : undefined;
    });
    // A few more polls of both workers: nothing more is sent.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(deliveries(connector, ids)).toEqual({ director: [1, 1, 1, 1, 1, 1], adjunct: [0, 0, 1, 1, 1, 1], board: [0, 0, 1, 1, 1, 1] });

    const byKey = new Map((await jobs(ESCALATION_JOB)).map((j) => [j.key, j.status]));
    for (const id of ids.slice(0, 2)) expect([byKey.get(escalationKey(id, 0)), byKey.get(escalationKey(id, 1))]).toEqual(['cancelled', 'cancelled']);
    // The chain's last step repeats 60 minutes later; not due yet.
    for (const id of open) expect([0, 1, 2].map((s) => byKey.get(escalationKey(id, s)))).toEqual(['done', 'done', 'pending']);
    for (const id of ids) {
      const report = (await store.reports.get(id))!;
      expect(escalationSteps(report)).toEqual(open.includes(id) ? ['step 0', 'step 1'] : []);
      expect(report.chronology.filter((e) => e.kind === 'acknowledged')).toHaveLength(open.includes(id) ? 0 : 1);
    }
  });
});

describe('escalation with two in-process instances racing on one PostgreSQL database (two clocks advanced together)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let db: TestDatabase;
  let connector: RecordingConnector;
  let clocks: ManualClock[];
  let instances: RunningBot[];
  let gated: GatedStore;
  let teacher: TestUser[];

  const advance = (ms: number): void => clocks.forEach((c) => c.advance(ms));
  /** Both workers at the same moment, several rounds. */
  const race = async (rounds = 3): Promise<void> => {
    for (let round = 0; round < rounds; round++) await Promise.all(instances.map((r) => r.baken.worker.runOnce()));
  };
  const endpoints = (): string[] => instances.map((r) => r.endpoint);
  const store = (): Store => instances[0].store;

  beforeEach(async () => {
    tmp = makeTempDir('baken-instances-alerts-');
    db = await createTestDatabase(serverUrl());
    connector = await RecordingConnector.start();
    const peopleFile = path.join(tmp.dir, 'people.json');
    fs.writeFileSync(peopleFile, JSON.stringify({ version: 1, people: PEOPLE }));
    clocks = [new ManualClock(TEST_NOW), new ManualClock(TEST_NOW)];
    instances = [];
    // Instance B's worker can be held between claiming a job and running it (the last test).
    gated = gatedStore(await openPostgresStore({ url: db.url }));
    const stores = [await openPostgresStore({ url: db.url }), gated.store];
    for (let i = 0; i < 2; i++) {
      instances.push(await startTestBot({ dataFile: path.join(tmp.dir, `r${i}.json`), store: stores[i], clock: clocks[i], env: { DATABASE_URL: db.url, PEOPLE_FILE: peopleFile } }));
    }
    // Director and board talked to Baken on A, the adjunct on B.
    const [directorA] = chatter(connector, endpoints(), 'director', DIRECTOR);
    const [, adjunctB] = chatter(connector, endpoints(), 'adjunct', ADJUNCT);
    const [boardA] = chatter(connector, endpoints(), 'board', BOARD);
    for (const u of [directorA, adjunctB, boardA]) await u.submit({ verb: 'chooseSchool', schoolId: 'de-campus' });
    teacher = chatter(connector, endpoints(), 'teacher');
    await teacher[0].submit({ verb: 'chooseSchool', schoolId: 'de-campus' });
  });
  afterEach(async () => {
    for (const r of instances) {
      await r.stop();
      await r.store.close();
    }
    await connector.stop();
    await db.drop();
    tmp.cleanup();
  });

  test('8 reports filed alternately: director at once, adjunct after 60 min, board after 120 min, each once; a duplicated step sends nothing', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await fileWeapons(teacher, i));
    await race();
    expect(deliveries(connector, ids)).toEqual({ director: Array(8).fill(1), adjunct: Array(8).fill(0), board: Array(8).fill(0) });

    advance(59 * MINUTE);
    await race();
    expect(deliveries(connector, ids).adjunct).toEqual(Array(8).fill(0));
    advance(2 * MINUTE);
    await race();
    expect(deliveries(connector, ids)).toEqual({ director: Array(8).fill(1), adjunct: Array(8).fill(1), board: Array(8).fill(0) });
    advance(60 * MINUTE);
    await race();
    expect(deliveries(connector, ids)).toEqual({ director: Array(8).fill(1), adjunct: Array(8).fill(1), board: Array(8).fill(1) });

    expect((await store().outbox.list({ kind: ALERT_JOB })).map((j) => j.status)).toEqual(Array(24).fill('done'));
    for (const id of ids) expect(escalationSteps((await store().reports.get(id))!)).toEqual(['step 0', 'step 1']);

    // A step job that runs a second time (a retry after a lost lease; here: the same payload under another key) is
    // recognised by the chronology entry: nobody is alerted again, on either instance.
    const step1 = (await store().outbox.getByKey(escalationKey(ids[0], 1)))!;
    const at = clocks[0].now().toISOString();
    await store().outbox.enqueue({ kind: ESCALATION_JOB, key: `${step1.key}:again`, payload: step1.payload, dueAt: at, maxAttempts: 3 }, at);
    await race();
    expect((await store().outbox.getByKey(`${step1.key}:again`))!.status).toBe('done');
    expect(escalationSteps((await store().reports.get(ids[0]))!)).toEqual(['step 0', 'step 1']);
    expect(deliveries(connector, ids)).toEqual({ director: Array(8).fill(1), adjunct: Array(8).fill(1), board: Array(8).fill(1) });
  });

  test('acknowledged on instance A, the escalation due on instance B: not sent', async () => {
    const id = await fileWeapons(teacher, 1);
    await race();
    const [directorA] = chatter(connector, endpoints(), 'director', DIRECTOR);
    expect(cardText((await directorA.execute('alert.acknowledge', { reportId: id })).card!)).toContain('Opgepakt door Marieke Bakker');
    advance(3 * 60 * MINUTE);
    // Only B's worker runs while the steps are due; then both.
    for (let i = 0; i < 3; i++) await instances[1].baken.worker.runOnce();
    await race();
    expect(deliveries(connector, [id])).toEqual({ director: [1], adjunct: [0], board: [0] });
    const steps = await store().outbox.list({ kind: ESCALATION_JOB });
    expect(steps.map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
    expect(escalationSteps((await store().reports.get(id))!)).toEqual([]);
  });

  test('instance B has already leased the due escalation when the director acknowledges on A: B runs it and sends nothing', async () => {
    const id = await fileWeapons(teacher, 0);
    await race();
    advance(61 * MINUTE);
    const hold = gated.holdAfterClaim((job) => job.kind === ESCALATION_JOB);
    const runB = instances[1].baken.worker.runOnce();
    const [leased] = (await hold.claimed).filter((j) => j.kind === ESCALATION_JOB);
    expect(leased.key).toBe(escalationKey(id, 0));
    expect(leased.leaseOwner).toBe(instances[1].baken.worker.owner);
    // A's worker cannot take the job B holds.
    await instances[0].baken.worker.runOnce();
    expect(deliveries(connector, [id]).adjunct).toEqual([0]);

    const [directorA] = chatter(connector, endpoints(), 'director', DIRECTOR);
    expect(cardText((await directorA.execute('alert.acknowledge', { reportId: id })).card!)).toContain('Opgepakt door Marieke Bakker');
    hold.release();
    await runB;
    advance(2 * 60 * MINUTE);
    await race();
    expect(deliveries(connector, [id])).toEqual({ director: [1], adjunct: [0], board: [0] });
    const report = (await store().reports.get(id))!;
    expect(escalationSteps(report)).toEqual([]);
    expect(report.escalatedTo ?? []).not.toContain('adjunct-directeur');
    const steps = new Map((await store().outbox.list({ kind: ESCALATION_JOB })).map((j) => [j.key, j.status]));
    expect([steps.get(escalationKey(id, 0)), steps.get(escalationKey(id, 1))]).toEqual(['cancelled', 'cancelled']);
  });
});

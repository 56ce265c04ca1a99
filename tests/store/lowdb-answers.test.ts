import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { answerRecordId, type AnswerRecord, type Store } from '../../src/store/contract';
import { openLowdbStore } from '../../src/store/lowdb';
import { legacyAnswerShardOf } from '../../src/store/lowdb/layout';
import { lockTest } from '../support/clock';
import { makeTempDir } from '../support/temp-dir';

/**
 * What only the lowdb backend promises about answer records: an append-only log (feedback/answers/<day>.jsonl)
 * where a write appends one line, a torn last line is harmless, the prune really removes expired records from
 * disk, and the answer shards of earlier versions (feedback/answers-NN.json) are read and moved into it.
 */
describe('lowdb store: the answer log', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let file: string;
  let logDir: string;
  const open: Store[] = [];

  async function openStore(options: Parameters<typeof openLowdbStore>[1] = {}): Promise<Store> {
    const store = await openLowdbStore(file, options);
    open.push(store);
    return store;
  }
  async function closeAll(): Promise<void> {
    await Promise.all(open.splice(0).map((s) => s.close()));
  }
  const T0 = '2026-03-10T09:00:00.000Z';
  const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
  const answer = (n: number, over: Partial<AnswerRecord> = {}): AnswerRecord => {
    const conversationId = 'a:conv-1';
    const activityId = String(n);
    return {
      id: answerRecordId(conversationId, activityId), conversationId, activityId, at: T0, userKey: 'aad-1', schoolId: 'conexus',
      question: `Vraag nummer ${n}: waar registreer ik een incident?`, doc: 'conexus', sectionId: '2.7', abstained: false, lang: 'nl', ...over,
    };
  };
  const logFiles = (): string[] => (fs.existsSync(logDir) ? fs.readdirSync(logDir).sort() : []);
  const allLogText = (): string => logFiles().map((f) => fs.readFileSync(path.join(logDir, f), 'utf8')).join('');
  /** Every line of a log file, parsed (a line that does not parse fails the test). */
  const linesOf = (name: string): AnswerRecord[] =>
    fs.readFileSync(path.join(logDir, name), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AnswerRecord);
  const line = (a: AnswerRecord): string => `${JSON.stringify(a)}\n`;

  beforeEach(() => {
    tmp = makeTempDir();
    file = path.join(tmp.dir, 'data', 'baken.json');
    logDir = path.join(tmp.dir, 'data', 'baken.d', 'feedback', 'answers');
  });
  afterEach(async () => {
    await closeAll();
    tmp.cleanup();
  });

  test('recording an answer appends one line to the file of the day; nothing written before is rewritten', async () => {
    const store = await openStore();
    for (let i = 0; i < 3; i++) await store.feedback.recordAnswer(answer(i));
    const [name] = logFiles();
    expect(logFiles()).toEqual([`${new Date().toISOString().slice(0, 10)}.jsonl`]);
    const before = fs.readFileSync(path.join(logDir, name));
    const inode = fs.statSync(path.join(logDir, name)).ino;
    await store.feedback.recordAnswer(answer(3));
    const after = fs.readFileSync(path.join(logDir, name));
    expect(fs.statSync(path.join(logDir, name)).ino).toBe(inode);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(JSON.parse(after.subarray(before.length).toString('utf8'))).toEqual(answer(3));
    expect(linesOf(name)).toHaveLength(4);
    // No journal for single answers, no temp files, and no JSON shard of the old layout.
    expect(fs.readdirSync(path.dirname(logDir)).sort()).toEqual(['answers']);
    expect(fs.existsSync(path.join(tmp.dir, 'data', 'baken.d', 'journal.json'))).toBe(false);
  });

  test('a torn last line (a write cut off by a crash) is ignored at open and cut off before the next append', async () => {
    let store = await openStore();
    await store.feedback.recordAnswer(answer(1));
    await store.feedback.recordAnswer(answer(2));
    await closeAll();
    const [name] = logFiles();
    const whole = fs.readFileSync(path.join(logDir, name), 'utf8');
    fs.appendFileSync(path.join(logDir, name), line(answer(3)).slice(0, 40));

    // A look without the lock (nothing is truncated) reads the whole records and skips the torn one.
    const look = await openStore({ readOnly: true });
    expect(await look.feedback.getAnswer(answer(1).id)).toEqual(answer(1));
    expect(await look.feedback.getAnswer(answer(3).id)).toBeUndefined();
    await closeAll();

    store = await openStore();
    expect(fs.readFileSync(path.join(logDir, name), 'utf8')).toBe(whole);
    expect(await store.feedback.getAnswer(answer(1).id)).toEqual(answer(1));
    expect(await store.feedback.getAnswer(answer(2).id)).toEqual(answer(2));
    expect(await store.feedback.getAnswer(answer(3).id)).toBeUndefined();
    await store.feedback.recordAnswer(answer(4));
    expect(linesOf(name).map((a) => a.activityId)).toEqual(['1', '2', '4']);
    await closeAll();
    store = await openStore();
    expect(await store.feedback.getAnswer(answer(4).id)).toEqual(answer(4));
  });

  test('a torn line at the end of an older day file is skipped, and removed by the next prune', async () => {
    fs.mkdirSync(logDir, { recursive: true });
    fs.writeFileSync(path.join(logDir, '2020-01-01.jsonl'), line(answer(1)) + line(answer(2, { at: at(60) })) + line(answer(3)).slice(0, 30));
    // A later file exists, so nothing is ever appended to the older one (only the newest file is cut at open).
    fs.writeFileSync(path.join(logDir, '2020-01-02.jsonl'), line(answer(5, { at: at(60) })));
    const store = await openStore();
    await store.feedback.recordAnswer(answer(4, { at: at(60) }));
    expect(await store.feedback.getAnswer(answer(2).id)).toEqual(answer(2, { at: at(60) }));
    expect(fs.readFileSync(path.join(logDir, '2020-01-01.jsonl'), 'utf8')).toContain(line(answer(3)).slice(0, 30));
    expect(await store.feedback.pruneAnswers(at(30))).toBe(1);
    expect(fs.readFileSync(path.join(logDir, '2020-01-01.jsonl'), 'utf8')).toBe(line(answer(2, { at: at(60) })));
  });

  lockTest('SIGKILL while answers are being written: every answer whose write resolved is there after the restart', async () => {
    const script = path.join(__dirname, 'answer-writer.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, file], { cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: string[] = [];
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const l of lines) {
          if (l.startsWith('error')) reject(new Error(l));
          if (l.startsWith('ok ')) acked.push(l.slice(3));
        }
        if (acked.length >= 150) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    expect(acked.length).toBeGreaterThanOrEqual(150);
    const store = await openStore();
    const missing: string[] = [];
    for (const id of acked) if (!(await store.feedback.getAnswer(id))) missing.push(id);
    expect(missing).toEqual([]);
    // Every line left on disk is a whole record, and the store takes new ones.
    for (const name of logFiles()) linesOf(name);
    await store.feedback.recordAnswer(answer(1));
    expect(await store.feedback.getAnswer(answer(1).id)).toEqual(answer(1));
  });

  test('the prune removes expired records from disk: a file with only expired records goes, others are rewritten without them', async () => {
    fs.mkdirSync(logDir, { recursive: true });
    // Day 1: only expired records. Day 2: an expired one, a kept one, and an old version of a record replaced on day 3.
    fs.writeFileSync(path.join(logDir, '2020-01-01.jsonl'), line(answer(1, { question: 'GEHEIM-1' })) + line(answer(2, { question: 'GEHEIM-2' })));
    fs.writeFileSync(path.join(logDir, '2020-01-02.jsonl'), line(answer(3, { question: 'GEHEIM-3' })) + line(answer(4, { at: at(60) })) + line(answer(5, { at: at(60), question: 'OUDE-VERSIE' })));
    fs.writeFileSync(path.join(logDir, '2020-01-03.jsonl'), line(answer(5, { at: at(90) })));
    const store = await openStore();
    await store.feedback.recordAnswer(answer(6, { at: at(120) }));
    expect(await store.feedback.getAnswer(answer(5).id)).toEqual(answer(5, { at: at(90) }));

    expect(await store.feedback.pruneAnswers(at(30))).toBe(3);
    expect(logFiles()).toEqual(['2020-01-02.jsonl', '2020-01-03.jsonl', `${new Date().toISOString().slice(0, 10)}.jsonl`]);
    expect(linesOf('2020-01-02.jsonl')).toEqual([answer(4, { at: at(60) })]);
    const text = allLogText();
    for (const gone of ['GEHEIM-1', 'GEHEIM-2', 'GEHEIM-3', 'OUDE-VERSIE']) expect(text).not.toContain(gone);
    expect(fs.readdirSync(logDir).filter((f) => f.startsWith('.'))).toEqual([]);
    for (const n of [1, 2, 3]) expect(await store.feedback.getAnswer(answer(n).id)).toBeUndefined();
    expect(await store.feedback.getAnswer(answer(4).id)).toEqual(answer(4, { at: at(60) }));

    // Deleted stays deleted, also after a restart (the replaced record's older copy went with the first prune).
    expect(await store.feedback.pruneAnswers(at(100))).toBe(2);
    expect(logFiles()).toEqual([`${new Date().toISOString().slice(0, 10)}.jsonl`]);
    await closeAll();
    const reopened = await openStore();
    expect(await reopened.feedback.getAnswer(answer(5).id)).toBeUndefined();
    expect(await reopened.feedback.getAnswer(answer(4).id)).toBeUndefined();
    expect(await reopened.feedback.getAnswer(answer(6).id)).toEqual(answer(6, { at: at(120) }));
    expect(await reopened.feedback.pruneAnswers(at(100))).toBe(0);
  });

  test('a pruned record does not come back from an older copy in a file the prune had no other reason to touch', async () => {
    fs.mkdirSync(logDir, { recursive: true });
    // The older copy says "kept" (at 60); the newest copy, a later line in a later file, says "expired" (T0).
    fs.writeFileSync(path.join(logDir, '2020-01-01.jsonl'), line(answer(1, { at: at(60), question: 'OUDE-KOPIE' })) + line(answer(2, { at: at(60) })));
    fs.writeFileSync(path.join(logDir, '2020-01-02.jsonl'), line(answer(1)) + line(answer(3, { at: at(60) })));
    let store = await openStore();
    expect(await store.feedback.pruneAnswers(at(30))).toBe(1);
    expect(allLogText()).not.toContain('OUDE-KOPIE');
    await closeAll();
    store = await openStore();
    expect(await store.feedback.getAnswer(answer(1).id)).toBeUndefined();
    expect(await store.feedback.getAnswer(answer(2).id)).toEqual(answer(2, { at: at(60) }));
    expect(await store.feedback.pruneAnswers(at(30))).toBe(0);
  });

  test('answers recorded while the prune rewrites the file they go to are kept', async () => {
    const store = await openStore();
    for (let i = 0; i < 20; i++) await store.feedback.recordAnswer(answer(i, { at: i % 2 ? at(60) : T0 }));
    const [prune, ...written] = await Promise.all([
      store.feedback.pruneAnswers(at(30)),
      ...Array.from({ length: 10 }, (_, i) => store.feedback.recordAnswer(answer(100 + i, { at: at(90) }))),
    ]);
    expect(prune).toBe(10);
    expect(written).toHaveLength(10);
    await closeAll();
    const reopened = await openStore();
    for (let i = 0; i < 20; i++) expect(await reopened.feedback.getAnswer(answer(i).id)).toEqual(i % 2 ? answer(i, { at: at(60) }) : undefined);
    for (let i = 0; i < 10; i++) expect(await reopened.feedback.getAnswer(answer(100 + i).id)).toEqual(answer(100 + i, { at: at(90) }));
    const [name] = logFiles();
    expect(linesOf(name)).toHaveLength(20);
  });

  test('answer shards of earlier versions are read where they are, then moved into the log once at open', async () => {
    const filesDir = path.join(tmp.dir, 'data', 'baken.d');
    const old = [answer(1), answer(2, { at: at(60) }), answer(3, { question: 'Oude vraag' })];
    const shards = new Map<string, Record<string, AnswerRecord>>();
    for (const a of old) {
      const shard = legacyAnswerShardOf(a.id);
      shards.set(shard, { ...shards.get(shard), [a.id]: a });
    }
    fs.mkdirSync(path.join(filesDir, 'feedback'), { recursive: true });
    const writeShards = () => {
      for (const [shard, answers] of shards) fs.writeFileSync(path.join(filesDir, `${shard}.json`), JSON.stringify({ schemaVersion: 1, answers }));
    };
    writeShards();
    const shardFiles = () => fs.readdirSync(path.join(filesDir, 'feedback')).filter((f) => /^answers-\d{2}\.json$/.test(f));
    expect(shardFiles().length).toBeGreaterThan(0);

    // Looking without the lock (Baken not yet started on this version): read in place, nothing moved.
    const look = await openStore({ readOnly: true });
    for (const a of old) expect(await look.feedback.getAnswer(a.id)).toEqual(a);
    await closeAll();
    expect(shardFiles().length).toBe(shards.size);

    let store = await openStore();
    expect(shardFiles()).toEqual([]);
    for (const a of old) expect(await store.feedback.getAnswer(a.id)).toEqual(a);
    expect(logFiles()).toHaveLength(1);
    expect(linesOf(logFiles()[0]).map((a) => a.id).sort()).toEqual(old.map((a) => a.id).sort());
    await store.feedback.recordAnswer(answer(4, { at: at(120) }));
    expect(await store.feedback.pruneAnswers(at(30))).toBe(2);
    expect(allLogText()).not.toContain('Oude vraag');
    await closeAll();

    // A crash after the copy but before the shards were removed: copied again, nothing lost or doubled in reading.
    writeShards();
    store = await openStore();
    expect(shardFiles()).toEqual([]);
    for (const a of old) expect(await store.feedback.getAnswer(a.id)).toEqual(a);
    expect(await store.feedback.getAnswer(answer(4).id)).toEqual(answer(4, { at: at(120) }));
    expect(await store.feedback.pruneAnswers(at(30))).toBe(2);
    expect(await store.feedback.pruneAnswers(at(90))).toBe(1);
    expect(await store.feedback.getAnswer(answer(4).id)).toEqual(answer(4, { at: at(120) }));
  });

  test('a journal left by a crash is replayed into the log: records appended again, deletes rewrite the files', async () => {
    let store = await openStore();
    await store.feedback.recordAnswer(answer(1));
    await store.feedback.recordAnswer(answer(2));
    await closeAll();
    const filesDir = path.join(tmp.dir, 'data', 'baken.d');
    fs.writeFileSync(path.join(filesDir, 'journal.json'), JSON.stringify({ ops: [
      { doc: 'feedback/answers', collection: 'answers', id: answer(3).id, value: answer(3) },
      { doc: 'feedback/answers', collection: 'answers', id: answer(1).id },
      { doc: 'main', collection: 'users', id: 'aad-1', value: { schoolId: 'conexus', updatedAt: T0 } },
    ] }));
    store = await openStore();
    expect(fs.existsSync(path.join(filesDir, 'journal.json'))).toBe(false);
    expect(await store.feedback.getAnswer(answer(1).id)).toBeUndefined();
    expect(await store.feedback.getAnswer(answer(2).id)).toEqual(answer(2));
    expect(await store.feedback.getAnswer(answer(3).id)).toEqual(answer(3));
    expect((await store.profiles.get('aad-1'))?.schoolId).toBe('conexus');
    expect(allLogText()).not.toContain(`"activityId":"1"`);
  });

  test('a unit of work that throws keeps none of its answers, and an answer written before it stays as it was', async () => {
    const store = await openStore();
    await store.feedback.recordAnswer(answer(1));
    await expect(
      store.transaction(async (tx) => {
        await tx.feedback.recordAnswer(answer(1, { question: 'niet bewaard' }));
        await tx.feedback.recordAnswer(answer(2));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.feedback.getAnswer(answer(1).id)).toEqual(answer(1));
    expect(await store.feedback.getAnswer(answer(2).id)).toBeUndefined();
    expect(allLogText()).not.toContain('niet bewaard');
  });
});

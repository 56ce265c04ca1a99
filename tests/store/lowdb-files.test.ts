import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { StoreLockedError, StoreUnavailableError, type Store } from '../../src/store';
import { openLowdbStore } from '../../src/store/lowdb';
import { lockTest } from '../support/clock';
import { makeTempDir } from '../support/temp-dir';
import { draft, newReport } from './contract';

/** What only the lowdb backend promises: its files, its lock, its journal, and data of earlier versions. */
describe('lowdb store: files, lock, journal', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let file: string;
  let filesDir: string;
  const open: Store[] = [];

  async function openStore(options: Parameters<typeof openLowdbStore>[1] = {}): Promise<Store> {
    const store = await openLowdbStore(file, { segmentSize: 3, ...options });
    open.push(store);
    return store;
  }
  const readJson = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8'));
  const tempFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tmp-\d+-\d+$/.test(f));

  beforeEach(() => {
    tmp = makeTempDir();
    file = path.join(tmp.dir, 'data', 'baken.json');
    filesDir = path.join(tmp.dir, 'data', 'baken.d');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    tmp.cleanup();
  });

  test('a write resolves after it is in the files on disk: segments of S reports, counters, shards, main file', async () => {
    const store = await openStore();
    for (let i = 0; i < 4; i++) await store.reports.create(newReport());
    const d = draft({ userId: 'aad-anna' });
    await store.drafts.save(d);
    await store.profiles.put('aad-anna', { schoolId: 'de-campus', updatedAt: '2026-03-10T09:00:00.000Z' });
    const seg1 = readJson(path.join(filesDir, 'reports', 'de-campus', '2026', 'segment-0001.json'));
    expect(seg1.reports.map((r: { id: string }) => r.id)).toEqual(['CMP-2026-0001', 'CMP-2026-0002', 'CMP-2026-0003']);
    expect(readJson(path.join(filesDir, 'reports', 'de-campus', '2026', 'segment-0002.json')).reports).toHaveLength(1);
    expect(readJson(path.join(filesDir, 'reports', 'counters.json')).last).toEqual({ 'CMP-2026': 4 });
    const shards = fs.readdirSync(path.join(filesDir, 'reports', 'drafts'));
    expect(shards).toHaveLength(1);
    expect(Object.keys(readJson(path.join(filesDir, 'reports', 'drafts', shards[0])).drafts)).toEqual([d.id]);
    expect(readJson(file).users['aad-anna'].schoolId).toBe('de-campus');
    expect(tempFiles(tmp.dir)).toEqual([]);
    expect(fs.existsSync(path.join(filesDir, 'journal.json'))).toBe(false);
  });

  test('a journal left by a crash between two file writes is replayed at open: the unit of work is whole', async () => {
    const store = await openStore();
    await store.reports.create(newReport());
    await store.close();
    open.splice(0);
    // As if the process died after writing the journal of "report 2 + its draft" but before the files.
    const report = { ...newReport({ draftId: 'd-crash' }), id: 'CMP-2026-0002', version: 1 } as Record<string, unknown>;
    delete report.code;
    delete report.year;
    const shard = 'reports/drafts/shard-07';
    fs.writeFileSync(path.join(filesDir, 'journal.json'), JSON.stringify({ ops: [
      { doc: 'reports/counters', collection: 'last', id: 'CMP-2026', value: 2 },
      { doc: 'reports/de-campus/2026/segment-0001', collection: 'reports', id: 'CMP-2026-0002', value: report },
      { doc: shard, collection: 'drafts', id: 'd-crash', value: draft({ id: 'd-crash', status: 'submitted', reportId: 'CMP-2026-0002' }) },
    ] }));
    fs.writeFileSync(path.join(filesDir, 'reports', '.counters.json.tmp-999-1'), '{"half');
    const reopened = await openStore();
    expect((await reopened.reports.get('CMP-2026-0002'))?.draftId).toBe('d-crash');
    expect((await reopened.drafts.get('d-crash'))?.reportId).toBe('CMP-2026-0002');
    expect((await reopened.reports.create(newReport())).id).toBe('CMP-2026-0003');
    expect(fs.existsSync(path.join(filesDir, 'journal.json'))).toBe(false);
    expect(tempFiles(tmp.dir)).toEqual([]);
  });

  test('a corrupt data file is refused, not overwritten, and the lock is released', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"half": ');
    await expect(openLowdbStore(file)).rejects.toThrow(/not valid JSON/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"half": ');
    fs.writeFileSync(file, '{}');
    await expect(openStore()).resolves.toBeDefined();
  });

  test('after close every call is refused with a clear message', async () => {
    const store = await openLowdbStore(file);
    await store.close();
    await expect(store.profiles.put('x', { updatedAt: 'x' })).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  test('data of earlier versions: the single drafts.json is moved into the shards at open', async () => {
    fs.mkdirSync(path.join(filesDir, 'reports'), { recursive: true });
    const old = draft({ id: 'old-1', userId: 'aad-old' });
    fs.writeFileSync(path.join(filesDir, 'reports', 'drafts.json'), JSON.stringify({ schemaVersion: 1, drafts: { [old.id]: old } }));
    const store = await openStore();
    expect(await store.drafts.get('old-1')).toEqual(old);
    expect(fs.existsSync(path.join(filesDir, 'reports', 'drafts.json'))).toBe(false);
  });

  lockTest('a second opener in the same process is refused by the lock with a clear message', async () => {
    await openStore();
    await expect(openLowdbStore(file)).rejects.toThrow(StoreLockedError);
    await expect(openLowdbStore(file)).rejects.toThrow(/al in gebruik/);
  });

  describe('across processes', () => {
    let child: ChildProcess | undefined;
    afterEach(() => { child?.kill('SIGKILL'); child = undefined; });

    function startHolder(): Promise<ChildProcess> {
      // `node --import tsx` runs the fixture in this one process, so SIGKILL really ends the lock holder.
      const script = path.join(__dirname, '..', 'support', 'hold-store.ts');
      const proc = spawn(process.execPath, ['--import', 'tsx', script, file], { cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] });
      return new Promise((resolve, reject) => {
        let out = '';
        proc.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('ready')) resolve(proc);
          if (out.includes('error')) reject(new Error(out));
        });
        proc.on('exit', (code) => reject(new Error(`holder exited with ${code}: ${out}`)));
      });
    }

    lockTest('a second process is refused by the lock while the first holds the file, and may take over after SIGKILL', async () => {
      child = await startHolder();
      await expect(openLowdbStore(file)).rejects.toThrow(StoreLockedError);
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const store = await openStore();
      expect((await store.profiles.get('child'))?.locale).toBe('held');
    });
  });
});

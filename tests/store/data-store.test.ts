import { lockTest } from '../support/clock';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DataStore, StoreClosedError, StoreLockedError } from '../../src/store';
import { makeTempDir } from '../support/temp-dir';

describe('DataStore', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let file: string;
  const open: DataStore[] = [];

  async function openStore(): Promise<DataStore> {
    const store = await DataStore.open(file);
    open.push(store);
    return store;
  }

  beforeEach(() => {
    tmp = makeTempDir();
    file = path.join(tmp.dir, 'data', 'baken.json');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    tmp.cleanup();
  });

  test('an update resolves after the value is in the file on disk', async () => {
    const store = await openStore();
    const counter = store.collection('counter', () => ({ n: 0 }));
    const result = await counter.update((c) => { c.n = 41; return 'done'; });
    expect(result).toBe('done');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).counter).toEqual({ n: 41 });
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  test('reopening the same file keeps the data', async () => {
    const first = await openStore();
    await first.collection<string[]>('items', () => []).update((items) => { items.push('a', 'b'); });
    await first.close();
    const second = await openStore();
    expect(second.collection<string[]>('items', () => []).read()).toEqual(['a', 'b']);
  });

  test('concurrent updates are all kept, in call order', async () => {
    const store = await openStore();
    const list = store.collection<number[]>('list', () => []);
    await Promise.all(Array.from({ length: 200 }, (_, i) => list.update((l) => { l.push(i); })));
    await store.close();
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')).list as number[];
    expect(onDisk).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  lockTest('a second opener in the same process is refused by the lock with a clear message', async () => {
    await openStore();
    await expect(DataStore.open(file)).rejects.toThrow(StoreLockedError);
    await expect(DataStore.open(file)).rejects.toThrow(/al in gebruik/);
  });

  test('the lock is released at close, after which the file can be opened again', async () => {
    const store = await openStore();
    await store.close();
    await expect(store.collection('x', () => ({})).update(() => undefined)).rejects.toThrow(StoreClosedError);
    await expect(openStore()).resolves.toBeInstanceOf(DataStore);
  });

  test('a failing update is rejected and later updates still work', async () => {
    const store = await openStore();
    const cell = store.collection('c', () => ({ n: 1 }));
    await expect(cell.update(() => { throw new Error('invalid'); })).rejects.toThrow('invalid');
    await cell.update((c) => { c.n = 2; });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).c).toEqual({ n: 2 });
  });

  test('separate documents go through the same queue and survive reopening', async () => {
    const store = await openStore();
    const doc = await store.document<{ reports: string[] }>('reports/DNK-2026', () => ({ reports: [] }));
    await Promise.all([
      doc.update((d) => { d.reports.push('DNK-2026-0001'); }),
      doc.update((d) => { d.reports.push('DNK-2026-0002'); }),
    ]);
    expect(doc.path).toBe(path.join(tmp.dir, 'data', 'baken.d', 'reports', 'DNK-2026.json'));
    expect(store.listDocuments('reports')).toEqual(['reports/DNK-2026']);
    await store.close();
    const again = await openStore();
    expect((await again.document<{ reports: string[] }>('reports/DNK-2026', () => ({ reports: [] }))).read().reports)
      .toEqual(['DNK-2026-0001', 'DNK-2026-0002']);
    await expect(again.document('../escape', () => ({}))).rejects.toThrow(/Invalid store file name/);
  });

  test('a corrupt data file is refused, not overwritten', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"half": ');
    await expect(DataStore.open(file)).rejects.toThrow(/not valid JSON/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"half": ');
    // The failed open released its lock.
    fs.writeFileSync(file, '{}');
    await expect(openStore()).resolves.toBeInstanceOf(DataStore);
  });

  describe('across processes', () => {
    let child: ChildProcess | undefined;
    afterEach(() => { child?.kill('SIGKILL'); child = undefined; });

    function startHolder(): Promise<ChildProcess> {
      // `node --import tsx` runs the fixture in this one process, so SIGKILL really ends the lock holder.
      const script = path.join(__dirname, '..', 'support', 'hold-store.ts');
      const proc = spawn(process.execPath, ['--import', 'tsx', script, file], {
        cwd: path.join(__dirname, '..', '..'),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
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

    test('a second process is refused while the first holds the file, and may take over after SIGKILL', async () => {
      child = await startHolder();
      await expect(DataStore.open(file)).rejects.toThrow(StoreLockedError);
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const store = await openStore();
      expect(store.collection('child', () => ({ n: 0 })).read()).toEqual({ n: 1 });
    });
  });
});

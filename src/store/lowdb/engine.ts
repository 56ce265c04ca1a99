import * as fs from 'fs';
import * as path from 'path';
import { Low } from 'lowdb';
import { StoreUnavailableError } from '../contract';
import { DurableJSONFile, fsyncDir, mkdirDurable } from '../durable-json-file';
import { acquireFileLock, type FileLock } from '../file-lock';
import { AppendLog, type LogEntry } from './append-log';

/**
 * The lowdb backend's one write path. Data lives in lowdb JSON documents: the main data file (DATA_FILE) and
 * files under `<DATA_FILE without .json>.d/` (report segments, draft shards, counters, outbox), all covered by
 * one inter-process lock on DATA_FILE.
 *
 * Every change is a put or delete of one record (by id) in a collection of a document: an `Op`. A unit of work
 * runs under a mutex and applies its ops in memory at once (undone if it throws), so the next unit sees them.
 * Durability comes after, in group commits: under the mutex (so no unit of work is half-applied) the flusher
 * takes a snapshot of every dirty document; when a commit touches more than one document it first writes the
 * commit's ops to a journal (temp file, fsync, rename), then each document (temp file, fsync, atomic rename,
 * directory fsync), then removes the journal. At open an existing journal is replayed (ops are idempotent), so
 * a crash between two document writes never leaves half a unit of work. A unit of work resolves only after its
 * commit is durable. A failed write stops the store (fail-stop): restart to recover what is on disk.
 *
 * An append-only collection (`EngineOptions.logs`, see append-log.ts) is a folder of JSON-lines files instead of a
 * document: its ops are appended as lines (a write costs the same however many records it keeps), and deletes
 * rewrite the files that hold them. In a commit it counts as one more file written; a commit is also journaled
 * when one unit of work wrote several of its records (one append could be torn between them) or deleted any
 * (the rewrite spans files).
 */

export interface Op {
  /** Document name: "main" or a path under the files folder without .json ("reports/counters"). */
  doc: string;
  /** Top-level key in the document holding the records (an object keyed by id, or an array of { id }). */
  collection: string;
  id: string;
  /** The new record; undefined deletes it. */
  value?: unknown;
}

type Json = Record<string, unknown>;

export interface Document {
  readonly name: string;
  /** The lowdb database of this file; `low.data` is the document's content. */
  readonly low: Low<Json>;
  readonly adapter: DurableJSONFile<Json>;
  dirty: boolean;
  /** Last use, for evicting clean documents from memory. */
  usedAt: number;
}

/** Called after an op is applied or undone, with the record before and after (for in-memory indexes). */
export type OpListener = (op: Op, before: unknown, after: unknown) => void;

/** An append-only collection: ops whose `doc` is `name` go to JSON-lines files in the folder `<files folder>/<name>/`. */
export interface LogSpec {
  name: string;
  /** A string field of the records kept in memory, to select records without reading them (`AppendLog.select`). */
  field: string;
}

export interface EngineOptions {
  onLockCompromised?: (err: Error) => void;
  /** Clean documents kept in memory; default 64. */
  cacheLimit?: number;
  /**
   * Open without the lock, for looking only (an admin listing jobs while Baken runs): files are replaced
   * atomically, so what is read is whole; every write is refused.
   */
  readOnly?: boolean;
  /** Called once when the store stops for good (a failed write, a lost lock): the process should restart. */
  onUnavailable?: (reason: string) => void;
  /** Append-only collections. */
  logs?: LogSpec[];
}

const NAME = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;
const MAIN = 'main';
const JOURNAL = 'journal.json';

function getRecord(data: Json, collection: string, id: string): unknown {
  const coll = data[collection];
  if (Array.isArray(coll)) return (coll as { id?: unknown }[]).find((r) => r?.id === id);
  if (coll && typeof coll === 'object' && Object.prototype.hasOwnProperty.call(coll, id)) return (coll as Json)[id];
  return undefined;
}

function setRecord(data: Json, collection: string, id: string, value: unknown): void {
  let coll = data[collection];
  if (coll === undefined) coll = data[collection] = {};
  if (Array.isArray(coll)) {
    const i = (coll as { id?: unknown }[]).findIndex((r) => r?.id === id);
    if (value === undefined) {
      if (i >= 0) coll.splice(i, 1);
    } else if (i >= 0) coll[i] = value;
    else coll.push(value);
    return;
  }
  if (value === undefined) delete (coll as Json)[id];
  else (coll as Json)[id] = value;
}

export class FileEngine {
  private readonly docs = new Map<string, Document>();
  private readonly loading = new Map<string, Promise<Document>>();
  private readonly listeners: OpListener[] = [];
  private readonly logs = new Map<string, AppendLog>();
  /** A unit of work in the batch wrote several records of one append-only collection. */
  private batchNeedsJournal = false;
  private mutex: Promise<void> = Promise.resolve();
  private batch: Op[] = [];
  private waiters: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;
  private failure: string | undefined;
  private readOnly = false;
  private clock = 0;

  private constructor(
    readonly dataFile: string,
    readonly filesDir: string,
    private readonly lock: FileLock,
    private readonly cacheLimit: number,
    private readonly defaults: (name: string) => Json,
    private readonly onUnavailable?: (reason: string) => void,
  ) {}

  /**
   * Opens DATA_FILE under its lock, replays a journal a crash left behind, and removes temp files of writes
   * that never completed. `defaults` gives the initial content of a document that does not exist yet.
   */
  static async open(dataFile: string, defaults: (name: string) => Json, options: EngineOptions = {}): Promise<FileEngine> {
    const file = path.resolve(dataFile);
    const filesDir = path.join(path.dirname(file), `${path.basename(file, '.json')}.d`);
    if (options.readOnly) {
      const engine = new FileEngine(file, filesDir, { release: async () => undefined }, options.cacheLimit ?? 64, defaults);
      engine.readOnly = true;
      await engine.openLogs(options.logs ?? []);
      return engine;
    }
    await mkdirDurable(path.dirname(file));
    let engine: FileEngine | undefined;
    const lock = await acquireFileLock(file, (err) => {
      engine?.stop(`lock lost (${err.message})`);
      options.onLockCompromised?.(err);
    });
    try {
      engine = new FileEngine(file, filesDir, lock, options.cacheLimit ?? 64, defaults, options.onUnavailable);
      await mkdirDurable(filesDir);
      await engine.openLogs(options.logs ?? []);
      await engine.replayJournal();
      return engine;
    } catch (err) {
      await engine?.closeLogs();
      await lock.release().catch(() => undefined);
      throw err;
    }
  }

  /** Listens to ops on documents (not on append-only collections, whose earlier record is not read on a write). */
  onOp(listener: OpListener): void {
    this.listeners.push(listener);
  }

  /** The append-only collection `name` (reads: `get`, `select`; writes go through `transaction`). */
  log(name: string): AppendLog {
    const log = this.logs.get(name);
    if (!log) throw new Error(`No append-only collection ${name}`);
    return log;
  }

  private async openLogs(specs: LogSpec[]): Promise<void> {
    for (const spec of specs) {
      if (!NAME.test(spec.name) || spec.name.split('/').includes('..')) throw new Error(`Invalid store log name: ${spec.name}`);
      this.logs.set(spec.name, await AppendLog.open({ dir: path.join(this.filesDir, spec.name), field: spec.field, readOnly: this.readOnly }));
    }
  }

  private async closeLogs(): Promise<void> {
    await Promise.all([...this.logs.values()].map((l) => l.close()));
  }

  fileOf(name: string): string {
    if (name === MAIN) return this.dataFile;
    if (!NAME.test(name) || name.split('/').includes('..')) throw new Error(`Invalid store document name: ${name}`);
    return path.join(this.filesDir, `${name}.json`);
  }

  /** The document, loaded from disk (or created from its defaults) on first use. */
  async doc(name: string): Promise<Document> {
    if (this.logs.has(name)) throw new Error(`${name} is an append-only collection, not a document`);
    const known = this.docs.get(name);
    if (known) {
      known.usedAt = ++this.clock;
      return known;
    }
    let loading = this.loading.get(name);
    if (!loading) {
      loading = (async () => {
        // The main file is indented for people who look at it; the others are read by programs only.
        const adapter = new DurableJSONFile<Json>(this.fileOf(name), { compact: name !== MAIN });
        const low = new Low<Json>(adapter, this.defaults(name));
        await low.read();
        const doc: Document = { name, low, adapter, dirty: false, usedAt: ++this.clock };
        this.docs.set(name, doc);
        return doc;
      })().finally(() => this.loading.delete(name));
      this.loading.set(name, loading);
    }
    return loading;
  }

  /** Names (without .json) of the documents that exist on disk under `folder` of the files folder. */
  listDocuments(folder: string): string[] {
    const dir = path.join(this.filesDir, folder);
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.'))
      .map((e) => path.posix.join(folder, e.name.slice(0, -'.json'.length)));
  }

  /** Sub-folders of `folder` in the files folder. */
  listFolders(folder: string): string[] {
    const dir = path.join(this.filesDir, folder);
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.endsWith('.lock')).map((e) => e.name);
  }

  /** Reads a record as stored (callers must not mutate it). */
  read(doc: Document, collection: string, id: string): unknown {
    return getRecord(doc.low.data, collection, id);
  }

  /**
   * Runs `work` as one unit of work. `put` applies an op at once (visible to later reads), remembering how
   * to undo it. After `work` resolves, the ops join the next group commit and this resolves once durable.
   */
  async transaction<T>(work: (put: (op: Op) => Promise<void>) => Promise<T>): Promise<T> {
    const release = await this.acquire();
    const undo: (() => void)[] = [];
    const ops: Op[] = [];
    let logRecords = 0;
    let result: T;
    try {
      if (this.failure) throw new StoreUnavailableError(this.failure);
      result = await work(async (op) => {
        if (this.failure) throw new StoreUnavailableError(this.failure);
        if (this.readOnly) throw new StoreUnavailableError('opened read-only');
        const value = op.value === undefined ? undefined : structuredClone(op.value);
        const log = this.logs.get(op.doc);
        if (log) {
          undo.push(log.apply(op.id, value));
          ops.push({ ...op, value });
          logRecords++;
          return;
        }
        const doc = await this.doc(op.doc);
        const before = getRecord(doc.low.data, op.collection, op.id);
        setRecord(doc.low.data, op.collection, op.id, value);
        doc.dirty = true;
        undo.push(() => {
          const now = getRecord(doc.low.data, op.collection, op.id);
          setRecord(doc.low.data, op.collection, op.id, before);
          for (const l of this.listeners) l(op, now, before);
        });
        ops.push({ ...op, value });
        for (const l of this.listeners) l(op, before, value);
      });
    } catch (err) {
      for (const undoOp of undo.reverse()) undoOp();
      release();
      throw err;
    }
    if (ops.length === 0) {
      release();
      return result;
    }
    if (logRecords > 1) this.batchNeedsJournal = true;
    this.batch.push(...ops);
    const durable = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    release();
    this.flushing ??= this.drain();
    await durable;
    return result;
  }

  /** Resolves when everything committed so far is on disk. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async close(): Promise<void> {
    if (this.failure === 'closed') return;
    // Units of work begun before close (queued on the mutex, e.g. a write a turn did not wait for) apply and commit.
    (await this.acquire())();
    await this.flush();
    this.stop('closed');
    await this.closeLogs();
    await this.lock.release().catch(() => undefined);
  }

  get unavailable(): string | undefined {
    return this.failure;
  }

  private stop(reason: string): void {
    if (this.failure) return;
    this.failure = reason;
    if (reason !== 'closed') this.onUnavailable?.(reason);
  }

  private async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.mutex;
    this.mutex = previous.then(() => next);
    await previous;
    return release;
  }

  private async drain(): Promise<void> {
    try {
      while (this.batch.length > 0) {
        // Let units of work finishing in this tick join the commit.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const release = await this.acquire();
        const ops = this.batch;
        const waiters = this.waiters;
        const needsJournal = this.batchNeedsJournal;
        this.batch = [];
        this.waiters = [];
        this.batchNeedsJournal = false;
        const snapshots = [...this.docs.values()]
          .filter((d) => d.dirty)
          .map((d) => {
            d.dirty = false;
            return { doc: d, json: d.adapter.serialize(d.low.data) };
          });
        const appends = [...this.logs.values()].map((log) => ({ log, entries: log.take() })).filter((a) => a.entries.length > 0);
        release();
        try {
          if (this.failure) throw new StoreUnavailableError(this.failure);
          const journaled = needsJournal || snapshots.length + appends.length > 1 || appends.some((a) => a.entries.some(AppendLog.isDelete));
          await this.commit(ops, snapshots, appends, journaled);
          for (const w of waiters) w.resolve();
        } catch (err) {
          // Memory now holds changes that are not on disk: stop writing, a restart recovers the durable state.
          this.stop(`write failed (${(err as Error).message})`);
          for (const w of waiters) w.reject(err instanceof StoreUnavailableError ? err : new StoreUnavailableError(this.failure!));
        }
        this.evict();
      }
    } finally {
      this.flushing = null;
    }
  }

  private async commit(
    ops: Op[],
    snapshots: { doc: Document; json: string }[],
    appends: { log: AppendLog; entries: LogEntry[] }[],
    journaled: boolean,
  ): Promise<void> {
    const journal = path.join(this.filesDir, JOURNAL);
    if (journaled) await new DurableJSONFile<{ ops: Op[] }>(journal, { compact: true }).write({ ops });
    await Promise.all([
      ...snapshots.map(async ({ doc, json }) => {
        await mkdirDurable(path.dirname(doc.adapter.filename));
        await doc.adapter.replaceText(json);
      }),
      ...appends.map(({ log, entries }) => log.commit(entries)),
    ]);
    // The renames become durable with one fsync per folder, however many of its files (shards) the commit
    // replaced; the journal is removed only after that.
    await Promise.all([...new Set(snapshots.map(({ doc }) => path.dirname(doc.adapter.filename)))].map((dir) => fsyncDir(dir)));
    if (journaled) {
      await fs.promises.rm(journal, { force: true });
      await fsyncDir(this.filesDir);
    }
  }

  private async replayJournal(): Promise<void> {
    await removeTempFiles(this.filesDir);
    await removeTempFiles(path.dirname(this.dataFile));
    const journal = path.join(this.filesDir, JOURNAL);
    if (!fs.existsSync(journal)) return;
    const { ops } = JSON.parse(await fs.promises.readFile(journal, 'utf8')) as { ops: Op[] };
    const touched = new Set<Document>();
    for (const op of ops) {
      const log = this.logs.get(op.doc);
      if (log) {
        log.apply(op.id, op.value);
        continue;
      }
      const doc = await this.doc(op.doc);
      setRecord(doc.low.data, op.collection, op.id, op.value);
      touched.add(doc);
    }
    for (const doc of touched) {
      await mkdirDurable(path.dirname(doc.adapter.filename));
      await doc.low.write();
    }
    // Records appended again are harmless: a later line of an id replaces the earlier one.
    for (const log of this.logs.values()) {
      const entries = log.take();
      if (entries.length > 0) await log.commit(entries);
    }
    await fs.promises.rm(journal, { force: true });
    await fsyncDir(this.filesDir);
  }

  /** Drops the least recently used clean documents beyond the cache limit (the main document stays). */
  private evict(): void {
    if (this.docs.size <= this.cacheLimit) return;
    const clean = [...this.docs.values()].filter((d) => !d.dirty && d.name !== MAIN && !d.name.startsWith('reports/drafts/') && !d.name.startsWith('outbox/') && d.name !== 'reports/counters');
    clean.sort((a, b) => a.usedAt - b.usedAt);
    for (const d of clean.slice(0, this.docs.size - this.cacheLimit)) this.docs.delete(d.name);
  }
}

/** Temp files left by a process killed mid-write are garbage: their target was never replaced. */
export async function removeTempFiles(dir: string): Promise<void> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.endsWith('.lock')) await removeTempFiles(full);
    else if (/^\..+\.tmp-\d+-\d+$/.test(entry.name)) await fs.promises.rm(full, { force: true });
  }
}


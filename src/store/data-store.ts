import * as fs from 'fs';
import * as path from 'path';
import { Low } from 'lowdb';
import { DurableJSONFile } from './durable-json-file';
import { acquireFileLock, FileLock } from './file-lock';

/**
 * Baken's one write path. One lowdb JSON file (DATA_FILE) holds named collections; a capability whose
 * data grows without bound (reports) asks for its own files under `<DATA_FILE minus .json>.d/`, so one
 * write never rewrites everything. All files share:
 * - one inter-process lock (on DATA_FILE, taken at open, released at close);
 * - one write queue: an update mutates the in-memory data synchronously (so updates are applied strictly
 *   in call order), marks its file dirty and resolves only after the next flush has written that file
 *   durably (temp file + fsync + rename + directory fsync). Updates arriving while a flush runs are
 *   grouped into the following flush ("group commit"), so concurrent writers do not each pay an fsync.
 */

/** A JSON value owned by the store. Mutate it only inside `update`. */
export interface StoreCell<T> {
  read(): T;
  /**
   * Apply `fn` to the data and resolve after the change is on disk. `fn` must be synchronous and
   * should validate before it mutates: a throw rejects this update but keeps what `fn` already changed.
   */
  update<R>(fn: (data: T) => R): Promise<R>;
}

export interface StoreFile<T> extends StoreCell<T> {
  readonly path: string;
}

export interface DataStoreOptions {
  /** Called when the lock was lost (another process removed it); writes are refused from then on. */
  onLockCompromised?: (err: Error) => void;
}

type MainData = Record<string, unknown>;

/** One JSON file under the queue; its data is typed by the cell that exposes it. */
class ManagedFile {
  dirty = false;
  constructor(readonly low: Low<object>, readonly path: string) {}
}

/** Error for writes after close or after the lock was lost. */
export class StoreClosedError extends Error {
  constructor(reason: string) {
    super(`De gegevensopslag is niet beschikbaar: ${reason}. / The data store is unavailable: ${reason}.`);
    this.name = 'StoreClosedError';
  }
}

class WriteQueue {
  private readonly dirty = new Set<ManagedFile>();
  private waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
  private running: Promise<void> | null = null;

  /** Resolves once `file` (and everything else dirty at that moment) is durably written. */
  enqueue(file: ManagedFile): Promise<void> {
    file.dirty = true;
    this.dirty.add(file);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.running) this.running = this.drain();
    return done;
  }

  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    while (this.dirty.size > 0) {
      // Let updates issued in the same tick join this flush.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const files = [...this.dirty];
      this.dirty.clear();
      const waiters = this.waiters;
      this.waiters = [];
      try {
        // Each write serialises its file synchronously at call time, so later updates go to the next flush.
        await Promise.all(
          files.map((file) => {
            file.dirty = false;
            return file.low.write();
          }),
        );
        for (const w of waiters) w.resolve();
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
    }
    this.running = null;
  }
}

const FILE_NAME = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

export class DataStore {
  private readonly queue = new WriteQueue();
  private readonly files = new Map<string, Promise<ManagedFile>>();
  private unavailable: string | undefined;

  private constructor(
    readonly file: string,
    readonly filesDir: string,
    private readonly main: ManagedFile,
    private readonly lock: FileLock,
  ) {}

  /** Open (creating if needed) the data file and take its inter-process lock. */
  static async open(file: string, options: DataStoreOptions = {}): Promise<DataStore> {
    const absolute = path.resolve(file);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    let store: DataStore | undefined;
    const lock = await acquireFileLock(absolute, (err) => {
      store?.markUnavailable(`lock lost (${err.message})`);
      options.onLockCompromised?.(err);
    });
    try {
      const low = new Low<MainData>(new DurableJSONFile<MainData>(absolute), {});
      await low.read();
      const filesDir = path.join(path.dirname(absolute), `${path.basename(absolute, '.json')}.d`);
      store = new DataStore(absolute, filesDir, new ManagedFile(low as Low<object>, absolute), lock);
      return store;
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  /** A named collection inside the main data file, created from `initial` when absent. */
  collection<T>(name: string, initial: () => T): StoreCell<T> {
    const data = (): MainData => this.main.low.data as MainData;
    if (!(name in data())) data()[name] = initial();
    return {
      read: () => data()[name] as T,
      update: <R>(fn: (value: T) => R) => this.apply<MainData, R>(this.main, (all) => fn(all[name] as T)),
    };
  }

  /**
   * A separate JSON file `<filesDir>/<name>.json` (name may contain `/` for sub-folders, e.g.
   * `reports/DNK-2026`), written through the same queue and covered by the same lock.
   */
  async document<T extends object>(name: string, initial: () => T): Promise<StoreFile<T>> {
    if (!FILE_NAME.test(name) || name.split('/').includes('..')) throw new Error(`Invalid store file name: ${name}`);
    let opening = this.files.get(name);
    if (!opening) {
      const filePath = path.join(this.filesDir, `${name}.json`);
      opening = (async () => {
        fs.mkdirSync(path.dirname(filePath), { recursive: true });
        const low = new Low<object>(new DurableJSONFile<object>(filePath), initial());
        await low.read();
        return new ManagedFile(low, filePath);
      })();
      this.files.set(name, opening);
      opening.catch(() => this.files.delete(name));
    }
    const managed = await opening;
    return {
      path: managed.path,
      read: () => managed.low.data as T,
      update: <R>(fn: (data: T) => R) => this.apply(managed, fn),
    };
  }

  /** Names (without `.json`) of the separate files that exist under `folder` of filesDir. */
  listDocuments(folder = ''): string[] {
    const dir = path.join(this.filesDir, folder);
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
      .map((f) => path.posix.join(folder, f.slice(0, -'.json'.length)));
  }

  /** Resolves when every queued write is on disk. */
  flush(): Promise<void> {
    return this.queue.idle();
  }

  /** Flush pending writes, then release the lock. Further updates are refused. */
  async close(): Promise<void> {
    if (this.unavailable === 'closed') return;
    await this.queue.idle();
    this.markUnavailable('closed');
    await this.lock.release().catch(() => undefined);
  }

  private markUnavailable(reason: string): void {
    this.unavailable ??= reason;
  }

  private apply<T, R>(file: ManagedFile, fn: (data: T) => R): Promise<R> {
    if (this.unavailable) return Promise.reject(new StoreClosedError(this.unavailable));
    let result: R;
    try {
      result = fn(file.low.data as T);
    } catch (err) {
      return Promise.reject(err);
    }
    if (result instanceof Promise) {
      return Promise.reject(new TypeError('DataStore.update: the update function must be synchronous'));
    }
    return this.queue.enqueue(file).then(() => result);
  }
}

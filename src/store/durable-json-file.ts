import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import type { Adapter } from 'lowdb';

let tmpCounter = 0;

// The callback API on plain file descriptors: the same system calls as fs.promises' FileHandle (open, write,
// fsync, close, rename), with less work on the event loop per call (no FileHandle object, no close tracking).
// A store writes one file per commit, so this is paid on every commit.
const writeFile = promisify(fs.writeFile);
const rename = promisify(fs.rename);
const open = promisify(fs.open);
const fsync = promisify(fs.fsync);
const close = promisify(fs.close);

export interface DurableJSONFileOptions {
  /** Compact JSON for files only programs read, where size is the cost of a write; default indented. */
  compact?: boolean;
}

/**
 * lowdb adapter that makes every write durable before it resolves: write a temp file, fsync it,
 * rename it over the target (atomic replace), fsync the directory so the rename itself survives a
 * power cut. lowdb's own JSONFile (steno) renames but never fsyncs. Used by the main data file and by
 * the report store's segment, counter and draft files.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  constructor(readonly filename: string, private readonly options: DurableJSONFileOptions = {}) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.filename, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      throw new Error(`Data file ${this.filename} is not valid JSON (${(err as Error).message}); refusing to overwrite it.`);
    }
  }

  async write(data: T): Promise<void> {
    await this.writeText(this.serialize(data));
  }

  /** The file's text for `data`: taken synchronously, so a snapshot can be cut at a chosen moment. */
  serialize(data: T): string {
    return this.options.compact ? JSON.stringify(data) : JSON.stringify(data, null, 1);
  }

  /** Writes text serialized earlier: temp file, fsync, atomic rename, directory fsync. */
  async writeText(json: string): Promise<void> {
    await this.replaceText(json);
    await fsyncDir(path.dirname(this.filename));
  }

  /**
   * `writeText` without the directory fsync: the rename is atomic but not yet durable. For a caller that
   * replaces several files of one folder and then makes all their renames durable with one `fsyncDir`.
   */
  async replaceText(json: string): Promise<void> {
    const dir = path.dirname(this.filename);
    // A unique temp name: two writers of different files in one folder never share a temp file.
    const tmp = path.join(dir, `.${path.basename(this.filename)}.tmp-${process.pid}-${++tmpCounter}`);
    // open(tmp, 'w'), write all, fsync, close (also on a failed write).
    await writeFile(tmp, json, { encoding: 'utf8', flush: true });
    await rename(tmp, this.filename);
  }
}

/** Makes the directory's entries (a rename, a new file) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fd = await open(dir, 'r');
  try {
    await fsync(fd);
  } catch (err) {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR') throw err;
  } finally {
    await close(fd);
  }
}

/** Creates a folder and makes its entry in the parent durable. */
export async function mkdirDurable(dir: string): Promise<void> {
  if (fs.existsSync(dir)) return;
  await mkdirDurable(path.dirname(dir));
  await fs.promises.mkdir(dir, { recursive: true });
  await fsyncDir(path.dirname(dir));
}

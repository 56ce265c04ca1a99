import * as fs from 'fs/promises';
import * as path from 'path';
import type { Adapter } from 'lowdb';

/**
 * lowdb adapter that makes every write durable before it resolves: write a temp file, fsync it,
 * rename it over the target (atomic replace), fsync the directory so the rename itself survives a
 * power cut. lowdb's own JSONFile (steno) renames but never fsyncs.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  private readonly tmpFile: string;

  constructor(readonly filename: string) {
    this.tmpFile = path.join(path.dirname(filename), `.${path.basename(filename)}.tmp`);
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await fs.readFile(this.filename, 'utf8');
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
    const json = JSON.stringify(data, null, 1);
    const handle = await fs.open(this.tmpFile, 'w');
    try {
      await handle.writeFile(json, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(this.tmpFile, this.filename);
    await syncDirectory(path.dirname(this.filename));
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } catch (err) {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
    if ((err as NodeJS.ErrnoException).code !== 'EINVAL' && (err as NodeJS.ErrnoException).code !== 'EISDIR') throw err;
  } finally {
    await handle.close();
  }
}

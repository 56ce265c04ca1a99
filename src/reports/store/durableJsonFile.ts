import * as fs from 'fs';
import * as path from 'path';
import type { Adapter } from 'lowdb';

let tmpCounter = 0;

/**
 * A lowdb adapter whose write is durable when its promise resolves: the JSON goes to a temp file in the
 * same folder, which is fsynced, renamed over the target (atomic on POSIX) and the folder fsynced so the
 * rename itself survives power loss. lowdb's own JSONFile (steno) renames but never fsyncs.
 * Compact JSON: these files are read by programs; size matters for the cost of a write.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await fs.promises.readFile(this.file, 'utf8')) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async write(data: T): Promise<void> {
    const dir = path.dirname(this.file);
    const tmp = path.join(dir, `.${path.basename(this.file)}.tmp-${process.pid}-${++tmpCounter}`);
    const handle = await fs.promises.open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, this.file);
    await fsyncDir(dir);
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates a folder and makes its entry in the parent durable. */
export async function mkdirDurable(dir: string): Promise<void> {
  if (fs.existsSync(dir)) return;
  await mkdirDurable(path.dirname(dir));
  await fs.promises.mkdir(dir, { recursive: true });
  await fsyncDir(path.dirname(dir));
}

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as lockfile from 'proper-lockfile';

/** Raised when another live process already holds the data file. */
export class StoreLockedError extends Error {
  constructor(readonly file: string, owner: LockOwner | undefined) {
    const who = owner ? ` (pid ${owner.pid} op ${owner.host} sinds ${owner.since})` : '';
    super(
      `Het gegevensbestand ${file} is al in gebruik door een ander Baken-proces${who}. ` +
        `Stop dat proces of kies een ander DATA_FILE. / The data file is already in use by another Baken process.`,
    );
    this.name = 'StoreLockedError';
  }
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface FileLock {
  release(): Promise<void>;
}

/**
 * Inter-process lock on `file` (a `<file>.lock` directory, via proper-lockfile). A lock left behind by a
 * killed process on this host is taken over at once (its pid is recorded in the lock), so a restart
 * after SIGKILL does not have to wait for proper-lockfile's mtime staleness.
 */
const STALE_MS = 10_000;
const OWNER_FILE = 'owner.json';

export async function acquireFileLock(file: string, onCompromised: (err: Error) => void): Promise<FileLock> {
  const lockDir = `${file}.lock`;
  const options: lockfile.LockOptions = { realpath: false, lockfilePath: lockDir, stale: STALE_MS, onCompromised };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, options);
  } catch (err) {
    // ENOTEMPTY: proper-lockfile judged the lock stale but could not rmdir it because of our owner record.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ELOCKED' && code !== 'ENOTEMPTY') throw err;
    const owner = readOwner(lockDir);
    // proper-lockfile cannot remove a stale lock that holds our owner record, so staleness is judged here too.
    if (!owner || !(isOrphaned(owner) || isStale(lockDir, STALE_MS))) throw new StoreLockedError(file, owner);
    fs.rmSync(lockDir, { recursive: true, force: true });
    try {
      release = await lockfile.lock(file, options);
    } catch (retryErr) {
      if ((retryErr as NodeJS.ErrnoException).code === 'ELOCKED') throw new StoreLockedError(file, readOwner(lockDir));
      throw retryErr;
    }
  }
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  const ownerFile = path.join(lockDir, OWNER_FILE);
  fs.writeFileSync(ownerFile, JSON.stringify(owner));
  return {
    release: async () => {
      // proper-lockfile removes the lock with rmdir, which needs the directory empty.
      fs.rmSync(ownerFile, { force: true });
      await release();
    },
  };
}

function readOwner(lockDir: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(lockDir, OWNER_FILE), 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? '?') };
    }
  } catch {
    // No owner record (old lock or crash right after mkdir): proper-lockfile's mtime staleness decides.
  }
  return undefined;
}

function isStale(lockDir: string, staleMs: number): boolean {
  try {
    return fs.statSync(lockDir).mtimeMs < Date.now() - 2 * staleMs;
  } catch {
    return true;
  }
}

function isOrphaned(owner: LockOwner): boolean {
  if (owner.host !== os.hostname() || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

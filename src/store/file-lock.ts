import * as fs from 'fs';
import * as os from 'os';
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
 * killed process on this host is taken over at once (its pid is recorded beside the lock), so a restart
 * after SIGKILL does not have to wait for proper-lockfile's mtime staleness.
 *
 * The owner record lives beside the lock directory, not inside it: writing into the directory changes its
 * mtime, which proper-lockfile's refresh takes for another process's hand and declares the lock compromised.
 */
const STALE_MS = 10_000;

export async function acquireFileLock(file: string, onCompromised: (err: Error) => void, staleMs = STALE_MS): Promise<FileLock> {
  const lockDir = `${file}.lock`;
  const ownerFile = `${lockDir}.owner.json`;
  const options: lockfile.LockOptions = { realpath: false, lockfilePath: lockDir, stale: staleMs, onCompromised };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, options);
  } catch (err) {
    // ENOTEMPTY: a lock directory from an older version that kept its owner record inside.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ELOCKED' && code !== 'ENOTEMPTY') throw err;
    const owner = readOwner(ownerFile);
    if (!owner || !(isOrphaned(owner) || isStale(lockDir, staleMs))) throw new StoreLockedError(file, owner);
    fs.rmSync(lockDir, { recursive: true, force: true });
    try {
      release = await lockfile.lock(file, options);
    } catch (retryErr) {
      if ((retryErr as NodeJS.ErrnoException).code === 'ELOCKED') throw new StoreLockedError(file, readOwner(ownerFile));
      throw retryErr;
    }
  }
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  fs.writeFileSync(ownerFile, JSON.stringify(owner));
  return {
    release: async () => {
      await release();
      fs.rmSync(ownerFile, { force: true });
    },
  };
}

function readOwner(ownerFile: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(ownerFile, 'utf8')) as Partial<LockOwner>;
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

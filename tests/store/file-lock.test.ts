import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { acquireFileLock, StoreLockedError } from '../../src/store/file-lock';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('file lock', () => {
  test('a held lock survives its own refreshes, refuses a second holder and leaves nothing at release', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-lock-'));
    const file = path.join(dir, 'data.json');
    fs.writeFileSync(file, '{}');
    const compromised: Error[] = [];
    // stale 2 s: proper-lockfile refreshes every second; stay past two refreshes.
    const lock = await acquireFileLock(file, (err) => compromised.push(err), 2000);
    await sleep(2600);
    expect(compromised).toEqual([]);
    await expect(acquireFileLock(file, () => undefined, 2000)).rejects.toBeInstanceOf(StoreLockedError);
    await lock.release();
    expect(fs.readdirSync(dir)).toEqual(['data.json']);
    const again = await acquireFileLock(file, () => undefined, 2000);
    await again.release();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A fresh directory under the OS temp dir; remove it with `cleanup()`. */
export function makeTempDir(prefix = 'baken-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const suiteDirs: string[] = [];
// Registered when a test file loads this module (hooks cannot be added from inside a test).
if (typeof afterAll === 'function') {
  afterAll(() => {
    for (const dir of suiteDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
}

/**
 * A fresh directory under the OS temp dir that is removed when the test file's tests are done (for helpers that
 * hand out many throw-away folders; jest loads this module once per test file).
 */
export function suiteTempDir(prefix = 'baken-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  suiteDirs.push(dir);
  return dir;
}

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A fresh directory under the OS temp dir; remove it with `cleanup()`. */
export function makeTempDir(prefix = 'baken-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

import * as fs from 'fs';
import * as path from 'path';

/** The project root (the folder with package.json), found from this file so it works from src/ and dist/src/. */
function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'knowledge'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`project root not found above ${start}`);
    dir = parent;
  }
}

let root: string | undefined;

export function projectPath(...parts: string[]): string {
  root ??= findProjectRoot(__dirname);
  return path.join(root, ...parts);
}

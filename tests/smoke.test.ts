import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// lowdb's presets silently switch to memory under NODE_ENV=test, so the store must build Low + JSONFile itself.
test('lowdb writes a real file under jest', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'baken-')), 'db.json');
  const db = new Low<{ n: number }>(new JSONFile(file), { n: 1 });
  await db.read();
  await db.update((d) => { d.n = 2; });
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).n).toBe(2);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

/** DirectoryService: changes to the data file reload without restart; a bad file is logged and the old data kept. */
import fs from 'node:fs';
import path from 'node:path';
import { DirectoryService, watchDirectory, type DirectoryData } from '../../src/directory';
import { DIRECTORY_FILE, SCHOOLS_FILE, tempDir } from './helpers';

function copyDirectory(): string {
  const file = path.join(tempDir(), 'directory.json');
  fs.copyFileSync(DIRECTORY_FILE, file);
  return file;
}

function renameHolder(file: string, from: string, to: string): void {
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split(`"name": "${from}"`).join(`"name": "${to}"`));
}

describe('DirectoryService reload', () => {
  const errors: string[] = [];
  const logger = { info() {}, warn() {}, error: (o: object) => errors.push(JSON.stringify(o)) };

  it('reloads on file change and keeps the old data on a bad file', async () => {
    const file = copyDirectory();
    const svc = new DirectoryService({ file, schoolsFile: SCHOOLS_FILE, logger });
    expect(svc.answerWho('de-campus', 'wie is de vertrouwenspersoon?', 'nl')?.contacts[0].name).toBe('Marcha Douwes');

    let changed: (d: DirectoryData) => void = () => {};
    let failed: (e: unknown) => void = () => {};
    const stop = svc.watch({ debounceMs: 20, onChange: (d) => changed(d), onError: (e) => failed(e) });
    try {
      const reloaded = new Promise<DirectoryData>((resolve) => (changed = resolve));
      renameHolder(file, 'Marcha Douwes', 'Nieuwe Collega');
      await reloaded;
      expect(svc.answerWho('de-campus', 'wie is de vertrouwenspersoon?', 'nl')?.contacts[0].name).toBe('Nieuwe Collega');

      const rejected = new Promise<unknown>((resolve) => (failed = resolve));
      fs.writeFileSync(file, '{ "version": 1, "roles": [] ');
      const err = await rejected;
      expect(String(err)).toContain(file);
      expect(errors.some((e) => e.includes('invalid JSON'))).toBe(true);
      expect(svc.answerWho('de-campus', 'wie is de vertrouwenspersoon?', 'nl')?.contacts[0].name).toBe('Nieuwe Collega');
    } finally {
      stop();
    }
  });

  it('reload() throws on a bad file and keeps the previous data', () => {
    const file = copyDirectory();
    const svc = new DirectoryService({ file, schoolsFile: SCHOOLS_FILE, logger });
    const before = svc.data;
    fs.writeFileSync(file, JSON.stringify({ version: 2 }));
    expect(() => svc.reload()).toThrow(/version/);
    expect(svc.data).toBe(before);
    fs.copyFileSync(DIRECTORY_FILE, file);
    renameHolder(file, 'Hulst Fire Consultancy', 'Andere Brandpartij');
    svc.reload();
    expect(svc.answerWho('de-campus', 'welke partij doet de brandpreventie?', 'nl')?.contacts[0].organisation).toBe('Andere Brandpartij');
  });

  it('watchDirectory sees a replace-by-rename (how editors save)', async () => {
    const file = copyDirectory();
    const reloaded = new Promise<DirectoryData>((resolve) => {
      const w = watchDirectory(file, (d) => {
        w.close();
        resolve(d);
      }, { debounceMs: 20 });
    });
    const tmp = `${file}.tmp`;
    fs.copyFileSync(file, tmp);
    renameHolder(tmp, 'Arbo Unie', 'Arbo Nieuw');
    fs.renameSync(tmp, file);
    const data = await reloaded;
    expect(JSON.stringify(data)).toContain('Arbo Nieuw');
  });
});

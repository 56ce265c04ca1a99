import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'csv-parse/sync';
import { main } from '../../src/cli/export';
import type { NewReport } from '../../src/store';
import { openLowdbStore } from '../../src/store/lowdb';
import { openPostgresStore } from '../../src/store/postgres';
import { createTestDatabase, usePostgresServer } from '../support/postgres';
import { testClock } from '../support/clock';
import { makeTempDir } from '../support/temp-dir';

/** A report as the bot files it (the fields the flows store), at de-campus unless said otherwise. */
function report(over: Partial<NewReport> & { date?: string; location?: string }): NewReport {
  const { date, location, ...rest } = over;
  const submittedAt = rest.submittedAt ?? '2026-03-01T09:00:00.000Z';
  return {
    code: 'CMP', year: 2026, school: 'de-campus', type: 'incident', category: 'pesten',
    fields: { ...(date ? { date } : {}), ...(location ? { location } : {}), facts: 'GEHEIM-FEIT over J.', pupils: ['5B J.d.V.'] },
    reporter: { id: 'aad-anna', name: 'Anna Melder' }, lang: 'nl', draftId: `draft-${Math.random().toString(36).slice(2)}`,
    status: 'nieuw', schemaVersion: 1, createdAt: submittedAt, submittedAt,
    chronology: [{ at: submittedAt, by: { id: 'aad-anna', name: 'Anna Melder' }, kind: 'created', text: '' }],
    ...rest,
  };
}

/** 16 reports of de-campus in 2025-2026, one before it, one of another school. */
const seed = (): NewReport[] => [
  ...Array.from({ length: 6 }, () => report({ date: '2025-09-15', location: 'Schoolplein' })),
  ...Array.from({ length: 7 }, () => report({ date: '2025-10-02', category: 'weglopen', location: ' schoolplein' })),
  report({ date: '2025-10-03', location: 'bij de fietsenstalling van meester Jan' }),
  // Zorg has no date of its own: 31 July 23:30 in Amsterdam is still 2025-2026.
  ...Array.from({ length: 2 }, () => report({ type: 'zorg-thuissituatie', category: undefined, submittedAt: '2026-07-31T21:30:00.000Z' })),
  // Not in 2025-2026, or not de-campus.
  report({ date: '2025-07-20', submittedAt: '2025-07-20T10:00:00.000Z', year: 2025 }),
  report({ date: '2025-09-15', school: 'de-nieuwe-kring', code: 'DNK' }),
];

const serverUrl = usePostgresServer();

describe('npm run export (the annual evaluation as files)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let env: NodeJS.ProcessEnv;
  // After the school year, when the evaluation is made (the clock bounds what counts: nothing after "now").
  const clock = testClock('2026-09-01T08:00:00Z');
  const run = async (...argv: string[]): Promise<{ code: number; out: string }> => {
    const lines: string[] = [];
    const code = await main(argv, (s) => lines.push(s), env, clock);
    return { code, out: lines.join('\n') };
  };

  beforeAll(async () => {
    tmp = makeTempDir('baken-export-');
    const dataFile = path.join(tmp.dir, 'baken.json');
    env = { DATA_FILE: dataFile };
    const store = await openLowdbStore(dataFile);
    for (const r of seed()) await store.reports.create(r);
    await store.close();
  });
  afterAll(() => tmp.cleanup());

  test('writes evaluatie-<school>-<year>.csv, .svg and .png and says what it wrote; no names, ids or content', async () => {
    const outDir = path.join(tmp.dir, 'uit', 'evaluatie');
    const { code, out } = await run('--school', 'de-campus', '--year', '2025-2026', '--out', outDir);
    expect(code).toBe(0);
    const files = ['csv', 'svg', 'png'].map((k) => path.join(outDir, `evaluatie-de-campus-2025-2026.${k}`));
    for (const f of files) {
      expect(out).toContain(`Geschreven: ${f}`);
      expect(fs.statSync(f).size).toBeGreaterThan(100);
    }
    expect(out).toContain('Montessorischool De Campus, schooljaar 2025-2026: 16 meldingen');

    const csv = fs.readFileSync(files[0], 'utf8');
    const rows = parse(csv, { delimiter: ';', bom: true }) as string[][];
    const row = (label: string): string[] => rows.find((r) => r[2] === label)!;
    expect(row('(Digitaal) pesten').slice(3)).toEqual(['0', '6', '<5', '0', '0', '0', '0', '0', '0', '0', '0', '0', 'x']);
    expect(row('Weglopen van school of uit de les')[5]).toBe('7');
    expect(row('Zorg over de thuissituatie (meldcode)')[14]).toBe('<5');
    expect(row('Alle meldingen')[15]).toBe('16');
    expect(row('schoolplein')[15]).toBe('13');
    expect(row('overig')[15]).toBe('<5');
    for (const text of [csv, fs.readFileSync(files[1], 'utf8')]) {
      for (const marker of ['GEHEIM', 'J.d.V', 'Anna', 'aad-anna', 'CMP-2026', 'fietsenstalling', 'meester Jan']) expect(text).not.toContain(marker);
    }
    expect(fs.readFileSync(files[1], 'utf8')).toMatch(/^<svg/);
    expect(fs.readFileSync(files[2]).subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  test.each([
    [['--school', 'de-campus', '--year', '2025', '--out', 'x'], 64, 'Schooljaar "2025" klopt niet: schrijf het als 2025-2026'],
    [['--school', 'de-campus', '--year', '2025-2027', '--out', 'x'], 64, 'Schooljaar "2025-2027" klopt niet'],
    [['--school', 'de-kameleon', '--year', '2025-2026', '--out', 'x'], 64, 'Onbekende school "de-kameleon". Bekende scholen: conexus, de-campus'],
    [['--school', 'de-campus', '--year', '2025-2026'], 64, 'gebruik: npm run export -- --school'],
    [['--year', '2025-2026', '--out', 'x'], 64, 'gebruik:'],
    [['--school', 'de-campus', '--year', '2025-2026', '--out', 'x', '--lang', 'fr'], 64, 'gebruik:'],
  ])('%j → exit %i, "%s"', async (argv, exit, message) => {
    const { code, out } = await run(...argv);
    expect(code).toBe(exit);
    expect(out).toContain(message);
  });

  test('a folder that cannot be made or written: a clear Dutch error, nothing written', async () => {
    // A path under a file can never be a folder (root could write anywhere, so permissions prove nothing in CI).
    const file = path.join(tmp.dir, 'een-bestand');
    fs.writeFileSync(file, 'x');
    const { code, out } = await run('--school', 'de-campus', '--year', '2025-2026', '--out', path.join(file, 'map'));
    expect(code).toBe(73);
    expect(out).toMatch(/^Kan niet schrijven in de map .*een-bestand\/map \((ENOTDIR|EEXIST)\)/);
  });

  test('a data file that does not exist is named, not silently exported as empty', async () => {
    const missing = path.join(tmp.dir, 'nergens.json');
    const lines: string[] = [];
    const code = await main(['--school', 'de-campus', '--year', '2025-2026', '--out', path.join(tmp.dir, 'leeg')], (s) => lines.push(s), { DATA_FILE: missing }, clock);
    expect(code).toBe(66);
    expect(lines.join('\n')).toContain(`Geen gegevensbestand ${missing} (DATA_FILE)`);
  });

  test('English on request; a year without reports gives an empty table, not an error', async () => {
    const outDir = path.join(tmp.dir, 'en');
    const { code } = await run('--school', 'de-campus', '--year', '2023-2024', '--out', outDir, '--lang', 'en');
    expect(code).toBe(0);
    const rows = parse(fs.readFileSync(path.join(outDir, 'evaluatie-de-campus-2023-2024.csv'), 'utf8'), { delimiter: ';', bom: true }) as string[][];
    expect(rows[0][0]).toBe('Part');
    expect(rows.find((r) => r[2] === 'All reports')![15]).toBe('0');
  });

  test('PostgreSQL (DATABASE_URL) gives the same evaluation as the lowdb file', async () => {
    const db = await createTestDatabase(serverUrl());
    try {
      const store = await openPostgresStore({ url: db.url });
      for (const r of seed()) await store.reports.create(r);
      await store.close();
      const pgDir = path.join(tmp.dir, 'pg');
      const fileDir = path.join(tmp.dir, 'file');
      const lines: string[] = [];
      expect(await main(['--school', 'de-campus', '--year', '2025-2026', '--out', pgDir], (s) => lines.push(s), { DATABASE_URL: db.url }, clock)).toBe(0);
      expect(lines.join('\n')).toContain('16 meldingen');
      expect((await run('--school', 'de-campus', '--year', '2025-2026', '--out', fileDir)).code).toBe(0);
      const csv = (dir: string): string => fs.readFileSync(path.join(dir, 'evaluatie-de-campus-2025-2026.csv'), 'utf8');
      expect(csv(pgDir)).toBe(csv(fileDir));
    } finally {
      await db.drop();
    }
  });
});

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openReportStore, type ReportStore } from '../../../src/reports/store/reportStore';
import { systemClock } from '../../../src/time';
import { lockTest, testClock } from '../../support/clock';
import { ReportProblem } from '../../../src/reports/errors';
import type { Draft, SubmitInput } from '../../../src/reports/types';

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'baken-reports-'));
const FIXED = new Date('2026-03-10T09:00:00Z');

function input(i: number, over: Partial<SubmitInput> = {}): SubmitInput {
  return {
    draftId: `draft-${i}`,
    school: 'de-nieuwe-kring',
    type: 'incident',
    category: 'weglopen',
    fields: { facts: `feit ${i}`, location: 'schoolplein' },
    reporter: { id: `user-${i % 3}`, name: `Leerkracht ${i % 3}` },
    lang: 'nl',
    createdAt: FIXED.toISOString(),
    ...over,
  };
}

function allSegmentFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== 'writer.lock') walk(path.join(d, e.name));
      else if (/^segment-\d+\.json$/.test(e.name)) out.push(path.join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

describe('report store', () => {
  let dir: string;
  let store: ReportStore | undefined;
  beforeEach(() => {
    dir = tmpDir();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  test('200 concurrent submits get DNK-2026-0001..0200: no gaps, no duplicates, all durable after reopen', async () => {
    store = await openReportStore(dir, { clock: { now: () => FIXED }, segmentSize: 50 });
    const reports = await Promise.all(Array.from({ length: 200 }, (_, i) => store!.submit(input(i))));
    const ids = reports.map((r) => r.id).sort();
    expect(new Set(ids).size).toBe(200);
    expect(ids[0]).toBe('DNK-2026-0001');
    expect(ids[199]).toBe('DNK-2026-0200');
    expect(ids).toEqual(Array.from({ length: 200 }, (_, i) => `DNK-2026-${String(i + 1).padStart(4, '0')}`));
    expect(reports.every((r) => r.status === 'nieuw' && r.schemaVersion === 1 && r.chronology.length === 1)).toBe(true);

    // The layout: 4 segments of 50 reports, each valid JSON.
    const files = allSegmentFiles(dir);
    expect(files.map((f) => path.relative(dir, f))).toEqual([1, 2, 3, 4].map((n) => path.join('de-nieuwe-kring', '2026', `segment-000${n}.json`)));
    for (const f of files) expect(JSON.parse(fs.readFileSync(f, 'utf8')).reports).toHaveLength(50);

    await store.close();
    store = await openReportStore(dir, { clock: { now: () => FIXED }, segmentSize: 50 });
    expect(store.count()).toBe(200);
    expect((await store.get('DNK-2026-0137'))?.fields.facts).toBeDefined();
    const next = await store.submit(input(1000));
    expect(next.id).toBe('DNK-2026-0201');
  });

  test('sequences are per school and per year', async () => {
    let now = new Date('2025-12-31T22:30:00Z'); // 23:30 in Amsterdam: still 2025
    store = await openReportStore(dir, { clock: { now: () => now } });
    expect((await store.submit(input(1))).id).toBe('DNK-2025-0001');
    expect((await store.submit(input(2, { school: 'conexus' }))).id).toBe('CNX-2025-0001');
    now = new Date('2025-12-31T23:30:00Z'); // 00:30 on 1 January in Amsterdam
    expect((await store.submit(input(3))).id).toBe('DNK-2026-0001');
  });

  test('the same draft submitted twice is stored once', async () => {
    store = await openReportStore(dir, { clock: { now: () => FIXED } });
    const [a, b] = await Promise.all([store.submit(input(7)), store.submit(input(7))]);
    expect(a.id).toBe(b.id);
    const c = await store.submit(input(7));
    expect(c.id).toBe(a.id);
    expect(store.count()).toBe(1);
    expect((await store.findByDraft('draft-7'))?.id).toBe(a.id);
  });

  test('the reporter can only append to the chronology; others are refused', async () => {
    store = await openReportStore(dir, { clock: { now: () => FIXED } });
    const r = await store.submit(input(1));
    const updated = await store.appendChronology(r.id, r.reporter.id, 'De ouders zijn gebeld.', { name: 'Leerkracht 1' });
    expect(updated.chronology.map((c) => c.kind)).toEqual(['created', 'note']);
    expect(updated.fields).toEqual(r.fields);
    await expect(store.appendChronology(r.id, 'someone-else', 'hack')).rejects.toMatchObject({ code: 'notYourReport' });
    await expect(store.appendChronology('DNK-2026-0999', r.reporter.id, 'x')).rejects.toBeInstanceOf(ReportProblem);
    await expect(store.appendChronology(r.id, r.reporter.id, '   ')).rejects.toMatchObject({ code: 'noteEmpty' });
    await store.close();
    store = await openReportStore(dir, { clock: { now: () => FIXED } });
    expect((await store.get(r.id))?.chronology[1].text).toBe('De ouders zijn gebeld.');
  });

  test('listByReporter returns only that reporter’s reports', async () => {
    store = await openReportStore(dir, { clock: { now: () => FIXED } });
    await Promise.all(Array.from({ length: 9 }, (_, i) => store!.submit(input(i))));
    const mine = await store.listByReporter('user-1');
    expect(mine.map((r) => r.fields.facts).sort()).toEqual(['feit 1', 'feit 4', 'feit 7']);
    expect(await store.listByReporter('nobody')).toEqual([]);
  });

  lockTest('a second opener is refused by the lock until the first closes', async () => {
    store = await openReportStore(dir, { clock: testClock() });
    await expect(openReportStore(dir, { clock: testClock() })).rejects.toThrow(/lock/i);
    await store.close();
    store = await openReportStore(dir, { clock: testClock() });
    expect(store.count()).toBe(0);
  });

  test('drafts are saved durably and survive a reopen', async () => {
    store = await openReportStore(dir, { clock: { now: () => FIXED } });
    const draft: Draft = {
      id: 'd1', userId: 'u1', userName: 'Anna', school: 'conexus', lang: 'nl', stepId: 'what', type: 'incident',
      answers: { type: { type: 'incident' } }, status: 'open', cardVersion: 1, createdAt: FIXED.toISOString(), updatedAt: FIXED.toISOString(),
    };
    await store.saveDraft(draft);
    await store.saveDraft({ ...draft, id: 'd2', userId: 'u2' });
    await store.deleteDraft('d2');
    await store.close();
    store = await openReportStore(dir, { clock: testClock() });
    expect(store.getDraft('d1')).toEqual(draft);
    expect(store.draftsOf('u1')).toHaveLength(1);
    expect(store.getDraft('d2')).toBeUndefined();
  });

  test('SIGKILL during a burst: every acknowledged report is there and every file parses', async () => {
    // node --import tsx runs the TypeScript child in this very process, so SIGKILL hits the writer itself.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'burst.ts'), dir], {
      cwd: path.resolve(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 40_000);
    const acked: string[] = [];
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('ACK ')) acked.push(line.slice(4));
        // Kill in the middle of the stream, while writes are in flight.
        if (acked.length >= 150 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => {
        clearTimeout(guard);
        resolve();
      });
      child.on('error', reject);
    });
    expect(stderr).toBe('');
    expect(acked.length).toBeGreaterThanOrEqual(150);

    for (const f of allSegmentFiles(dir)) expect(() => JSON.parse(fs.readFileSync(f, 'utf8'))).not.toThrow();
    // The dead process's lock goes stale; the new opener waits for that instead of failing.
    store = await openReportStore(dir, { clock: systemClock, lockStaleMs: 2000, lockWaitMs: 8000, segmentSize: 20 });
    for (const id of acked) expect(await store.get(id)).toBeDefined();
    // Per school: the stored sequence has no gaps.
    for (const code of ['DNK', 'CNX']) {
      const seqs = (await store.listByReporter('user-crash')).filter((r) => r.id.startsWith(code)).map((r) => Number(r.id.slice(-4))).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    }
    // And the next id continues after the last stored one.
    const next = await store.submit(input(1, { school: 'conexus', draftId: 'after-crash' }));
    const cnx = (await store.listByReporter('user-crash')).filter((r) => r.id.startsWith('CNX')).length;
    expect(Number(next.id.slice(-4))).toBe(cnx + 1);
  }, 60_000);
});

/**
 * npm run bench:reports — 1) the report store measured directly, 2) the same through the real HTTP endpoint
 * (bench/reports-http.ts: Baken as `npm start` runs it, POST /api/messages, confirmation card at a loopback
 * Bot Connector). Each: 1,000 concurrent submissions on an empty store, then again with BENCH_SEED (default
 * 50,000) reports already stored. Prints stored and lost counts (lost must be 0), p50/p99 acknowledgement
 * time and the ratio. BENCH_ONLY=store|http runs one part.
 */
import { systemClock } from '../src/time';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { openReportStore, type ReportStore } from '../src/reports/store/reportStore';
import type { SubmitInput } from '../src/reports/types';
import { runHttpBench } from './reports-http';

const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 1000);
const SEED = Number(process.env.BENCH_SEED ?? 50_000);
const SCHOOLS = ['conexus', 'de-campus', 'de-nieuwe-kring', 'wij-de-venen', 'sooog'];

function input(tag: string, i: number): SubmitInput {
  return {
    draftId: `${tag}-${i}`,
    school: SCHOOLS[i % SCHOOLS.length],
    type: 'incident',
    category: 'weglopen',
    fields: { date: '2026-03-09', location: 'schoolplein', facts: `Leerling liep weg tijdens het buitenspelen (${i}). `.repeat(8), parentsInformed: 'ja' },
    reporter: { id: `user-${i % 500}`, name: `Leerkracht ${i % 500}` },
    lang: 'nl',
    createdAt: new Date().toISOString(),
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function burst(store: ReportStore, tag: string): Promise<{ ids: string[]; p50: number; p99: number }> {
  const times: number[] = [];
  const ids = await Promise.all(
    Array.from({ length: CONCURRENT }, async (_, i) => {
      const t0 = performance.now();
      const r = await store.submit(input(tag, i));
      times.push(performance.now() - t0);
      return r.id;
    }),
  );
  times.sort((a, b) => a - b);
  return { ids, p50: pct(times, 50), p99: pct(times, 99) };
}

async function measure(label: string, seed: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-bench-reports-'));
  try {
    let store = await openReportStore(dir, { clock: systemClock });
    for (let done = 0; done < seed; done += 2000) {
      await Promise.all(Array.from({ length: Math.min(2000, seed - done) }, (_, i) => store.submit(input('seed', done + i))));
    }
    const { ids, p50, p99 } = await burst(store, 'bench');
    await store.close();
    store = await openReportStore(dir, { clock: systemClock }); // count what is really on disk
    let lost = 0;
    for (const id of ids) if (!(await store.get(id))) lost++;
    const stored = store.count() - seed;
    await store.close();
    console.log(`${label}: ${CONCURRENT} concurrent submits with ${seed} pre-stored → stored ${stored}, lost ${lost}, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    if (lost) process.exitCode = 1;
    return p99;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only !== 'http') {
    console.log('Store level (openReportStore, in process):');
    const empty = await measure('empty store ', 0);
    const full = await measure('seeded store', SEED);
    console.log(`p99 ratio seeded/empty: ${(full / empty).toFixed(2)}\n`);
  }
  if (only !== 'store' && (await runHttpBench()) !== 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

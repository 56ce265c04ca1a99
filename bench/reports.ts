/**
 * npm run bench:reports [-- --store lowdb|postgres] — 1) the store measured directly, 2) the same through the real
 * HTTP endpoint (bench/reports-http.ts: Baken as `npm start` runs it, POST /api/messages, confirmation card at a
 * loopback Bot Connector), 3) on PostgreSQL, one instance against two on one database. Each: BENCH_CONCURRENT
 * (default 1,000) concurrent submissions on an empty store, then again with BENCH_SEED (default 50,000) reports
 * already stored. Prints stored and lost counts (lost must be 0), p50/p99 acknowledgement time and ratios.
 * 4) Time to alert (bench/reports-alerts.ts): from a serious report's submit POST returning to the director's alert
 * card reaching the connector, p50/p99, one at a time and in a burst.
 * BENCH_ONLY=store|http|instances|alerts runs one part. Figures are printed, never asserted.
 */
import * as os from 'os';
import { performance } from 'perf_hooks';
import type { Store } from '../src/store';
import { benchReport, seedStore } from './support/report-data';
import { runHttpBench, runInstancesBench } from './reports-http';
import { runAlertBench } from './reports-alerts';
import { benchStore, stopBenchServer, storeKindFromArgs, type BenchStoreKind } from './support/stores';

const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 1000);
const SEED = Number(process.env.BENCH_SEED ?? 50_000);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function burst(store: Store, tag: string): Promise<{ ids: string[]; p50: number; p99: number }> {
  const times: number[] = [];
  const ids = await Promise.all(
    Array.from({ length: CONCURRENT }, async (_, i) => {
      const t0 = performance.now();
      const r = await store.reports.create(benchReport(tag, i));
      times.push(performance.now() - t0);
      return r.id;
    }),
  );
  times.sort((a, b) => a - b);
  return { ids, p50: pct(times, 50), p99: pct(times, 99) };
}

async function measure(kind: BenchStoreKind, label: string, seed: number): Promise<number> {
  const bench = await benchStore(kind);
  try {
    let store = await bench.open();
    await seedStore(store, seed);
    const { ids, p50, p99 } = await burst(store, 'bench');
    await store.close();
    store = await bench.open(); // count what is really stored
    let lost = 0;
    for (const id of ids) if (!(await store.reports.get(id))) lost++;
    const stored = (await store.reports.count()) - seed;
    await store.close();
    console.log(`${label}: ${CONCURRENT} concurrent submits with ${seed} pre-stored → stored ${stored}, lost ${lost}, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    if (lost) process.exitCode = 1;
    return p99;
  } finally {
    await bench.cleanup();
  }
}

async function main(): Promise<void> {
  const kind = storeKindFromArgs();
  const only = process.env.BENCH_ONLY;
  console.log(`Store: ${kind}; ${os.cpus().length} cores\n`);
  try {
    if (!only || only === 'store') {
      console.log(`Store level (the ${kind} store in process):`);
      const empty = await measure(kind, 'empty store ', 0);
      const full = await measure(kind, 'seeded store', SEED);
      console.log(`p99 ratio seeded/empty: ${(full / empty).toFixed(2)}\n`);
    }
    if ((!only || only === 'http') && (await runHttpBench(kind)) !== 0) process.exitCode = 1;
    if (kind === 'postgres' && (!only || only === 'instances') && (await runInstancesBench()) !== 0) process.exitCode = 1;
    if ((!only || only === 'alerts') && (await runAlertBench(kind)) !== 0) process.exitCode = 1;
  } finally {
    await stopBenchServer();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Store } from '../../src/store';
import { openLowdbStore } from '../../src/store/lowdb';
import { openPostgresStore } from '../../src/store/postgres';
import { createDatabase, startCluster, type PgCluster } from '../../scripts/lib/postgres-cluster';

/** `--store lowdb|postgres` (default lowdb). */
export type BenchStoreKind = 'lowdb' | 'postgres';

export function storeKindFromArgs(argv = process.argv.slice(2)): BenchStoreKind {
  const i = argv.indexOf('--store');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--store='))?.slice('--store='.length);
  if (value === undefined || value === 'lowdb') return 'lowdb';
  if (value === 'postgres') return 'postgres';
  throw new Error(`--store must be lowdb or postgres, not "${value}"`);
}

/** A fresh, empty store of one kind, with the environment that points `npm start` at it. */
export interface BenchStore {
  kind: BenchStoreKind;
  /** DATA_FILE, or DATABASE_URL (plus a DATA_FILE the bot does not use). */
  env: Record<string, string>;
  dataFile: string;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

let cluster: Promise<PgCluster> | undefined;

/** PostgreSQL for benchmarks: DATABASE_URL, or one throw-away cluster per run, durable (fsync on) like production. */
function server(): Promise<PgCluster> {
  if (process.env.DATABASE_URL) return Promise.resolve({ url: process.env.DATABASE_URL, stop: async () => undefined });
  cluster ??= startCluster({ durable: true });
  return cluster;
}

export async function stopBenchServer(): Promise<void> {
  if (cluster) await (await cluster).stop();
  cluster = undefined;
}

export async function benchStore(kind: BenchStoreKind): Promise<BenchStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-bench-store-'));
  const dataFile = path.join(dir, 'baken.json');
  if (kind === 'lowdb') {
    return { kind, dataFile, env: { DATA_FILE: dataFile }, open: () => openLowdbStore(dataFile), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const db = await createDatabase((await server()).url);
  return {
    kind,
    dataFile,
    env: { DATA_FILE: dataFile, DATABASE_URL: db.url },
    open: () => openPostgresStore({ url: db.url }),
    cleanup: async () => {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

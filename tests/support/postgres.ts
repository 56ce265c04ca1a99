import { openPostgresStore } from '../../src/store/postgres';
import type { Store } from '../../src/store/contract';
import { createDatabase, startCluster, type PgCluster, type ScratchDatabase } from '../../scripts/lib/postgres-cluster';
import type { StoreHarness } from '../store/contract';

/**
 * A real PostgreSQL server for the tests, never a mock.
 * - `DATABASE_URL` set: that server (its user must be allowed to CREATE DATABASE).
 * - Otherwise a throw-away cluster from the Debian binaries (/usr/lib/postgresql/<v>/bin initdb + pg_ctl), Unix
 *   socket only, in a temp dir; stopped and removed afterwards. jest's globalSetup starts it once per run
 *   (tests/support/postgres-global-setup.ts) and passes its URL on in BAKEN_TEST_PG_URL; a test file run
 *   without that globalSetup starts its own (`usePostgresServer`).
 * Every test gets a fresh database (baken_test_<random>), dropped in cleanup.
 */

/** Set by the global setup for the test workers: the throw-away cluster's admin URL. */
export const TEST_URL_ENV = 'BAKEN_TEST_PG_URL';

export type PgServer = PgCluster;

/** A throw-away cluster for tests: fsync off (a crashed test cluster is thrown away anyway). */
export const startThrowawayCluster = (): Promise<PgServer> => startCluster({ durable: false });

/** The server to use: DATABASE_URL, the global setup's cluster, or a new throw-away cluster. */
export async function acquireServer(): Promise<PgServer> {
  const url = process.env.DATABASE_URL || process.env[TEST_URL_ENV];
  if (url) return { url, stop: async () => undefined };
  return startThrowawayCluster();
}

/** Registers beforeAll/afterAll for a test file; the returned getter gives the admin URL inside tests. */
export function usePostgresServer(): () => string {
  let server: PgServer | undefined;
  beforeAll(async () => {
    server = await acquireServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('PostgreSQL test server not started (usePostgresServer must be called at the top of the file)');
    return server.url;
  };
}

export type TestDatabase = ScratchDatabase;

/** A fresh, empty database on the server. */
export const createTestDatabase = (serverUrl: string): Promise<TestDatabase> => createDatabase(serverUrl, 'baken_test');

/** The contract suite's harness: a fresh database per test; reopen = a new pool on the same database (a restart). */
export function postgresHarness(serverUrl: () => string, poolSize?: number): StoreHarness {
  let db: TestDatabase | undefined;
  const stores: Store[] = [];
  const open = async (): Promise<Store> => {
    if (!db) throw new Error('open() first');
    const store = await openPostgresStore({ url: db.url, poolSize });
    stores.push(store);
    return store;
  };
  return {
    async open() {
      db = await createTestDatabase(serverUrl());
      return open();
    },
    reopen: open,
    async cleanup() {
      await Promise.all(stores.map((s) => s.close().catch(() => undefined)));
      await db?.drop();
      db = undefined;
    },
  };
}

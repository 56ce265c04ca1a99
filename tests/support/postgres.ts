import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { openPostgresStore } from '../../src/store/postgres';
import type { Store } from '../../src/store/contract';
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

export interface PgServer {
  /** URL of a database on the server where this user may CREATE DATABASE. */
  url: string;
  stop(): Promise<void>;
}

/** Where the Debian server binaries are (the newest version), or undefined. */
export function findPgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')) && fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

const MISSING =
  'No PostgreSQL for the tests: DATABASE_URL is not set and no server binaries were found (/usr/lib/postgresql/*/bin/initdb). ' +
  'Install them with `apt-get install postgresql` (the tests start a throw-away cluster themselves), or set DATABASE_URL to a server where this user may CREATE DATABASE.';

function run(file: string, args: string[], asUser: string | undefined): string {
  const [cmd, argv] = asUser ? ['runuser', ['-u', asUser, '--', file, ...args]] : [file, args];
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${path.basename(file)} failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}

/** initdb + pg_ctl start in a fresh temp dir; as root, the cluster belongs to the `postgres` user (initdb refuses root). */
export async function startThrowawayCluster(): Promise<PgServer> {
  const bin = findPgBin();
  if (!bin) throw new Error(MISSING);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-pg-'));
  const data = path.join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postgres' : undefined;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    if (!Number.isInteger(uid)) throw new Error('Running as root, but there is no `postgres` user to own the test cluster (apt-get install postgresql creates it)');
    fs.chownSync(root, uid, gid);
  }
  const pgCtl = path.join(bin, 'pg_ctl');
  let started = false;
  const stop = async (): Promise<void> => {
    if (started) {
      started = false;
      try {
        run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], user);
      } catch {
        // Already gone; remove the files anyway.
      }
    }
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    run(path.join(bin, 'initdb'), ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'], user);
    const serverOptions = `-k ${root} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
    run(pgCtl, ['-D', data, '-o', serverOptions, '-l', path.join(root, 'server.log'), '-w', '-t', '60', 'start'], user);
    started = true;
  } catch (err) {
    const log = path.join(root, 'server.log');
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
    await stop();
    throw new Error(`Could not start the throw-away PostgreSQL cluster: ${(err as Error).message}${tail ? `\nserver log:\n${tail}` : ''}`);
  }
  return { url: `postgresql://postgres@/postgres?host=${encodeURIComponent(root)}`, stop };
}

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

/** The same connection string with another database name. */
export function withDatabase(url: string, database: string): string {
  const m = /^(postgres(?:ql)?:\/\/[^/?]*)(?:\/([^?]*))?(\?.*)?$/.exec(url);
  if (!m) throw new Error('DATABASE_URL must look like postgresql://user@host/database');
  return `${m[1]}/${encodeURIComponent(database)}${m[3] ?? ''}`;
}

async function admin<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the server. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `baken_test_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: () => admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

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

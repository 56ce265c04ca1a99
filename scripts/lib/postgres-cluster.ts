import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';

/**
 * A throw-away PostgreSQL cluster from the Debian server binaries (/usr/lib/postgresql/<v>/bin): initdb and
 * pg_ctl in a temp dir, Unix socket only (no TCP), removed at stop. For the tests (fsync off: a crashed test
 * cluster is thrown away anyway) and the benchmarks (durable, as production runs it). As root the cluster
 * belongs to the `postgres` user, because initdb refuses to run as root.
 */

export interface PgCluster {
  /** Admin connection string (user postgres, database postgres). */
  url: string;
  stop(): Promise<void>;
}

export const NO_POSTGRES =
  'No PostgreSQL: DATABASE_URL is not set and no server binaries were found (/usr/lib/postgresql/*/bin/initdb). ' +
  'Install them with `apt-get install postgresql` (a throw-away cluster is then started automatically), or set DATABASE_URL to a server where this user may CREATE DATABASE.';

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

/**
 * The server runs on the real clock even when the tests run under libfaketime (`faketime … npm test`): the store
 * never reads the database clock, and a faked clock stalls PostgreSQL's own timers (deadlock detection, pg_ctl -w).
 */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('FAKETIME') || name === 'LD_PRELOAD' || name === 'DONT_FAKE_MONOTONIC') delete env[name];
  }
  return env;
}

function run(file: string, args: string[], asUser: string | undefined): string {
  const [cmd, argv] = asUser ? ['runuser', ['-u', asUser, '--', file, ...args]] : [file, args];
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000, env: serverEnv() });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${path.basename(file)} failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}

export async function startCluster(options: { durable?: boolean } = {}): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error(NO_POSTGRES);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-pg-'));
  const data = path.join(root, 'data');
  const user = process.getuid?.() === 0 ? 'postgres' : undefined;
  if (user) {
    let uid: number;
    let gid: number;
    try {
      uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
      gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    } catch {
      throw new Error('Running as root, but there is no `postgres` user to own the cluster (apt-get install postgresql creates it)');
    }
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
    const speed = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    const serverOptions = `-k ${root} -c listen_addresses='' -c max_connections=300${speed}`;
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

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the server (dropped with `drop`). */
export async function createDatabase(serverUrl: string, prefix = 'baken_scratch'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: () => admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

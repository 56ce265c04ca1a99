import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Pool } from 'pg';

/**
 * Versioned SQL migrations (src/store/postgres/migrations/NNN_name.sql), applied at start. All pending files run
 * in ONE transaction that first takes a transaction-scoped advisory lock with a fixed key, so two instances
 * starting at the same time apply them once: the second waits for the first to commit, then finds nothing to do.
 * Each applied file is recorded in schema_migrations with a checksum; a file changed after it was applied, or a
 * database migrated by a newer Baken, stops the start with a clear message rather than guess.
 */

/** pg_advisory_xact_lock key for migrations: fixed, "Baken" + 1 (any constant works if nothing else uses it). */
export const MIGRATION_LOCK_KEY = '4242616b656e01';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  /** Versions applied by this call (empty when the schema was already current). */
  applied: number[];
  /** The schema version after this call. */
  current: number;
}

const FILE = /^(\d{3,})_([a-z0-9_]+)\.sql$/;

/** Where the .sql files are: beside this module (tsx, ts-jest), or in the source tree when running from dist/. */
export function migrationsDir(): string {
  const candidates = [path.join(__dirname, 'migrations'), path.resolve(__dirname, '../../../../src/store/postgres/migrations'), path.resolve(process.cwd(), 'src/store/postgres/migrations')];
  const found = candidates.find((dir) => fs.existsSync(dir));
  if (!found) throw new Error(`PostgreSQL migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

export function loadMigrations(dir: string = migrationsDir()): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const m = FILE.exec(file);
      if (!m) throw new Error(`Migration file name "${file}" must look like 001_name.sql`);
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return { version: Number(m[1]), name: m[2], sql, checksum: createHash('sha256').update(sql).digest('hex') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1, 2, 3 … without gaps; found ${m.version} at position ${i + 1}`);
  });
  return migrations;
}

/** Applies pending migrations; safe to call from several instances at once. */
export async function migrate(pool: Pool, migrations: Migration[] = loadMigrations()): Promise<MigrationResult> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [BigInt('0x' + MIGRATION_LOCK_KEY).toString()]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         checksum text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const row of rows) {
      const m = known.get(row.version);
      if (!m) {
        throw new Error(
          `The database schema is at version ${rows[rows.length - 1].version}, newer than this Baken build knows (${migrations.length}): run the newer Baken, or restore a matching backup`,
        );
      }
      if (m.checksum !== row.checksum) {
        throw new Error(`Migration ${String(m.version).padStart(3, '0')}_${m.name}.sql was changed after it was applied; add a new migration instead of editing it`);
      }
    }
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      try {
        // No parameters: the simple query protocol runs the whole multi-statement file.
        await client.query(m.sql);
      } catch (err) {
        const e = err as { message?: string; code?: string };
        throw new Error(`Migration ${String(m.version).padStart(3, '0')}_${m.name}.sql failed (${e.code ?? 'no code'}): ${e.message ?? String(err)}`, { cause: err });
      }
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return { applied, current: migrations.length };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

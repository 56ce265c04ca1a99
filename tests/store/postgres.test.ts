import { Pool } from 'pg';
import { StoreUnavailableError, type Repositories, type Store } from '../../src/store/contract';
import { openPostgresStore } from '../../src/store/postgres';
import { loadMigrations, migrate } from '../../src/store/postgres/migrate';
import { createTestDatabase, postgresHarness, usePostgresServer, type TestDatabase } from '../support/postgres';
import { newReport, storeContract } from './contract';

/** The store contract on a real PostgreSQL server (see tests/support/postgres.ts), plus what only PostgreSQL has. */
const serverUrl = usePostgresServer();

storeContract('postgres', () => postgresHarness(serverUrl));

describe('postgres store: several instances on one database', () => {
  let db: TestDatabase;
  const stores: Store[] = [];
  const open = async (poolSize?: number): Promise<Store> => {
    const s = await openPostgresStore({ url: db.url, poolSize });
    stores.push(s);
    return s;
  };

  beforeEach(async () => {
    db = await createTestDatabase(serverUrl());
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close().catch(() => undefined)));
    await db.drop();
  });

  const withPool = async <T>(fn: (pool: Pool) => Promise<T>): Promise<T> => {
    const pool = new Pool({ connectionString: db.url, max: 2 });
    try {
      return await fn(pool);
    } finally {
      await pool.end();
    }
  };

  test('migrations: two instances starting at once on an empty database apply them once; a restart applies none', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const versions = loadMigrations().map((m) => m.version);
    const applied = await withPool(async (pool) => (await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version));
    expect(applied).toEqual(versions);
    expect((await a.reports.create(newReport())).id).toBe('CMP-2026-0001');
    expect((await b.reports.create(newReport())).id).toBe('CMP-2026-0002');
    expect(await withPool((pool) => migrate(pool))).toEqual({ applied: [], current: versions.length });
    await open();
    expect(await withPool(async (pool) => (await pool.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n)).toBe(versions.length);
  });

  test('migrations: an applied file that was changed afterwards stops the start', async () => {
    await open();
    const changed = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(withPool((pool) => migrate(pool, changed))).rejects.toThrow(/changed after it was applied/);
  });

  test('200 reports filed alternately and concurrently through two instances: ids unique and gapless; one draft is one report across instances', async () => {
    const [a, b] = await Promise.all([open(5), open(5)]);
    const distinct = Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).reports.create(newReport()));
    // 30 drafts submitted through both instances at once (a double click landing on two instances).
    const doubled = Array.from({ length: 30 }, (_, i) => Promise.all([a.reports.create(newReport({ draftId: `dup-${i}` })), b.reports.create(newReport({ draftId: `dup-${i}` }))]));
    const [made, pairs] = await Promise.all([Promise.all(distinct), Promise.all(doubled)]);
    for (const [x, y] of pairs) expect(y).toEqual(x);
    const ids = [...made.map((r) => r.id), ...pairs.map(([x]) => x.id)];
    expect(new Set(ids).size).toBe(230);
    const seqs = ids.map((id) => Number(id.slice('CMP-2026-'.length))).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 230 }, (_, i) => i + 1));
    expect(await a.reports.count()).toBe(230);
    expect((await b.reports.list({ limit: 1 })).total).toBe(230);
  });

  test('a rolled-back unit of work on one instance gives its number back to the other', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    await expect(
      a.transaction(async (tx) => {
        await tx.reports.create(newReport());
        throw new Error('cancelled');
      }),
    ).rejects.toThrow('cancelled');
    expect((await b.reports.create(newReport())).id).toBe('CMP-2026-0001');
  });

  test('read-then-write units of work on two instances do not lose updates', async () => {
    const [a, b] = await Promise.all([open(4), open(4)]);
    await a.profiles.put('u', { updatedAt: '2026-03-10T09:00:00.000Z', locale: '0' });
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a : b).transaction(async (tx) => {
          const p = await tx.profiles.get('u');
          await tx.profiles.put('u', { ...p!, locale: String(Number(p!.locale) + 1) });
        }),
      ),
    );
    expect((await b.profiles.get('u'))?.locale).toBe('30');
  });

  test('a unit of work that deadlocks with another instance is rolled back and run again', async () => {
    const [a, b] = await Promise.all([open(2), open(2)]);
    const at = '2026-03-10T09:00:00.000Z';
    await a.profiles.put('x', { updatedAt: at, locale: '0' });
    await a.profiles.put('y', { updatedAt: at, locale: '0' });
    let release!: () => void;
    const bothLocked = new Promise<void>((resolve) => (release = resolve));
    let locked = 0;
    let runs = 0;
    // Each locks one row (a read inside a unit of work takes FOR UPDATE), waits for the other, then writes the other row.
    const crosswise = (store: Store, first: string, second: string) =>
      store.transaction(async (tx) => {
        runs++;
        const p = await tx.profiles.get(first);
        if (++locked === 2) release();
        await bothLocked;
        const q = await tx.profiles.get(second);
        await tx.profiles.put(second, { ...q!, locale: String(Number(q!.locale) + 1) });
        await tx.profiles.put(first, { ...p!, locale: String(Number(p!.locale) + 1) });
      });
    await Promise.all([crosswise(a, 'x', 'y'), crosswise(b, 'y', 'x')]);
    // At least one retry; under load the retry can meet the survivor again and be retried once more.
    expect(runs).toBeGreaterThanOrEqual(3);
    expect((await a.profiles.get('x'))?.locale).toBe('2');
    expect((await b.profiles.get('y'))?.locale).toBe('2');
  });

  test('claim from two instances never returns the same job', async () => {
    const [a, b] = await Promise.all([open(5), open(5)]);
    for (let i = 0; i < 120; i++) await a.outbox.enqueue({ kind: 'drafts.reminder', key: `k${i}`, payload: { i }, dueAt: '2026-03-10T09:00:00.000Z' }, '2026-03-10T09:00:00.000Z');
    const now = '2026-03-10T09:01:00.000Z';
    const seen: string[] = [];
    for (let round = 0; round < 20; round++) {
      const batches = await Promise.all(
        ['a1', 'a2', 'b1', 'b2'].map((owner) => (owner.startsWith('a') ? a : b).outbox.claim({ owner, now, leaseMs: 600_000, limit: 7 })),
      );
      const got = batches.flat();
      if (!got.length) break;
      seen.push(...got.map((j) => j.key));
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(await b.outbox.claim({ owner: 'b3', now, leaseMs: 600_000, limit: 100 })).toEqual([]);
  });
});

describe('postgres store: errors', () => {
  test('an unreachable server is StoreUnavailableError with a clear message, not a pg stack', async () => {
    const err = await openPostgresStore({ url: 'postgresql://postgres@/postgres?host=/nonexistent-baken-socket-dir' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toMatch(/PostgreSQL unreachable while applying migrations/);
  });

  test('a statement that failed inside a unit of work fails the unit, even when work swallowed the error', async () => {
    const h = postgresHarness(serverUrl);
    const store = await h.open();
    try {
      const attempt = store.transaction(async (tx) => {
        await tx.profiles.put('a', { updatedAt: '2026-03-10T09:00:00.000Z' });
        // jsonb cannot hold \u0000: PostgreSQL refuses the statement and aborts the transaction.
        await tx.profiles.put('b', { updatedAt: '2026-03-10T09:00:00.000Z', pendingQuestion: 'geheim\u0000' }).catch(() => undefined);
        return 'done';
      });
      const err = await attempt.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/22P05/);
      expect((err as Error).message).not.toMatch(/geheim/);
      expect(await store.profiles.get('a')).toBeUndefined();
    } finally {
      await h.cleanup();
    }
  });

  test('calls a unit of work did not await are part of it; repositories used after it ended are refused', async () => {
    const h = postgresHarness(serverUrl);
    const store = await h.open();
    try {
      let leaked: Repositories | undefined;
      await store.transaction(async (tx) => {
        leaked = tx;
        void tx.profiles.put('a', { updatedAt: '2026-03-10T09:00:00.000Z', locale: 'nl-NL' });
      });
      expect((await store.profiles.get('a'))?.locale).toBe('nl-NL');
      await expect(leaked!.profiles.get('a')).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await h.cleanup();
    }
  });

  test('a closed store refuses calls', async () => {
    const h = postgresHarness(serverUrl);
    const store = await h.open();
    await store.close();
    await expect(store.reports.count()).rejects.toBeInstanceOf(StoreUnavailableError);
    await h.cleanup();
  });
});

import { randomUUID } from 'crypto';
import { Pool, type PoolClient, type QueryResult, type QueryResultRow } from 'pg';
import type { ChronologyEntry, Draft, Report } from '../../reports/types';
import {
  ConcurrencyError,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_PAGE,
  StoreUnavailableError,
  type BotStateRepository,
  type ClaimRequest,
  type ConversationRef,
  type ConversationRepository,
  type DraftRepository,
  type AnswerRecord,
  type CandidateStatus,
  type FeedbackEntry,
  type FeedbackRepository,
  type NewOutboxJob,
  type NewReport,
  type OutboxJob,
  type OutboxRepository,
  type OutboxStatus,
  type PhrasingCandidate,
  type ProfileRepository,
  type ReportPage,
  type ReportQuery,
  type ReportRepository,
  type Repositories,
  type StateItem,
  type Store,
  type UserProfile,
} from '../contract';
import { assertChronologyExtends, reportFromNew } from '../rules';
import { migrate } from './migrate';

/**
 * The PostgreSQL backend of the store contract (src/store/contract.ts), on node-postgres.
 *
 * - Outside a transaction every repository call uses the pool: one statement, or its own short transaction when
 *   it needs several (report create/update, bot-state writes).
 * - `transaction(work)` runs `work` with repositories bound to one client between BEGIN and COMMIT (READ
 *   COMMITTED). Single-row reads inside it (`get`, `findByDraft`, `getByKey`, `read`) take `FOR UPDATE` row
 *   locks, so a read-then-write unit of work cannot lose an update; a deadlock (40P01), serialization failure
 *   (40001) or draft_id race (23505 on reports_draft_id_key) rolls back and re-runs `work`, a few times. So
 *   `work` must only touch the store (no sends): it may run more than once.
 * - Report ids: a counter row per series ("CMP-2026") incremented with INSERT … ON CONFLICT DO UPDATE … RETURNING
 *   in the same transaction as the report insert; the row lock serializes instances, and a rollback gives the
 *   number back. A second report for a draft hits ON CONFLICT (draft_id) DO NOTHING: the counter is put back and
 *   the first report is returned.
 * - Outbox claim: SELECT … FOR UPDATE SKIP LOCKED, oldest due first, then the lease is written in the same statement.
 * - Documents are stored as jsonb and returned as stored (a JSON round trip); timestamptz columns are returned
 *   as `toISOString()`. Errors are mapped to messages naming the operation and SQLSTATE, never the data.
 */

export interface PostgresStoreOptions {
  /** postgresql://user@host/db, or postgresql://user@/db?host=/socket/dir for a Unix socket. */
  url: string;
  /** Connections in this instance's pool (default 10). */
  poolSize?: number;
  /** Called when an idle pooled connection fails (server restart, network): the pool drops it and reconnects. */
  onIdleError?: (err: Error) => void;
}

type Q = <R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]) => Promise<QueryResult<R>>;

/** How a repository reaches the database: the pool (one call = one unit) or one client inside `transaction`. */
interface Exec {
  /** Single-row reads lock their row (FOR UPDATE): we are inside a caller's unit of work. */
  readonly locking: boolean;
  /** Runs one repository operation; `atomic` operations of several statements get their own transaction on the pool. */
  run<T>(what: string, atomic: boolean, fn: (q: Q) => Promise<T>): Promise<T>;
}

/** A PostgreSQL error, restated without the data it was about; `code` is the SQLSTATE. */
export class PostgresStoreError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PostgresStoreError';
  }
}

const MAX_UNIT_ATTEMPTS = 12;
const MAX_ERROR_TEXT = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = new Pool({ connectionString: options.url, max: options.poolSize ?? 10, application_name: 'baken' });
  // Without a listener an idle client's error would crash the process; the pool already discards that client.
  pool.on('error', (err) => options.onIdleError?.(err));
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw mapError(err, 'applying migrations');
  }
  return new PostgresStore(pool);
}

class PostgresStore implements Store {
  readonly backend = 'postgres' as const;
  readonly reports: ReportRepository;
  readonly drafts: DraftRepository;
  readonly profiles: ProfileRepository;
  readonly conversations: ConversationRepository;
  readonly feedback: FeedbackRepository;
  readonly botState: BotStateRepository;
  readonly outbox: OutboxRepository;
  private closed = false;

  constructor(private readonly pool: Pool) {
    const exec: Exec = {
      locking: false,
      run: async (what, atomic, fn) => {
        this.assertOpen();
        try {
          if (atomic) return await this.unitOfWork((tx) => fn(tx.q));
          return await fn((text, values) => this.pool.query(text, values));
        } catch (err) {
          throw mapError(err, what);
        }
      },
    };
    ({ reports: this.reports, drafts: this.drafts, profiles: this.profiles, conversations: this.conversations, feedback: this.feedback, botState: this.botState, outbox: this.outbox } =
      repositories(exec));
  }

  async transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    this.assertOpen();
    return this.unitOfWork((tx) => work(repositories(tx)));
  }

  async health(): Promise<{ ok: boolean; reason?: string }> {
    if (this.closed) return { ok: false, reason: 'closed' };
    try {
      await this.pool.query('SELECT 1');
      return { ok: true };
    } catch (err) {
      return { ok: false, reason: `database unreachable (${(err as { code?: string }).code ?? 'error'})` };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('store closed');
  }

  /** BEGIN, work, COMMIT on one client; ROLLBACK on a throw; re-run on deadlock / serialization failure / draft race. */
  private async unitOfWork<T>(work: (tx: TxExec) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(work);
      if (outcome.ok) return outcome.value;
      if (!isRetryable(outcome.err)) throw mapError(outcome.err, 'a unit of work');
      if (attempt >= MAX_UNIT_ATTEMPTS) throw new ConcurrencyError(`a unit of work (gave up after ${attempt} attempts, ${sqlState(outcome.err)})`);
      await backoff(attempt);
    }
  }

  private async attempt<T>(work: (tx: TxExec) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; err: unknown }> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      return { ok: false, err: mapError(err, 'connecting') };
    }
    const tx = new TxExec(client);
    let broken = false;
    try {
      try {
        await client.query('BEGIN');
      } catch (err) {
        broken = true;
        return { ok: false, err };
      }
      let failure: unknown;
      let value: T | undefined;
      try {
        value = await work(tx);
        await tx.settle();
      } catch (err) {
        failure = err ?? new Error('unit of work threw without a reason');
      }
      // A statement failed inside work and work carried on: PostgreSQL has aborted the transaction.
      if (failure === undefined && tx.abortedBy !== undefined) failure = tx.abortedBy;
      tx.end();
      // Calls work left queued now fail instead of running after ROLLBACK/COMMIT on a released connection.
      await tx.settle();
      if (failure !== undefined) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        return { ok: false, err: failure };
      }
      try {
        const commit = await client.query('COMMIT');
        if (commit.command === 'ROLLBACK') return { ok: false, err: new PostgresStoreError('PostgreSQL rolled the unit of work back at COMMIT', undefined) };
        return { ok: true, value: value as T };
      } catch (err) {
        if (isRetryable(err)) return { ok: false, err };
        broken = true;
        return { ok: false, err: mapError(err, 'committing (if the connection was lost, the outcome is unknown)') };
      }
    } finally {
      tx.end();
      client.release(broken);
    }
  }
}

/** The repositories of one unit of work: every call goes through its client, one at a time. */
class TxExec implements Exec {
  readonly locking = true;
  /** The first statement that failed: PostgreSQL has aborted the transaction. */
  abortedBy: unknown;
  private chain: Promise<unknown> = Promise.resolve();
  private ended = false;

  constructor(private readonly client: PoolClient) {}

  readonly q: Q = async (text, values) => {
    if (this.ended) throw new StoreUnavailableError('the unit of work has already ended; use the store, not its repositories');
    try {
      return await this.client.query(text, values);
    } catch (err) {
      if (this.abortedBy === undefined) this.abortedBy = err;
      throw err;
    }
  };

  run<T>(what: string, _atomic: boolean, fn: (q: Q) => Promise<T>): Promise<T> {
    if (this.ended) return Promise.reject(new StoreUnavailableError('the unit of work has already ended; use the store, not its repositories'));
    // Calls made concurrently inside one unit of work run one after the other on its client.
    const next = this.chain.then(() => fn(this.q));
    this.chain = next.catch(() => undefined);
    return next.catch((err: unknown) => {
      throw mapError(err, what);
    });
  }

  /** Waits for calls still queued (a `work` that did not await everything). */
  async settle(): Promise<void> {
    await this.chain;
  }

  end(): void {
    this.ended = true;
  }
}

function repositories(exec: Exec): Repositories {
  return {
    reports: new PgReports(exec),
    drafts: new PgDrafts(exec),
    profiles: new PgKeyed<UserProfile>(exec, 'profiles', 'profile'),
    conversations: new PgKeyed<ConversationRef>(exec, 'conversations', 'conversation reference'),
    feedback: new PgFeedback(exec),
    botState: new PgBotState(exec),
    outbox: new PgOutbox(exec),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reports

interface DocRow<T> {
  doc: T;
}

class PgReports implements ReportRepository {
  constructor(private readonly exec: Exec) {}

  async create(input: NewReport): Promise<Report> {
    const { code, year } = input;
    if (typeof code !== 'string' || !/^[A-Za-z0-9]+$/.test(code)) throw new Error('A report needs a school code of letters and digits');
    if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error('A report needs a four-digit year');
    requireText(input.draftId, 'report draftId');
    requireText(input.reporter?.id, 'report reporter.id');
    const series = `${code}-${year}`;
    const submittedAt = instant(input.submittedAt, 'report submittedAt');
    return this.exec.run('filing a report', true, async (q) => {
      const found = await q<DocRow<Report>>('SELECT doc FROM reports WHERE draft_id = $1', [input.draftId]);
      if (found.rows[0]) return found.rows[0].doc;
      const counter = await q<{ last: number }>(
        `INSERT INTO report_counters (series, last) VALUES ($1, 1)
         ON CONFLICT (series) DO UPDATE SET last = report_counters.last + 1 RETURNING last`,
        [series],
      );
      const seq = counter.rows[0].last;
      const report = reportFromNew(input, `${series}-${String(seq).padStart(4, '0')}`);
      const inserted = await q<DocRow<Report>>(
        `INSERT INTO reports (id, series, seq, school, code, year, type, status, reporter_id, draft_id, submitted_at, version, doc)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz, 1, $12::jsonb)
         ON CONFLICT (draft_id) DO NOTHING RETURNING doc`,
        [report.id, series, seq, report.school, code, year, report.type, report.status, report.reporter.id, report.draftId, submittedAt, toJson(report)],
      );
      if (inserted.rows[0]) return inserted.rows[0].doc;
      // Another instance filed this draft first (and committed): give the number back, return its report.
      await q('UPDATE report_counters SET last = last - 1 WHERE series = $1', [series]);
      const first = await q<DocRow<Report>>('SELECT doc FROM reports WHERE draft_id = $1', [input.draftId]);
      if (!first.rows[0]) throw new ConcurrencyError('a report for this draft');
      return first.rows[0].doc;
    });
  }

  async get(id: string): Promise<Report | undefined> {
    return this.exec.run('reading a report', false, async (q) => (await q<DocRow<Report>>(`SELECT doc FROM reports WHERE id = $1${this.lock()}`, [id])).rows[0]?.doc);
  }

  async findByDraft(draftId: string): Promise<Report | undefined> {
    return this.exec.run('finding a report by draft', false, async (q) => (await q<DocRow<Report>>(`SELECT doc FROM reports WHERE draft_id = $1${this.lock()}`, [draftId])).rows[0]?.doc);
  }

  async list(query: ReportQuery): Promise<ReportPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    if (query.schools) where.push(`school = ANY(${p(query.schools)}::text[])`);
    if (query.types) where.push(`type = ANY(${p(query.types)}::text[])`);
    if (query.statuses) where.push(`status = ANY(${p(query.statuses)}::text[])`);
    if (query.reporterId !== undefined) where.push(`reporter_id = ${p(query.reporterId)}`);
    if (query.submittedFrom !== undefined) where.push(`submitted_at >= ${p(instant(query.submittedFrom, 'submittedFrom'))}::timestamptz`);
    if (query.submittedTo !== undefined) where.push(`submitted_at < ${p(instant(query.submittedTo, 'submittedTo'))}::timestamptz`);
    const limit = count(query.limit ?? DEFAULT_PAGE, 'limit');
    const offset = count(query.offset ?? 0, 'offset');
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.exec.run('listing reports', false, async (q) => {
      const page = await q<{ doc: Report; total: string }>(
        `SELECT doc, count(*) OVER () AS total FROM reports ${filter}
         ORDER BY submitted_at DESC, id COLLATE "C" DESC LIMIT ${p(limit)} OFFSET ${p(offset)}`,
        params,
      );
      let total = page.rows.length ? Number(page.rows[0].total) : 0;
      if (!page.rows.length && offset > 0) {
        total = Number((await q<{ total: string }>(`SELECT count(*) AS total FROM reports ${filter}`, params.slice(0, -2))).rows[0].total);
      }
      return { reports: page.rows.map((r) => r.doc), total };
    });
  }

  async count(): Promise<number> {
    return this.exec.run('counting reports', false, async (q) => Number((await q<{ n: string }>('SELECT count(*) AS n FROM reports')).rows[0].n));
  }

  async import(report: Report): Promise<boolean> {
    const m = /^([A-Za-z0-9]+)-(\d{4})-(\d+)$/.exec(report.id);
    if (!m) throw new Error(`not a report id: ${report.id}`);
    const [, code, year, seqText] = m;
    const series = `${code}-${year}`;
    const seq = Number(seqText);
    const submittedAt = instant(report.submittedAt, 'report submittedAt');
    return this.exec.run('importing a report', true, async (q) => {
      const inserted = await q(
        `INSERT INTO reports (id, series, seq, school, code, year, type, status, reporter_id, draft_id, submitted_at, version, doc)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz, $12, $13::jsonb)
         ON CONFLICT DO NOTHING`,
        [report.id, series, seq, report.school, code, Number(year), report.type, report.status, report.reporter.id, report.draftId, submittedAt, report.version, toJson(report)],
      );
      if (!inserted.rowCount) return false;
      await q(
        `INSERT INTO report_counters (series, last) VALUES ($1, $2)
         ON CONFLICT (series) DO UPDATE SET last = GREATEST(report_counters.last, EXCLUDED.last)`,
        [series, seq],
      );
      return true;
    });
  }

  async update(next: Report): Promise<Report> {
    const submittedAt = instant(next.submittedAt, 'report submittedAt');
    if (!Number.isInteger(next.version) || next.version < 2) throw new ConcurrencyError(`report ${next.id}`);
    return this.exec.run('updating a report', true, async (q) => {
      const stored = (await q<{ version: number; doc: Report }>('SELECT version, doc FROM reports WHERE id = $1 FOR UPDATE', [next.id])).rows[0];
      if (!stored || stored.version !== next.version - 1) throw new ConcurrencyError(`report ${next.id}`);
      if (next.draftId !== stored.doc.draftId) throw new Error(`Report ${next.id}: its draftId cannot change`);
      assertChronologyExtends(stored.doc, next);
      const updated = await q<DocRow<Report>>(
        `UPDATE reports SET school = $3, type = $4, status = $5, reporter_id = $6, submitted_at = $7::timestamptz, version = $8, doc = $9::jsonb
         WHERE id = $1 AND version = $2 RETURNING doc`,
        [next.id, stored.version, next.school, next.type, next.status, next.reporter.id, submittedAt, next.version, toJson(next)],
      );
      if (!updated.rows[0]) throw new ConcurrencyError(`report ${next.id}`);
      return updated.rows[0].doc;
    });
  }

  private lock(): string {
    return this.exec.locking ? ' FOR UPDATE' : '';
  }
}


// ---------------------------------------------------------------------------------------------------------------
// Drafts, profiles, conversations, feedback

class PgDrafts implements DraftRepository {
  constructor(private readonly exec: Exec) {}

  async save(draft: Draft): Promise<void> {
    requireText(draft.id, 'draft id');
    const updatedAt = instant(draft.updatedAt, 'draft updatedAt');
    return this.exec.run('saving a draft', false, async (q) => {
      await q(
        `INSERT INTO drafts (id, user_id, status, updated_at, doc) VALUES ($1, $2, $3, $4::timestamptz, $5::jsonb)
         ON CONFLICT (id) DO UPDATE SET user_id = EXCLUDED.user_id, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, doc = EXCLUDED.doc`,
        [draft.id, draft.userId, draft.status, updatedAt, toJson(draft)],
      );
    });
  }

  async get(id: string): Promise<Draft | undefined> {
    return this.exec.run('reading a draft', false, async (q) => (await q<DocRow<Draft>>(`SELECT doc FROM drafts WHERE id = $1${this.exec.locking ? ' FOR UPDATE' : ''}`, [id])).rows[0]?.doc);
  }

  async listByUser(userId: string): Promise<Draft[]> {
    return this.exec.run('listing drafts', false, async (q) => (await q<DocRow<Draft>>('SELECT doc FROM drafts WHERE user_id = $1 ORDER BY updated_at, id COLLATE "C"', [userId])).rows.map((r) => r.doc));
  }

  async listUpdatedBefore(isoInstant: string): Promise<Draft[]> {
    const before = instant(isoInstant, 'updated before');
    return this.exec.run('listing drafts', false, async (q) =>
      (await q<DocRow<Draft>>('SELECT doc FROM drafts WHERE updated_at < $1::timestamptz ORDER BY updated_at, id COLLATE "C"', [before])).rows.map((r) => r.doc),
    );
  }

  async delete(id: string): Promise<void> {
    return this.exec.run('deleting a draft', false, async (q) => {
      await q('DELETE FROM drafts WHERE id = $1', [id]);
    });
  }
}

/** A JSON document per user key (profiles, conversation references). */
class PgKeyed<T extends object> {
  constructor(
    private readonly exec: Exec,
    private readonly table: 'profiles' | 'conversations',
    private readonly what: string,
  ) {}

  async get(userKey: string): Promise<T | undefined> {
    return this.exec.run(`reading a ${this.what}`, false, async (q) => (await q<DocRow<T>>(`SELECT doc FROM ${this.table} WHERE user_key = $1${this.exec.locking ? ' FOR UPDATE' : ''}`, [userKey])).rows[0]?.doc);
  }

  async entries(): Promise<Array<[string, T]>> {
    return this.exec.run(`listing ${this.what}s`, false, async (q) =>
      (await q<{ user_key: string; doc: T }>(`SELECT user_key, doc FROM ${this.table} ORDER BY user_key COLLATE "C"`)).rows.map((r): [string, T] => [r.user_key, r.doc]),
    );
  }

  async put(userKey: string, value: T): Promise<void> {
    requireText(userKey, 'user key');
    return this.exec.run(`storing a ${this.what}`, false, async (q) => {
      await q(
        `INSERT INTO ${this.table} (user_key, doc, updated_at) VALUES ($1, $2::jsonb, now())
         ON CONFLICT (user_key) DO UPDATE SET doc = EXCLUDED.doc, updated_at = now()`,
        [userKey, toJson(value)],
      );
    });
  }
}

class PgFeedback implements FeedbackRepository {
  constructor(private readonly exec: Exec) {}

  async add(entry: FeedbackEntry): Promise<void> {
    requireText(entry.id, 'feedback id');
    const at = instant(entry.at, 'feedback at');
    return this.exec.run('storing feedback', false, async (q) => {
      // The same entry id twice is one entry, the last one written (as in lowdb), in its first place.
      await q(
        `INSERT INTO feedback (id, at, user_key, school_id, vote, doc) VALUES ($1, $2::timestamptz, $3, $4, $5, $6::jsonb)
         ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at, user_key = EXCLUDED.user_key, school_id = EXCLUDED.school_id, vote = EXCLUDED.vote, doc = EXCLUDED.doc`,
        [entry.id, at, entry.userKey, entry.schoolId, entry.vote, toJson(entry)],
      );
    });
  }

  async list(): Promise<FeedbackEntry[]> {
    return this.exec.run('listing feedback', false, async (q) => (await q<DocRow<FeedbackEntry>>('SELECT doc FROM feedback ORDER BY seq')).rows.map((r) => r.doc));
  }

  async recordAnswer(answer: AnswerRecord): Promise<void> {
    requireText(answer.id, 'answer id');
    requireText(answer.userKey, 'answer userKey');
    const at = instant(answer.at, 'answer at');
    return this.exec.run('recording an answer', false, async (q) => {
      await q(
        `INSERT INTO feedback_answers (id, at, user_key, doc) VALUES ($1, $2::timestamptz, $3, $4::jsonb)
         ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at, user_key = EXCLUDED.user_key, doc = EXCLUDED.doc`,
        [answer.id, at, answer.userKey, toJson(answer)],
      );
    });
  }

  async getAnswer(id: string): Promise<AnswerRecord | undefined> {
    return this.exec.run('reading an answer', false, async (q) => (await q<DocRow<AnswerRecord>>('SELECT doc FROM feedback_answers WHERE id = $1', [id])).rows[0]?.doc);
  }

  async listAnswers(): Promise<AnswerRecord[]> {
    return this.exec.run('listing answers', false, async (q) => (await q<DocRow<AnswerRecord>>('SELECT doc FROM feedback_answers ORDER BY at, id')).rows.map((r) => r.doc));
  }

  async pruneAnswers(before: string): Promise<number> {
    const until = instant(before, 'prune before');
    return this.exec.run('pruning answers', false, async (q) => (await q('DELETE FROM feedback_answers WHERE at < $1::timestamptz', [until])).rowCount ?? 0);
  }

  async proposeCandidate(candidate: PhrasingCandidate): Promise<PhrasingCandidate> {
    requireText(candidate.id, 'candidate id');
    requireText(candidate.key, 'candidate key');
    const createdAt = instant(candidate.createdAt, 'candidate createdAt');
    return this.exec.run('proposing a phrasing candidate', true, async (q) => {
      await q(
        `INSERT INTO phrasing_candidates (id, key, status, created_at, doc) VALUES ($1, $2, $3, $4::timestamptz, $5::jsonb)
         ON CONFLICT (key) DO NOTHING`,
        [candidate.id, candidate.key, candidate.status, createdAt, toJson(candidate)],
      );
      return (await q<DocRow<PhrasingCandidate>>('SELECT doc FROM phrasing_candidates WHERE key = $1', [candidate.key])).rows[0].doc;
    });
  }

  async getCandidate(id: string): Promise<PhrasingCandidate | undefined> {
    return this.exec.run('reading a phrasing candidate', false, async (q) =>
      (await q<DocRow<PhrasingCandidate>>(`SELECT doc FROM phrasing_candidates WHERE id = $1${this.exec.locking ? ' FOR UPDATE' : ''}`, [id])).rows[0]?.doc,
    );
  }

  async listCandidates(filter: { status?: CandidateStatus } = {}): Promise<PhrasingCandidate[]> {
    return this.exec.run('listing phrasing candidates', false, async (q) =>
      (
        await q<DocRow<PhrasingCandidate>>(
          'SELECT doc FROM phrasing_candidates WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at, id COLLATE "C"',
          [filter.status ?? null],
        )
      ).rows.map((r) => r.doc),
    );
  }

  async decideCandidate(id: string, decision: 'accepted' | 'rejected', at: string): Promise<PhrasingCandidate | undefined> {
    if (decision !== 'accepted' && decision !== 'rejected') throw new Error('a decision is accepted or rejected');
    const decidedAt = instant(at, 'decidedAt');
    return this.exec.run('deciding a phrasing candidate', false, async (q) =>
      (
        await q<DocRow<PhrasingCandidate>>(
          `UPDATE phrasing_candidates SET status = $2, doc = doc || jsonb_build_object('status', $2::text, 'decidedAt', $3::text)
           WHERE id = $1 AND status = 'candidate' RETURNING doc`,
          [id, decision, decidedAt],
        )
      ).rows[0]?.doc,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Bot state (botbuilder Storage semantics)

class PgBotState implements BotStateRepository {
  constructor(private readonly exec: Exec) {}

  async read(keys: string[]): Promise<Record<string, StateItem>> {
    const wanted = [...new Set(keys)];
    if (!wanted.length) return Promise.resolve({});
    return this.exec.run('reading bot state', false, async (q) => {
      const { rows } = await q<{ key: string; etag: string; doc: Record<string, unknown> }>(
        `SELECT key, etag, doc FROM bot_state WHERE key = ANY($1::text[])${this.exec.locking ? ' ORDER BY key FOR UPDATE' : ''}`,
        [wanted],
      );
      const byKey = new Map(rows.map((r) => [r.key, { ...r.doc, eTag: r.etag } as StateItem]));
      return Object.fromEntries(wanted.filter((k) => byKey.has(k)).map((k) => [k, byKey.get(k) as StateItem]));
    });
  }

  async write(changes: Record<string, StateItem>): Promise<void> {
    // Sorted, so two instances writing the same keys lock them in the same order.
    const entries = Object.entries(changes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (!entries.length) return Promise.resolve();
    return this.exec.run('writing bot state', true, async (q) => {
      for (const [key, item] of entries) {
        const { eTag, ...doc } = item;
        const next = randomUUID();
        if (!eTag || eTag === '*') {
          await q(
            `INSERT INTO bot_state (key, etag, doc, updated_at) VALUES ($1, $2, $3::jsonb, now())
             ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, doc = EXCLUDED.doc, updated_at = now()`,
            [key, next, toJson(doc)],
          );
          continue;
        }
        const updated = await q('UPDATE bot_state SET etag = $3, doc = $4::jsonb, updated_at = now() WHERE key = $1 AND etag = $2', [key, eTag, next, toJson(doc)]);
        if (updated.rowCount) continue;
        // Like botbuilder's MemoryStorage: an eTag for an item that is not stored (any more) writes it.
        const inserted = await q('INSERT INTO bot_state (key, etag, doc, updated_at) VALUES ($1, $2, $3::jsonb, now()) ON CONFLICT (key) DO NOTHING', [key, next, toJson(doc)]);
        if (!inserted.rowCount) throw new ConcurrencyError(`bot state "${key}"`);
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    const wanted = [...new Set(keys)];
    if (!wanted.length) return Promise.resolve();
    return this.exec.run('deleting bot state', false, async (q) => {
      await q('DELETE FROM bot_state WHERE key = ANY($1::text[])', [wanted]);
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Outbox

interface OutboxRow {
  id: string;
  seq: string;
  kind: string;
  key: string;
  status: OutboxStatus;
  due_at: Date;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_until: Date | null;
  last_error: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

function toJob(r: OutboxRow): OutboxJob {
  const job: OutboxJob = {
    id: r.id,
    kind: r.kind,
    key: r.key,
    payload: r.payload,
    status: r.status,
    dueAt: r.due_at.toISOString(),
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
  if (r.lease_owner !== null) job.leaseOwner = r.lease_owner;
  if (r.lease_until !== null) job.leaseUntil = r.lease_until.toISOString();
  if (r.last_error !== null) job.lastError = r.last_error;
  if (r.closed_at !== null) job.closedAt = r.closed_at.toISOString();
  return job;
}

/** The job is still held by the owner at that instant: pending, leased to it, lease not run out (same rule as lowdb). */
const held = (owner: string, now: string): string => `status = 'pending' AND lease_owner = ${owner} AND lease_until > ${now}::timestamptz`;

const byDue = (a: OutboxRow, b: OutboxRow): number => a.due_at.getTime() - b.due_at.getTime() || Number(a.seq) - Number(b.seq);

class PgOutbox implements OutboxRepository {
  constructor(private readonly exec: Exec) {}

  async enqueue(job: NewOutboxJob, now: string): Promise<OutboxJob> {
    requireText(job.kind, 'job kind');
    requireText(job.key, 'job key');
    const dueAt = instant(job.dueAt, 'job dueAt');
    const at = instant(now, 'now');
    const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error('maxAttempts must be a whole number of at least 1');
    return this.exec.run('enqueueing a job', false, async (q) => {
      for (let i = 0; i < 3; i++) {
        const inserted = await q<OutboxRow>(
          `INSERT INTO outbox (id, kind, key, status, due_at, attempts, max_attempts, payload, created_at, updated_at)
           VALUES ($1, $2, $3, 'pending', $4::timestamptz, 0, $5, $6::jsonb, $7::timestamptz, $7::timestamptz)
           ON CONFLICT (key) DO NOTHING RETURNING *`,
          [randomUUID(), job.kind, job.key, dueAt, maxAttempts, toJson(job.payload ?? {}), at],
        );
        if (inserted.rows[0]) return toJob(inserted.rows[0]);
        const existing = await q<OutboxRow>('SELECT * FROM outbox WHERE key = $1', [job.key]);
        if (existing.rows[0]) return toJob(existing.rows[0]);
        // Pruned between the two statements: try the insert again.
      }
      throw new ConcurrencyError('an outbox job key');
    });
  }

  async claim(request: ClaimRequest): Promise<OutboxJob[]> {
    requireText(request.owner, 'lease owner');
    const now = instant(request.now, 'now');
    const limit = count(request.limit, 'limit');
    if (!Number.isFinite(request.leaseMs) || request.leaseMs <= 0) throw new Error('leaseMs must be a positive number of milliseconds');
    const until = new Date(Date.parse(now) + request.leaseMs).toISOString();
    if (limit === 0) return Promise.resolve([]);
    return this.exec.run('claiming jobs', false, async (q) => {
      const { rows } = await q<OutboxRow>(
        `WITH due AS (
           SELECT id FROM outbox
           WHERE status = 'pending' AND due_at <= $1::timestamptz AND (lease_until IS NULL OR lease_until <= $1::timestamptz)
           ORDER BY due_at, seq
           LIMIT $2
           FOR UPDATE SKIP LOCKED
         )
         UPDATE outbox o SET lease_owner = $3, lease_until = $4::timestamptz, attempts = o.attempts + 1, updated_at = $1::timestamptz
         FROM due WHERE o.id = due.id
         RETURNING o.*`,
        [now, limit, request.owner, until],
      );
      return rows.sort(byDue).map(toJob);
    });
  }

  async complete(id: string, owner: string, now: string): Promise<boolean> {
    const at = instant(now, 'now');
    if (!UUID.test(id)) return Promise.resolve(false);
    return this.exec.run('completing a job', false, async (q) => {
      const res = await q(
        `UPDATE outbox SET status = 'done', closed_at = $3::timestamptz, updated_at = $3::timestamptz, lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND ${held('$2', '$3')}`,
        [id, owner, at],
      );
      return res.rowCount === 1;
    });
  }

  async fail(id: string, owner: string, error: string, now: string, retryAt?: string): Promise<boolean> {
    const at = instant(now, 'now');
    const retry = retryAt === undefined ? null : instant(retryAt, 'retryAt');
    if (!UUID.test(id)) return Promise.resolve(false);
    return this.exec.run('recording a failed job', false, async (q) => {
      const res = await q(
        `UPDATE outbox SET
           status = CASE WHEN $5::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
           due_at = COALESCE($5::timestamptz, due_at),
           closed_at = CASE WHEN $5::timestamptz IS NULL THEN $4::timestamptz END,
           lease_owner = NULL, lease_until = NULL, last_error = $3, updated_at = $4::timestamptz
         WHERE id = $1 AND ${held('$2', '$4')}`,
        [id, owner, String(error).slice(0, MAX_ERROR_TEXT), at, retry],
      );
      return res.rowCount === 1;
    });
  }

  async cancel(key: string, now: string): Promise<boolean> {
    const at = instant(now, 'now');
    return this.exec.run('cancelling a job', false, async (q) => {
      const res = await q(`UPDATE outbox SET status = 'cancelled', closed_at = $2::timestamptz, updated_at = $2::timestamptz, lease_owner = NULL, lease_until = NULL
         WHERE key = $1 AND status = 'pending'`, [key, at]);
      return res.rowCount === 1;
    });
  }

  async get(id: string): Promise<OutboxJob | undefined> {
    if (!UUID.test(id)) return Promise.resolve(undefined);
    return this.exec.run('reading a job', false, async (q) => {
      const row = (await q<OutboxRow>(`SELECT * FROM outbox WHERE id = $1${this.exec.locking ? ' FOR UPDATE' : ''}`, [id])).rows[0];
      return row && toJob(row);
    });
  }

  async getByKey(key: string): Promise<OutboxJob | undefined> {
    return this.exec.run('reading a job', false, async (q) => {
      const row = (await q<OutboxRow>(`SELECT * FROM outbox WHERE key = $1${this.exec.locking ? ' FOR UPDATE' : ''}`, [key])).rows[0];
      return row && toJob(row);
    });
  }

  async list(filter: { status?: OutboxStatus; kind?: string; limit?: number } = {}): Promise<OutboxJob[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status !== undefined) where.push(`status = $${params.push(filter.status)}`);
    if (filter.kind !== undefined) where.push(`kind = $${params.push(filter.kind)}`);
    const limit = filter.limit === undefined ? '' : ` LIMIT $${params.push(count(filter.limit, 'limit'))}`;
    return this.exec.run('listing jobs', false, async (q) =>
      (await q<OutboxRow>(`SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq${limit}`, params)).rows.map(toJob),
    );
  }

  async retry(id: string, now: string): Promise<OutboxJob | undefined> {
    const at = instant(now, 'now');
    if (!UUID.test(id)) return Promise.resolve(undefined);
    return this.exec.run('retrying a job', false, async (q) => {
      const res = await q<OutboxRow>(
        `UPDATE outbox SET status = 'pending', due_at = $2::timestamptz, attempts = 0, closed_at = NULL, lease_owner = NULL, lease_until = NULL,
           updated_at = $2::timestamptz
         WHERE id = $1 AND (status = 'dead' OR (status = 'pending' AND (lease_until IS NULL OR lease_until <= $2::timestamptz))) RETURNING *`,
        [id, at],
      );
      // Unknown, done, cancelled, or held by a live worker (which may be sending it now): nothing to retry.
      return res.rows[0] && toJob(res.rows[0]);
    });
  }

  async prune(before: string): Promise<number> {
    const at = instant(before, 'before');
    return this.exec.run('pruning jobs', false, async (q) => (await q(`DELETE FROM outbox WHERE status IN ('done', 'cancelled') AND closed_at < $1::timestamptz`, [at])).rowCount ?? 0);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** JSON text for a jsonb parameter (pg would turn a JS array into a PostgreSQL array). */
function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** An ISO instant for a timestamptz parameter; refuses what is not a date (naming the field, not the value). */
function instant(value: unknown, field: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new Error(`${field} must be an ISO date-time`);
  return new Date(ms).toISOString();
}

function count(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${field} must be a whole number of at least 0`);
  return value;
}

function requireText(value: unknown, field: string): void {
  if (typeof value !== 'string' || !value) throw new Error(`${field} must be a non-empty string`);
}

function sqlState(err: unknown): string | undefined {
  if (err instanceof PostgresStoreError) return err.code;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Rolled back by PostgreSQL because of another transaction: running the unit again can succeed. */
function isRetryable(err: unknown): boolean {
  const code = sqlState(err);
  if (code === '40001' || code === '40P01') return true;
  if (code !== '23505') return false;
  const cause = err instanceof PostgresStoreError ? err.cause : err;
  return (cause as { constraint?: unknown } | null)?.constraint === 'reports_draft_id_key';
}

async function backoff(attempt: number): Promise<void> {
  const ms = Math.min(200, 2 ** attempt) * (0.5 + Math.random());
  await new Promise((resolve) => setTimeout(resolve, ms));
}

const UNAVAILABLE: Record<string, string> = {
  '53300': 'too many connections',
  '57P01': 'the server is shutting down',
  '57P02': 'the server crashed',
  '57P03': 'the server is starting up',
  '3D000': 'the database does not exist',
  '28P01': 'the password was refused',
  '28000': 'the connection was not authorized',
};
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOENT', 'EPIPE', 'EAI_AGAIN']);
const KNOWN: Record<string, string> = {
  '23505': 'a unique value already exists',
  '23502': 'a required value is missing',
  '23514': 'a value is out of range',
  '22P05': 'text contains a character PostgreSQL cannot store (\\u0000)',
  '22007': 'an invalid date-time',
  '22008': 'a date-time out of range',
  '40001': 'a concurrent transaction conflicted (serialization failure)',
  '40P01': 'a deadlock with a concurrent transaction',
  '42P01': 'a table is missing (migrations not applied?)',
  '25P02': 'the transaction was aborted by an earlier error',
  '57014': 'the statement was cancelled (timeout)',
};

/** A pg or network error restated with the operation and SQLSTATE, without values from the data. */
function mapError(err: unknown, what: string): Error {
  if (err instanceof ConcurrencyError || err instanceof StoreUnavailableError || err instanceof PostgresStoreError) return err;
  // Duck-typed, not `instanceof Error`: errors from node's net module may come from another realm (jest's vm).
  if (typeof err !== 'object' || err === null || typeof (err as { message?: unknown }).message !== 'string') {
    return new PostgresStoreError(`PostgreSQL: ${what} failed`, undefined, { cause: err });
  }
  const e = err as Error;
  const code = sqlState(err);
  const isServerError = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in e;
  if (isServerError) {
    const unavailable = UNAVAILABLE[code] ?? (code.startsWith('08') ? 'the connection failed' : undefined);
    if (unavailable) return Object.assign(new StoreUnavailableError(`PostgreSQL: ${unavailable} (${code}) while ${what}`), { cause: err });
    const known = KNOWN[code] ?? (code.startsWith('22') ? 'an invalid value' : undefined);
    return new PostgresStoreError(`PostgreSQL: ${what} failed: ${known ?? e.message} (${code})`, code, { cause: err });
  }
  if ((code && NETWORK.has(code)) || /Connection terminated|connection timeout|Client has encountered a connection error/i.test(e.message)) {
    return Object.assign(new StoreUnavailableError(`PostgreSQL unreachable while ${what} (${code ?? e.message})`), { cause: err });
  }
  // Our own errors (validation, chronology, migrations) pass through as they are.
  return e;
}

import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Draft, Report } from '../../reports/types';
import {
  ConcurrencyError, DEFAULT_MAX_ATTEMPTS, DEFAULT_PAGE,
  type AnswerRecord, type BotStateRepository, type ConversationRef, type FeedbackEntry, type OutboxJob, type PhrasingCandidate, type Repositories, type ReportQuery, type StateItem, type Store, type UserProfile,
} from '../contract';
import { DurableJSONFile, fsyncDir } from '../durable-json-file';
import { assertChronologyExtends, reportFromNew } from '../rules';
import { FileEngine, type Op } from './engine';
import {
  ANSWER_DOC, ANSWERS, CANDIDATES, COUNTERS, OUTBOX, draftShardOf, formatReportId, legacyAnswerShardOf, legacyAnswerShards, legacyDraftsFile, parseReportId, segmentDoc, segmentDefaults, SEGMENT_DOC,
} from './layout';

/**
 * The embedded default store (DATA_FILE, no server): the storage contract on lowdb JSON files through the one
 * write path of FileEngine. Layout and reasons: docs/reports.md and layout.ts.
 */

export interface LowdbStoreOptions {
  /** Reports per segment file; bounds the bytes rewritten per submission. Default 200. */
  segmentSize?: number;
  onLockCompromised?: (err: Error) => void;
  cacheLimit?: number;
  /** Look without the lock (while Baken runs); writes are refused. */
  readOnly?: boolean;
  /** The store stopped for good (failed write, lost lock): restart the process to recover from disk. */
  onUnavailable?: (reason: string) => void;
}

interface ReportMeta {
  id: string;
  doc: string;
  school: string;
  type: Report['type'];
  status: Report['status'];
  reporterId: string;
  submittedAt: string;
  draftId: string;
}

type Put = (op: Op) => Promise<void>;

const MAIN = 'main';
const defaults = (name: string): Record<string, unknown> => {
  if (name === MAIN) return { users: {}, conversationState: {}, feedback: [], reportConversations: {} };
  if (name === COUNTERS) return { schemaVersion: 1, last: {} };
  if (name === OUTBOX) return { schemaVersion: 1, jobs: {} };
  if (name === CANDIDATES) return { schemaVersion: 1, candidates: {} };
  if (ANSWER_DOC.test(name)) return { schemaVersion: 1, answers: {} };
  if (name.startsWith('reports/drafts/')) return { schemaVersion: 1, drafts: {} };
  const segment = segmentDefaults(name);
  if (segment) return segment;
  return {};
};

const own = (o: unknown, key: string): boolean => !!o && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, key);
const clone = <T>(v: T): T => structuredClone(v);

export async function openLowdbStore(dataFile: string, options: LowdbStoreOptions = {}): Promise<Store> {
  const segmentSize = options.segmentSize ?? 200;
  const engine = await FileEngine.open(dataFile, defaults, {
    onLockCompromised: options.onLockCompromised, cacheLimit: options.cacheLimit, readOnly: options.readOnly, onUnavailable: options.onUnavailable,
    // Answer records: appended, one line per write, pruned by `at` (see layout.ts).
    logs: [{ name: ANSWERS, field: 'at' }],
  });
  try {
    return await build(engine, segmentSize, options.readOnly ?? false);
  } catch (err) {
    await engine.close();
    throw err;
  }
}

async function build(engine: FileEngine, segmentSize: number, readOnly: boolean): Promise<Store> {
  // In-memory indexes, rebuilt from the files at open and kept current by every op (and its undo).
  const meta = new Map<string, ReportMeta>();
  const byDraft = new Map<string, string>();
  const seriesFloor = new Map<string, number>();
  const draftShard = new Map<string, string>();
  const jobByKey = new Map<string, string>();

  engine.onOp((op, before, after) => {
    if (op.collection === 'reports' && SEGMENT_DOC.test(op.doc)) {
      const old = before as Report | undefined;
      if (old) {
        meta.delete(old.id);
        if (byDraft.get(old.draftId) === old.id) byDraft.delete(old.draftId);
      }
      const r = after as Report | undefined;
      if (r) indexReport(r, op.doc);
    } else if (op.collection === 'drafts') {
      if (after) draftShard.set(op.id, op.doc);
      else draftShard.delete(op.id);
    } else if (op.collection === 'jobs' && op.doc === OUTBOX) {
      const old = before as OutboxJob | undefined;
      if (old && jobByKey.get(old.key) === old.id) jobByKey.delete(old.key);
      const job = after as OutboxJob | undefined;
      if (job) jobByKey.set(job.key, job.id);
    }
  });

  function indexReport(r: Report, doc: string): void {
    meta.set(r.id, { id: r.id, doc, school: r.school, type: r.type, status: r.status, reporterId: r.reporter.id, submittedAt: r.submittedAt, draftId: r.draftId });
    if (!byDraft.has(r.draftId)) byDraft.set(r.draftId, r.id);
  }

  // Reports: every segment once (start-up grows with the store; a submission does not).
  for (const school of engine.listFolders('reports')) {
    if (school === 'drafts') continue;
    for (const year of engine.listFolders(`reports/${school}`)) {
      for (const name of engine.listDocuments(`reports/${school}/${year}`)) {
        if (!SEGMENT_DOC.test(name)) continue;
        const doc = await engine.doc(name);
        for (const r of (doc.low.data.reports as Report[] | undefined) ?? []) {
          indexReport(r, name);
          const parsed = parseReportId(r.id);
          if (parsed) {
            const series = `${parsed.code}-${parsed.year}`;
            seriesFloor.set(series, Math.max(seriesFloor.get(series) ?? 0, parsed.seq));
          }
        }
      }
    }
  }
  for (const name of engine.listDocuments('reports/drafts')) {
    const doc = await engine.doc(name);
    for (const id of Object.keys((doc.low.data.drafts as Record<string, Draft> | undefined) ?? {})) draftShard.set(id, name);
  }
  const outboxDoc = await engine.doc(OUTBOX);
  for (const job of Object.values((outboxDoc.low.data.jobs as Record<string, OutboxJob> | undefined) ?? {})) jobByKey.set(job.key, job.id);
  await engine.doc(COUNTERS);
  await engine.doc(MAIN);

  // One-time migration of the single drafts.json of earlier versions into the shards.
  const legacy = legacyDraftsFile(engine.filesDir);
  if (!readOnly && fs.existsSync(legacy)) {
    const old = JSON.parse(fs.readFileSync(legacy, 'utf8')) as { drafts?: Record<string, Draft> };
    await engine.transaction(async (put) => {
      for (const d of Object.values(old.drafts ?? {})) await put({ doc: draftShardOf(d.userId), collection: 'drafts', id: d.id, value: d });
    });
    await fs.promises.rm(legacy);
  }

  // One-time migration of the answer shards of earlier versions (feedback/answers-NN.json, each rewritten whole on
  // every answer) into the answer log. Their records go after what the log holds (a later line wins); a crash
  // before the shards are removed only means they are copied again at the next open.
  const answers = engine.log(ANSWERS);
  const legacyAnswers = legacyAnswerShards().filter((name) => fs.existsSync(engine.fileOf(name)));
  if (!readOnly && legacyAnswers.length > 0) {
    const old: AnswerRecord[] = [];
    for (const name of legacyAnswers) {
      const data = await new DurableJSONFile<{ answers?: Record<string, AnswerRecord> }>(engine.fileOf(name)).read();
      for (const [id, a] of Object.entries(data?.answers ?? {})) if (a && typeof a === 'object' && a.id === id) old.push(a);
    }
    if (old.length > 0) {
      await engine.transaction(async (put) => {
        for (const a of old) await put({ doc: ANSWERS, collection: 'answers', id: a.id, value: a });
      });
    }
    for (const name of legacyAnswers) await fs.promises.rm(engine.fileOf(name), { force: true });
    await fsyncDir(path.dirname(engine.fileOf(legacyAnswers[0])));
  }
  // Read-only (Baken not started on this version yet): the shards are read where they are.
  const readLegacyAnswers = readOnly && legacyAnswers.length > 0;

  const record = async <T>(doc: string, collection: string, id: string): Promise<T | undefined> => {
    const value = engine.read(await engine.doc(doc), collection, id);
    return value === undefined ? undefined : clone(value as T);
  };
  /** Copies of the records `keep` selects: filtered on the stored data, so only the matches are copied. */
  const records = async <T>(doc: string, collection: string, keep: (record: T) => boolean = () => true): Promise<T[]> => {
    const coll = (await engine.doc(doc)).low.data[collection];
    const list = (Array.isArray(coll) ? coll : coll && typeof coll === 'object' ? Object.values(coll) : []) as T[];
    return clone(list.filter(keep));
  };

  const entries = async <T>(collection: string): Promise<Array<[string, T]>> => {
    const coll = (await engine.doc(MAIN)).low.data[collection];
    return coll && typeof coll === 'object' && !Array.isArray(coll) ? clone(Object.entries(coll as Record<string, T>)) : [];
  };

  function repositories(put: Put): Repositories {
    const getReport = async (id: string): Promise<Report | undefined> => {
      const m = meta.get(id);
      return m ? record<Report>(m.doc, 'reports', id) : undefined;
    };
    const getJob = (id: string) => record<OutboxJob>(OUTBOX, 'jobs', id);
    const putJob = (job: OutboxJob) => put({ doc: OUTBOX, collection: 'jobs', id: job.id, value: job });
    const heldBy = (job: OutboxJob | undefined, owner: string, now: string): job is OutboxJob =>
      !!job && job.status === 'pending' && job.leaseOwner === owner && !!job.leaseUntil && job.leaseUntil > now;

    const botState: BotStateRepository = {
      async read(keys) {
        const out: Record<string, StateItem> = {};
        for (const key of keys) {
          const item = await record<StateItem>(MAIN, 'conversationState', key);
          if (item) out[key] = item;
        }
        return out;
      },
      async write(changes) {
        for (const [key, change] of Object.entries(changes)) {
          const stored = await record<StateItem>(MAIN, 'conversationState', key);
          if (stored && change.eTag && change.eTag !== '*' && change.eTag !== stored.eTag) throw new ConcurrencyError(`bot state "${key}"`);
        }
        for (const [key, change] of Object.entries(changes)) await put({ doc: MAIN, collection: 'conversationState', id: key, value: { ...change, eTag: randomUUID() } });
      },
      async delete(keys) {
        for (const key of keys) if (own((await engine.doc(MAIN)).low.data.conversationState, key)) await put({ doc: MAIN, collection: 'conversationState', id: key });
      },
    };

    return {
      reports: {
        async create(input) {
          const existing = byDraft.get(input.draftId);
          if (existing) return (await getReport(existing))!;
          const series = `${input.code}-${input.year}`;
          const counters = await engine.doc(COUNTERS);
          const last = Math.max((engine.read(counters, 'last', series) as number | undefined) ?? 0, seriesFloor.get(series) ?? 0);
          const seq = last + 1;
          const report = reportFromNew(input, formatReportId(input.code, input.year, seq));
          await put({ doc: COUNTERS, collection: 'last', id: series, value: seq });
          await put({ doc: segmentDoc(input.school, input.year, seq, segmentSize), collection: 'reports', id: report.id, value: report });
          return clone(report);
        },
        get: getReport,
        async findByDraft(draftId) {
          const id = byDraft.get(draftId);
          return id ? getReport(id) : undefined;
        },
        async list(query: ReportQuery) {
          const matches = [...meta.values()].filter(
            (m) =>
              (!query.schools || query.schools.includes(m.school)) &&
              (!query.types || query.types.includes(m.type)) &&
              (!query.statuses || query.statuses.includes(m.status)) &&
              (!query.reporterId || m.reporterId === query.reporterId) &&
              (!query.submittedFrom || m.submittedAt >= query.submittedFrom) &&
              (!query.submittedTo || m.submittedAt < query.submittedTo),
          );
          matches.sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.id.localeCompare(a.id));
          const offset = query.offset ?? 0;
          const page = matches.slice(offset, offset + (query.limit ?? DEFAULT_PAGE));
          const reports: Report[] = [];
          for (const m of page) reports.push((await record<Report>(m.doc, 'reports', m.id))!);
          return { reports, total: matches.length };
        },
        async count() {
          return meta.size;
        },
        async import(report) {
          if (meta.has(report.id) || byDraft.has(report.draftId)) return false;
          const parsed = parseReportId(report.id);
          if (!parsed) throw new Error(`not a report id: ${report.id}`);
          const series = `${parsed.code}-${parsed.year}`;
          const last = (engine.read(await engine.doc(COUNTERS), 'last', series) as number | undefined) ?? 0;
          if (parsed.seq > last) await put({ doc: COUNTERS, collection: 'last', id: series, value: parsed.seq });
          await put({ doc: segmentDoc(report.school, parsed.year, parsed.seq, segmentSize), collection: 'reports', id: report.id, value: report });
          return true;
        },
        async update(next) {
          const m = meta.get(next.id);
          const stored = m ? await record<Report>(m.doc, 'reports', next.id) : undefined;
          if (!m || !stored || stored.version !== next.version - 1) throw new ConcurrencyError(`report ${next.id}`);
          assertChronologyExtends(stored, next);
          await put({ doc: m.doc, collection: 'reports', id: next.id, value: next });
          return clone(next);
        },
      },
      drafts: {
        async save(draft) {
          await put({ doc: draftShardOf(draft.userId), collection: 'drafts', id: draft.id, value: draft });
        },
        async get(id) {
          const doc = draftShard.get(id);
          return doc ? record<Draft>(doc, 'drafts', id) : undefined;
        },
        async listByUser(userId) {
          return records<Draft>(draftShardOf(userId), 'drafts', (d) => d.userId === userId);
        },
        async listUpdatedBefore(instant) {
          const out: Draft[] = [];
          for (const doc of new Set(draftShard.values())) out.push(...(await records<Draft>(doc, 'drafts', (d) => d.updatedAt < instant)));
          return out;
        },
        async delete(id) {
          const doc = draftShard.get(id);
          if (doc) await put({ doc, collection: 'drafts', id });
        },
      },
      profiles: {
        get: (userKey) => record<UserProfile>(MAIN, 'users', userKey),
        put: (userKey, profile) => put({ doc: MAIN, collection: 'users', id: userKey, value: profile }),
        entries: () => entries<UserProfile>('users'),
      },
      conversations: {
        get: (userKey) => record<ConversationRef>(MAIN, 'reportConversations', userKey),
        put: (userKey, ref) => put({ doc: MAIN, collection: 'reportConversations', id: userKey, value: ref }),
        entries: () => entries<ConversationRef>('reportConversations'),
      },
      feedback: {
        add: (entry) => put({ doc: MAIN, collection: 'feedback', id: entry.id, value: entry }),
        list: () => records<FeedbackEntry>(MAIN, 'feedback'),
        recordAnswer: (answer) => put({ doc: ANSWERS, collection: 'answers', id: answer.id, value: answer }),
        async getAnswer(id) {
          const legacy = readLegacyAnswers && fs.existsSync(engine.fileOf(legacyAnswerShardOf(id))) ? await record<AnswerRecord>(legacyAnswerShardOf(id), 'answers', id) : undefined;
          return legacy ?? ((await answers.get(id)) as AnswerRecord | undefined);
        },
        async listAnswers() {
          const out = new Map<string, AnswerRecord>();
          if (readLegacyAnswers) for (const name of legacyAnswers) for (const a of await records<AnswerRecord>(name, 'answers')) out.set(a.id, a);
          for (const id of await answers.select(() => true)) {
            if (out.has(id)) continue;
            const a = (await answers.get(id)) as AnswerRecord | undefined;
            if (a) out.set(id, a);
          }
          return [...out.values()].sort((a, b) => a.at.localeCompare(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        },
        async pruneAnswers(before) {
          // Deleting rewrites the log's files that hold expired records without them (engine commit).
          const expired = await answers.select((at) => at !== undefined && at < before);
          for (const id of expired) await put({ doc: ANSWERS, collection: 'answers', id });
          return expired.length;
        },
        async proposeCandidate(candidate) {
          const [known] = await records<PhrasingCandidate>(CANDIDATES, 'candidates', (c) => c.key === candidate.key);
          if (known) return known;
          await put({ doc: CANDIDATES, collection: 'candidates', id: candidate.id, value: candidate });
          return clone(candidate);
        },
        getCandidate: (id) => record<PhrasingCandidate>(CANDIDATES, 'candidates', id),
        async listCandidates(filter = {}) {
          return (await records<PhrasingCandidate>(CANDIDATES, 'candidates', (c) => !filter.status || c.status === filter.status))
            .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        },
        async decideCandidate(id, decision, at) {
          const stored = await record<PhrasingCandidate>(CANDIDATES, 'candidates', id);
          if (!stored || stored.status !== 'candidate') return undefined;
          const next: PhrasingCandidate = { ...stored, status: decision, decidedAt: at };
          await put({ doc: CANDIDATES, collection: 'candidates', id, value: next });
          return clone(next);
        },
      },
      botState,
      outbox: {
        async enqueue(job, now) {
          const known = jobByKey.get(job.key);
          if (known) return (await getJob(known))!;
          const stored: OutboxJob = {
            id: randomUUID(), kind: job.kind, key: job.key, payload: job.payload, status: 'pending', dueAt: job.dueAt,
            attempts: 0, maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, createdAt: now, updatedAt: now,
          };
          await putJob(stored);
          return clone(stored);
        },
        async claim({ owner, now, leaseMs, limit }) {
          const due = (await records<OutboxJob>(OUTBOX, 'jobs', (j) => j.status === 'pending' && j.dueAt <= now && (!j.leaseUntil || j.leaseUntil <= now)))
            .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.createdAt.localeCompare(b.createdAt))
            .slice(0, limit);
          const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
          const claimed: OutboxJob[] = [];
          for (const j of due) {
            const next: OutboxJob = { ...j, leaseOwner: owner, leaseUntil, attempts: j.attempts + 1, updatedAt: now };
            await putJob(next);
            claimed.push(next);
          }
          return claimed;
        },
        async complete(id, owner, now) {
          const job = await getJob(id);
          if (!heldBy(job, owner, now)) return false;
          const { leaseOwner: _o, leaseUntil: _u, ...rest } = job;
          await putJob({ ...rest, status: 'done', updatedAt: now, closedAt: now });
          return true;
        },
        async fail(id, owner, error, now, retryAt) {
          const job = await getJob(id);
          if (!heldBy(job, owner, now)) return false;
          const { leaseOwner: _o, leaseUntil: _u, ...rest } = job;
          await putJob(retryAt ? { ...rest, dueAt: retryAt, lastError: error, updatedAt: now } : { ...rest, status: 'dead', lastError: error, updatedAt: now, closedAt: now });
          return true;
        },
        async cancel(key, now) {
          const id = jobByKey.get(key);
          const job = id ? await getJob(id) : undefined;
          if (!job || job.status !== 'pending') return false;
          const { leaseOwner: _o, leaseUntil: _u, ...rest } = job;
          await putJob({ ...rest, status: 'cancelled', updatedAt: now, closedAt: now });
          return true;
        },
        get: getJob,
        async getByKey(key) {
          const id = jobByKey.get(key);
          return id ? getJob(id) : undefined;
        },
        async list(filter = {}) {
          return (await records<OutboxJob>(OUTBOX, 'jobs', (j) => (!filter.status || j.status === filter.status) && (!filter.kind || j.kind === filter.kind)))
            .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.dueAt.localeCompare(b.dueAt))
            .slice(0, filter.limit ?? Number.MAX_SAFE_INTEGER);
        },
        async retry(id, now) {
          const job = await getJob(id);
          // Unknown, done, cancelled, or held by a live worker (which may be sending it now): nothing to retry.
          const leased = !!job?.leaseUntil && job.leaseUntil > now;
          if (!job || !(job.status === 'dead' || (job.status === 'pending' && !leased))) return undefined;
          const { leaseOwner: _o, leaseUntil: _u, closedAt: _c, ...rest } = job;
          const next: OutboxJob = { ...rest, status: 'pending', attempts: 0, dueAt: now, updatedAt: now };
          await putJob(next);
          return clone(next);
        },
        async prune(before) {
          const old = await records<OutboxJob>(OUTBOX, 'jobs', (j) => (j.status === 'done' || j.status === 'cancelled') && !!j.closedAt && j.closedAt < before);
          for (const j of old) await put({ doc: OUTBOX, collection: 'jobs', id: j.id });
          return old.length;
        },
      },
    };
  }

  // One set of repositories serves every single call, writing through the put of the unit of work that runs: units of
  // work run one at a time under the engine's mutex, so `current` is always the running one's. (Built per call, the
  // set cost about a hundred closures on every store call of a turn.)
  let current: Put | undefined;
  const shared = repositories((op) => {
    if (!current) throw new Error('lowdb store: a write outside a unit of work');
    return current(op);
  });
  const single = <A extends unknown[], R>(pick: (r: Repositories) => (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      engine.transaction(async (put) => {
        current = put;
        try {
          return await pick(shared)(...args);
        } finally {
          current = undefined;
        }
      });
  const bind = <K extends keyof Repositories>(name: K): Repositories[K] => {
    const sample = shared[name] as unknown as Record<string, unknown>;
    const bound: Record<string, unknown> = {};
    for (const method of Object.keys(sample)) {
      bound[method] = single((r) => (r[name] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[method]);
    }
    return bound as unknown as Repositories[K];
  };

  // The answer log's index is built (its files read once) before the store's lock is taken, not under it.
  const feedback = bind('feedback');
  const { getAnswer, pruneAnswers } = feedback;
  feedback.getAnswer = async (id) => {
    await answers.ready();
    return getAnswer(id);
  };
  const { listAnswers } = feedback;
  feedback.listAnswers = async () => {
    await answers.ready();
    return listAnswers();
  };
  feedback.pruneAnswers = async (before) => {
    await answers.ready();
    return pruneAnswers(before);
  };

  return {
    backend: 'lowdb',
    reports: bind('reports'),
    drafts: bind('drafts'),
    profiles: bind('profiles'),
    conversations: bind('conversations'),
    feedback,
    botState: bind('botState'),
    outbox: bind('outbox'),
    transaction: (work) => engine.transaction((put) => work(repositories(put))),
    health: async () => (engine.unavailable ? { ok: false, reason: engine.unavailable } : { ok: true }),
    close: () => engine.close(),
  };
}



import * as fs from 'fs';
import * as path from 'path';
import { Low } from 'lowdb';
import { acquireFileLock, StoreLockedError } from '../../store/file-lock';
import { ReportProblem } from '../errors';
import { loadSchools, type SchoolInfo } from '../taxonomy';
import { REPORT_SCHEMA_VERSION, REPORT_TYPES, type Draft, type Report, type SubmitInput } from '../types';
import { schoolClock, type Clock } from '../../time';
import { DurableJSONFile, fsyncDir, mkdirDurable } from '../../store/durable-json-file';
import {
  DRAFTS_DIR, DRAFT_SHARD_PATTERN, SEGMENT_PATTERN, countersFile, draftShardFile, draftShardOf, formatReportId, legacyDraftsFile, parseReportId, segmentFile, segmentNumber,
} from './layout';

/** Report files are read by programs only; compact JSON keeps each write small. */
const COMPACT = { compact: true } as const;

/** The report store: submitted reports (append-only chronology) and drafts, durable, one writer process. */

export interface ReportStoreOptions {
  /** Reports per segment file; bounds the bytes rewritten per submission. Default 200. */
  segmentSize?: number;
  schools?: SchoolInfo[];
  clock: Clock;
  /** proper-lockfile: a lock not refreshed for this long is stale (its owner died). Default 10 s. */
  lockStaleMs?: number;
  /** How long to keep trying to get the lock before refusing to open. Default 0: refuse at once. */
  lockWaitMs?: number;
  /** Chronology entries longer than this are refused. Default 2000. */
  maxNoteLength?: number;
}

export interface ReportStore {
  /** Files a report; resolves only when it is durable on disk. The same draftId twice returns the first report. */
  submit(input: SubmitInput): Promise<Report>;
  /** Adds a chronology entry. Only the reporter may, unless allowOthers (for the people handling it). */
  appendChronology(id: string, userId: string, text: string, opts?: { name?: string; allowOthers?: boolean }): Promise<Report>;
  get(id: string): Promise<Report | undefined>;
  listByReporter(userId: string): Promise<Report[]>;
  /** The report filed from this draft, if any (the idempotency index). */
  findByDraft(draftId: string): Promise<Report | undefined>;
  count(): number;
  saveDraft(draft: Draft): Promise<void>;
  getDraft(id: string): Draft | undefined;
  draftsOf(userId: string): Draft[];
  allDrafts(): Draft[];
  deleteDraft(id: string): Promise<void>;
  close(): Promise<void>;
}

interface SegmentData {
  schemaVersion: number;
  school: string;
  year: number;
  segment: number;
  reports: Report[];
}

interface CountersData {
  schemaVersion: number;
  /** "DNK-2026" → last sequence number handed out and made durable. */
  last: Record<string, number>;
}

interface DraftsData {
  schemaVersion: number;
  drafts: Record<string, Draft>;
}

type Op =
  | { kind: 'submit'; input: SubmitInput; resolve: (r: Report) => void; reject: (e: unknown) => void }
  | { kind: 'note'; id: string; userId: string; name?: string; text: string; allowOthers: boolean; resolve: (r: Report) => void; reject: (e: unknown) => void }
  | { kind: 'draft'; draft: Draft; resolve: () => void; reject: (e: unknown) => void }
  | { kind: 'dropDraft'; id: string; resolve: () => void; reject: (e: unknown) => void };

const CACHE_LIMIT = 16;

export async function openReportStore(dir: string, options: ReportStoreOptions): Promise<ReportStore> {
  const segmentSize = options.segmentSize ?? 200;
  const now = (): Date => options.clock.now();
  const maxNote = options.maxNoteLength ?? 2000;
  const schools = options.schools ?? loadSchools();
  const byCode = new Map(schools.map((s) => [s.code, s]));
  const byId = new Map(schools.map((s) => [s.id, s]));

  await mkdirDurable(dir);
  const stale = options.lockStaleMs ?? 10_000;
  const waitMs = options.lockWaitMs ?? 0;
  let compromised: Error | undefined;
  const release = await acquireWriterLock(dir, stale, waitMs, (err) => {
    // Someone else may now be writing: stop writing rather than corrupt their data.
    compromised = err;
  });

  try {
    return await buildStore();
  } catch (err) {
    await release().catch(() => undefined);
    throw err;
  }

  async function buildStore(): Promise<ReportStore> {
    const counters = new Low<CountersData>(new DurableJSONFile(countersFile(dir), COMPACT), { schemaVersion: 1, last: {} });
    await counters.read();
    // Drafts in shards by user: saving a step rewrites one shard, not every draft of every user.
    const draftShards = new Map<number, Low<DraftsData>>();
    const shardOfDraft = new Map<string, number>();
    const draftsDir = path.join(dir, DRAFTS_DIR);
    await mkdirDurable(draftsDir);
    await removeTempFiles(draftsDir);
    const shardDb = (n: number): Low<DraftsData> => {
      let db = draftShards.get(n);
      if (!db) {
        db = new Low<DraftsData>(new DurableJSONFile(draftShardFile(dir, n), COMPACT), { schemaVersion: 1, drafts: {} });
        draftShards.set(n, db);
      }
      return db;
    };
    for (const name of fs.readdirSync(draftsDir)) {
      const m = DRAFT_SHARD_PATTERN.exec(name);
      if (!m) continue;
      const db = shardDb(Number(m[1]));
      await db.read();
      for (const id of Object.keys(db.data.drafts)) shardOfDraft.set(id, Number(m[1]));
    }
    // One-time migration of the single drafts.json of earlier versions: shards written durably first, then removed.
    const legacy = legacyDraftsFile(dir);
    if (fs.existsSync(legacy)) {
      const old = JSON.parse(fs.readFileSync(legacy, 'utf8')) as DraftsData;
      const touched = new Set<number>();
      for (const draft of Object.values(old.drafts ?? {})) {
        const n = draftShardOf(draft.userId);
        shardDb(n).data.drafts[draft.id] = draft;
        shardOfDraft.set(draft.id, n);
        touched.add(n);
      }
      await Promise.all([...touched].map((n) => shardDb(n).write()));
      await fs.promises.rm(legacy);
      await fsyncDir(dir);
    }
    const draftById = (id: string): Draft | undefined => {
      const n = shardOfDraft.get(id);
      return n === undefined ? undefined : draftShards.get(n)?.data.drafts[id];
    };
    const everyDraft = (): Draft[] => [...draftShards.values()].flatMap((db) => Object.values(db.data.drafts));

    // Indexes rebuilt from the segments at start: cost grows with the store, but only at start.
    const reportFile = new Map<string, string>();
    const byReporter = new Map<string, string[]>();
    const byDraft = new Map<string, string>();
    const lastSeq = new Map<string, number>();
    await removeTempFiles(dir);
    for (const school of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!school.isDirectory() || school.name === 'writer.lock' || school.name === DRAFTS_DIR) continue;
      for (const year of fs.readdirSync(path.join(dir, school.name), { withFileTypes: true })) {
        if (!year.isDirectory()) continue;
        const yearDir = path.join(dir, school.name, year.name);
        await removeTempFiles(yearDir);
        for (const name of fs.readdirSync(yearDir).filter((n) => SEGMENT_PATTERN.test(n))) {
          const file = path.join(yearDir, name);
          let data: SegmentData;
          try {
            data = JSON.parse(fs.readFileSync(file, 'utf8')) as SegmentData;
          } catch (err) {
            throw new Error(`report store: ${file} is not valid JSON (${(err as Error).message}); refusing to start`);
          }
          for (const r of data.reports) index(r, file);
        }
      }
    }
    // A counter ahead of the segments would mean an acknowledged report went missing: never hand its id out again.
    for (const [key, last] of Object.entries(counters.data.last)) lastSeq.set(key, Math.max(last, lastSeq.get(key) ?? 0));

    function index(r: Report, file: string): void {
      reportFile.set(r.id, file);
      byReporter.set(r.reporter.id, [...(byReporter.get(r.reporter.id) ?? []), r.id]);
      byDraft.set(r.draftId, r.id);
      const parsed = parseReportId(r.id);
      if (parsed) {
        const key = `${parsed.code}-${parsed.year}`;
        lastSeq.set(key, Math.max(lastSeq.get(key) ?? 0, parsed.seq));
      }
    }

    const segments = new Map<string, Low<SegmentData>>();
    async function segment(file: string, school: string, year: number, n: number): Promise<Low<SegmentData>> {
      let db = segments.get(file);
      if (db) {
        segments.delete(file);
        segments.set(file, db); // most recently used last
        return db;
      }
      db = new Low<SegmentData>(new DurableJSONFile(file, COMPACT), { schemaVersion: REPORT_SCHEMA_VERSION, school, year, segment: n, reports: [] });
      await db.read();
      segments.set(file, db);
      return db;
    }
    function trimCache(keep: Set<string>): void {
      for (const file of segments.keys()) {
        if (segments.size <= CACHE_LIMIT) break;
        if (!keep.has(file)) segments.delete(file);
      }
    }

    async function loadReport(id: string): Promise<{ db: Low<SegmentData>; report: Report } | undefined> {
      const file = reportFile.get(id);
      const parsed = parseReportId(id);
      const school = parsed && byCode.get(parsed.code);
      if (!file || !parsed || !school) return undefined;
      const db = await segment(file, school.id, parsed.year, segmentNumber(parsed.seq, segmentSize));
      const report = db.data.reports.find((r) => r.id === id);
      return report ? { db, report } : undefined;
    }

    // The single write path: ops queue up; one pump at a time applies a whole batch in memory and writes
    // every touched file once (group commit), then settles the ops. Nothing is acknowledged before its write.
    let queue: Op[] = [];
    let pumping: Promise<void> | null = null;
    let closed = false;

    function enqueue(op: Op): void {
      if (closed) return op.reject(new Error('report store is closed'));
      if (compromised) return op.reject(new ReportProblem('storeUnavailable'));
      queue.push(op);
      startPump();
    }

    function startPump(): void {
      pumping ??= pump().finally(() => {
        pumping = null;
        if (queue.length) startPump();
      });
    }

    async function pump(): Promise<void> {
      while (queue.length) {
        const batch = queue;
        queue = [];
        await runBatch(batch);
      }
    }

    async function runBatch(batch: Op[]): Promise<void> {
      const dirty = new Map<string, Low<SegmentData>>();
      let countersDirty = false;
      /** Shards touched in this batch, with their drafts as they were before it (for the undo). */
      const draftsBefore = new Map<number, Record<string, Draft>>();
      const touchShard = (n: number): Low<DraftsData> => {
        const db = shardDb(n);
        if (!draftsBefore.has(n)) draftsBefore.set(n, { ...db.data.drafts });
        return db;
      };
      const settle: (() => void)[] = [];
      const newIndex: { report: Report; file: string }[] = [];
      const seqBefore = new Map(lastSeq);
      const pendingDraftIds = new Map<string, Report>();

      for (const op of batch) {
        try {
          if (op.kind === 'submit') {
            const existing = byDraft.get(op.input.draftId);
            const sameBatch = pendingDraftIds.get(op.input.draftId);
            if (sameBatch) { settle.push(() => op.resolve(sameBatch)); continue; }
            if (existing) {
              const found = await loadReport(existing);
              if (found) { settle.push(() => op.resolve(found.report)); continue; }
            }
            const school = byId.get(op.input.school);
            if (!school) throw new Error(`unknown school ${op.input.school}`);
            if (!REPORT_TYPES.includes(op.input.type) || !op.input.reporter.id || !op.input.draftId) throw new Error('invalid report input');
            const at = now();
            const year = schoolClock(at).year;
            const key = `${school.code}-${year}`;
            const seq = (lastSeq.get(key) ?? 0) + 1;
            const n = segmentNumber(seq, segmentSize);
            const file = segmentFile(dir, school.id, year, n);
            await mkdirDurable(path.dirname(file));
            const db = await segment(file, school.id, year, n);
            const report: Report = {
              id: formatReportId(school.code, year, seq),
              schemaVersion: REPORT_SCHEMA_VERSION,
              school: school.id,
              type: op.input.type,
              ...(op.input.category ? { category: op.input.category } : {}),
              fields: op.input.fields,
              reporter: op.input.reporter,
              lang: op.input.lang,
              draftId: op.input.draftId,
              status: 'nieuw',
              createdAt: op.input.createdAt,
              submittedAt: at.toISOString(),
              chronology: [{ at: at.toISOString(), by: { id: op.input.reporter.id, name: op.input.reporter.name }, kind: 'created', text: '' }],
            };
            db.data.reports.push(report);
            lastSeq.set(key, seq);
            counters.data.last[key] = seq;
            dirty.set(file, db);
            countersDirty = true;
            newIndex.push({ report, file });
            pendingDraftIds.set(op.input.draftId, report);
            settle.push(() => op.resolve(report));
          } else if (op.kind === 'note') {
            const text = op.text.trim();
            if (!text) throw new ReportProblem('noteEmpty');
            if (text.length > maxNote) throw new ReportProblem('noteTooLong', { max: maxNote });
            const found = await loadReport(op.id);
            if (!found) throw new ReportProblem('reportNotFound', { id: op.id });
            if (!op.allowOthers && found.report.reporter.id !== op.userId) throw new ReportProblem('notYourReport');
            found.report.chronology.push({ at: now().toISOString(), by: { id: op.userId, ...(op.name ? { name: op.name } : {}) }, kind: 'note', text });
            dirty.set(reportFile.get(op.id)!, found.db);
            const report = found.report;
            settle.push(() => op.resolve(report));
          } else if (op.kind === 'draft') {
            const n = draftShardOf(op.draft.userId);
            touchShard(n).data.drafts[op.draft.id] = op.draft;
            shardOfDraft.set(op.draft.id, n);
            settle.push(() => op.resolve());
          } else {
            const n = shardOfDraft.get(op.id);
            if (n !== undefined) delete touchShard(n).data.drafts[op.id];
            settle.push(() => op.resolve());
          }
        } catch (err) {
          op.reject(err);
        }
      }

      try {
        if (compromised) throw new ReportProblem('storeUnavailable');
        // Independent files are written (and fsynced) in parallel; counters only after every segment is durable:
        // a crash in between leaves the counter behind, which start-up repairs (a counter ahead would burn ids).
        // Within one school and year the segments go in sequence order, so a crash never leaves a later id
        // stored without an earlier one (no gaps); different schools and years are written side by side.
        const bySeries = new Map<string, Low<SegmentData>[]>();
        for (const [file, db] of [...dirty.entries()].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))) {
          bySeries.set(path.dirname(file), [...(bySeries.get(path.dirname(file)) ?? []), db]);
        }
        const writeSeries = async (dbs: Low<SegmentData>[]) => {
          for (const db of dbs) await db.write();
        };
        await Promise.all([...[...bySeries.values()].map(writeSeries), ...[...draftsBefore.keys()].map((n) => shardDb(n).write())]);
        if (countersDirty) await counters.write();
      } catch (err) {
        // Undo the batch in memory; what did reach the disk is found again by the draftId index after a restart.
        for (const file of dirty.keys()) segments.delete(file);
        lastSeq.clear();
        for (const [k, v] of seqBefore) lastSeq.set(k, v);
        counters.data.last = Object.fromEntries(seqBefore);
        for (const [n, before] of draftsBefore) shardDb(n).data.drafts = before;
        const failure = err instanceof ReportProblem ? err : new ReportProblem('storeUnavailable');
        for (const op of batch) op.reject(failure);
        return;
      }
      for (const { report, file } of newIndex) index(report, file);
      trimCache(new Set(dirty.keys()));
      for (const s of settle) s();
    }

    function run<T>(make: (resolve: (v: T) => void, reject: (e: unknown) => void) => Op): Promise<T> {
      return new Promise<T>((resolve, reject) => enqueue(make(resolve, reject)));
    }

    return {
      submit: (input) => run<Report>((resolve, reject) => ({ kind: 'submit', input, resolve, reject })),
      appendChronology: (id, userId, text, opts = {}) =>
        run<Report>((resolve, reject) => ({ kind: 'note', id, userId, text, name: opts.name, allowOthers: opts.allowOthers ?? false, resolve, reject })),
      async get(id) {
        return (await loadReport(id))?.report;
      },
      async listByReporter(userId) {
        const out: Report[] = [];
        for (const id of byReporter.get(userId) ?? []) {
          const found = await loadReport(id);
          if (found) out.push(found.report);
        }
        return out;
      },
      async findByDraft(draftId) {
        const id = byDraft.get(draftId);
        return id ? (await loadReport(id))?.report : undefined;
      },
      count: () => reportFile.size,
      saveDraft: (draft) => run<void>((resolve, reject) => ({ kind: 'draft', draft, resolve, reject })),
      getDraft: draftById,
      draftsOf: (userId) => Object.values(draftShards.get(draftShardOf(userId))?.data.drafts ?? {}).filter((d) => d.userId === userId),
      allDrafts: everyDraft,
      deleteDraft: (id) => run<void>((resolve, reject) => ({ kind: 'dropDraft', id, resolve, reject })),
      async close() {
        if (closed) return;
        while (pumping) await pumping;
        closed = true;
        await release().catch(() => undefined);
      },
    };
  }
}

/**
 * The writer lock (writer.lock/ in the store folder, owner record beside it, shared code with the DataStore):
 * a lock left by a killed process on this host is taken over at once; a live owner is waited for up to
 * waitMs (proper-lockfile's mtime staleness covers owners on other hosts).
 */
async function acquireWriterLock(dir: string, staleMs: number, waitMs: number, onCompromised: (err: Error) => void): Promise<() => Promise<void>> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const lock = await acquireFileLock(path.join(dir, 'writer'), onCompromised, staleMs);
      return () => lock.release();
    } catch (err) {
      if (!(err instanceof StoreLockedError)) throw err;
      if (Date.now() >= deadline) throw new Error(`report store ${dir} is locked by another process: ${err.message}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Temp files left by a process killed mid-write are garbage: the target file was never replaced. */
async function removeTempFiles(dir: string): Promise<void> {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) if (/^\..+\.tmp-\d+-\d+$/.test(name)) await fs.promises.rm(path.join(dir, name), { force: true });
}

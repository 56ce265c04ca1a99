import { createHash } from 'crypto';
import type { Draft, Report, ReportStatus, ReportType } from '../reports/types';

/**
 * The storage contract every backend implements (lowdb file store, PostgreSQL). Async repositories per
 * aggregate, and a unit of work (`transaction`) so that one change touching several of them commits
 * together or not at all. Repositories store and return plain data; rules live in the services.
 * One contract test suite (tests/store/contract.ts) runs against every backend.
 */

/** A report as it is filed: the store gives it its id (per school code and year, gapless) and version 1. */
export interface NewReport extends Omit<Report, 'id' | 'version'> {
  /** School code that prefixes the id ("DNK"). */
  code: string;
  /** The school's calendar year of submission (Europe/Amsterdam), part of the id. */
  year: number;
}

export interface ReportQuery {
  schools?: string[];
  types?: ReportType[];
  statuses?: ReportStatus[];
  reporterId?: string;
  /** ISO instants, inclusive from, exclusive to, on submittedAt. */
  submittedFrom?: string;
  submittedTo?: string;
  /** Default 50. */
  limit?: number;
  offset?: number;
}

export interface ReportPage {
  /** Newest first (submittedAt, then id). */
  reports: Report[];
  /** How many match the query without limit/offset. */
  total: number;
}

export interface ReportRepository {
  /**
   * Files a report under the next id of its school code and year (no gaps, no duplicates, also with several
   * instances). The same draftId twice returns the report filed first: one draft is at most one report.
   */
  create(input: NewReport): Promise<Report>;
  get(id: string): Promise<Report | undefined>;
  findByDraft(draftId: string): Promise<Report | undefined>;
  list(query: ReportQuery): Promise<ReportPage>;
  count(): Promise<number>;
  /**
   * Stores `next` when the stored report still has `next.version - 1` (optimistic concurrency); otherwise
   * throws ConcurrencyError. The chronology may only grow: entries already stored cannot change.
   */
  update(next: Report): Promise<Report>;
  /**
   * Moving a store: files a report with the id it already has (and its version), unless that id or its draft
   * is already there. The id counter is raised so new ids follow it. True when it was added.
   */
  import(report: Report): Promise<boolean>;
}

export interface DraftRepository {
  save(draft: Draft): Promise<void>;
  get(id: string): Promise<Draft | undefined>;
  listByUser(userId: string): Promise<Draft[]>;
  /** Drafts last changed before this instant (the sweep's candidates). */
  listUpdatedBefore(isoInstant: string): Promise<Draft[]>;
  delete(id: string): Promise<void>;
}

/** What Baken remembers about one staff member. */
export interface UserProfile {
  /** Chosen school id (schools.json). */
  schoolId?: string;
  /** Teams client locale, e.g. nl-NL. */
  locale?: string;
  /** Language of the user's last question, used for replies without text of their own (cards). */
  lang?: 'nl' | 'en';
  /** A question asked before a school was chosen; answered and removed as soon as she chooses one. */
  pendingQuestion?: string;
  updatedAt: string;
}

export interface ProfileRepository {
  get(userKey: string): Promise<UserProfile | undefined>;
  put(userKey: string, profile: UserProfile): Promise<void>;
  /** Every profile (moving a store, data-subject requests). */
  entries(): Promise<Array<[string, UserProfile]>>;
}

/** A Bot Framework conversation reference as JSON (the core does not import botbuilder). */
export type ConversationRef = Record<string, unknown>;

export interface ConversationRepository {
  get(userKey: string): Promise<ConversationRef | undefined>;
  put(userKey: string, ref: ConversationRef): Promise<void>;
  entries(): Promise<Array<[string, ConversationRef]>>;
}

/** What an answer was about: who asked what, at which school, and what it cited. */
export interface AnsweredQuestion {
  /** Who asked (for an answer record: only she may rate it). */
  userKey: string;
  schoolId: string;
  question: string;
  /** The top cited document and section; absent when the answer abstained. */
  doc?: string;
  sectionId?: string;
  abstained: boolean;
  lang: 'nl' | 'en';
}

/** One 👍/👎 on an answer, with what was asked and what was cited. */
export interface FeedbackEntry extends AnsweredQuestion {
  id: string;
  at: string;
  vote: 'up' | 'down';
  comment?: string;
  /** The answer message rated (AnswerRecord.id); one entry per answer: a second rating replaces the first. */
  answerId?: string;
}

/**
 * An answer message as Baken sent it, kept server-side so that a rating in Teams' own feedback loop (which
 * names only the rated message: `replyToId`) can be tied to who asked what and which section was cited. The
 * question never travels in card data. Kept for a limited time (pruned), see docs/privacy.md.
 */
export interface AnswerRecord extends AnsweredQuestion {
  /** `answerRecordId(conversationId, activityId)`: Teams message ids are unique per conversation only. */
  id: string;
  conversationId: string;
  /** The id the Bot Connector gave the answer activity. */
  activityId: string;
  at: string;
}

/** The record id of an answer message: a hash of conversation id and activity id (unambiguous, fixed length). */
export function answerRecordId(conversationId: string, activityId: string): string {
  return createHash('sha256').update(JSON.stringify([conversationId, activityId])).digest('hex').slice(0, 32);
}

export type CandidateStatus = 'candidate' | 'accepted' | 'rejected';

/**
 * A question staff rated 👍, proposed as a phrasing of the section its answer cited (knowledge/phrasings). An admin
 * accepts or rejects it (`npm run feedback -- review`); nothing is ever added automatically.
 */
export interface PhrasingCandidate {
  /** Short, stable id for the admin to type. */
  id: string;
  /** Plan, section and the question normalised (`doc`, `sectionId`, folded question): one candidate per key. */
  key: string;
  doc: string;
  sectionId: string;
  /** The question as first asked (whitespace flattened). */
  question: string;
  lang: 'nl' | 'en';
  status: CandidateStatus;
  createdAt: string;
  /** When an admin accepted or rejected it. */
  decidedAt?: string;
}

export interface FeedbackRepository {
  /** Adds an entry; the same id again replaces it (in its first place). */
  add(entry: FeedbackEntry): Promise<void>;
  /** Every entry, in the order first added. */
  list(): Promise<FeedbackEntry[]>;
  /** Remembers an answer message (the same id again replaces it). */
  recordAnswer(answer: AnswerRecord): Promise<void>;
  getAnswer(id: string): Promise<AnswerRecord | undefined>;
  /** Every answer record kept, oldest first (for moving a store to another backend). */
  listAnswers(): Promise<AnswerRecord[]>;
  /** Removes answer records sent before `before` (ISO); returns how many. Feedback entries stay. */
  pruneAnswers(before: string): Promise<number>;
  /** Adds the candidate unless one with its key exists; returns the stored one either way. */
  proposeCandidate(candidate: PhrasingCandidate): Promise<PhrasingCandidate>;
  getCandidate(id: string): Promise<PhrasingCandidate | undefined>;
  /** Candidates, oldest first, optionally of one status. */
  listCandidates(filter?: { status?: CandidateStatus }): Promise<PhrasingCandidate[]>;
  /**
   * Accepts or rejects a candidate that is still a candidate; undefined when it is unknown or already decided
   * (a decision is never overturned by a second call).
   */
  decideCandidate(id: string, decision: 'accepted' | 'rejected', at: string): Promise<PhrasingCandidate | undefined>;
}

/** One stored bot-state object; `eTag` follows botbuilder's optimistic concurrency rules. */
export type StateItem = Record<string, unknown> & { eTag?: string };

/** botbuilder's Storage semantics (teams-ai conversation state), without importing botbuilder. */
export interface BotStateRepository {
  read(keys: string[]): Promise<Record<string, StateItem>>;
  /** A write whose eTag is set, not "*", and differs from the stored one throws ConcurrencyError. */
  write(changes: Record<string, StateItem>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

export type OutboxStatus = 'pending' | 'done' | 'dead' | 'cancelled';

/** Something Baken sends on its own (a reminder, an alert, an escalation), sent by the outbox worker. */
export interface OutboxJob {
  id: string;
  /** What to do: the worker's handler name ("drafts.reminder"). */
  kind: string;
  /** Idempotency key, unique over all jobs: enqueueing the same key twice gives the first job. */
  key: string;
  payload: Record<string, unknown>;
  status: OutboxStatus;
  /** Not claimed before this instant (ISO). */
  dueAt: string;
  attempts: number;
  maxAttempts: number;
  /** The worker holding the job and until when; after that another worker may take it over. */
  leaseOwner?: string;
  leaseUntil?: string;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
  /** When it was done, dead-lettered or cancelled. */
  closedAt?: string;
}

export interface NewOutboxJob {
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  dueAt: string;
  /** Default 8. */
  maxAttempts?: number;
}

export interface ClaimRequest {
  owner: string;
  now: string;
  leaseMs: number;
  limit: number;
}

export interface OutboxRepository {
  /** Adds the job unless one with its key exists; returns the stored job either way. */
  enqueue(job: NewOutboxJob, now: string): Promise<OutboxJob>;
  /**
   * Leases up to `limit` pending jobs that are due and not leased by a live owner, oldest due first, and
   * counts an attempt on each. Two owners never hold the same job at once.
   */
  claim(request: ClaimRequest): Promise<OutboxJob[]>;
  /** Done, only when `owner` still holds the lease; false otherwise (someone else took it over). */
  complete(id: string, owner: string, now: string): Promise<boolean>;
  /** A failed attempt: back to pending at `retryAt`, or dead when retryAt is undefined. False when not held. */
  fail(id: string, owner: string, error: string, now: string, retryAt?: string): Promise<boolean>;
  /** Cancels a pending job by key (e.g. the draft was submitted before its reminder): true when one was. */
  cancel(key: string, now: string): Promise<boolean>;
  get(id: string): Promise<OutboxJob | undefined>;
  getByKey(key: string): Promise<OutboxJob | undefined>;
  list(filter?: { status?: OutboxStatus; kind?: string; limit?: number }): Promise<OutboxJob[]>;
  /**
   * A dead job, or a pending one no live worker holds, goes back to pending, due now, attempts reset; a job
   * under a live lease is left alone (its worker may be sending it): undefined, as for unknown or closed jobs.
   */
  retry(id: string, now: string): Promise<OutboxJob | undefined>;
  /** Removes done/cancelled jobs closed before `before`; returns how many. */
  prune(before: string): Promise<number>;
}

/** The repositories one unit of work sees. */
export interface Repositories {
  reports: ReportRepository;
  drafts: DraftRepository;
  profiles: ProfileRepository;
  conversations: ConversationRepository;
  feedback: FeedbackRepository;
  botState: BotStateRepository;
  outbox: OutboxRepository;
}

/** Every instant in the contract is an ISO string as Date.toISOString() writes it (UTC, milliseconds). */
export interface Store extends Repositories {
  readonly backend: 'lowdb' | 'postgres';
  /**
   * Runs `work` as one unit of work: everything it writes commits together, durably, before the promise
   * resolves; if it throws, nothing it wrote is kept. Outside a transaction every repository call is its own.
   * `work` may run more than once (PostgreSQL retries it on a deadlock or serialization failure), so it must
   * only touch the store — never send anything — and must not keep the `tx` repositories after it returns.
   */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Whether the store can take writes now (for /healthz): lowdb not stopped; PostgreSQL answering. */
  health(): Promise<{ ok: boolean; reason?: string }>;
  close(): Promise<void>;
}

/** The stored version moved on: read again and retry. */
export class ConcurrencyError extends Error {
  constructor(what: string) {
    super(`Concurrent change of ${what}: read it again and retry.`);
    this.name = 'ConcurrencyError';
  }
}

/** Runs a read-modify-write again when another writer got there first (ConcurrencyError), a few times. */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || i >= attempts) throw err;
    }
  }
}

/**
 * The store cannot do this now: after close; on lowdb after a failed write or a lost lock (the file store stops
 * rather than guess; restart it); on PostgreSQL when the server cannot be reached (for this call: the pool
 * reconnects for the next).
 */
export class StoreUnavailableError extends Error {
  constructor(reason: string) {
    super(`De gegevensopslag is niet beschikbaar: ${reason}. / The data store is unavailable: ${reason}.`);
    this.name = 'StoreUnavailableError';
  }
}

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_PAGE = 50;

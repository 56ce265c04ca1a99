import { randomUUID } from 'crypto';
import type { OutboxJob, Repositories, Store } from '../store/contract';
import type { Clock } from '../time';

/**
 * The outbox worker: everything Baken sends on its own (draft reminders; alerts and escalations later) is a
 * job in the store, written in the same unit of work as the change that causes it. Every instance runs a
 * worker; a job is leased by one worker at a time (a worker that dies loses its lease when it runs out), done
 * only after its handler succeeded, retried with exponential backoff and jitter on failures that may pass
 * (429, 5xx, network; Retry-After honoured), and dead-lettered after its last attempt or at once when the
 * failure will not pass (403, 404). Recurring work (the draft sweep) is a job per time slot with a key of
 * its own, so with several instances each slot still runs once.
 */

/** Why a send failed, and whether trying again may help. */
export class DeliveryError extends Error {
  constructor(message: string, readonly retryable: boolean = true, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface HandlerResult {
  /** Runs in the unit of work that marks the job done (e.g. "the reminder was delivered" on the draft). */
  afterDone?: (tx: Repositories) => Promise<void>;
}

/** Does the job's work; throws DeliveryError (or anything: retried) when it did not succeed. */
export type OutboxHandler = (job: OutboxJob) => Promise<HandlerResult | void>;

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RecurringJob {
  kind: string;
  everyMs: number;
}

export interface OutboxWorkerOptions {
  store: Store;
  clock: Clock;
  handlers: Record<string, OutboxHandler>;
  logger: WorkerLogger;
  recurring?: RecurringJob[];
  owner?: string;
  /** How long a claimed job is ours; default 2 minutes. */
  leaseMs?: number;
  batchSize?: number;
  /** How often to look for due jobs (real time); default 2 s. */
  pollMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
}

export interface RunSummary {
  done: number;
  retried: number;
  dead: number;
}

export interface OutboxWorker {
  readonly owner: string;
  /** Schedules recurring jobs, then claims and runs what is due now; never rejects. */
  runOnce(): Promise<RunSummary>;
  start(): void;
  /**
   * Something was queued that is due now (an alert): run soon instead of at the next poll. Only while started;
   * a run in progress is followed by one more.
   */
  wake(): void;
  /** Stops polling and waits for a run in progress. */
  stop(): Promise<void>;
}

const DEFAULT_BACKOFF = { baseMs: 30_000, maxMs: 6 * 3_600_000 };

/** The delay before attempt n+1: base·2^(n-1), capped, with full jitter over its upper half; never below Retry-After. */
export function backoffDelay(attempts: number, backoff = DEFAULT_BACKOFF, random: () => number = Math.random, retryAfterMs?: number): number {
  const exp = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(exp / 2 + (random() * exp) / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** The key of recurring job `kind` for the slot that contains `now`. */
export function slotKey(kind: string, everyMs: number, now: Date): { key: string; dueAt: string } {
  const start = new Date(Math.floor(now.getTime() / everyMs) * everyMs).toISOString();
  return { key: `${kind}@${start}`, dueAt: start };
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, clock, handlers, logger } = options;
  const owner = options.owner ?? `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 120_000;
  const batchSize = options.batchSize ?? 20;
  const random = options.random ?? Math.random;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RunSummary> | null = null;
  let stopped = false;
  let started = false;
  let again = false;

  async function runJob(job: OutboxJob, summary: RunSummary): Promise<void> {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new DeliveryError(`no handler for job kind ${job.kind}`, false);
      const result = (await handler(job)) ?? {};
      const at = clock.now().toISOString();
      await store.transaction(async (tx) => {
        if (!(await tx.outbox.complete(job.id, owner, at))) throw new Error('lease lost before the job was marked done');
        await result.afterDone?.(tx);
      });
      summary.done++;
    } catch (err) {
      const delivery = err instanceof DeliveryError ? err : undefined;
      const message = (err as Error).message ?? String(err);
      const at = clock.now();
      const giveUp = (delivery && !delivery.retryable) || job.attempts >= job.maxAttempts;
      const retryAt = giveUp ? undefined : new Date(at.getTime() + backoffDelay(job.attempts, options.backoff, random, delivery?.retryAfterMs)).toISOString();
      const recorded = await store.outbox.fail(job.id, owner, message.slice(0, 500), at.toISOString(), retryAt).catch(() => false);
      if (giveUp) {
        summary.dead++;
        logger.error({ jobId: job.id, kind: job.kind, attempts: job.attempts, error: message }, 'outbox job dead-lettered');
      } else {
        summary.retried++;
        logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, retryAt, error: message, recorded }, 'outbox job failed; will retry');
      }
    }
  }

  async function runOnceInner(): Promise<RunSummary> {
    const summary: RunSummary = { done: 0, retried: 0, dead: 0 };
    const now = clock.now();
    for (const r of options.recurring ?? []) {
      const { key, dueAt } = slotKey(r.kind, r.everyMs, now);
      await store.outbox.enqueue({ kind: r.kind, key, payload: {}, dueAt, maxAttempts: 3 }, now.toISOString());
    }
    // Jobs may cause jobs (the sweep queues reminders): claim again while there was work, a bounded number of rounds.
    for (let round = 0; round < 10 && !stopped; round++) {
      const jobs = await store.outbox.claim({ owner, now: clock.now().toISOString(), leaseMs, limit: batchSize });
      for (const job of jobs) await runJob(job, summary);
      if (jobs.length === 0) break;
    }
    return summary;
  }

  function runOnce(): Promise<RunSummary> {
    running ??= runOnceInner()
      .catch((err: unknown) => {
        logger.error({ err }, 'outbox run failed');
        return { done: 0, retried: 0, dead: 0 };
      })
      .finally(() => (running = null));
    return running;
  }

  const tick = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    void runOnce().finally(() => {
      if (stopped) return;
      const delay = again ? 0 : options.pollMs ?? 2000;
      again = false;
      timer = setTimeout(tick, delay).unref();
    });
  };

  return {
    owner,
    runOnce,
    start() {
      stopped = false;
      started = true;
      tick();
    },
    wake() {
      if (!started || stopped) return;
      if (running) again = true;
      else tick();
    },
    async stop() {
      stopped = true;
      started = false;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}

export const OUTBOX_PRUNE_JOB = 'outbox.prune';
/** Done and cancelled jobs are kept this long (for "was it sent?" questions), then removed; dead ones stay. */
export const KEEP_CLOSED_JOBS_MS = 30 * 24 * 3_600_000;

export function outboxPruneHandler(store: Store, clock: Clock): OutboxHandler {
  return async () => {
    await store.outbox.prune(new Date(clock.now().getTime() - KEEP_CLOSED_JOBS_MS).toISOString());
  };
}

/**
 * Ask in a worker thread. Answering a question is synchronous CPU work (a millisecond or two, more for a long
 * question, more again while the JIT is still compiling the index's code), and the bot answers on one event loop:
 * in process, every turn that arrives meanwhile waits for it, and at a hundred questions a second those waits are the
 * latency's tail. In the worker the event loop only hands the question over and takes the answer back; the same Ask
 * code (buildAsk: plans, index, directory) runs there, built once before the bot listens, as it was in process
 * (what the bot needs without the index is askCatalogue's). A failing question rejects that question only; a worker
 * that stops is started again (questions in flight fail, later ones wait for the new worker).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { DirectoryLogger } from '../directory';
import type { AskOptions } from './index';
import type { AskReply, AskService, SectionView } from './service';

/** Requests to the worker. */
export type ToWorker =
  | { op: 'ask'; id: number; schoolId: string; question: string }
  | { op: 'section'; id: number; docId: string; sectionId: string }
  | { op: 'planAppliesTo'; id: number; docId: string; schoolId: string };

/** A request before it gets its id. */
type Request = ToWorker extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

/** Messages from the worker. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'reply'; id: number; value?: unknown; error?: { name: string; message: string; stack?: string } }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; obj: object; msg?: string };

export interface RemoteAsk extends AskService {
  ask(schoolId: string, question: string): Promise<AskReply>;
  section(docId: string, sectionId: string): Promise<SectionView | undefined>;
  planAppliesTo(docId: string, schoolId: string): Promise<boolean>;
  /** Stops the worker; questions still in flight fail. */
  close(): Promise<void>;
}

export interface RemoteAskOptions extends Omit<AskOptions, 'logger'> {
  logger: DirectoryLogger;
  /** The worker's module (default worker.ts beside this file; tests give one that fails on purpose). */
  entry?: string;
}

/** A failed start is retried by the next question, not sooner than this. */
const RESTART_PAUSE_MS = 5_000;

/**
 * The worker runs src/ask/worker.ts through tsx's API, as `npm start` runs the rest of Baken: whether or not this
 * thread was started with tsx's loader (the tests are not: ts-jest compiles them). A build to JavaScript (worker.js
 * beside this file) is loaded the same way.
 */
const BOOTSTRAP = `
const { workerData } = require('worker_threads');
require(workerData.tsx).require(workerData.entry, workerData.entry);
`;

function workerEntry(): string {
  const ts = path.join(__dirname, 'worker.ts');
  return fs.existsSync(ts) ? ts : path.join(__dirname, 'worker.js');
}

interface Running {
  worker: Worker;
  /** False once the thread has stopped: a request is sent only to a running one. */
  alive: boolean;
}

/** Starts the Ask worker and resolves once its index is built (rejects with the worker's error, e.g. a broken plan). */
export async function startAskWorker(options: RemoteAskOptions): Promise<RemoteAsk> {
  const { logger, entry = workerEntry(), ...askOptions } = options;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let closing = false;
  let failedAt = 0;

  const spawn = (): Promise<Running> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(BOOTSTRAP, {
        eval: true,
        workerData: { tsx: require.resolve('tsx/cjs/api'), entry, ...askOptions },
      });
      let ready = false;
      let running: Running | undefined;
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          ready = true;
          // Only a question in flight keeps the process running: an idle worker (a bot whose start failed half-way) does not.
          worker.unref();
          running = { worker, alive: true };
          resolve(running);
        } else if (message.type === 'log') {
          logger[message.level](message.obj, message.msg);
        } else {
          const waiting = pending.get(message.id);
          if (!waiting) return;
          pending.delete(message.id);
          if (pending.size === 0) worker.unref();
          if (message.error) waiting.reject(Object.assign(new Error(message.error.message), message.error));
          else waiting.resolve(message.value);
        }
      });
      worker.on('error', (err) => {
        if (!ready) reject(err);
        else logger.error({ err }, 'the Ask worker failed');
      });
      worker.on('exit', (code) => {
        if (running) running.alive = false;
        if (!ready) return reject(new Error(`the Ask worker stopped before it was ready (exit code ${code})`));
        if (closing) return;
        for (const [id, waiting] of pending) {
          pending.delete(id);
          waiting.reject(new Error(`the Ask worker stopped (exit code ${code})`));
        }
        logger.error({ code }, 'the Ask worker stopped; starting a new one');
        current = start();
      });
    });

  const start = (): Promise<Running> => {
    const started = spawn();
    started.catch((err: unknown) => {
      failedAt = Date.now();
      if (!closing) logger.error({ err }, 'the Ask worker could not start');
    });
    return started;
  };

  let current = spawn();
  await current;

  async function request<T>(message: Request): Promise<T> {
    if (closing) throw new Error('Ask has stopped');
    if (failedAt && Date.now() - failedAt > RESTART_PAUSE_MS) {
      failedAt = 0;
      current = start();
    }
    let running = await current;
    // It stopped while this request waited: the new one is on its way.
    if (!running.alive) running = await current;
    const { worker } = running;
    const id = ++nextId;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ ...message, id });
    });
  }

  return {
    ask: (schoolId, question) => request<AskReply>({ op: 'ask', schoolId, question }),
    section: (docId, sectionId) => request<SectionView | undefined>({ op: 'section', docId, sectionId }),
    planAppliesTo: (docId, schoolId) => request<boolean>({ op: 'planAppliesTo', docId, schoolId }),
    async close() {
      closing = true;
      const running = await current.catch(() => undefined);
      await running?.worker.terminate();
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(new Error('Ask has stopped'));
      }
    },
  };
}

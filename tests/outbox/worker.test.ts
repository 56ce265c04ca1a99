import * as path from 'path';
import { createOutboxWorker } from '../../src/outbox/worker';
import { openStore, type Store } from '../../src/store';
import { testClock } from '../support/clock';
import { makeTempDir } from '../support/temp-dir';

/**
 * The worker's wake(): a unit of work that queued something due now (an alert) makes the worker run at once
 * instead of at its next poll. The poll here is an hour, so only wake() can make the job run within the test.
 */
describe('outbox worker wake()', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let store: Store;
  beforeEach(async () => {
    tmp = makeTempDir('baken-worker-');
    store = await openStore({ dataFile: path.join(tmp.dir, 'baken.json') });
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

  test('a job queued after the first poll runs on wake(), not an hour later; wake() during a run runs once more', async () => {
    const clock = testClock();
    const ran: string[] = [];
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let done: (() => void) | undefined;
    const bothDone = new Promise<void>((resolve) => (done = resolve));
    const worker = createOutboxWorker({
      store, clock, logger: silent, pollMs: 3_600_000,
      handlers: {
        test: async (job) => {
          ran.push(job.key);
          if (job.key === 'a') await gate;
          if (ran.length === 2) done!();
        },
      },
    });
    worker.start();
    await worker.runOnce(); // the first poll has run (nothing queued yet)
    const now = clock.now().toISOString();
    await store.outbox.enqueue({ kind: 'test', key: 'a', payload: {}, dueAt: now }, now);
    worker.wake();
    // While 'a' runs, 'b' is queued and wake() is called again: it must run right after, not at the next poll.
    while (!ran.includes('a')) await new Promise((r) => setImmediate(r));
    await store.outbox.enqueue({ kind: 'test', key: 'b', payload: {}, dueAt: now }, now);
    worker.wake();
    release!();
    await bothDone;
    expect(ran).toEqual(['a', 'b']);
    await worker.stop();
  });

  test('wake() before start() or after stop() does nothing', async () => {
    const clock = testClock();
    const ran: string[] = [];
    const worker = createOutboxWorker({ store, clock, logger: silent, pollMs: 3_600_000, handlers: { test: async (job) => void ran.push(job.key) } });
    const now = clock.now().toISOString();
    await store.outbox.enqueue({ kind: 'test', key: 'x', payload: {}, dueAt: now }, now);
    worker.wake();
    await new Promise((r) => setTimeout(r, 50));
    expect(ran).toEqual([]);
    worker.start();
    await worker.stop();
    ran.length = 0;
    await store.outbox.enqueue({ kind: 'test', key: 'y', payload: {}, dueAt: now }, now);
    worker.wake();
    await new Promise((r) => setTimeout(r, 50));
    expect(ran).toEqual([]);
  });
});

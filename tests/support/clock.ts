import { ManualClock } from '../../src/time';

/** Tests never read the real clock: every bot and store under test runs on this fixed instant (a Tuesday in March). */
export const TEST_NOW = '2026-03-10T09:00:00Z';

export const testClock = (at: string = TEST_NOW): ManualClock => new ManualClock(at);

/**
 * libfaketime fakes the clock but not file modification times, so a lock's mtime-based staleness cannot be
 * tested under it: tests of lock staleness are named "… lock …" and use this instead of `test`.
 */
export const lockTest: typeof test = process.env.FAKETIME ? test.skip : test;

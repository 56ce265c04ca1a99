import * as path from 'path';
import { main } from '../../src/cli/outbox';
import { openLowdbStore } from '../../src/store/lowdb';
import { makeTempDir } from '../support/temp-dir';

describe('npm run outbox (admin: undelivered jobs)', () => {
  test('list shows a dead letter while the store is open elsewhere; retry (store closed) brings it back', async () => {
    const tmp = makeTempDir();
    const dataFile = path.join(tmp.dir, 'baken.json');
    const env = { DATA_FILE: dataFile };
    try {
      const store = await openLowdbStore(dataFile);
      const job = await store.outbox.enqueue({ kind: 'drafts.reminder', key: 'k', payload: { draftId: 'd' }, dueAt: '2026-03-10T09:00:00.000Z', maxAttempts: 1 }, '2026-03-10T09:00:00.000Z');
      await store.outbox.claim({ owner: 'w', now: '2026-03-10T09:00:00.000Z', leaseMs: 60_000, limit: 1 });
      await store.outbox.fail(job.id, 'w', 'Bot Connector answered 403', '2026-03-10T09:00:01.000Z');
      // The bot still holds the lock: listing reads without it.
      const out: string[] = [];
      expect(await main(['list', '--status', 'dead'], (s) => out.push(s), env)).toBe(0);
      expect(out.join('\n')).toContain('1 niet bezorgd');
      expect(out.join('\n')).toContain(job.id);
      expect(out.join('\n')).toContain('10 maart 2026, 10:00');
      await store.close();
      const retried: string[] = [];
      expect(await main(['retry', job.id], (s) => retried.push(s), env)).toBe(0);
      expect(retried.join('\n')).toContain('Opnieuw ingepland');
      expect(await main(['retry', 'nope'], () => undefined, env)).toBe(1);
      const again = await openLowdbStore(dataFile);
      expect(await again.outbox.get(job.id)).toMatchObject({ status: 'pending', attempts: 0 });
      await again.close();
      expect(await main(['explode'], () => undefined, env)).toBe(64);
    } finally {
      tmp.cleanup();
    }
  });
});

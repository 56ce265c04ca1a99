/** Child-process fixture: opens the lowdb store on argv[2], writes one profile, says "ready", then waits to be killed. */
import { openLowdbStore } from '../../src/store/lowdb';

async function main(): Promise<void> {
  const store = await openLowdbStore(process.argv[2]);
  await store.profiles.put('child', { locale: 'held', updatedAt: '2026-03-10T09:00:00.000Z' });
  process.stdout.write('ready\n');
  setInterval(() => undefined, 60_000);
}

main().catch((err: Error) => {
  process.stdout.write(`error ${err.name}: ${err.message}\n`);
  process.exit(1);
});

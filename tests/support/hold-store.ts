/** Child-process fixture: opens a DataStore on argv[2], writes one value, says "ready", then waits to be killed. */
import { DataStore } from '../../src/store';

async function main(): Promise<void> {
  const store = await DataStore.open(process.argv[2]);
  await store.collection<{ n: number }>('child', () => ({ n: 0 })).update((c) => { c.n += 1; });
  process.stdout.write('ready\n');
  setInterval(() => undefined, 60_000);
}

main().catch((err: Error) => {
  process.stdout.write(`error ${err.name}: ${err.message}\n`);
  process.exit(1);
});

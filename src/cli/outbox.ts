/**
 * Admin commands for the outbox (what Baken sends on its own: reminders; alerts later).
 *   npm run outbox -- list [--status pending|done|dead|cancelled] [--kind K] [--limit N] [--json]
 *     (without --status: the dead and pending jobs, the ones that need attention)
 *   npm run outbox -- retry <job id>
 * Uses the store the bot uses (DATABASE_URL, else DATA_FILE). With the lowdb file store, `list` works while
 * Baken runs (it reads without the lock); `retry` writes, so it needs the lock: stop Baken first. With
 * PostgreSQL both work at any time. Jobs carry ids and kinds, never message texts.
 */
import { loadStoreConfig } from '../config';
import { openStore, type OutboxJob, type OutboxStatus, type Store } from '../store';
import { openLowdbStore } from '../store/lowdb';
import { formatDateTime, systemClock } from '../time';
import { runCli } from './run';

const STATUSES: OutboxStatus[] = ['pending', 'done', 'dead', 'cancelled'];

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const USAGE = 'gebruik / usage:\n  npm run outbox -- list [--status pending|done|dead|cancelled] [--kind K] [--limit N] [--json]\n  npm run outbox -- retry <job id>';

function line(job: OutboxJob): string {
  const when = job.status === 'pending' ? `volgende poging ${formatDateTime(job.dueAt)}` : `${job.status} sinds ${formatDateTime(job.closedAt ?? job.updatedAt)}`;
  return `${job.id}  ${job.status.padEnd(9)} ${job.kind.padEnd(18)} pogingen ${job.attempts}/${job.maxAttempts}  ${when}${job.lastError ? `  laatste fout: ${job.lastError}` : ''}`;
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(`${s}\n`), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'list' && command !== 'retry') {
    out(USAGE);
    return 64;
  }
  const config = loadStoreConfig(env);
  let store: Store;
  if (command === 'list' && !config.databaseUrl) store = await openLowdbStore(config.dataFile, { readOnly: true });
  else store = await openStore({ dataFile: config.dataFile, databaseUrl: config.databaseUrl });
  try {
    if (command === 'list') {
      const status = option(rest, '--status') as OutboxStatus | undefined;
      if (status && !STATUSES.includes(status)) {
        out(`--status moet een van ${STATUSES.join(', ')} zijn`);
        return 64;
      }
      // Without --status: what needs attention (dead, then pending), not the history of done sweeps.
      const limit = Number(option(rest, '--limit') ?? 200);
      const kind = option(rest, '--kind');
      const jobs = status
        ? await store.outbox.list({ status, kind, limit })
        : [...(await store.outbox.list({ status: 'dead', kind })), ...(await store.outbox.list({ status: 'pending', kind }))].slice(0, limit);
      if (rest.includes('--json')) for (const job of jobs) out(JSON.stringify(job));
      else {
        const dead = (await store.outbox.list({ status: 'dead', kind })).length;
        out(`${jobs.length} ${status ? `taken (${status})` : 'taken die wachten of niet bezorgd zijn'}${dead ? `; ${dead} niet bezorgd (dead letter): herhaal met npm run outbox -- retry <id>` : ''}`);
        for (const job of jobs) out(line(job));
      }
      return 0;
    }
    const id = rest[0];
    if (!id) {
      out(USAGE);
      return 64;
    }
    const job = await store.outbox.retry(id, systemClock.now().toISOString());
    if (!job) {
      out(`Geen taak ${id} die opnieuw kan (alleen taken die wachten of niet bezorgd zijn).`);
      return 1;
    }
    out(`Opnieuw ingepland: ${line(job)}`);
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) runCli(main);

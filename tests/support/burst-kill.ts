import type { ManagedProcess } from '../../scripts/lib/processes';
import { cardsOf, type RecordingConnector } from './recording-connector';

const REPORT_ID = /Melding ([A-Z]{2,5}-\d{4}-\d{4,}) is opgeslagen/;

/** Every report id whose confirmation card reached the connector (the bot sends it only after the durable write). */
export function confirmedReportIds(connector: RecordingConnector): string[] {
  return connector.activities
    .flatMap((a) => cardsOf(a.activity))
    .map((c) => REPORT_ID.exec(JSON.stringify(c))?.[1])
    .filter((id): id is string => Boolean(id));
}

/**
 * Runs `burst` while watching `when`: as soon as it holds, the process group gets SIGKILL (once). After the burst
 * the process is killed anyway and its exit awaited, so the caller always looks at a dead process's files.
 */
export async function killDuringBurst<T>(target: ManagedProcess, when: () => boolean, burst: () => Promise<T>): Promise<T> {
  let killed = false;
  const kill = () => {
    if (killed || target.child.pid === undefined) return;
    killed = true;
    process.kill(-target.child.pid, 'SIGKILL');
  };
  const watcher = setInterval(() => {
    if (when()) kill();
  }, 1);
  try {
    return await burst();
  } finally {
    clearInterval(watcher);
    kill();
    await target.exited;
  }
}

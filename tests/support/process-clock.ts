import * as fs from 'fs';
import * as path from 'path';

/**
 * Moving the wall clock of real `npm start` processes, without any hook in src/: libfaketime (the Debian package
 * `libfaketime`, the library behind `faketime … npm test`) preloaded into the bot processes, reading its offset
 * from a file this test owns. Writing a new offset moves every process started with `env()` forward together
 * (each re-reads the file at most once a second). Monotonic time is left alone (DONT_FAKE_MONOTONIC), so the
 * outbox worker still polls every 2 real seconds and timeouts behave; file times are not faked (NO_FAKE_STAT).
 * PostgreSQL never sees it: the cluster is started without these variables and the store never reads its clock.
 */

const CANDIDATES = ['/usr/lib/x86_64-linux-gnu/faketime', '/usr/lib/aarch64-linux-gnu/faketime', '/usr/lib/faketime', '/usr/local/lib/faketime'];

/** The multithreaded libfaketime (node runs threads), or undefined when the package is not installed. */
export function findLibfaketime(): string | undefined {
  for (const dir of CANDIDATES) {
    const lib = path.join(dir, 'libfaketimeMT.so.1');
    if (fs.existsSync(lib)) return lib;
  }
  return undefined;
}

export class ProcessClock {
  private offsetMs = 0;
  private constructor(private readonly lib: string, readonly file: string) {}

  /** A clock at the real time (offset 0), its offset file in `dir`. Fails with the package to install when missing. */
  static create(dir: string): ProcessClock {
    const lib = findLibfaketime();
    if (!lib) throw new Error('libfaketime is not installed: apt-get install libfaketime (moves the clock of the bot processes in this test)');
    const clock = new ProcessClock(lib, path.join(dir, 'faketime-offset'));
    clock.write();
    return clock;
  }

  /** Environment for startBot: the preload and the offset file. Any FAKETIME of the test run itself is dropped. */
  env(): NodeJS.ProcessEnv {
    return {
      LD_PRELOAD: this.lib,
      FAKETIME: undefined,
      FAKETIME_TIMESTAMP_FILE: this.file,
      FAKETIME_CACHE_DURATION: '1',
      DONT_FAKE_MONOTONIC: '1',
      NO_FAKE_STAT: '1',
    };
  }

  /** Moves every process's wall clock `ms` further (visible to them within about a second). */
  advance(ms: number): void {
    this.offsetMs += ms;
    this.write();
  }

  /** The offset the processes are at, in milliseconds. */
  get offset(): number {
    return this.offsetMs;
  }

  /** What the processes read as now (give or take the second before they re-read the file). */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  private write(): void {
    // libfaketime: "+<seconds>" is an offset from the real time that keeps ticking. Write then rename: a reader
    // never sees a half-written file.
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, `+${Math.round(this.offsetMs / 1000)}\n`);
    fs.renameSync(tmp, this.file);
  }
}

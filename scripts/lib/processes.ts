/**
 * Child-process plumbing shared by `npm run dev`, the end-to-end harness and the benchmarks:
 * free loopback ports, spawning with captured output, bounded readiness waits, clean teardown.
 */
import { ChildProcess, spawn } from 'child_process';
import * as http from 'http';
import * as net from 'net';

/** Asks the OS for a free loopback port. Small race until the child binds it; fine for tests. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last lines the process printed (stdout and stderr), for error messages. */
  tail(lines?: number): string;
  /** Resolves with the first output line matching `pattern`, or rejects after `timeoutMs` or on exit. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
  readonly exited: Promise<number | null>;
}

export interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Copy the child's output to this process's stdout/stderr (dev script) instead of only buffering it. */
  echo?: boolean;
}

const MAX_BUFFERED_LINES = 400;

/**
 * Spawns `command args` in its own process group (so teardown reaches any grandchildren),
 * keeping the last lines of its output.
 */
export function spawnManaged(name: string, command: string, args: string[], options: SpawnOptions): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const watchers = new Set<(line: string) => void>();
  const onChunk = (stream: NodeJS.WriteStream) => {
    let partial = '';
    return (chunk: Buffer) => {
      if (options.echo) stream.write(chunk);
      const text = partial + chunk.toString('utf8');
      const parts = text.split(/\r?\n/);
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > MAX_BUFFERED_LINES) lines.shift();
        for (const watch of watchers) watch(line);
      }
    };
  };
  child.stdout?.on('data', onChunk(process.stdout));
  child.stderr?.on('data', onChunk(process.stderr));

  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code, signal) => {
      exitCode = code ?? (signal ? null : 0);
      resolve(exitCode);
    });
    child.on('error', (error) => {
      lines.push(`[spawn error] ${error.message}`);
      exitCode = null;
      resolve(null);
    });
  });

  const tail = (count = 40) => lines.slice(-count).join('\n');

  const waitForOutput = (pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      for (const line of lines) {
        const match = line.match(pattern);
        if (match) return resolve(match);
      }
      const timer = setTimeout(() => finish(new Error(`${name}: no output matching ${pattern} within ${timeoutMs} ms\n${tail()}`)), timeoutMs);
      const watch = (line: string) => {
        const match = line.match(pattern);
        if (match) finish(undefined, match);
      };
      const finish = (error?: Error, match?: RegExpMatchArray) => {
        clearTimeout(timer);
        watchers.delete(watch);
        if (match) resolve(match);
        else reject(error);
      };
      watchers.add(watch);
      void exited.then((code) => finish(new Error(`${name} exited (${code}) before printing ${pattern}\n${tail()}`)));
    });

  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || exitCode !== undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };

  const stop = async (graceMs = 5000) => {
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  return { name, child, tail, waitForOutput, stop, exited };
}

/** GET `url` once; resolves with status and body, never throws (status 0 on connection errors). */
export function httpGet(url: string, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', () => resolve({ status: 0, body: '' }));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve({ status: 0, body: '' }));
  });
}

/**
 * Polls `url` until `accept(status, body)` holds. Fails after `timeoutMs`, or at once when `process` exits.
 */
export async function waitForHttp(
  url: string,
  accept: (status: number, body: string) => boolean,
  timeoutMs: number,
  process?: ManagedProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void process?.exited.then(() => (exited = true));
  let last = { status: 0, body: '' };
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${process?.name} exited before ${url} was ready\n${process?.tail()}`);
    last = await httpGet(url);
    if (accept(last.status, last.body)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms (last status ${last.status})\n${process?.tail() ?? ''}`);
}

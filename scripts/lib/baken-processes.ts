/**
 * Starts Baken (exactly what `npm start` runs) and the Microsoft 365 Agents Playground as child processes.
 * Used by `npm run dev` and by the end-to-end harness in tests/e2e.
 */
import * as path from 'path';
import { freePort, ManagedProcess, spawnManaged, waitForHttp } from './processes';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** The playground's default port; it falls back to a random one when taken, so read the real one from its output. */
export const DEFAULT_PLAYGROUND_PORT = 56150;

/** Bot start is about 2 s on this machine; generous because CI may share the 2 cores with other work. */
const BOT_READY_TIMEOUT_MS = 60_000;
const PLAYGROUND_READY_TIMEOUT_MS = 30_000;

export interface BotProcess {
  process: ManagedProcess;
  port: number;
  /** http://127.0.0.1:<port>/api/messages */
  endpoint: string;
}

export interface StartBotOptions {
  /** 0 or absent: a free loopback port. */
  port?: number;
  dataFile: string;
  /** Extra environment (KNOWLEDGE_DIR, LOG_LEVEL, …). */
  env?: NodeJS.ProcessEnv;
  echo?: boolean;
  /** Entry file relative to the project root; default the production entry src/index.ts. */
  entry?: string;
}

/** Environment for a local bot: no Bot Framework credentials, because the playground sends no auth header. */
function localBotEnv(extra: NodeJS.ProcessEnv | undefined, port: number, dataFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.BOT_ID;
  delete env.BOT_PASSWORD;
  delete env.BOT_TENANT_ID;
  delete env.ALLOWED_TENANT_IDS;
  // jest sets NODE_ENV=test; the bot should behave as `npm start` does on a developer machine.
  env.NODE_ENV = 'development';
  // The explicit local switch: unauthenticated, loopback only (src/config.ts refuses to start without it).
  return { ...env, BAKEN_AUTH: 'off', PORT: String(port), DATA_FILE: dataFile, ...extra };
}

/** Runs `src/index.ts` through tsx's loader in one node process (no tsx wrapper process to orphan). */
export async function startBot(options: StartBotOptions): Promise<BotProcess> {
  const port = options.port || (await freePort());
  // BAKEN_CPU_PROFILE_DIR: the bot writes a V8 CPU profile there when it stops (to see where a benchmark's time goes).
  const profile = process.env.BAKEN_CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BAKEN_CPU_PROFILE_DIR}`] : [];
  const bot = spawnManaged('baken', process.execPath, [...profile, '--import', 'tsx', options.entry ?? 'src/index.ts'], {
    cwd: PROJECT_ROOT,
    env: localBotEnv(options.env, port, options.dataFile),
    echo: options.echo,
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, (status) => status === 200, BOT_READY_TIMEOUT_MS, bot);
  } catch (error) {
    await bot.stop();
    throw error;
  }
  return { process: bot, port, endpoint: `http://127.0.0.1:${port}/api/messages` };
}

export interface PlaygroundProcess {
  process: ManagedProcess;
  port: number;
  /** http://localhost:<port> — the UI and the browserless API. */
  url: string;
}

export interface StartPlaygroundOptions {
  botEndpoint: string;
  /** 0 or absent: a free loopback port. */
  port?: number;
  echo?: boolean;
}

export async function startPlayground(options: StartPlaygroundOptions): Promise<PlaygroundProcess> {
  const requestedPort = options.port || (await freePort());
  const cli = path.join(PROJECT_ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  const playground = spawnManaged(
    'agents-playground',
    process.execPath,
    [cli, '--app-endpoint', options.botEndpoint, '--channel-id', 'msteams', '--port', String(requestedPort), '--disable-telemetry'],
    // TEAMSAPPTESTER_BROWSER=none: never open a browser of its own.
    { cwd: PROJECT_ROOT, env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' }, echo: options.echo },
  );
  try {
    const [, listening] = await playground.waitForOutput(/Listening on (\d+)/, PLAYGROUND_READY_TIMEOUT_MS);
    const port = Number(listening);
    const url = `http://localhost:${port}`;
    await waitForHttp(`http://127.0.0.1:${port}/_debug/ping`, (status, body) => status === 200 && body.trim() === 'pong', PLAYGROUND_READY_TIMEOUT_MS, playground);
    return { process: playground, port, url };
  } catch (error) {
    await playground.stop();
    throw error;
  }
}

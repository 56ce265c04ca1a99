/**
 * The Agents Playground's mock users (`.m365agentsplayground.yml` at the repo root) and how to act as one of them.
 *
 * The playground has exactly one current user: its UI has no user switch, and its browserless API refuses a
 * message `from` anyone else in the personal chat (400 UserNotFound; measured with 0.2.28, see
 * docs/development.md). So "act as the director" means: run a playground whose currentUser is the director. This
 * module derives that config from the repo's file (the chosen user becomes currentUser, the former current user
 * takes her place in `users`, the personal chat gets its own id, as every Teams user has her own 1:1 chat with
 * the bot) and starts a playground with it (M365_AGENTS_PLAYGROUND_CONFIG_PATH; its log in the same temp dir). Several such playgrounds can
 * talk to one bot at once: each has its own serviceUrl, so replies and proactive messages reach the right one.
 *
 * Used by `npm run dev -- --as director` (scripts/dev.ts) and the end-to-end tests (roles.e2e.test.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import matter from 'gray-matter';
import { PROJECT_ROOT, PlaygroundProcess, startPlayground, StartPlaygroundOptions } from './baken-processes';

/** The file the playground reads from its working directory (the repo root) when no path is given. */
export const PLAYGROUND_CONFIG_FILE = path.join(PROJECT_ROOT, '.m365agentsplayground.yml');

/** The environment variable the playground (0.2.28) reads its config path from. */
export const PLAYGROUND_CONFIG_ENV = 'M365_AGENTS_PLAYGROUND_CONFIG_PATH';

/** Short names for the mock users that knowledge/people.dev.json gives roles (by AAD object id). */
export const MOCK_USER_ALIASES: Readonly<Record<string, string>> = {
  teacher: '00000000-0000-0000-0000-0000000000a1',
  leerkracht: '00000000-0000-0000-0000-0000000000a1',
  director: '00000000-0000-0000-0000-0000000000a2',
  directeur: '00000000-0000-0000-0000-0000000000a2',
  board: '00000000-0000-0000-0000-0000000000a3',
  bestuur: '00000000-0000-0000-0000-0000000000a3',
};

export interface MockUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

/** The parts of the playground's config file (schema 0.1.1) this module reads or changes; the rest is kept. */
export interface PlaygroundConfigFile {
  version: string;
  tenantId: string;
  currentUser: MockUser;
  users: MockUser[];
  personalChat: { id: string };
  [key: string]: unknown;
}

/** Reads a playground config file (YAML, parsed with gray-matter's YAML engine, a dependency already). */
export function readPlaygroundConfig(file: string = PLAYGROUND_CONFIG_FILE): PlaygroundConfigFile {
  const text = fs.readFileSync(file, 'utf8');
  const data = matter(`---\n${text}\n---\n`).data as Partial<PlaygroundConfigFile>;
  if (!data.currentUser || !Array.isArray(data.users) || !data.personalChat) {
    throw new Error(`${file}: not an Agents Playground config (needs currentUser, users, personalChat)`);
  }
  return data as PlaygroundConfigFile;
}

/** Every mock user of the config, the current user first. */
export function mockUsers(config: PlaygroundConfigFile = readPlaygroundConfig()): MockUser[] {
  return [config.currentUser, ...config.users];
}

/** Finds a mock user by alias (teacher, director, board), user id, AAD object id or first name (any case). */
export function findMockUser(who: string, config: PlaygroundConfigFile = readPlaygroundConfig()): MockUser {
  const wanted = who.trim().toLowerCase();
  const aad = MOCK_USER_ALIASES[wanted]?.toLowerCase();
  const user = mockUsers(config).find(
    (u) => u.aadObjectId.toLowerCase() === (aad ?? wanted) || u.id.toLowerCase() === wanted || u.givenName.toLowerCase() === wanted,
  );
  if (!user) {
    const known = mockUsers(config).map((u) => `${u.givenName} (${u.id})`).join(', ');
    throw new Error(`no mock user "${who}" in the playground config; aliases: ${Object.keys(MOCK_USER_ALIASES).join(', ')}; users: ${known}`);
  }
  return user;
}

/** The config with `who` as current user (and her own personal chat); unchanged when she already is. */
export function configAs(who: string, config: PlaygroundConfigFile = readPlaygroundConfig()): PlaygroundConfigFile {
  const user = findMockUser(who, config);
  if (user.id === config.currentUser.id) return config;
  return {
    ...config,
    currentUser: user,
    // The schema wants exactly five other users: the former current user takes the chosen user's place.
    users: config.users.map((u) => (u.id === user.id ? config.currentUser : u)),
    personalChat: { id: `personal-chat-${user.id}` },
  };
}

/** Writes the config for `who` into `dir` (JSON, which is YAML too) and returns its path. */
export function writeConfigAs(who: string, dir: string, config?: PlaygroundConfigFile): string {
  const derived = configAs(who, config);
  const file = path.join(dir, `m365agentsplayground.${derived.currentUser.id}.yml`);
  fs.writeFileSync(file, `${JSON.stringify(derived, null, 2)}\n`);
  return file;
}

export interface PlaygroundAs extends PlaygroundProcess {
  user: MockUser;
  /** The derived config file and the playground's log, in a temp dir that stop() removes. */
  configFile: string;
  logFile: string;
  stop(): Promise<void>;
}

/** The environment variable the playground (0.2.28) reads its log file path from. */
export const PLAYGROUND_LOG_ENV = 'M365_AGENTS_PLAYGROUND_LOGFILE';

/** Where a playground started from the repo root logs by default (the file is rewritten at every start). */
export const DEFAULT_PLAYGROUND_LOG = path.join(PROJECT_ROOT, 'devTools', 'm365agentsplayground.log');

/**
 * Runs `start`; when it fails, the error also carries the errors in the playground's log. A playground that refuses
 * its config prints only "Listening on …" and exits 1: the reason (e.g. `YAML path "/users": must NOT have fewer
 * than 5 items`) is only in its log file.
 */
export async function explainPlaygroundFailure<T>(start: () => Promise<T>, logFile: string = DEFAULT_PLAYGROUND_LOG): Promise<T> {
  try {
    return await start();
  } catch (error) {
    let reasons: string[] = [];
    try {
      reasons = fs.readFileSync(logFile, 'utf8').split('\n').filter((line) => line.startsWith('error ')).slice(-4);
    } catch {
      // No log: nothing to add.
    }
    if (reasons.length === 0) throw error;
    const shown = logFile.startsWith(PROJECT_ROOT + path.sep) ? path.relative(PROJECT_ROOT, logFile) : 'the playground log';
    throw new Error(`${(error as Error).message}\n${shown}:\n  ${reasons.join('\n  ')}`);
  }
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

let starting: Promise<unknown> = Promise.resolve();

/**
 * Starts a playground whose current user is `who` (see configAs). startPlayground passes this process's
 * environment to the child, so the config path is set on process.env for the duration of the spawn; starts are
 * serialised so two of them never see each other's path.
 */
export function startPlaygroundAs(who: string, options: StartPlaygroundOptions): Promise<PlaygroundAs> {
  const run = async (): Promise<PlaygroundAs> => {
    const config = readPlaygroundConfig();
    const user = findMockUser(who, config);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-playground-'));
    const configFile = writeConfigAs(who, dir, config);
    const logFile = path.join(dir, 'playground.log');
    const previous = { config: process.env[PLAYGROUND_CONFIG_ENV], log: process.env[PLAYGROUND_LOG_ENV] };
    process.env[PLAYGROUND_CONFIG_ENV] = configFile;
    process.env[PLAYGROUND_LOG_ENV] = logFile;
    let playground: PlaygroundProcess;
    try {
      playground = await explainPlaygroundFailure(() => startPlayground(options), logFile);
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    } finally {
      restoreEnv(PLAYGROUND_CONFIG_ENV, previous.config);
      restoreEnv(PLAYGROUND_LOG_ENV, previous.log);
    }
    return {
      ...playground,
      user,
      configFile,
      logFile,
      stop: async () => {
        await playground.process.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  };
  const result = starting.then(run, run);
  starting = result.catch(() => undefined);
  return result;
}

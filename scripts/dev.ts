/**
 * `npm run dev`: Baken (the same entry as `npm start`, with its embedded defaults: shipped knowledge/,
 * lowdb file under data/) plus the Microsoft 365 Agents Playground on loopback. Prints the URL to open.
 * Ctrl-C stops both.
 *
 * The playground runs as the current user of `.m365agentsplayground.yml` (Sanne de Vries, a teacher); its mock
 * users get their roles from knowledge/people.dev.json. It cannot switch users, so to act as someone else start
 * it as her: `npm run dev -- --as director` (or `board`, a user id, a first name), or one playground per user
 * with `--as teacher,director` (ports 56150, 56151, …), all talking to the same Baken. See docs/development.md.
 */
import * as net from 'net';
import * as path from 'path';
import { DEFAULT_PLAYGROUND_PORT, PlaygroundProcess, PROJECT_ROOT, startBot, startPlayground, BotProcess } from './lib/baken-processes';
import { freePort } from './lib/processes';
import { explainPlaygroundFailure, findMockUser, MOCK_USER_ALIASES, readPlaygroundConfig, startPlaygroundAs } from './lib/playground-users';

const DEFAULT_BOT_PORT = 3978;

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function chooseBotPort(): Promise<number> {
  if (process.env.PORT) return Number(process.env.PORT);
  if (await isPortFree(DEFAULT_BOT_PORT)) return DEFAULT_BOT_PORT;
  const port = await freePort();
  console.log(`[dev] port ${DEFAULT_BOT_PORT} is taken; the bot uses ${port}`);
  return port;
}

/** `--as director` / `--as=teacher,director`: the mock users to run a playground for; undefined = the file's current user. */
function playgroundUsersFromArgs(argv: string[]): string[] | undefined {
  const at = argv.findIndex((arg) => arg === '--as' || arg.startsWith('--as='));
  if (at < 0) return undefined;
  const value = argv[at].startsWith('--as=') ? argv[at].slice('--as='.length) : argv[at + 1];
  const users = (value ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (users.length === 0) throw new Error(`--as needs one or more mock users, e.g. --as director or --as teacher,director (aliases: ${Object.keys(MOCK_USER_ALIASES).join(', ')})`);
  return users;
}

async function main(): Promise<void> {
  const dataFile = process.env.DATA_FILE ?? 'data/baken.json';
  let bot: BotProcess | undefined;
  const playgrounds: Array<{ stop(): Promise<void> }> = [];
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\n[dev] stopping…');
    await Promise.all([...playgrounds.map((p) => p.stop()), bot?.process.stop()]);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const asUsers = playgroundUsersFromArgs(process.argv.slice(2));
    // Fail before starting anything when a name is unknown (the message lists the mock users).
    const config = readPlaygroundConfig();
    const users = (asUsers ?? [config.currentUser.id]).map((who) => findMockUser(who, config));
    const port = await chooseBotPort();
    console.log(`[dev] starting Baken on http://127.0.0.1:${port} (data: ${dataFile})…`);
    // Local development: the Agents Playground's mock users get roles from the dev people file.
    bot = await startBot({ port, dataFile, echo: true, env: { PEOPLE_FILE: path.join(PROJECT_ROOT, 'knowledge', 'people.dev.json') } });
    void bot.process.exited.then((code) => {
      if (!stopping) console.error(`[dev] Baken exited (${code}); stopping the playground.`);
      void shutdown(1);
    });

    const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? DEFAULT_PLAYGROUND_PORT);
    const urls: string[] = [];
    for (const [index, user] of users.entries()) {
      console.log(`[dev] starting Microsoft 365 Agents Playground as ${user.name}…`);
      const options = { botEndpoint: bot.endpoint, port: playgroundPort ? playgroundPort + index : 0, echo: true };
      // Without --as: the repo's .m365agentsplayground.yml as it is (the playground reads it from the repo root).
      const started: PlaygroundProcess & { stop(): Promise<void> } = asUsers
        ? await startPlaygroundAs(user.id, options)
        : await explainPlaygroundFailure(() => startPlayground(options)).then((p) => ({ ...p, stop: () => p.process.stop() }));
      playgrounds.push(started);
      urls.push(`${started.url}  (${user.name}, ${user.aadObjectId})`);
      void started.process.exited.then((code) => {
        if (!stopping) console.error(`[dev] Agents Playground (${user.name}) exited (${code}); stopping Baken.`);
        void shutdown(1);
      });
    }

    console.log('');
    console.log(`  Baken is running. Open ${urls.length > 1 ? 'these' : 'this'} in your browser to chat with it:`);
    for (const url of urls) console.log(`    ${url}`);
    console.log('  Roles: knowledge/people.dev.json. Another user: npm run dev -- --as director (or board, or teacher,director).');
    console.log(`  Bot endpoint: ${bot.endpoint}   health: http://127.0.0.1:${port}/healthz`);
    console.log('  Press Ctrl-C to stop.');
    console.log('');
  } catch (error) {
    console.error(`[dev] ${(error as Error).message}`);
    await shutdown(1);
  }
}

void main();

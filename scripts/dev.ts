/**
 * `npm run dev`: Baken (the same entry as `npm start`, with its embedded defaults: shipped knowledge/,
 * lowdb file under data/) plus the Microsoft 365 Agents Playground on loopback. Prints the URL to open.
 * Ctrl-C stops both.
 */
import * as net from 'net';
import * as path from 'path';
import { DEFAULT_PLAYGROUND_PORT, PlaygroundProcess, PROJECT_ROOT, startBot, startPlayground, BotProcess } from './lib/baken-processes';
import { freePort } from './lib/processes';

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

async function main(): Promise<void> {
  const dataFile = process.env.DATA_FILE ?? 'data/baken.json';
  let bot: BotProcess | undefined;
  let playground: PlaygroundProcess | undefined;
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\n[dev] stopping…');
    await Promise.all([playground?.process.stop(), bot?.process.stop()]);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const port = await chooseBotPort();
    console.log(`[dev] starting Baken on http://127.0.0.1:${port} (data: ${dataFile})…`);
    // Local development: the Agents Playground's mock users get roles from the dev people file.
    bot = await startBot({ port, dataFile, echo: true, env: { PEOPLE_FILE: path.join(PROJECT_ROOT, 'knowledge', 'people.dev.json') } });
    void bot.process.exited.then((code) => {
      if (!stopping) console.error(`[dev] Baken exited (${code}); stopping the playground.`);
      void shutdown(1);
    });

    const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? DEFAULT_PLAYGROUND_PORT);
    console.log('[dev] starting Microsoft 365 Agents Playground…');
    playground = await startPlayground({ botEndpoint: bot.endpoint, port: playgroundPort, echo: true });
    void playground.process.exited.then((code) => {
      if (!stopping) console.error(`[dev] Agents Playground exited (${code}); stopping Baken.`);
      void shutdown(1);
    });

    console.log('');
    console.log(`  Baken is running. Open ${playground.url} in your browser to chat with it.`);
    console.log(`  Bot endpoint: ${bot.endpoint}   health: http://127.0.0.1:${port}/healthz`);
    console.log('  Press Ctrl-C to stop.');
    console.log('');
  } catch (error) {
    console.error(`[dev] ${(error as Error).message}`);
    await shutdown(1);
  }
}

void main();

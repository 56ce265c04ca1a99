/**
 * Composition root: config → store → knowledge (Ask + directory) → bot → server.
 * `npm start` runs this file; it honours PORT, DATA_FILE, KNOWLEDGE_DIR and the other variables in src/config.ts.
 */
import * as path from 'path';
import pino from 'pino';
import { buildAsk } from './ask';
import { createBot } from './bot';
import { openReports } from './bot/reports';
import { ConfigError, loadConfig } from './config';
import { DEFAULT_CARDS_DIR } from './i18n';
import { createServer } from './server';
import { DataStore } from './store';
import { systemClock } from './time';
import { version } from '../package.json';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, base: { app: 'baken' } });
  const store = await DataStore.open(config.dataFile, {
    onLockCompromised: (err) => logger.fatal({ err }, 'data file lock lost; refusing further writes'),
  });
  const ask = buildAsk({ knowledgeDir: config.knowledgeDir, cardsDir: DEFAULT_CARDS_DIR, logger });
  // An edited knowledge/directory.json takes effect without a restart; a broken edit is logged and ignored.
  const stopWatchingDirectory = ask.directory.watch();
  // Reports live in <DATA_FILE without .json>.d/reports, under their own writer lock (docs/reports.md).
  const clock = systemClock;
  const reports = await openReports({ dataFile: config.dataFile, dataStore: store, logger, directory: ask.directory, clock });
  const bot = createBot(
    {
      store,
      askService: ask,
      schools: ask.knowledge.schools,
      publicUrl: config.publicUrl,
      logger,
      clock,
    },
    { auth: config.bot, capabilities: [reports.capability] },
  );
  const server = createServer({
    adapter: bot.adapter,
    runTurn: bot.run,
    askService: ask,
    logger,
    version,
    documentCount: () => ask.knowledge.documents.length,
  });
  const { url } = await server.start(config.port);
  reports.startReminders(bot.adapter, config.bot?.appId ?? '', config.reportSweepMinutes * 60_000);
  logger.info(
    { dataFile: path.resolve(config.dataFile), knowledgeDir: path.resolve(config.knowledgeDir), authenticated: Boolean(config.bot) },
    `Baken luistert op ${url}/api/messages (health: ${url}/healthz)`,
  );

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Baken stopt');
    stopWatchingDirectory();
    await server.stop();
    await reports.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Baken kon niet starten / could not start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  }
  process.exit(1);
});

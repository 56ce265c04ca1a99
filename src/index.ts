/**
 * The composition root: config → clock → store → knowledge (Ask + directory) → reports → bot → server →
 * outbox worker. `npm start` runs this file; it honours the variables in src/config.ts. The tests start the
 * same wiring through `startBaken` with a fixed clock (and, for some, a fake Ask service).
 */
import * as path from 'path';
import type { Logger } from 'pino';
import { createLogger } from './logging';
import { askCatalogue } from './ask/catalogue';
import { startAskWorker } from './ask/remote';
import type { AskService } from './ask/service';
import { createBot, type Bot } from './bot';
import { createGate } from './bot/gate';
import { operationsCapability } from './bot/operations';
import { ProactiveSender, type SenderAdapter } from './bot/proactive';
import { reminderDelivery, reportCapability } from './bot/reports';
import { evaluationWiring } from './bot/evaluation';
import { ConfigError, loadConfig, type Config } from './config';
import { DEFAULT_CARDS_DIR } from './i18n';
import { parseCardTemplates } from './card-templates';
import { createOutboxWorker, OUTBOX_PRUNE_JOB, outboxPruneHandler, type OutboxWorker } from './outbox/worker';
import { contactsFromDirectory } from './reports/contacts';
import { draftReminderHandlers, SWEEP_JOB } from './reports/reminders';
import { createReportService, type ReportService } from './reports/service';
import { loadReportKnowledge } from './reports/taxonomy';
import { ALERT_JOB, ESCALATION_JOB, STATUS_MESSAGE_JOB, resolveAlerts, type AlertSubject } from './alerts';
import { CARD_REFRESH_JOB, TASK_REMINDER_JOB } from './alerts/handling';
import { alertPlan, loadAlertRules } from './alerts/rules';
import { ALERT_CHANNEL_JOB, alertCapability, alertChannelDelivery, alertDelivery, cardRefresh, escalationHandler, statusMessageDelivery, taskReminder } from './bot/alerts';
import { loadSchools } from './knowledge/schools';
import { PeopleDirectory, schoolsOf } from './people';
import { createIdentity } from './bot/identity';
import type { TurnContext } from 'botbuilder';
import { createServer, type BakenServer } from './server';
import { openStore, type Store } from './store';
import { systemClock, type Clock } from './time';
import { version } from '../package.json';

export interface BakenOverrides {
  clock?: Clock;
  logger?: Logger;
  /** A ready store (tests that restart on the same one); otherwise opened from the config. */
  store?: Store;
  /** Replaces the plans-based Ask service (bot tests with a fake). */
  askService?: AskService;
  /** Host to listen on; default all interfaces. */
  host?: string;
  /** Start the outbox worker's polling loop (default true); tests drive it with runOnce. */
  startWorker?: boolean;
  /** The file store stopped for good (failed write, lost lock); main() exits so a supervisor restarts Baken. */
  onStoreUnavailable?: (reason: string) => void;
  /** Test-only hook for the proactive sender's adapter (e.g. a failing connector). */
  proactiveAdapter?: SenderAdapter;
}

export interface Baken {
  config: Config;
  store: Store;
  bot: Bot;
  server: BakenServer;
  reports: ReportService;
  worker: OutboxWorker;
  url: string;
  port: number;
  stop(): Promise<void>;
}

const DAY = 24 * 3_600_000;

export async function startBaken(config: Config, overrides: BakenOverrides = {}): Promise<Baken> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const store =
    overrides.store ??
    (await openStore({
      dataFile: config.dataFile,
      databaseUrl: config.databaseUrl,
      onLockCompromised: (err) => logger.fatal({ err }, 'data file lock lost; refusing further writes'),
      onUnavailable: overrides.onStoreUnavailable,
    }));
  const askOptions = { knowledgeDir: config.knowledgeDir, cardsDir: DEFAULT_CARDS_DIR, logger };
  // Schools, plans and the directory as the bot needs them (no index); Ask itself answers in a worker thread, built
  // before the bot listens (src/ask/remote.ts), unless the caller brings its own.
  const catalogue = askCatalogue(askOptions);
  const askWorker = overrides.askService ? undefined : startAskWorker(askOptions);
  // Card templates are parsed on this thread while the worker builds its index: not in the first users' turns.
  try {
    parseCardTemplates(DEFAULT_CARDS_DIR);
  } catch (err) {
    await askWorker?.then((w) => w.close(), () => undefined);
    throw err;
  }
  const ask = await askWorker;
  // An edited knowledge/directory.json takes effect without a restart; a broken edit is logged and ignored.
  const stopWatchingDirectory = catalogue.directory.watch();
  const reportKnowledge = loadReportKnowledge(config.knowledgeDir);
  // Who holds which role (people.json): edits apply without a restart; a broken edit keeps the last good file.
  const people = new PeopleDirectory(config.peopleFile, loadSchools(config.knowledgeDir), { logger });
  const stopWatchingPeople = people.watch();
  const access = { boardOf: (s: string) => people.index.boardOf(s), schoolsOfBoard: (b: string) => people.index.schoolsOfBoard(b), directorsOf: (s: string) => people.directorsOf(s) };
  // Who is alerted for a filed report: the rules (knowledge/alerts.json) name roles, people.json the people.
  const schoolList = loadSchools(config.knowledgeDir);
  const alertRules = loadAlertRules(path.join(config.knowledgeDir, 'alerts.json'), schoolList);
  const alerts = (report: AlertSubject) =>
    resolveAlerts(report, { plan: (r) => alertPlan(alertRules, r, access.boardOf), holdersOf: (role, school) => people.holdersOf(role, school) });
  const reports = createReportService({ store, knowledge: reportKnowledge, clock, contactsFor: contactsFromDirectory(catalogue.directory), access, alerts, staffOf: (s) => people.staffOf(s),
    // An alert is due at once: the worker runs now instead of at its next poll (declared below; called later).
    onQueued: () => worker.wake() });
  const askService = overrides.askService ?? ask!;
  // Who is behind an activity: people.json by AAD id, or by UPN looked up in the Teams roster for UPN-only entries.
  const identify = createIdentity({ people, clock, logger });
  // The annual evaluation (issue 9): "jaaroverzicht" in the chat and its signed downloads (GET /downloads/<file>?t=<token>).
  const evaluation = evaluationWiring({
    config, reports: store.reports, tax: reportKnowledge.tax, clock, people, publicUrl: config.publicUrl, logger, identify,
    schoolName: (id) => schoolList.schools.find((s) => s.id === id)?.name,
  });
  // The alert card's actions need the sender, the sender needs the bot's adapter: it takes the adapter late.
  let bot: Bot | undefined;
  const sender = new ProactiveSender(() => overrides.proactiveAdapter ?? bot!.adapter, config.bot?.appId ?? '', store.conversations);
  const alertEdge = () => ({ store, sender, knowledge: reportKnowledge, clock, people, access });
  const homeSchool = async (context: TurnContext): Promise<string | undefined> => {
    const person = await identify(context);
    const schools = person ? schoolsOf(person, people.index) : [];
    return schools.length === 1 ? schools[0] : undefined;
  };
  bot = createBot(
    { store, askService, schools: catalogue.schools, publicUrl: config.publicUrl, logger, clock, homeSchool },
    {
      auth: config.bot,
      capabilities: [
        reportCapability({ service: reports, knowledge: reportKnowledge, clock, people, identify }),
        alertCapability({ ...alertEdge(), reports, identify, onQueued: () => worker.wake() }),
        operationsCapability({ store, clock, identify, access }),
        evaluation.capability,
      ],
    },
  );
  const server = createServer({
    adapter: bot.adapter,
    runTurn: bot.run,
    askService,
    logger,
    version,
    documentCount: () => catalogue.documentCount,
    storeHealth: () => store.health(),
    gate: createGate(config),
    routes: [evaluation.routes],
  });
  const worker = createOutboxWorker({
    store,
    clock,
    logger,
    handlers: {
      ...draftReminderHandlers({ store, clock, deliver: reminderDelivery({ knowledge: reportKnowledge, clock }, sender) }),
      [OUTBOX_PRUNE_JOB]: outboxPruneHandler(store, clock),
      [ALERT_JOB]: alertDelivery(alertEdge()),
      [ESCALATION_JOB]: escalationHandler(alertEdge()),
      [CARD_REFRESH_JOB]: cardRefresh(alertEdge()),
      [STATUS_MESSAGE_JOB]: statusMessageDelivery(alertEdge()),
      [ALERT_CHANNEL_JOB]: alertChannelDelivery(alertEdge()),
      [TASK_REMINDER_JOB]: taskReminder(alertEdge()),
    },
    recurring: [
      { kind: SWEEP_JOB, everyMs: config.reportSweepMinutes * 60_000 },
      { kind: OUTBOX_PRUNE_JOB, everyMs: DAY },
    ],
  });
  // Unauthenticated local mode is reachable from this machine only.
  const { url, port } = await server.start(config.port, overrides.host ?? (config.bot ? undefined : '127.0.0.1')).catch(async (err: unknown) => {
    await ask?.close();
    throw err;
  });
  if (overrides.startWorker !== false) worker.start();

  let stopped = false;
  return {
    config, store, bot, server, reports, worker, url, port,
    async stop() {
      if (stopped) return;
      stopped = true;
      stopWatchingDirectory();
      stopWatchingPeople();
      await worker.stop();
      await server.stop();
      await ask?.close();
      if (!overrides.store) await store.close();
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const baken = await startBaken(config, {
    logger,
    // Fail-stop: memory may hold changes that are not on disk; a restart recovers the durable state.
    onStoreUnavailable: (reason) => {
      logger.fatal({ reason }, 'data store stopped; exiting so that Baken is restarted');
      process.exit(70);
    },
  });
  logger.info(
    {
      store: config.databaseUrl ? 'postgres' : 'lowdb',
      ...(config.databaseUrl ? {} : { dataFile: path.resolve(config.dataFile) }),
      knowledgeDir: path.resolve(config.knowledgeDir),
      authenticated: Boolean(config.bot),
    },
    `Baken luistert op ${baken.url}/api/messages (health: ${baken.url}/healthz)`,
  );
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Baken stopt');
    await baken.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
    } else {
      process.stderr.write(`Baken kon niet starten / could not start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    }
    process.exit(1);
  });
}

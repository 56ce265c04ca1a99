import { ManualClock, type Clock } from '../../src/time';
import { TEST_NOW } from '../support/clock';
import * as path from 'path';
import pino from 'pino';
import { createBot, type Bot } from '../../src/bot';
import { openReports, type Reports } from '../../src/bot/reports';
import { DirectoryService } from '../../src/directory';
import { loadSchools } from '../../src/knowledge/schools';
import { createServer, type BakenServer } from '../../src/server';
import { DataStore } from '../../src/store';
import { FakeAskService } from '../support/bot-harness';
import { actionsOf, cardsOf, type BotActivity, type TurnResult } from '../support/recording-connector';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export interface ReportBot {
  bot: Bot;
  server: BakenServer;
  store: DataStore;
  reports: Reports;
  endpoint: string;
  stop(): Promise<void>;
}

/** The real bot with the Report capability wired as src/index.ts wires it, on 127.0.0.1:0, files under dataFile. */
export async function startReportBot(options: { dataFile: string; clock?: Clock }): Promise<ReportBot> {
  const logger = pino({ level: 'silent' });
  const store = await DataStore.open(options.dataFile);
  const askService = new FakeAskService();
  const { schools } = loadSchools(path.join(PROJECT_ROOT, 'knowledge'));
  const directory = new DirectoryService({ file: path.join(PROJECT_ROOT, 'knowledge', 'directory.json'), schoolsFile: path.join(PROJECT_ROOT, 'knowledge', 'schools.json') });
  const clock = options.clock ?? new ManualClock(TEST_NOW);
  const reports = await openReports({ dataFile: options.dataFile, dataStore: store, logger, directory, clock });
  const bot = createBot({ store, askService, schools, publicUrl: 'https://baken.example', logger, clock }, { capabilities: [reports.capability] });
  const server = createServer({ adapter: bot.adapter, runTurn: bot.run, askService, logger, version: 'test', documentCount: () => 2 });
  const { port } = await server.start(0, '127.0.0.1');
  return {
    bot,
    server,
    store,
    reports,
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    stop: async () => {
      await server.stop();
      await reports.close();
      await store.close();
    },
  };
}

export type Card = Record<string, unknown>;

/** The one Adaptive Card the turn answered with. */
export function onlyCard(turn: TurnResult): Card {
  const cards = turn.replies.flatMap((r: BotActivity) => cardsOf(r));
  if (cards.length !== 1) throw new Error(`expected one card, got ${cards.length}: ${JSON.stringify(turn.replies).slice(0, 500)}`);
  return cards[0];
}

export const cardText = (card: Card): string => JSON.stringify(card);

/** What Teams posts back for the card's Action.Submit with this verb (data merged with the inputs). */
export function submitValue(card: Card, verb: string, inputs: Record<string, string> = {}, match: Record<string, unknown> = {}): Record<string, unknown> {
  const action = actionsOf(card).find((a) => a.data?.verb === verb && Object.entries(match).every(([k, v]) => a.data?.[k] === v));
  if (!action?.data) throw new Error(`no ${verb} on card: ${cardText(card).slice(0, 400)}`);
  return { ...action.data, ...inputs };
}

/** The value of Input.* `id` as the card shows it. */
export function inputValue(card: Card, id: string): unknown {
  let found: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && o.id === id) found = o.value;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Step inputs of a full, valid incident (dates fixed in the past). */
export const INCIDENT_STEPS: Array<Record<string, string>> = [
  { type: 'incident' },
  { category: 'weglopen' },
  { date: '2026-01-12', time: '10:15', location: 'schoolplein' },
  { involvedRoles: 'leerling', pupils: '5B J.d.V.' },
  { facts: 'J. liep tijdens het buitenspelen het hek uit. ${niet evalueren}' },
  { parentsInformed: 'ja', parentsInformedAt: '2026-01-12', firstAid: 'false', separated: 'true' },
];

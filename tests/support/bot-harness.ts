import * as path from 'path';
import type { Logger } from 'pino';
import { createLogger } from '../../src/logging';
import type { Bot } from '../../src/bot';
import { loadConfig, type Config } from '../../src/config';
import { startBaken, type Baken, type BakenOverrides } from '../../src/index';
import type { Answer } from '../../src/knowledge/answer';
import type { AskService, SectionView } from '../../src/ask/service';
import type { BakenServer } from '../../src/server';
import type { Store } from '../../src/store';
import type { ManualClock } from '../../src/time';
import { testClock } from './clock';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** A fake Ask service: answers from one known section, abstains on "onbekend", throws on "crash". */
export class FakeAskService implements AskService {
  readonly asked: Array<{ schoolId: string; question: string }> = [];
  readonly sections: Record<string, SectionView> = {
    'conexus/2.7': {
      docTitle: 'Sociaal veiligheidsbeleid Conexus',
      section: '2.7 Incidentenregistratie',
      text: 'Alle incidenten worden geregistreerd in ParnasSys.\n\nDe directeur evalueert de registratie twee keer per jaar. ${niet evalueren}',
    },
    'conexus/4.1': { docTitle: 'Sociaal veiligheidsbeleid Conexus', section: '4.1 Taken en rollen', text: 'De vertrouwenspersoon luistert.' },
  };

  ask(schoolId: string, question: string): Answer {
    this.asked.push({ schoolId, question });
    if (/crash/i.test(question)) throw new Error('retrieval exploded');
    const lang = /\b(what|how|who)\b/i.test(question) ? 'en' : 'nl';
    if (/onbekend|unknown/i.test(question)) return { lang, abstained: true, answer: 'Dat staat niet in de plannen van School van SOOOG die ik ken. Vraag het je intern begeleider.', sources: [], contacts: [] };
    const source = (id: string, score: number) => {
      const view = this.sections[`conexus/${id}`];
      return { doc: 'conexus', docTitle: view.docTitle, sectionId: id, section: view.section, text: view.text, score };
    };
    return {
      lang,
      abstained: false,
      answer: 'Registreer elk incident in ParnasSys.',
      sources: [source('2.7', 0.9), source('4.1', 0.4)],
      contacts: [],
    };
  }

  section(docId: string, sectionId: string): SectionView | undefined {
    return this.sections[`${docId}/${sectionId}`];
  }

  /** The fake's only plan is the Conexus board plan. */
  planAppliesTo(docId: string, schoolId: string): boolean {
    return docId === 'conexus' && schoolId === 'conexus';
  }
}

export interface RunningBot {
  baken: Baken;
  bot: Bot;
  server: BakenServer;
  store: Store;
  clock: ManualClock;
  endpoint: string;
  baseUrl: string;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  dataFile: string;
  askService?: AskService;
  /** Answer from the plans in the knowledge folder instead of the fake Ask service. */
  realAsk?: boolean;
  auth?: Pick<NonNullable<Config['bot']>, 'appId' | 'appPassword' | 'tenantId'>;
  clock?: ManualClock;
  knowledgeDir?: string;
  /** Reuse an open store (a restart that keeps the store, e.g. PostgreSQL); default: open DATA_FILE. */
  store?: Store;
  env?: NodeJS.ProcessEnv;
  /** Default: silent (TEST_LOG_LEVEL to see it). */
  logger?: Logger;
  proactiveAdapter?: BakenOverrides['proactiveAdapter'];
}

/**
 * The real bot as src/index.ts wires it (store on `dataFile`, real restify server on 127.0.0.1:0), on a
 * fixed clock, with a fake Ask service unless one is given. The outbox worker does not poll: tests call
 * `baken.worker.runOnce()` after moving the clock.
 */
export async function startTestBot(options: TestBotOptions): Promise<RunningBot> {
  const logger = options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const config = loadConfig({
    DATA_FILE: options.dataFile,
    PORT: '0',
    KNOWLEDGE_DIR: options.knowledgeDir ?? path.join(PROJECT_ROOT, 'knowledge'),
    PUBLIC_URL: 'https://baken.example',
    LOG_LEVEL: 'silent',
    ...(options.auth
      ? { BOT_ID: options.auth.appId, BOT_PASSWORD: options.auth.appPassword, BOT_TENANT_ID: options.auth.tenantId }
      : { BAKEN_AUTH: 'off' }),
    ...options.env,
  });
  const clock = options.clock ?? testClock();
  const baken = await startBaken(config, {
    clock,
    logger,
    host: '127.0.0.1',
    askService: options.realAsk ? undefined : options.askService ?? new FakeAskService(),
    startWorker: false,
    store: options.store,
    proactiveAdapter: options.proactiveAdapter,
  });
  return {
    baken,
    bot: baken.bot,
    server: baken.server,
    store: baken.store,
    clock,
    endpoint: `${baken.url}/api/messages`,
    baseUrl: baken.url,
    stop: () => baken.stop(),
  };
}

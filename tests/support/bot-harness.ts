import * as path from 'path';
import pino from 'pino';
import { createBot, type Bot } from '../../src/bot';
import type { Config } from '../../src/config';
import type { Answer } from '../../src/knowledge/answer';
import type { AskService, SectionView } from '../../src/ask/service';
import { loadSchools } from '../../src/knowledge/schools';
import { createServer, type BakenServer } from '../../src/server';
import { DataStore } from '../../src/store';
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
  bot: Bot;
  server: BakenServer;
  store: DataStore;
  endpoint: string;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Start the real bot (store on `dataFile`, real restify server on 127.0.0.1:0) with a fake Ask service. */
export async function startTestBot(options: { dataFile: string; askService?: AskService; auth?: Config['bot'] }): Promise<RunningBot> {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const store = await DataStore.open(options.dataFile);
  const askService = options.askService ?? new FakeAskService();
  const { schools } = loadSchools(path.join(PROJECT_ROOT, 'knowledge'));
  const bot = createBot({ store, askService, schools, publicUrl: 'https://baken.example', logger, clock: testClock() }, { auth: options.auth });
  const server = createServer({ adapter: bot.adapter, runTurn: bot.run, askService, logger, version: 'test', documentCount: () => 2 });
  const { port } = await server.start(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    bot,
    server,
    store,
    endpoint: `${baseUrl}/api/messages`,
    baseUrl,
    stop: async () => {
      await server.stop();
      await store.close();
    },
  };
}

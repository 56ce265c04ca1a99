import * as path from 'path';
import { askCatalogue, buildAsk } from '../../src/ask';
import { startAskWorker, type RemoteAsk } from '../../src/ask/remote';

const root = path.resolve(__dirname, '../..');
const options = { knowledgeDir: path.join(root, 'knowledge'), cardsDir: path.join(root, 'cards') };

/** Log entries the worker side wrote. */
function recordingLogger() {
  const entries: Array<{ level: string; obj: object; msg?: string }> = [];
  const at = (level: string) => (obj: object, msg?: string) => void entries.push({ level, obj, msg });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}

const questions = [
  ['de-campus', 'mag ik een leerling vastpakken als hij helemaal doordraait?'],
  ['conexus', 'hoe lang mag een schorsing duren?'],
  ['de-nieuwe-kring', 'wat doe ik als ik vermoed dat een kind thuis mishandeld wordt?'],
  ['wij-de-venen', 'wie is de vertrouwenspersoon?'],
  ['sooog', 'what do I do if a pupil is bullied online?'],
  ['de-campus', 'wie is de anti-pestcoördinator?'],
  ['conexus', 'wat is het wifi wachtwoord?'],
] as const;

describe('Ask in a worker thread (what the bot runs)', () => {
  const inProcess = buildAsk(options);
  let remote: RemoteAsk;
  beforeAll(async () => {
    remote = await startAskWorker({ ...options, logger: recordingLogger() });
  });
  afterAll(() => remote.close());

  test('answers, sections and plan scopes are those of Ask in process', async () => {
    for (const [school, question] of questions) expect(await remote.ask(school, question)).toEqual(inProcess.ask(school, question));
    expect(await remote.section('conexus', '2.7')).toEqual(inProcess.section('conexus', '2.7'));
    expect(await remote.section('conexus', 'no-such-section')).toBeUndefined();
    expect(await remote.planAppliesTo('conexus', 'conexus')).toBe(true);
    expect(await remote.planAppliesTo('de-campus', 'conexus')).toBe(false);
  });

  test("the bot's catalogue (no index) has Ask's schools, plans and directory", () => {
    const catalogue = askCatalogue(options);
    expect(catalogue.schools).toEqual(inProcess.knowledge.schools);
    expect(catalogue.documentCount).toBe(inProcess.knowledge.documents.length);
    expect(catalogue.directory.data).toEqual(inProcess.directory.data);
  });

  test('questions asked together are each answered with their own reply', async () => {
    const replies = await Promise.all(questions.map(([school, question]) => remote.ask(school, question)));
    replies.forEach((reply, i) => expect(reply).toEqual(inProcess.ask(questions[i][0], questions[i][1])));
  });

  test('a question that fails rejects with its error; the worker goes on', async () => {
    await expect(remote.ask('no-such-school', 'wat doe ik bij pesten?')).rejects.toThrow('Unknown school: no-such-school');
    expect((await remote.ask('conexus', 'hoe lang mag een schorsing duren?')).abstained).toBe(false);
  });
});

describe('the Ask worker stopping', () => {
  test('the question in flight fails, the next is answered by a new worker, and the stop is logged', async () => {
    const logger = recordingLogger();
    const remote = await startAskWorker({ ...options, logger, entry: path.join(__dirname, 'fixtures', 'stopping-worker.ts') });
    try {
      await expect(remote.ask('conexus', 'stop the worker')).rejects.toThrow('the Ask worker stopped (exit code 3)');
      expect((await remote.ask('conexus', 'hoe lang mag een schorsing duren?')).abstained).toBe(false);
      expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'error', msg: 'the Ask worker stopped; starting a new one' }));
    } finally {
      await remote.close();
    }
    await expect(remote.ask('conexus', 'hoe lang mag een schorsing duren?')).rejects.toThrow('Ask has stopped');
  });

  test('a knowledge folder Ask cannot build fails the start with its error', async () => {
    await expect(startAskWorker({ ...options, knowledgeDir: path.join(root, 'no-such-knowledge'), logger: recordingLogger() })).rejects.toThrow(/schools\.json/);
  });
});

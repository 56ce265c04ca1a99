/**
 * The Ask worker thread (started by remote.ts): builds Ask once, keeps the directory current (knowledge/directory.json
 * edits apply without a restart, as in process) and answers the bot's requests in order. Nothing here knows about
 * Teams; a failing request is answered with its error and the thread goes on.
 */
import { parentPort, workerData } from 'worker_threads';
import { buildAsk, type AskOptions } from './index';
import type { FromWorker, ToWorker } from './remote';

const port = parentPort;
if (!port) throw new Error('src/ask/worker.ts runs as a worker thread (startAskWorker)');

const send = (message: FromWorker) => port.postMessage(message);
/** Log entries go to the bot's logger; what cannot be copied to the other thread goes as JSON (errors as name, message, stack). */
const log = (level: 'info' | 'warn' | 'error') => (obj: object, msg?: string) => {
  try {
    send({ type: 'log', level, obj, msg });
  } catch {
    const plain = JSON.parse(JSON.stringify(obj, (_key, value: unknown) => (value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value))) as object;
    send({ type: 'log', level, obj: plain, msg });
  }
};

// A broken knowledge folder throws here: the thread fails before it is ready and startAskWorker rejects with it.
const ask = buildAsk({ ...(workerData as Omit<AskOptions, 'logger'>), logger: { info: log('info'), warn: log('warn'), error: log('error') } });
ask.directory.watch();

port.on('message', (request: ToWorker) => {
  try {
    const value =
      request.op === 'ask'
        ? ask.ask(request.schoolId, request.question)
        : request.op === 'section'
          ? ask.section(request.docId, request.sectionId)
          : ask.planAppliesTo(request.docId, request.schoolId);
    send({ type: 'reply', id: request.id, value });
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    send({ type: 'reply', id: request.id, error: { name: error.name, message: error.message, stack: error.stack } });
  }
});

send({ type: 'ready' });

import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The one logger factory. Logs carry ids, counts, kinds and errors, never what people typed: message texts and
 * card values are redacted wherever they appear in a logged object (an activity, a request body, a value),
 * so a careless `logger.warn({ activity })` cannot leak a child's initials or a meldcode signal.
 */
export const REDACTED_PATHS = [
  'text', '*.text', '*.*.text',
  'value', '*.value', '*.*.value',
  'body', '*.body',
  'attachments', '*.attachments',
  'question', '*.question',
  'comment', '*.comment',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { app: 'baken' }, redact: { paths: REDACTED_PATHS, censor: '[verborgen]' } };
  return destination ? pino(options, destination) : pino(options);
}

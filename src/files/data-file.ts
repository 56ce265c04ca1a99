import fs from 'node:fs';

/** A knowledge data file that cannot be read or does not match its schema; the issues name the path and field. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: string[],
  ) {
    super(`${file}: ${issues.join('; ')}`);
    this.name = 'DataFileError';
  }
}

/** A zod issue path as people read it: `people[2].grants[0].school`. */
export function formatIssuePath(parts: (string | number)[]): string {
  return parts.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || '(root)';
}

/** The file's JSON; an unreadable file or bad JSON becomes `fail(file, issues)` (the caller's error class). */
export function readJsonFile(file: string, fail: (file: string, issues: string[]) => Error): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw fail(file, [`cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw fail(file, [`invalid JSON: ${(err as Error).message}`]);
  }
}

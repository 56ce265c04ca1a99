/** Reading and validating the directory and school files, with errors that name the file and the field. */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readSchoolsFile, type SchoolList } from '../knowledge/schools';
import { directorySchema, type DirectoryData } from './schema';

/** Raised when a data file cannot be read or does not match its schema; the message names the path and field(s). */
export class DirectoryLoadError extends Error {
  constructor(
    readonly file: string,
    readonly issues: string[],
  ) {
    super(`${file}: ${issues.join('; ')}`);
    this.name = 'DirectoryLoadError';
  }
}

function formatPath(parts: (string | number)[]): string {
  return parts.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || '(root)';
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new DirectoryLoadError(file, [`cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DirectoryLoadError(file, [`invalid JSON: ${(err as Error).message}`]);
  }
}

function parseWith<T extends z.ZodTypeAny>(schema: T, file: string, raw: unknown): z.infer<T> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new DirectoryLoadError(
      file,
      result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`),
    );
  }
  return result.data;
}

/** Loads and validates knowledge/directory.json (or another directory file). Throws {@link DirectoryLoadError}. */
export function loadDirectory(file: string): DirectoryData {
  return parseWith(directorySchema, file, readJson(file));
}

export type SchoolsFile = SchoolList;

/** Loads knowledge/schools.json (boards and schools) with the knowledge loader's rules. Throws {@link DirectoryLoadError}. */
export function loadSchools(file: string): SchoolsFile {
  try {
    return readSchoolsFile(file);
  } catch (err) {
    throw new DirectoryLoadError(file, [(err as Error).message]);
  }
}

/** The project's knowledge/ folder: $KNOWLEDGE_DIR, else the nearest knowledge/ with schools.json above this module. */
export function defaultKnowledgeDir(): string {
  if (process.env.KNOWLEDGE_DIR) return path.resolve(process.env.KNOWLEDGE_DIR);
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'knowledge');
    if (fs.existsSync(path.join(candidate, 'schools.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('knowledge');
    dir = parent;
  }
}

/** Reading and validating the directory and school files, with errors that name the file and the field. */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readSchoolsFile, type SchoolList } from '../knowledge/schools';
import { directorySchema, type DirectoryData } from './schema';
import { DataFileError, formatIssuePath, readJsonFile } from '../files/data-file';

/** Raised when a data file cannot be read or does not match its schema; the message names the path and field(s). */
export class DirectoryLoadError extends DataFileError {
  constructor(file: string, issues: string[]) {
    super(file, issues);
    this.name = 'DirectoryLoadError';
  }
}

const readJson = (file: string): unknown => readJsonFile(file, (f, issues) => new DirectoryLoadError(f, issues));

function parseWith<T extends z.ZodTypeAny>(schema: T, file: string, raw: unknown): z.infer<T> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new DirectoryLoadError(
      file,
      result.error.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`),
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

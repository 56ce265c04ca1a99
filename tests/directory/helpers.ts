/** Shared fixtures for the directory tests: the shipped data, plus a schools file with an extra Conexus school. */
import fs from 'node:fs';
import path from 'node:path';
import { DirectoryService } from '../../src/directory';
import { suiteTempDir } from '../support/temp-dir';

export const ROOT = path.resolve(__dirname, '../..');
export const DIRECTORY_FILE = path.join(ROOT, 'knowledge/directory.json');
export const SCHOOLS_FILE = path.join(ROOT, 'knowledge/schools.json');
export const SEEDS_DIR = path.resolve(ROOT, '../shared/seeds');

export const silentLogger = { info() {}, warn() {}, error() {} };

export function tempDir(): string {
  return suiteTempDir('baken-directory-');
}

/** knowledge/schools.json plus "Het Talent" (a Conexus school the plan names in an exception) and a second AMOS school. */
export function schoolsWithExtras(dir: string): string {
  const schools = JSON.parse(fs.readFileSync(SCHOOLS_FILE, 'utf8'));
  schools.schools.push({ id: 'het-talent', name: 'Het Talent', board: 'conexus', code: 'TAL' });
  schools.schools.push({ id: 'andere-amos-school', name: 'Andere AMOS-school', board: 'amos', code: 'AAS' });
  const file = path.join(dir, 'schools.json');
  fs.writeFileSync(file, JSON.stringify(schools));
  return file;
}

export function service(options: { file?: string; schoolsFile?: string } = {}): DirectoryService {
  return new DirectoryService({ file: options.file ?? DIRECTORY_FILE, schoolsFile: options.schoolsFile ?? SCHOOLS_FILE, logger: silentLogger });
}

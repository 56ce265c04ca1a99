/** File-level import: reading raw input, keeping a copy under knowledge/raw, writing the plan and the manifest. */
import { loadSchools } from '../schools';
import { extractText, sourceFormat } from './extract';
import fs from 'node:fs';
import path from 'node:path';
import { importPlanText } from './importPlan';
import { parsePlanFile } from '../load';
import { writeDraftPhrasings } from './phrasings-draft';
import { ImportManifestSchema, type ImportManifest, type ManifestEntry, type PlanImportOptions } from './manifest';

export type ImportArgs =
  | { mode: 'all' }
  | { mode: 'one'; file: string; school: string; board?: string; level?: 'board' | 'school'; title?: string; year?: string };

const USAGE =
  'gebruik: knowledge:import -- <bestand> --school <id> [--board <id>] [--level board|school] [--title "…"] [--year 2025/2026] | --all';

export function parseImportArgs(argv: string[]): ImportArgs {
  if (argv.includes('--all')) return { mode: 'all' };
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${a} mist een waarde. ${USAGE}`);
      flags.set(a.slice(2), value);
      i += 1;
    } else positional.push(a);
  }
  const file = positional[0];
  const school = flags.get('school');
  if (!file || !school) throw new Error(USAGE);
  const level = flags.get('level');
  if (level !== undefined && level !== 'board' && level !== 'school') throw new Error(`--level is board of school. ${USAGE}`);
  return { mode: 'one', file, school, board: flags.get('board'), level, title: flags.get('title'), year: flags.get('year') };
}

/** The kept raw text of a plan (knowledge/raw/<id>.txt); Word and PDF originals are extracted to it at import. */
export function readRawText(file: string): string {
  if (sourceFormat(file) !== 'text') throw new Error(`${file}: de bewaarde ruwe invoer moet tekst zijn (.txt)`);
  return fs.readFileSync(file, 'utf8');
}

export function manifestPath(knowledgeDir: string): string {
  return path.join(knowledgeDir, 'import.json');
}

export function readManifest(knowledgeDir: string): ImportManifest {
  const file = manifestPath(knowledgeDir);
  if (!fs.existsSync(file)) return { plans: [] };
  const parsed = ImportManifestSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ongeldig manifest: ${parsed.error.message}`);
  return parsed.data;
}

function writeManifest(knowledgeDir: string, manifest: ImportManifest): void {
  fs.writeFileSync(manifestPath(knowledgeDir), `${JSON.stringify(manifest, null, 2)}\n`);
}

export interface WrittenPlan {
  id: string;
  file: string;
  raw: string;
  sections: number;
  dropped: { reason: string; text: string }[];
  /** Sections that got draft phrasings (knowledge/phrasings/<id>.json) because they had none. */
  draftPhrasings: number;
}

/** Imports one plan from its kept raw copy with the manifest's options; writes knowledge/plans/<id>.md. */
export function importEntry(knowledgeDir: string, entry: ManifestEntry): WrittenPlan {
  const rawFile = path.join(knowledgeDir, entry.raw);
  const result = importPlanText(readRawText(rawFile), entry);
  const plansDir = path.join(knowledgeDir, 'plans');
  fs.mkdirSync(plansDir, { recursive: true });
  const file = path.join(plansDir, `${entry.id}.md`);
  fs.writeFileSync(file, result.markdown);
  const draftPhrasings = writeDraftPhrasings(knowledgeDir, parsePlanFile(file, result.markdown));
  return { id: entry.id, file, raw: rawFile, sections: result.sections.length, dropped: result.dropped, draftPhrasings };
}

export async function importAll(knowledgeDir: string): Promise<WrittenPlan[]> {
  const manifest = readManifest(knowledgeDir);
  if (manifest.plans.length === 0) throw new Error(`${manifestPath(knowledgeDir)} noemt geen plannen`);
  return manifest.plans.map((entry) => importEntry(knowledgeDir, entry));
}

/** Imports a new or updated plan: keeps the raw input, records the options in the manifest, writes the plan. */
export async function importOne(knowledgeDir: string, args: Extract<ImportArgs, { mode: 'one' }>): Promise<WrittenPlan> {
  const { schools, boards } = loadSchools(knowledgeDir);
  const school = schools.find((s) => s.id === args.school);
  const boardId = args.board ?? school?.board;
  if (!boardId) throw new Error(`school ${args.school} staat niet in schools.json; geef --board`);
  if (!boards.some((b) => b.id === boardId)) throw new Error(`bestuur ${boardId} staat niet in schools.json`);
  if (school && school.board !== boardId) throw new Error(`school ${args.school} hoort bij ${school.board}, niet bij ${boardId}`);
  const level = args.level ?? 'school';
  // Extract first: an unreadable or unsupported file fails before anything is copied.
  const text = await extractText(args.file);
  fs.mkdirSync(path.join(knowledgeDir, 'raw'), { recursive: true });
  const format = sourceFormat(args.file);
  const ext = format === 'text' ? path.extname(args.file).toLowerCase() || '.txt' : '.txt';
  const rawRelative = `raw/${args.school}${ext}`;
  const rawTarget = path.join(knowledgeDir, rawRelative);
  // Word and PDF: keep the original beside the extracted text, so a re-import never depends on the extractor's version.
  if (format !== 'text') fs.copyFileSync(args.file, path.join(knowledgeDir, 'raw', `${args.school}.${format}`));
  if (path.resolve(args.file) !== path.resolve(rawTarget)) fs.writeFileSync(rawTarget, text);

  const manifest = readManifest(knowledgeDir);
  const previous = manifest.plans.find((p) => p.id === args.school);
  const options: PlanImportOptions = {
    ...previous,
    id: args.school,
    title: args.title ?? previous?.title ?? `Sociaal veiligheidsplan ${school?.name ?? args.school}`,
    level,
    board: boardId,
    schools: level === 'school' ? [args.school] : [],
    source: path.basename(args.file),
    schoolYear: args.year ?? previous?.schoolYear,
  };
  if (options.schoolYear === undefined) delete options.schoolYear;
  const entry: ManifestEntry = { ...options, raw: rawRelative };
  manifest.plans = [...manifest.plans.filter((p) => p.id !== entry.id), entry].sort((a, b) => a.id.localeCompare(b.id));
  writeManifest(knowledgeDir, manifest);
  return importEntry(knowledgeDir, entry);
}

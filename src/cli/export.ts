/**
 * The annual evaluation as files, for the plan's yearly evaluation of the incidentregistratie:
 *   npm run export -- --school <id> --year 2025-2026 --out <folder> [--lang nl|en]
 * writes evaluatie-<school>-<year>.csv, .svg and .png into the folder (made when missing): counts per category ×
 * month and per place, anonymised (no ids, names or content; counts under 5 as "<5"). Reads the store the bot uses
 * (DATABASE_URL, else DATA_FILE; a lowdb file is read without its lock, so this works while Baken runs) and the
 * school list and taxonomy of KNOWLEDGE_DIR (default: the shipped knowledge/).
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadStoreConfig } from '../config';
import { buildEvaluation, FILE_KINDS, fileName, parseSchoolYear, renderFile } from '../evaluation';
import { countText } from '../evaluation/labels';
import type { Lang } from '../i18n';
import { loadSchools } from '../knowledge/schools';
import { loadTaxonomy } from '../reports/taxonomy';
import { openStore, type Store } from '../store';
import { openLowdbStore } from '../store/lowdb';
import { systemClock, type Clock } from '../time';
import { runCli } from './run';

const USAGE = 'gebruik: npm run export -- --school <school-id> --year 2025-2026 --out <map> [--lang nl|en]';
const DEFAULT_KNOWLEDGE = path.resolve(__dirname, '..', '..', 'knowledge');

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined && !args[i + 1].startsWith('--') ? args[i + 1] : undefined;
}

/** Makes the folder when needed and checks it takes files; a Dutch sentence when not. */
function prepareFolder(dir: string): string | undefined {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    return undefined;
  } catch (err) {
    return `Kan niet schrijven in de map ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Kies met --out een map waarin je mag schrijven.`;
  }
}

async function openForReading(env: NodeJS.ProcessEnv): Promise<Store | string> {
  const config = loadStoreConfig(env);
  if (config.databaseUrl) return openStore({ dataFile: config.dataFile, databaseUrl: config.databaseUrl });
  // The store keeps DATA_FILE and the folder beside it (<DATA_FILE without .json>.d/); neither there: a wrong path.
  const filesDir = path.join(path.dirname(config.dataFile), `${path.basename(config.dataFile, '.json')}.d`);
  if (!fs.existsSync(config.dataFile) && !fs.existsSync(filesDir)) return `Geen gegevensbestand ${path.resolve(config.dataFile)} (DATA_FILE). Zet DATA_FILE of DATABASE_URL op de opslag van Baken.`;
  return openLowdbStore(config.dataFile, { readOnly: true });
}

export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(`${s}\n`),
  env: NodeJS.ProcessEnv = process.env,
  clock: Clock = systemClock,
): Promise<number> {
  const schoolId = option(argv, '--school');
  const yearText = option(argv, '--year');
  const folder = option(argv, '--out');
  const lang = (option(argv, '--lang') ?? 'nl') as Lang;
  if (!schoolId || !yearText || !folder || (lang !== 'nl' && lang !== 'en')) {
    out(USAGE);
    return 64;
  }
  const year = parseSchoolYear(yearText);
  if (!year) {
    out(`Schooljaar "${yearText}" klopt niet: schrijf het als 2025-2026 (1 augustus tot en met 31 juli).`);
    return 64;
  }
  const knowledgeDir = path.resolve(env.KNOWLEDGE_DIR || DEFAULT_KNOWLEDGE);
  const { schools } = loadSchools(knowledgeDir);
  const school = schools.find((s) => s.id === schoolId);
  if (!school) {
    out(`Onbekende school "${schoolId}". Bekende scholen: ${schools.map((s) => s.id).join(', ')}.`);
    return 64;
  }
  const dir = path.resolve(folder);
  const problem = prepareFolder(dir);
  if (problem) {
    out(problem);
    return 73;
  }
  const tax = loadTaxonomy(path.join(knowledgeDir, 'reports', 'taxonomy.json'), schools);
  const store = await openForReading(env);
  if (typeof store === 'string') {
    out(store);
    return 66;
  }
  try {
    const evaluation = await buildEvaluation({ reports: store.reports, tax }, school.id, year, clock.now());
    for (const kind of FILE_KINDS) {
      const file = path.join(dir, fileName(school.id, year, kind));
      const body = await renderFile(evaluation, kind, tax, school.name, lang);
      try {
        fs.writeFileSync(file, body);
      } catch (err) {
        out(`Kan ${file} niet schrijven (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
        return 73;
      }
      out(`Geschreven: ${file}`);
    }
    out(
      `${school.name}, schooljaar ${year.label}: ${countText(evaluation.total, evaluation.threshold, lang)} meldingen, ` +
        `${evaluation.rows.length} rijen (soort/categorie), apart genoemde plaatsen: ${evaluation.locations.length}. ` +
        `Aantallen onder de ${evaluation.threshold} staan er als "<${evaluation.threshold}", "x" is verborgen zodat ze niet terug te rekenen zijn.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) runCli(main);

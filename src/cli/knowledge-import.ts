/**
 * npm run knowledge:import -- <file> --school <id> [--board <id>] [--level board|school] [--title "…"] [--year 2025/2026]
 * npm run knowledge:import -- --all        re-imports every plan listed in knowledge/import.json
 */
import path from 'node:path';
import { importAll, importOne, parseImportArgs } from '../knowledge/import/run';

function drafts(n: number): string {
  return n ? `; ${n} secties kregen concept-formuleringen (knowledge/phrasings, "draft": true): nakijken en aanvullen` : '';
}

async function main(): Promise<void> {
  const knowledgeDir = path.resolve(process.env.KNOWLEDGE_DIR ?? 'knowledge');
  const args = parseImportArgs(process.argv.slice(2));
  if (args.mode === 'all') {
    const written = await importAll(knowledgeDir);
    for (const w of written) process.stdout.write(`${w.id}: ${w.sections} secties → ${w.file}${drafts(w.draftPhrasings)}\n`);
    return;
  }
  const result = await importOne(knowledgeDir, args);
  process.stdout.write(`${result.id}: ${result.sections} secties → ${result.file} (ruwe tekst: ${result.raw})${drafts(result.draftPhrasings)}\n`);
  for (const d of result.dropped) process.stdout.write(`  verwijderd (${d.reason}): ${d.text.slice(0, 80)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`knowledge:import: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

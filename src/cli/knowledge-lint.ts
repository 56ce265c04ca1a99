/**
 * npm run knowledge:lint [-- --strict]
 * Per plan in KNOWLEDGE_DIR (default knowledge/): sections without phrasings, draft phrasings, phrasings for
 * unknown sections, placeholders and unfilled values, role-directory citations that do not match the plan, topic words
 * no English word leads to (informational). With --strict the exit code is 1 when a section has
 * no phrasings or phrasings name an unknown section.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadKnowledge } from '../knowledge/load';
import { citationsIn, englishReach, formatLint, lintPlan } from '../knowledge/lint';
import { loadPhrasings } from '../knowledge/phrasings';
import { planAnalyzer } from '../knowledge';
import { loadAnalysisResources } from '../knowledge/analysis/resources';
import { dutchWordList } from '../knowledge/analysis/wordlist';
import { passagesOf } from '../knowledge/passages';

function main(): void {
  const knowledgeDir = path.resolve(process.env.KNOWLEDGE_DIR ?? 'knowledge');
  const kb = loadKnowledge(knowledgeDir);
  const { phrasings, problems } = loadPhrasings(knowledgeDir);
  const directoryFile = path.join(knowledgeDir, 'directory.json');
  const citations = fs.existsSync(directoryFile) ? citationsIn(JSON.parse(fs.readFileSync(directoryFile, 'utf8'))) : [];
  const resources = loadAnalysisResources(knowledgeDir);
  const analyzer = planAnalyzer(resources, kb.documents.flatMap(passagesOf), phrasings);
  const english = englishReach(resources, analyzer, dutchWordList());
  const report = formatLint(kb.documents.map((d) => lintPlan(d, phrasings, citations, english)), problems);
  process.stdout.write(`${report.text}\n`);
  if (process.argv.includes('--strict') && report.problems > 0) process.exitCode = 1;
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`knowledge:lint: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

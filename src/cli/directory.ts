/**
 * Admin commands for the role directory.
 *   npm run directory -- lint [--file F] [--schools F] [--json]   per school: conflicts, unnamed, placeholders, missing required roles
 *   npm run directory -- show <school> [--file F] [--schools F]   the school's roles and holders
 * lint exits non-zero only when a data file fails its schema (2); show exits 1 for an unknown school.
 */
import path from 'node:path';
import { DirectoryLoadError, defaultKnowledgeDir, loadDirectory, loadSchools } from '../directory/load';
import { defaultPlanText, formatLint, lintDirectory } from '../directory/lint';
import { rolesForSchool } from '../directory/lookup';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function usage(): string {
  return 'usage: npm run directory -- lint [--file directory.json] [--schools schools.json] [--json]\n       npm run directory -- show <school> [--file directory.json] [--schools schools.json]';
}

export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n'), err: (s: string) => void = (s) => process.stderr.write(s + '\n')): number {
  const [command, ...rest] = argv;
  const knowledge = defaultKnowledgeDir();
  const file = path.resolve(option(rest, '--file') ?? path.join(knowledge, 'directory.json'));
  const schoolsFile = path.resolve(option(rest, '--schools') ?? path.join(knowledge, 'schools.json'));
  if (command !== 'lint' && command !== 'show') {
    err(usage());
    return 64;
  }
  let data, schools;
  try {
    data = loadDirectory(file);
    schools = loadSchools(schoolsFile);
  } catch (e) {
    if (e instanceof DirectoryLoadError) {
      err(`schema error in ${e.file}:`);
      for (const issue of e.issues) err(`  - ${issue}`);
      return 2;
    }
    throw e;
  }
  if (command === 'lint') {
    const report = lintDirectory(data, schools, defaultPlanText(path.dirname(knowledge)));
    out(rest.includes('--json') ? JSON.stringify(report, null, 2) : formatLint(report));
    return 0;
  }
  const schoolId = rest.find((a, i) => !a.startsWith('--') && !(i > 0 && rest[i - 1].startsWith('--')));
  const school = schools.schools.find((s) => s.id === schoolId);
  if (!school) {
    err(`unknown school "${schoolId ?? ''}"; known: ${schools.schools.map((s) => s.id).join(', ')}`);
    return 1;
  }
  out(`${school.name} (${school.id}, bestuur ${school.board})`);
  for (const r of rolesForSchool(data, schools, school.id)) {
    const from = r.inherited ? ` ← ${r.plan.doc} (bestuur)` : '';
    out(`\n- ${r.role.name.nl} [${r.entry.level}] ${r.entry.state}${from}`);
    for (const h of r.holders) out(`    ${h.name}${h.organisation && h.organisation !== h.name ? ` (${h.organisation})` : ''}${h.email ? ` <${h.email}>` : ''}${h.phone ? ` tel ${h.phone}` : ''}  — ${h.citation.section}`);
    if (r.exception) out(`    uitzondering voor ${r.exception.schoolName}: ${r.exception.citation.quote}`);
    if (r.entry.description) out(`    volgens het plan: "${r.entry.description}"`);
    out(`    bron: ${r.entry.citation.doc}, ${r.entry.citation.section}`);
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

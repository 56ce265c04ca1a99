/** Directory lint: per school the conflicts, unnamed roles, placeholders left in the plan and legally required roles it lacks. */
import fs from 'node:fs';
import path from 'node:path';
import type { SchoolsFile } from './load';
import { rolesForSchool } from './lookup';
import type { DirectoryData, DirectoryPlan } from './schema';

export interface PlaceholderFinding {
  doc: string;
  /** Where: the section (from the reviewed data) or the line number in the raw plan text. */
  where: string;
  text: string;
}

export interface SchoolLint {
  school: string;
  schoolName: string;
  conflicts: { role: string; level: string; names: { name: string; section: string }[] }[];
  unnamed: { role: string; level: string; description: string; section: string }[];
  placeholders: PlaceholderFinding[];
  missingRequired: { requirement: string; basis: string }[];
}

/** Unfilled template text: "(Naam school)", "[onze school]", "…." / "....", a lone "?" where a number belongs, broken references. */
export const PLACEHOLDER_PATTERNS: { label: string; re: RegExp }[] = [
  { label: '(naam school)', re: /\((naam school|Naam school)\)|\[onze school\]/ },
  { label: '…', re: /…|\.{4,}/ },
  { label: '?', re: /\s\?\s+[A-Za-z]/ },
  { label: 'Fout! Verwijzingsbron', re: /Fout! Verwijzingsbron niet gevonden/ },
];

/** Scans a plan's raw text for placeholders; returns one finding per line (max `limit` per pattern). */
export function scanPlaceholders(doc: string, text: string, limit = 5, skip: string[] = []): PlaceholderFinding[] {
  const found: PlaceholderFinding[] = [];
  const counts = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (/https?:\/\/|file:\/\/|\.(pdf|docx?|html?)\b/.test(line) || skip.some((q) => line.includes(q))) return; // links; lines already in the reviewed list
    for (const p of PLACEHOLDER_PATTERNS) {
      if (!p.re.test(line)) continue;
      const n = (counts.get(p.label) ?? 0) + 1;
      counts.set(p.label, n);
      if (n <= limit) found.push({ doc, where: `line ${i + 1}`, text: line.trim().slice(0, 120) });
    }
  });
  for (const [label, n] of counts) if (n > limit) found.push({ doc, where: `${n - limit} more`, text: `more lines with "${label}"` });
  return found;
}

/** Finds the raw text of a plan: knowledge/raw/<source>, else ../shared/seeds/<source> from the project root. */
export function defaultPlanText(projectRoot: string): (plan: DirectoryPlan) => string | null {
  return (plan) => {
    if (!plan.source) return null;
    for (const dir of [path.join(projectRoot, 'knowledge', 'raw'), path.join(projectRoot, '..', 'shared', 'seeds')]) {
      const file = path.join(dir, plan.source);
      if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
    }
    return null;
  };
}

export function lintDirectory(data: DirectoryData, schools: SchoolsFile, planText: (plan: DirectoryPlan) => string | null = () => null): SchoolLint[] {
  const scanned = new Map<string, PlaceholderFinding[]>();
  const placeholdersOf = (plan: DirectoryPlan): PlaceholderFinding[] => {
    let hit = scanned.get(plan.doc);
    if (!hit) {
      const reviewed = plan.placeholders.map((c) => ({ doc: c.doc, where: c.section, text: c.quote }));
      const text = planText(plan);
      hit = [...reviewed, ...(text ? scanPlaceholders(plan.doc, text, 5, plan.placeholders.map((c) => c.quote.trim())) : [])];
      scanned.set(plan.doc, hit);
    }
    return hit;
  };
  return schools.schools.map((school) => {
    const roles = rolesForSchool(data, schools, school.id);
    const plans = [...new Set(roles.map((r) => r.plan))];
    for (const p of data.plans) if (!plans.includes(p) && (p.scope.level === 'board' ? p.scope.board === school.board : p.scope.schools.includes(school.id))) plans.push(p);
    const present = new Set(roles.map((r) => r.role.id));
    return {
      school: school.id,
      schoolName: school.name,
      conflicts: roles
        .filter((r) => r.entry.state === 'conflict')
        .map((r) => ({ role: r.role.name.nl, level: r.entry.level, names: r.holders.map((h) => ({ name: h.name, section: h.citation.section })) })),
      unnamed: roles
        .filter((r) => r.entry.state === 'unnamed' || r.holders.length === 0)
        .map((r) => ({ role: r.role.name.nl, level: r.entry.level, description: r.entry.description ?? '', section: r.entry.citation.section })),
      placeholders: plans.flatMap(placeholdersOf),
      missingRequired: data.requirements.filter((q) => !q.anyOf.some((id) => present.has(id))).map((q) => ({ requirement: q.label.nl, basis: q.basis })),
    };
  });
}

export function formatLint(report: SchoolLint[]): string {
  const out: string[] = [];
  for (const s of report) {
    out.push(`\n== ${s.school} (${s.schoolName})`);
    out.push(`  conflicts: ${s.conflicts.length}`);
    for (const c of s.conflicts) out.push(`    - ${c.role} [${c.level}]: ${c.names.map((n) => `${n.name} (${n.section})`).join(' vs ')}`);
    out.push(`  unnamed roles: ${s.unnamed.length}`);
    for (const u of s.unnamed) out.push(`    - ${u.role} [${u.level}]: "${u.description}" (${u.section})`);
    out.push(`  placeholders left in the plan: ${s.placeholders.length}`);
    for (const p of s.placeholders) out.push(`    - ${p.doc} ${p.where}: ${p.text}`);
    out.push(`  required roles missing: ${s.missingRequired.length}`);
    for (const m of s.missingRequired) out.push(`    - ${m.requirement} — ${m.basis}`);
  }
  return out.join('\n').trimStart();
}

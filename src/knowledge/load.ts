/** Loads the imported plans (knowledge/plans/*.md) and the school list (knowledge/schools.json). */
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { z } from 'zod';
import { planAppliesTo } from './scope';
import { loadSchools } from './schools';
import type { Board, PlanDocument, PlanScope, PlanSection, School } from './types';

export interface KnowledgeBase {
  documents: PlanDocument[];
  schools: School[];
  boards: Board[];
}

/** Written by the importer right after the heading of a fill-in template section. */
export const TEMPLATE_MARK = '<!-- baken:template -->';

const FrontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'id: kleine letters, cijfers en streepjes'),
    title: z.string().min(1),
    scope: z.object({
      level: z.enum(['board', 'school']),
      board: z.string().min(1),
      schools: z.array(z.string().min(1)).default([]),
    }),
    source: z.string().min(1),
    schoolYear: z.union([z.string(), z.number()]).transform(String).optional(),
  })
  .strict();


const HEADING = /^(#{1,6}) +(.+?)\s*$/;
const NUMBER = /^(Bijlage \S+|Hoofdstuk \d+|\d{1,2}(?:\.\d{1,2})*)(?: +(.*))?$/;

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'sectie'
  );
}

/** Markdown body → plain section text: tables as "a | b" rows, list items and paragraphs kept. */
function toPlainText(lines: string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === TEMPLATE_MARK) continue;
    if (/^\|(?:\s*-{3,}\s*\|)+\s*$/.test(line)) continue; // table separator row
    const row = /^\|(.*)\|\s*$/.exec(line);
    out.push(row ? row[1].split('|').map((c) => c.trim()).join(' | ') : line);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

interface RawSection {
  level: number;
  number: string;
  title: string;
  isTemplate: boolean;
  lines: string[];
}

export function parsePlanBody(body: string): PlanSection[] {
  const raw: RawSection[] = [];
  for (const line of body.split(/\r?\n/)) {
    const heading = HEADING.exec(line);
    if (heading) {
      const text = heading[2];
      const numbered = NUMBER.exec(text);
      raw.push({
        level: heading[1].length,
        number: numbered ? numbered[1] : '',
        title: numbered ? (numbered[2] ?? '').trim() : text,
        isTemplate: false,
        lines: [],
      });
      continue;
    }
    const current = raw[raw.length - 1];
    if (!current) {
      if (line.trim() !== '') raw.push({ level: 1, number: '', title: 'Inleiding', isTemplate: false, lines: [line] });
      continue;
    }
    if (line.trim() === TEMPLATE_MARK && current.lines.every((l) => l.trim() === '')) current.isTemplate = true;
    current.lines.push(line);
  }

  const sections: PlanSection[] = [];
  const used = new Set<string>();
  const stack: PlanSection[] = [];
  for (const r of raw) {
    while (stack.length > 0 && stack[stack.length - 1].level >= r.level) stack.pop();
    const parent = stack[stack.length - 1];
    const base = r.number ? slugNumber(r.number) : slug(r.title);
    let id = base;
    if (used.has(id)) id = `${stack[0]?.id ?? 'sectie'}/${base}`;
    if (used.has(id) && parent) id = `${parent.id}/${base}`;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    const section: PlanSection = {
      id,
      number: r.number,
      title: r.title || r.number,
      level: r.level,
      parents: stack.map(displayTitle),
      text: toPlainText(r.lines),
      isTemplate: r.isTemplate || (parent?.isTemplate ?? false),
    };
    sections.push(section);
    stack.push(section);
  }
  return sections;
}

function slugNumber(number: string): string {
  return /^\d/.test(number) ? number : slug(number);
}

/** "2.3 Meldcode", "Bijlage 1 Format …", or the bare title when unnumbered. */
export function displayTitle(section: Pick<PlanSection, 'number' | 'title'>): string {
  if (!section.number) return section.title;
  return section.title && section.title !== section.number ? `${section.number} ${section.title}` : section.number;
}

function toScope(scope: z.infer<typeof FrontMatterSchema>['scope']): PlanScope {
  return scope.level === 'board'
    ? { level: 'board', board: scope.board }
    : { level: 'school', board: scope.board, schools: scope.schools };
}

export function parsePlanFile(file: string, content: string): PlanDocument {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // With options gray-matter does not keep every file it parsed in its module-level cache (hundreds of plans' text).
    parsed = matter(content, {});
  } catch (error) {
    throw new Error(`${file}: front matter is geen geldige YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const front = FrontMatterSchema.safeParse(parsed.data);
  if (!front.success) {
    const issues = front.error.issues.map((i) => `${i.path.join('.') || '(front matter)'}: ${i.message}`).join('; ');
    throw new Error(`${file}: ongeldige front matter: ${issues}`);
  }
  const data = front.data;
  if (data.scope.level === 'school' && data.scope.schools.length === 0) {
    throw new Error(`${file}: scope.level is school maar scope.schools is leeg`);
  }
  const expectedId = path.basename(file, '.md');
  if (data.id !== expectedId) throw new Error(`${file}: id "${data.id}" hoort gelijk te zijn aan de bestandsnaam (${expectedId})`);
  const sections = parsePlanBody(parsed.content);
  if (sections.length === 0) throw new Error(`${file}: geen secties gevonden`);
  return {
    id: data.id,
    title: data.title,
    scope: toScope(data.scope),
    source: data.source,
    ...(data.schoolYear ? { schoolYear: data.schoolYear } : {}),
    sections,
  };
}

export function loadKnowledge(dir: string): KnowledgeBase {
  const { boards, schools } = loadSchools(dir);
  const boardIds = new Set(boards.map((b) => b.id));

  const plansDir = path.join(dir, 'plans');
  const files = fs.existsSync(plansDir) ? fs.readdirSync(plansDir).filter((f) => f.endsWith('.md')).sort() : [];
  const documents = files.map((name) => {
    const file = path.join(plansDir, name);
    const doc = parsePlanFile(file, fs.readFileSync(file, 'utf8'));
    if (!boardIds.has(doc.scope.board)) throw new Error(`${file}: onbekend bestuur ${doc.scope.board} in scope.board`);
    if (doc.scope.level === 'school') {
      for (const id of doc.scope.schools) {
        const school = schools.find((s) => s.id === id);
        if (!school) throw new Error(`${file}: onbekende school ${id} in scope.schools`);
        if (school.board !== doc.scope.board) throw new Error(`${file}: school ${id} hoort niet bij bestuur ${doc.scope.board}`);
      }
    }
    return doc;
  });
  return { documents, schools, boards };
}

/** The plans a school's staff may be answered from: its own plans and its board's board-wide plans. */
export function documentsForSchool(kb: KnowledgeBase, schoolId: string): PlanDocument[] {
  const school = kb.schools.find((s) => s.id === schoolId);
  if (!school) return [];
  return kb.documents.filter((doc) => planAppliesTo(doc, school));
}

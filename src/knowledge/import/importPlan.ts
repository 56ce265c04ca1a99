/** The importer: raw plan text → a clean Markdown plan with front matter (knowledge/plans/<id>.md). */
import { toRawLines } from './rawLines';
import { removeFurniture } from './furniture';
import { buildSections, type Block, type DraftSection } from './structure';
import type { PlanImportOptions } from './manifest';

export interface ImportResult {
  markdown: string;
  sections: DraftSection[];
  /** What the cleaner removed, for the CLI's report. */
  dropped: { reason: string; text: string }[];
}

/** Marks a template section in the Markdown; the loader reads it back into PlanSection.isTemplate. */
export const TEMPLATE_MARK = '<!-- baken:template -->';

/** Word's broken cross-reference text, left where a field once pointed to the school name. */
const BROKEN_REFERENCE = /\s*Fout! Verwijzingsbron niet gevonden\.?/g;

/** "gedragscode1" → "gedragscode" for footnote numbers that exist; returns the numbers removed. */
export function stripFootnoteMarkers(text: string, maxFootnote: number): { text: string; numbers: number[] } {
  const numbers: number[] = [];
  if (maxFootnote === 0) return { text, numbers };
  const out = text.replace(/([a-zà-ÿ’')])(\d{1,2})(?=[.,;:)]?(?:\s|$))/g, (whole, before: string, digits: string) => {
    const n = Number(digits);
    if (n < 1 || n > maxFootnote) return whole;
    numbers.push(n);
    return before;
  });
  return { text: out, numbers };
}

function cleanInline(text: string): string {
  return text.replace(BROKEN_REFERENCE, '').replace(/\s+([.,;:])(?=\s|$)/g, '$1').replace(/ {2,}/g, ' ').trim();
}

function renderBlocks(blocks: Block[]): string {
  const parts: string[] = [];
  let list: string[] = [];
  const flush = (): void => {
    if (list.length > 0) parts.push(list.join('\n'));
    list = [];
  };
  for (const b of blocks) {
    if (b.kind === 'item') {
      const numbered = /^(?:\d{1,2}|[a-h])[.)]\s/.test(b.text);
      list.push(numbered ? b.text.replace(/^(\d{1,2}|[a-h])\)\s/, '$1. ') : `- ${b.text}`);
      continue;
    }
    flush();
    parts.push(b.kind === 'table' ? b.markdown : b.text);
  }
  flush();
  return parts.join('\n\n');
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}

export function renderFrontMatter(options: PlanImportOptions): string {
  const lines = ['---', `id: ${options.id}`, `title: ${yamlString(options.title)}`, 'scope:'];
  lines.push(`  level: ${options.level}`, `  board: ${options.board}`);
  lines.push(`  schools: [${options.schools.map(yamlString).join(', ')}]`);
  lines.push(`source: ${yamlString(options.source)}`);
  if (options.schoolYear) lines.push(`schoolYear: ${yamlString(options.schoolYear)}`);
  lines.push('---');
  return lines.join('\n');
}

export function importPlanText(raw: string, options: PlanImportOptions): ImportResult {
  const cleaned = removeFurniture(toRawLines(raw), { pageHeaders: options.pageHeaders });
  const sections = buildSections(cleaned.lines, cleaned.footnotes, options.title, {
    tables: options.tables,
    indentedLinesAreBullets: options.indentedLinesAreBullets,
    templates: options.templates,
  });
  const maxFootnote = cleaned.footnotes.reduce((m, f) => Math.max(m, f.number), 0);
  const footnoteText = new Map(cleaned.footnotes.filter((f) => f.number > 0).map((f) => [f.number, f.text]));
  const placed = new Set<number>();
  const printedIn = new Map<number, DraftSection>();
  for (const section of sections) {
    for (const note of section.notes) {
      const m = /^Noot (\d+):/.exec(note);
      if (m) printedIn.set(Number(m[1]), section);
    }
  }

  // Footnote text goes to the end of the first section that cites it, not where the page happened to end.
  for (const section of sections) {
    const cited: number[] = [];
    for (const block of section.blocks) {
      if (block.kind === 'table') {
        block.markdown = stripFootnoteMarkers(block.markdown, maxFootnote).text;
        continue;
      }
      const stripped = stripFootnoteMarkers(block.text, maxFootnote);
      block.text = cleanInline(stripped.text);
      cited.push(...stripped.numbers);
    }
    section.title = cleanInline(stripFootnoteMarkers(section.title, maxFootnote).text);
    section.notes = section.notes.filter((n) => !/^Noot \d+:/.test(n));
    for (const n of cited) {
      if (placed.has(n) || !footnoteText.has(n)) continue;
      placed.add(n);
      section.notes.push(`Noot ${n}: ${footnoteText.get(n)}`);
    }
  }
  // Footnotes nobody cites stay with the section where they were printed.
  for (const f of cleaned.footnotes) {
    if (f.number === 0 || placed.has(f.number)) continue;
    const host = printedIn.get(f.number) ?? sections[sections.length - 1];
    host?.notes.push(`Noot ${f.number}: ${f.text}`);
  }

  const body: string[] = [];
  for (const s of sections) {
    const hashes = '#'.repeat(Math.min(6, Math.max(1, s.level)));
    body.push(`${hashes} ${s.number ? `${s.number} ` : ''}${s.title}`.trimEnd());
    if (s.isTemplate) body.push(TEMPLATE_MARK);
    const text = renderBlocks(s.blocks);
    const notes = s.notes.length > 0 ? s.notes.join('\n') : '';
    const content = [text, notes].filter(Boolean).join('\n\n');
    if (content) body.push(content);
  }
  const markdown = `${renderFrontMatter(options)}\n\n${body.join('\n\n')}\n`;
  return { markdown, sections, dropped: cleaned.dropped };
}

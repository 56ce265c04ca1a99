/** Step 3: cleaned lines → sections of paragraphs, list items and tables. */
import type { RawLine } from './rawLines';
import type { Footnote } from './furniture';
import { depthOf, followsInSequence, looksLikeTitle, matchNumberedHeading } from './headings';
import { parseGridTable, parseRoleTable, renderMarkdownTable, type TableHint } from './tables';

export type Block =
  | { kind: 'para'; text: string; last: string }
  | { kind: 'item'; text: string; last: string }
  | { kind: 'table'; markdown: string };

export interface DraftSection {
  number: string;
  title: string;
  level: number;
  isTemplate: boolean;
  blocks: Block[];
  notes: string[];
}

export interface StructureOptions {
  tables?: TableHint[];
  /** Lines that start with whitespace are bullets whose glyph the extraction lost (SOOOG). */
  indentedLinesAreBullets?: boolean;
  /** Heading numbers ("Bijlage 1") or titles whose section and subsections are fill-in templates. */
  templates?: string[];
}

const BULLET = /^(?:[•▪●◦·*]|[-–](?=\s)|o(?=\s))\s*/;
const NUMBERED_ITEM = /^(?:\d{1,2}|[a-h])[.)]\s+\S/;
const TERMINAL = /[.!?]["'’”)]*$/;
const CONTACT_ONLY = /^(?:\S+@\S+|(?:\+31|0)[\d\s-]{8,}|(?:tel|telefoon|e-?mail)\b.*)$/i;
const TEMPLATE_TITLE = /\b(?:format|invul|sjabloon|template)/i;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 80;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const startsLower = (s: string): boolean => /^[a-zà-ÿ]/.test(s);

export function buildSections(lines: RawLine[], notes: Footnote[], title: string, options: StructureOptions): DraftSection[] {
  const width = percentile(lines.map((l) => l.text.length), 0.9);
  const sections: DraftSection[] = [];
  const templates = new Set((options.templates ?? []).map((t) => t.toLowerCase()));
  let current: DraftSection | null = null;
  let lastParts: number[] | null = null;
  let numberedLevel = 0; // level of the innermost numbered/chapter/appendix section
  let appendixDepth = 0; // 1 inside a Bijlage: its own numbered headings sit one level deeper
  let templateLevel = 0; // > 0 while inside a template section of that level
  const noteAfterLine = new Map<number, Footnote[]>();
  for (const n of notes) noteAfterLine.set(n.afterLine, [...(noteAfterLine.get(n.afterLine) ?? []), n]);

  const open = (number: string, sectionTitle: string, level: number, numbered: boolean): DraftSection => {
    if (templateLevel > 0 && level <= templateLevel) templateLevel = 0;
    const key = (number || sectionTitle).toLowerCase();
    const isTemplate =
      templateLevel > 0 ||
      templates.has(key) ||
      templates.has(sectionTitle.toLowerCase()) ||
      (number.startsWith('Bijlage') && isTemplateTitle(sectionTitle));
    if (isTemplate && templateLevel === 0) templateLevel = level;
    const section: DraftSection = { number, title: sectionTitle, level, isTemplate, blocks: [], notes: [] };
    sections.push(section);
    if (numbered) numberedLevel = level;
    current = section;
    return section;
  };
  const ensureSection = (): DraftSection => current ?? open('', title, 1, false);
  const lastBlock = (): Block | undefined => current?.blocks[current.blocks.length - 1];

  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const text = line.text;
    const next = lines[i + 1]?.text ?? '';
    const attachNotes = (index: number): void => {
      for (const n of noteAfterLine.get(index) ?? []) {
        ensureSection().notes.push(n.number > 0 ? `Noot ${n.number}: ${n.text}` : `Link: ${n.text}`);
      }
    };

    // Tables declared in the manifest.
    const hint = options.tables?.find((t) => text.startsWith(t.startsWith));
    if (hint) {
      const tableLines: { text: string; tight: boolean }[] = [];
      let j = i;
      while (j < lines.length) {
        const l = lines[j];
        if (j > i && (l.afterPageGap || isHeadingAt(j))) break;
        tableLines.push({ text: l.text, tight: l.tight });
        attachNotes(j);
        j += 1;
      }
      if (hint.kind === 'lines') {
        const text = tableLines.map((l) => l.text).join('\n');
        ensureSection().blocks.push({ kind: 'para', text, last: text });
      } else {
        const rows = hint.kind === 'roles' ? parseRoleTable(tableLines, hint) : parseGridTable(tableLines, hint);
        ensureSection().blocks.push({ kind: 'table', markdown: renderMarkdownTable(hint.columns, rows) });
      }
      i = j;
      continue;
    }

    const heading = headingAt(i);
    if (heading) {
      const { match, consumed } = heading;
      if (match.kind === 'appendix') {
        appendixDepth = 1;
        lastParts = null;
        open(match.number, match.title, 1, true);
      } else {
        lastParts = match.parts;
        open(match.number, match.title, depthOf(match) + appendixDepth, true);
      }
      for (let k = i; k < i + consumed; k += 1) attachNotes(k);
      i += consumed;
      continue;
    }

    if (isUnnumberedTitle(i)) {
      open('', text.replace(/:$/, ''), Math.min(6, numberedLevel + 1), false);
      attachNotes(i);
      i += 1;
      continue;
    }

    const section = ensureSection();
    const bulletGlyph = BULLET.exec(text);
    const isItem = Boolean(bulletGlyph) || NUMBERED_ITEM.test(text) || (options.indentedLinesAreBullets === true && line.indented);
    if (isItem) {
      const body = bulletGlyph ? text.slice(bulletGlyph[0].length) : text;
      if (body.trim() !== '') section.blocks.push({ kind: 'item', text: body, last: body });
    } else {
      const block = lastBlock();
      if (block && block.kind !== 'table' && shouldJoin(block.last, text)) {
        const joiner = /[a-zà-ÿ]-$/.test(block.last) && startsLower(text) ? '' : ' ';
        block.text += joiner + text;
        block.last = text;
      } else {
        section.blocks.push({ kind: 'para', text, last: text });
      }
    }
    attachNotes(i);
    i += 1;
  }
  return sections;

  function shouldJoin(prev: string, cur: string): boolean {
    if (CONTACT_ONLY.test(prev) || CONTACT_ONLY.test(cur)) return false;
    if (/[a-zà-ÿ]-$/.test(prev) && startsLower(cur)) return true;
    if (/:$/.test(prev)) return false;
    if (/\b(?:de|het|een|van|in|bij|op|en|of|met|voor|naar|aan|te|om|tot|door|dat|die|zoals)$/i.test(prev)) return true;
    if (startsLower(cur) || /^[(„“‘'"0-9]/.test(cur)) return !TERMINAL.test(prev) || prev.length >= 0.85 * width;
    if (TERMINAL.test(prev)) return prev.length >= 0.85 * width;
    return prev.length >= 0.7 * width;
  }

  function headingAt(index: number): { match: NonNullable<ReturnType<typeof matchNumberedHeading>>; consumed: number } | null {
    const line = lines[index];
    const match = matchNumberedHeading(line.text);
    if (!match) return null;
    if (match.kind !== 'appendix' && !followsInSequence(lastParts, match.parts)) return null;
    const nextMatch = matchNumberedHeading(lines[index + 1]?.text ?? '');
    // "1. Ik praat…" directly followed by "2. Ik luister…" is a numbered list, not two empty chapters.
    if (
      match.kind === 'numbered' &&
      nextMatch?.kind === 'numbered' &&
      nextMatch.parts.length === match.parts.length &&
      nextMatch.parts[nextMatch.parts.length - 1] === match.parts[match.parts.length - 1] + 1 &&
      /^\d+\.\s/.test(line.text)
    ) {
      return null;
    }
    // "5. Coördinatie …" right after list item "4. Beheersen …" continues that list.
    const previous = lastBlock();
    if (match.kind === 'numbered' && previous?.kind === 'item' && /^\d+\.\s/.test(line.text)) {
      const n = match.parts[match.parts.length - 1];
      if (previous.text.startsWith(`${n - 1}. `) || previous.text.startsWith(`${n - 1}) `)) return null;
    }
    // A heading wraps: "2.9.3 Meldcode bij … of ander" + "grensoverschrijdend gedrag".
    const following = lines[index + 1];
    const wraps = startsLower(following?.text ?? '') && !/^[a-h][.)] /.test(following?.text ?? '');
    if (following && wraps && following.text.length < 0.6 * width && !/[.:;]$/.test(following.text)) {
      return { match: { ...match, title: `${match.title} ${following.text}` }, consumed: 2 };
    }
    return { match, consumed: 1 };
  }

  /** The last block is a finished paragraph, a contact line, or a lone short line (a cover-page line). */
  function previousEndsCleanly(): boolean {
    const b = lastBlock();
    if (!b || b.kind === 'table') return true;
    if (TERMINAL.test(b.last) || CONTACT_ONLY.test(b.last)) return true;
    return b.kind === 'para' && b.text === b.last && b.last.length < 0.6 * width && !/[:,-]$/.test(b.last);
  }

  function isHeadingAt(index: number): boolean {
    const match = matchNumberedHeading(lines[index].text);
    return match !== null && (match.kind === 'appendix' || followsInSequence(lastParts, match.parts));
  }

  function isUnnumberedTitle(index: number): boolean {
    const line = lines[index];
    const text = line.text;
    const limit = Math.min(75, Math.round(0.75 * width));
    const letterItem = /^[a-h][.)] [A-ZÀ-Ý][^.]*$/.test(text) && text.length <= 40;
    const pageTopTitle = line.indented && /,/.test(text) && text.split(' ').length <= 8 && looksLikeTitle(text.replace(/,/g, ''), limit);
    if (!letterItem && !pageTopTitle && !looksLikeTitle(text, limit)) return false;
    if (/:\s*[-–•]/.test(text) || BULLET.test(text)) return false;
    if (options.indentedLinesAreBullets && line.indented) return false;
    if (/\b(?:de|het|een|van|in|bij|op|en|of|met|voor|naar|zoals|aan|te|om)$/i.test(text)) return false;
    const following = lines[index + 1];
    if (!following) return false;
    if (startsLower(following.text) || (/^[\d(]/.test(following.text) && !NUMBERED_ITEM.test(following.text))) return false;
    if (CONTACT_ONLY.test(following.text)) return false;
    // Three or more short title-like lines in a row are a list without bullets (SOOOG's list of annexes).
    const titleLike = (k: number): boolean => lines[k] !== undefined && looksLikeTitle(lines[k].text, limit);
    const b0 = lastBlock();
    const previousIsShortLine = b0?.kind === 'para' && b0.text === b0.last && looksLikeTitle(b0.last, limit);
    if ((titleLike(index + 1) && titleLike(index + 2)) || previousIsShortLine) return false;
    // A title at the top of a page (PDF indents it) needs no finished paragraph before it.
    if (line.indented && !options.indentedLinesAreBullets && previousEndsCleanly()) return true;
    const b = lastBlock();
    if (b && b.kind === 'item') {
      const followingIsItem = BULLET.test(following.text) || NUMBERED_ITEM.test(following.text);
      return !followingIsItem || TERMINAL.test(b.last);
    }
    return previousEndsCleanly();
  }
}

/** Adds the template flag automatically for appendices that are fill-in formats. */
export function isTemplateTitle(title: string): boolean {
  return TEMPLATE_TITLE.test(title);
}

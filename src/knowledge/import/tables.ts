/**
 * Flattened tables. PDF text loses the cell borders; what is left are lines with cells run together. The manifest
 * names where a table starts and how it is laid out (an admin can describe a table of their own plan the same
 * way); these functions rebuild rows from the lines.
 */
import { z } from 'zod';

export const TableHintSchema = z.object({
  /** Text the first line of the table starts with (its header row as flattened). */
  startsWith: z.string().min(1),
  /** "grid": every cell begins with a capital; "roles": rows of role, level, tasks ("- …") and who;
   * "lines": too irregular to rebuild, kept line by line so no cell is mistaken for a heading. */
  kind: z.enum(['grid', 'roles', 'lines']),
  /** Column headers to print. */
  columns: z.array(z.string()).min(2),
  /** For "roles": the level values of column 2 (e.g. Bestuursniveau, Schoolniveau, Extern). */
  levels: z.array(z.string()).optional(),
  /** Number of leading lines that form the flattened header (default 1). */
  headerLines: z.number().int().min(1).optional(),
});
export type TableHint = z.infer<typeof TableHintSchema>;

const startsLower = (s: string): boolean => /^[a-zà-ÿ(]/.test(s);
/** Words after which a cell line is cut mid-phrase, so the next line continues it. */
const DANGLING =
  /(?:\b(?:de|het|een|van|in|bij|op|en|of|met|voor|naar|rond|rondom|om|over|aan|te|tot|uit|door)|\w(?:ieve|ale|ige|ele|ische|lijke|bare)|[-/,])$/i;

/** One flattened table line; `tight` = no empty line before it in the raw text (same cell, wrapped). */
export interface TableLine {
  text: string;
  tight: boolean;
}

/** Splits "Gelijkwaardigheid Machtsverschil Fysiek contact" into cells at each capitalised word. */
function splitAtCapitals(line: string): string[] {
  const cells: string[] = [];
  for (const word of line.split(' ')) {
    if (/^[A-ZÀ-Ý]/.test(word) || cells.length === 0) cells.push(word);
    else cells[cells.length - 1] += ` ${word}`;
  }
  return cells;
}

export function parseGridTable(tableLines: TableLine[], hint: TableHint): string[][] {
  const lines = tableLines.map((l) => l.text);
  const n = hint.columns.length;
  const rows: string[][] = [];
  for (const line of lines.slice(hint.headerLines ?? 1)) {
    const current = rows[rows.length - 1];
    if (current && startsLower(line)) {
      current[current.length - 1] += ` ${line}`;
      continue;
    }
    let cells = splitAtCapitals(line);
    if (current && current.length < n && current.length + cells.length <= n) {
      current.push(...cells);
      continue;
    }
    if (cells.length > n) cells = [...cells.slice(0, n - 1), cells.slice(n - 1).join(' ')];
    rows.push(cells);
  }
  return rows.map((r) => [...r, ...Array(Math.max(0, n - r.length)).fill('')]);
}

interface RoleRow {
  role: string;
  level: string;
  tasks: string[];
  who: string[];
}

/**
 * Role tables ("Rol/functie | Niveau | Taken | Naam"): the level word anchors each row. Lines before an anchor that
 * are not tasks belong to the next role (its name can wrap over lines); lines after the tasks are the "who" cell.
 */
export function parseRoleTable(tableLines: TableLine[], hint: TableHint): string[][] {
  const lines = tableLines.map((l) => l.text);
  const levels = [...(hint.levels ?? [])].sort((a, b) => b.length - a.length);
  const levelPattern = new RegExp(`(?:^|\\s)(${levels.map((l) => l.replace(/[/]/g, '\\/')).join('|')})(?=\\s|$)`);
  const skip = hint.headerLines ?? 1;
  const body = lines.slice(skip);
  const tight = tableLines.slice(skip).map((l) => l.tight);
  const anchors = body.map((l) => levelPattern.exec(l));
  const rows: RoleRow[] = [];
  let pendingRole: string[] = [];
  let inTask = false;
  let lastTaskLine = '';

  const flushPendingIntoWho = (upTo: number): void => {
    const row = rows[rows.length - 1];
    if (row) row.who.push(...pendingRole.slice(0, upTo));
    pendingRole = pendingRole.slice(upTo);
  };

  body.forEach((line, i) => {
    const anchor = anchors[i];
    if (anchor) {
      const before = line.slice(0, anchor.index).trim();
      const after = line.slice(anchor.index + anchor[0].length).trim();
      // The role name is on the anchor line, or it is the tail of the pending lines (a wrapped name): walk back
      // while lines continue each other. Pending lines before the name are the previous row's "who" cell.
      const nameOnAnchorLine = before !== '' && !startsLower(before);
      let start = pendingRole.length;
      while (!nameOnAnchorLine && start > 0) {
        start -= 1;
        const continues = startsLower(pendingRole[start]) || (start > 0 && DANGLING.test(pendingRole[start - 1]));
        if (!continues) break;
      }
      flushPendingIntoWho(start);
      const role = [...pendingRole, before].filter(Boolean).join(' ');
      pendingRole = [];
      rows.push({ role, level: anchor[1], tasks: [], who: [] });
      inTask = false;
      if (after) {
        rows[rows.length - 1].tasks.push(after.replace(/^[-–]\s*/, ''));
        inTask = true;
        lastTaskLine = after;
      }
      return;
    }
    const row = rows[rows.length - 1];
    if (!row) {
      pendingRole.push(line);
      return;
    }
    if (/^[-–] /.test(line)) {
      flushPendingIntoWho(pendingRole.length);
      row.tasks.push(line.replace(/^[-–]\s*/, ''));
      inTask = true;
      lastTaskLine = line;
      return;
    }
    const opensWithLinkWord = /^(?:van|en|of|op|bij|naar|voor|met|in|aan|te|om|tot|door)\s/.test(line);
    if (inTask && pendingRole.length === 0 && (tight[i] || DANGLING.test(lastTaskLine) || opensWithLinkWord)) {
      const joiner = /-$/.test(lastTaskLine) ? '' : ' ';
      row.tasks[row.tasks.length - 1] += joiner + line;
      lastTaskLine = line;
      return;
    }
    inTask = false;
    pendingRole.push(line);
  });
  flushPendingIntoWho(pendingRole.length);
  return rows.map((r) => [r.role, r.level, r.tasks.join('; '), joinWho(r.who)]);
}

/** The "who" cell wraps addresses mid-word ("Royploegmakers@ve" + "rtrouwenswerk.nl"); glue those back. */
function joinWho(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (out === '') out = p;
    else if (/[@-]$/.test(out) || /@\S*\.$/.test(out) || /^[@.]/.test(p) || (/@[^\s.]*$/.test(out) && /^[a-z]/.test(p))) {
      out += p;
    } else out += ` ${p}`;
  }
  return out;
}

export function renderMarkdownTable(columns: string[], rows: string[][]): string {
  const esc = (c: string): string => c.replace(/\|/g, '/').trim();
  return [
    `| ${columns.map(esc).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

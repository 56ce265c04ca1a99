/** Step 2: remove page furniture (headers, page numbers, TOC lines, dead links) and lift footnote text out. */
import type { RawLine } from './rawLines';

/** Text that sat between the lines of the body: a footnote, or a link annotation at the page bottom. */
export interface Footnote {
  /** Footnote number; 0 for a link annotation. */
  number: number;
  text: string;
  /** Index (in the cleaned line list) of the line the footnote was found after: the page it belongs to. */
  afterLine: number;
}

export interface FurnitureOptions {
  /** Extra page header lines to drop (exact text, trimmed), for headers the automatic rule misses. */
  pageHeaders?: string[];
}

export interface CleanedLines {
  lines: RawLine[];
  footnotes: Footnote[];
  dropped: { reason: string; text: string }[];
}

const BARE_PAGE_NUMBER = /^(?:pagina |page )?\d{1,3}(?: (?:van|of) \d{1,3})?$/i;
/** Table-of-contents entries: a title, dot leaders (or a tab run) and a page number. */
const TOC_LINE = /(?:\.{4,}|…{2,}|(?:\. ){3,})\s*\d{1,3}$/;
const LOCAL_FILE_LINK = /file:\/\/\/\S*/gi;
const URL_ONLY = /^(?:https?:\/\/|mailto:|www\.)\S+$/i;
const FOOTNOTE = /^(\d{1,2}) (\S.*)$/;

/** A URL reduced to what a reader would type: no scheme, no mailto:, no trailing slash, lower case. */
export function urlKey(url: string): string {
  return url.replace(/^(?:https?:\/\/|mailto:)/i, '').replace(/\/+$/, '').toLowerCase();
}

/**
 * A page header repeats verbatim on several pages. Repeated sentences also occur (a template restating policy),
 * so only repeated lines that look like a running title count: no final period and a school year or year in them.
 */
function detectPageHeaders(lines: RawLine[], extra: string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.text, (counts.get(l.text) ?? 0) + 1);
  const headers = new Set(extra.map((h) => h.trim()));
  for (const [text, n] of counts) {
    if (n >= 2 && text.length >= 20 && !/[.:;]$/.test(text) && /\b(?:19|20)\d{2}\b/.test(text)) headers.add(text);
  }
  return headers;
}

export function removeFurniture(input: RawLine[], options: FurnitureOptions = {}): CleanedLines {
  const headers = detectPageHeaders(input, options.pageHeaders ?? []);
  const textWithoutUrlLines = input
    .filter((l) => !URL_ONLY.test(l.text))
    .map((l) => l.text)
    .join(' ')
    .toLowerCase();
  const lines: RawLine[] = [];
  const footnotes: Footnote[] = [];
  const dropped: CleanedLines['dropped'] = [];
  let nextFootnote = 1;
  let previousWasFootnote = false;
  const seenLinks = new Set<string>();

  for (const line of input) {
    const text = line.text;
    const drop = (reason: string): void => {
      dropped.push({ reason, text });
    };
    if (headers.has(text)) {
      drop('page header');
      continue;
    }
    if (BARE_PAGE_NUMBER.test(text)) {
      drop('page number');
      continue;
    }
    if (TOC_LINE.test(text)) {
      drop('table of contents');
      continue;
    }
    const footnote = FOOTNOTE.exec(text);
    if (footnote && Number(footnote[1]) === nextFootnote && (line.afterPageGap || previousWasFootnote)) {
      footnotes.push({ number: nextFootnote, text: footnote[2].trim(), afterLine: lines.length - 1 });
      nextFootnote += 1;
      previousWasFootnote = true;
      continue;
    }
    previousWasFootnote = false;
    const withoutFileLinks = text.replace(LOCAL_FILE_LINK, '').trim();
    if (withoutFileLinks === '') {
      drop('local file link');
      continue;
    }
    // A bare URL line is the PDF's link annotation, printed wherever the page ended: never part of a sentence.
    // Keep the address once as a note of its section unless the body already names it.
    if (URL_ONLY.test(withoutFileLinks)) {
      const key = urlKey(withoutFileLinks);
      if (/^mailto:/i.test(withoutFileLinks) || textWithoutUrlLines.includes(key) || seenLinks.has(key)) {
        drop('link annotation');
      } else {
        seenLinks.add(key);
        footnotes.push({ number: 0, text: withoutFileLinks, afterLine: lines.length - 1 });
      }
      continue;
    }
    lines.push({ ...line, text: withoutFileLinks });
  }
  return { lines, footnotes, dropped };
}

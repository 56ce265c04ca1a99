/** Step 1 of the import: raw extracted text → physical lines with the layout signals the later steps need. */

export interface RawLine {
  /** The line without trailing whitespace and with inner runs of spaces collapsed. */
  text: string;
  /** 1-based line number in the raw file (for diagnostics). */
  lineNo: number;
  /** The raw line started with whitespace: PDF extraction does this at a page start or for a lost bullet glyph. */
  indented: boolean;
  /** A whitespace-only line (" ") came directly before: the page-bottom / page-top marker of the PDF text. */
  afterPageGap: boolean;
  /** No empty line separated it from the previous line: in table cells this means "same cell, wrapped". */
  tight: boolean;
}

/** Characters Word/PDF export leaves behind that carry no meaning for the text. */
const INVISIBLES = /[\u00ad\u200b\u200c\u200d\ufeff]/g;

/** Normalises line endings and odd spaces; keeps letters, quotes and bullets as they are. */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLES, '')
    .replace(/[\u00a0\u2007\u202f\t]/g, ' ')
    .replace(/\uf0b7|\uf0a7|\uf02d/g, '•');
}

/**
 * Splits into non-empty lines. Empty lines carry no information in these files (PDF text puts one after every
 * line), but a whitespace-only line marks a page boundary, which we remember on the next line.
 */
export function toRawLines(text: string): RawLine[] {
  const out: RawLine[] = [];
  let pendingGap = false;
  let previousWasText = false;
  normaliseText(text)
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') {
        if (line.length > 0) pendingGap = true;
        previousWasText = false;
        return;
      }
      out.push({
        text: line.trim().replace(/ {2,}/g, ' '),
        lineNo: index + 1,
        indented: /^\s/.test(line),
        afterPageGap: pendingGap,
        tight: previousWasText,
      });
      pendingGap = false;
      previousWasText = true;
    });
  return out;
}

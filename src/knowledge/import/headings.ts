/** Recognising heading lines: numbered ("2.3.1 Titel"), "Hoofdstuk N", "Bijlage N" and unnumbered title lines. */

export interface HeadingMatch {
  kind: 'numbered' | 'chapter' | 'appendix';
  /** As printed: "2.3.1", "Hoofdstuk 2", "Bijlage 1". */
  number: string;
  /** Numeric parts used for the monotonicity check ("2.3.1" → [2,3,1]; "Hoofdstuk 2" → [2]). */
  parts: number[];
  title: string;
}

const NUMBERED = /^(\d{1,2}(?:\.\d{1,2}){0,3})(\.?) +(\S.*)$/;
const CHAPTER = /^Hoofdstuk (\d{1,2})\b[:.]? *(.*)$/i;
const APPENDIX = /^Bijlage (\d{1,2}|[IVX]{1,4}|[A-H])\b[:.]? *(.*)$/i;
/** A title starts with a capital (or a quote/paren before one) and is not itself a sentence or list entry. */
const TITLE_START = /^[("'‘“]?[A-ZÀ-Ý]/;

export function matchNumberedHeading(text: string): HeadingMatch | null {
  const appendix = APPENDIX.exec(text);
  if (appendix && (appendix[2] === '' || TITLE_START.test(appendix[2]))) {
    return { kind: 'appendix', number: `Bijlage ${appendix[1]}`, parts: [], title: appendix[2].trim() };
  }
  const chapter = CHAPTER.exec(text);
  if (chapter && (chapter[2] === '' || TITLE_START.test(chapter[2]))) {
    return { kind: 'chapter', number: `Hoofdstuk ${chapter[1]}`, parts: [Number(chapter[1])], title: chapter[2].trim() };
  }
  const numbered = NUMBERED.exec(text);
  if (!numbered) return null;
  const title = numbered[3].trim();
  if (!TITLE_START.test(title)) return null; // "1 per school", "2 keer per jaar", "06 - 30 30 87 15"
  if (/[.;,]$/.test(title) || title.length > 110) return null;
  if (/: \S/.test(title)) return null; // "1. Gedrag en omgangsvormen: De scholen werken …" is a list entry
  if (title.split(/\s+/).length > 14) return null;
  const parts = numbered[1].split('.').map(Number);
  if (parts.some((p) => p === 0)) return null;
  return { kind: 'numbered', number: numbered[1], parts, title };
}

/**
 * Is `next` a plausible heading number after `previous`? Documents number monotonically: a child (x.1), the next
 * sibling at any depth, allowing one skipped number. Anything else (a list "1." inside 3.5, a date) is not a heading.
 */
export function followsInSequence(previous: number[] | null, next: number[]): boolean {
  if (previous === null) return next[0] <= 2 && next.slice(1).every((p) => p === 1);
  if (next.length === previous.length + 1 && next[next.length - 1] === 1) {
    return next.slice(0, previous.length).every((p, i) => p === previous[i]);
  }
  for (let depth = 0; depth < Math.min(previous.length, next.length); depth += 1) {
    const samePrefix = next.slice(0, depth).every((p, i) => p === previous[i]);
    const step = next[depth] - previous[depth];
    const restStartsAtOne = next.slice(depth + 1).every((p) => p === 1);
    // One skipped number is tolerated below chapter level only: "5 …" after chapter 3 is a list entry.
    const maxStep = depth === 0 ? 1 : 2;
    if (samePrefix && step >= 1 && step <= maxStep && restStartsAtOne) return true;
  }
  return false;
}

/** Heading depth from the number: "2" → 1, "2.3" → 2, "2.3.1" → 3. */
export function depthOf(match: HeadingMatch): number {
  return match.kind === 'numbered' ? match.parts.length : 1;
}

/** Title-like line for documents that title sections without numbers ("Leerkracht", "Klachten en meldingen"). */
export function looksLikeTitle(text: string, shortLimit: number): boolean {
  if (/^Stap \d{1,2}[,:.]? +\S/.test(text) && text.length <= 90) return true;
  if (!TITLE_START.test(text)) return false;
  if (text.length > shortLimit || text.length < 3) return false;
  if (/[.,;:!?]$/.test(text)) return false;
  if (/,/.test(text)) return false;
  if (/@|https?:|www\.|\d{2,}/.test(text)) return false;
  if (text.split(/\s+/).length > 10) return false;
  return true;
}

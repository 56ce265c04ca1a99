import type { PlanDocument, PlanSection } from './types';

/** A retrievable piece of a plan: one section or part of it, never longer than MAX_PASSAGE. */
export interface Passage {
  key: string;
  docId: string;
  docTitle: string;
  sectionId: string;
  /** "2.7 Incidentenregistratie" */
  sectionTitle: string;
  /** Enclosing section titles, outermost first. */
  parents: string[];
  text: string;
  isTemplate: boolean;
}

export const MAX_PASSAGE = 1500;
const TARGET = 1200;

export function sectionDisplayTitle(section: PlanSection): string {
  return [section.number, section.title].filter(Boolean).join(' ');
}

/** Splits every section into passages at paragraph (then sentence) boundaries, one paragraph of overlap. */
export function passagesOf(doc: PlanDocument): Passage[] {
  const out: Passage[] = [];
  for (const section of doc.sections) {
    const chunks = chunk(section.text);
    chunks.forEach((text, i) => {
      out.push({
        key: `${doc.id}#${section.id}#${i}`,
        docId: doc.id,
        docTitle: doc.title,
        sectionId: section.id,
        sectionTitle: sectionDisplayTitle(section),
        parents: section.parents,
        text,
        isTemplate: section.isTemplate,
      });
    });
  }
  return out;
}

function chunk(text: string): string[] {
  const paragraphs = text
    .split(/\n\s*\n/)
    .flatMap((p) => splitLong(p.trim()))
    .filter(Boolean);
  if (!paragraphs.length) return [];
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const p of paragraphs) {
    if (current.length && size + p.length + 2 > TARGET) {
      chunks.push(current.join('\n\n'));
      const last = current[current.length - 1];
      // Overlap by the last paragraph when it is short enough to keep the next chunk within bounds.
      current = last.length + p.length + 2 <= MAX_PASSAGE && last.length < TARGET / 2 ? [last] : [];
      size = current.reduce((n, x) => n + x.length + 2, 0);
    }
    current.push(p);
    size += p.length + 2;
  }
  if (current.length) chunks.push(current.join('\n\n'));
  return chunks.map((c) => (c.length > MAX_PASSAGE ? c.slice(0, MAX_PASSAGE) : c));
}

/**
 * A paragraph longer than a passage is cut between its lines (list items) and a long line at sentence ends, or hard
 * at the limit. Lines stay lines: a list cut in two is still a list, item by item.
 */
function splitLong(p: string): string[] {
  if (p.length <= TARGET) return [p];
  // Each piece remembers what joined it to the one before: a line break, or a space within a line.
  const pieces: { text: string; joiner: string }[] = [];
  for (const line of p.split('\n')) {
    const sentences = line.length > TARGET ? line.split(/(?<=[.!?;:])\s+/) : [line];
    sentences.forEach((text, i) => pieces.push({ text, joiner: i === 0 ? '\n' : ' ' }));
  }
  const out: string[] = [];
  let cur = '';
  for (const { text, joiner } of pieces) {
    if (cur && cur.length + text.length + 1 > TARGET) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}${joiner}${text}` : text;
    while (cur.length > MAX_PASSAGE) {
      out.push(cur.slice(0, TARGET));
      cur = cur.slice(TARGET);
    }
  }
  if (cur) out.push(cur);
  return out;
}

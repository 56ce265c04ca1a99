/**
 * Knowledge lint (`npm run knowledge:lint`): per plan, the sections staff cannot yet be found by (no
 * phrasings, or only the importer's drafts), phrasings for sections that no longer exist, and text the
 * plan's writer left unfilled ("….", "xxx", "School specifiek", "[naam]").
 */
import { isPlaceholder } from './compose';
import { sentencesOf } from './compose';
import { displayTitle } from './load';
import type { PhrasingsByDoc } from './phrasings';
import type { PlanDocument } from './types';

export interface PlanLint {
  doc: string;
  sections: number;
  /** Sections with text but without any phrasing. */
  withoutPhrasings: string[];
  /** Sections whose phrasings are still the importer's unreviewed drafts. */
  draftPhrasings: string[];
  /** Section ids in the phrasings file that the plan does not have. */
  unknownSections: string[];
  /** Placeholders and unfilled values: section title and the sentence. */
  unfilled: { section: string; text: string }[];
}

export function lintPlan(doc: PlanDocument, phrasings: PhrasingsByDoc): PlanLint {
  const own = phrasings.get(doc.id) ?? new Map();
  const ids = new Set(doc.sections.map((s) => s.id));
  const result: PlanLint = { doc: doc.id, sections: doc.sections.length, withoutPhrasings: [], draftPhrasings: [], unknownSections: [], unfilled: [] };
  for (const section of doc.sections) {
    const title = displayTitle(section);
    // The key in the phrasings file is the section id; shown when it is not simply the number.
    const label = section.id === section.number ? title : `${title} [${section.id}]`;
    const p = own.get(section.id);
    if (section.text.trim() && !section.isTemplate) {
      if (!p || p.nl.length + p.en.length === 0) result.withoutPhrasings.push(label);
      else if (p.draft) result.draftPhrasings.push(label);
    }
    // A fill-in template is meant to hold placeholders; its sections are not reported.
    if (section.isTemplate) continue;
    for (const sentence of sentencesOf(section.text)) if (isPlaceholder(sentence)) result.unfilled.push({ section: title, text: sentence });
  }
  for (const id of own.keys()) if (!ids.has(id)) result.unknownSections.push(id);
  return result;
}

/** A readable report; `problems` counts sections without phrasings and phrasings of unknown sections. */
export function formatLint(results: PlanLint[], loadProblems: string[] = []): { text: string; problems: number } {
  const lines: string[] = [];
  let problems = loadProblems.length;
  for (const p of loadProblems) lines.push(`! ${p}`);
  for (const r of results) {
    lines.push(`${r.doc}: ${r.sections} secties`);
    const list = (label: string, items: string[]): void => {
      if (!items.length) return;
      lines.push(`  ${label} (${items.length}):`);
      for (const i of items) lines.push(`    - ${i}`);
    };
    list('zonder formuleringen / without phrasings', r.withoutPhrasings);
    list('alleen concept-formuleringen / draft phrasings only', r.draftPhrasings);
    list('formuleringen voor onbekende secties / phrasings for unknown sections', r.unknownSections);
    list('niet ingevuld / placeholders and unfilled values', r.unfilled.map((u) => `${u.section}: ${u.text.slice(0, 120)}`));
    if (!r.withoutPhrasings.length && !r.draftPhrasings.length && !r.unknownSections.length && !r.unfilled.length) lines.push('  in orde / ok');
    problems += r.withoutPhrasings.length + r.unknownSections.length;
  }
  return { text: lines.join('\n'), problems };
}

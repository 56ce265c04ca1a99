/**
 * Draft phrasings for a newly imported plan: for every section without phrasings, a few questions derived
 * mechanically from its heading, marked `"draft": true`, for an admin to edit into the ways staff really ask
 * (docs/knowledge-import.md). Existing phrasings are never changed: only sections that have none get a draft.
 */
import fs from 'node:fs';
import path from 'node:path';
import { displayTitle } from '../load';
import { PhrasingsFileSchema, phrasingsDir, type PhrasingsFile } from '../phrasings';
import type { PlanDocument, PlanSection } from '../types';

export interface DraftSection {
  heading: string;
  nl: string[];
  en: string[];
  draft: true;
}

/** "3.1 BHV, EHBO en Eerste Hulp" → questions a colleague might type, from the heading alone. */
export function draftFor(section: PlanSection): DraftSection {
  const topic = section.title.replace(/^[\s\d.:–-]+/, '').replace(/[.:]+$/, '').trim();
  const lower = topic.charAt(0).toLowerCase() + topic.slice(1);
  const nl = topic
    ? [topic, `wat staat er in ons plan over ${lower}?`, `wat doen we bij ${lower}?`, `hoe is ${lower} bij ons geregeld?`]
    : [];
  return { heading: displayTitle(section), nl, en: [], draft: true };
}

/**
 * Adds draft phrasings for the sections of `doc` that have none to `<knowledgeDir>/phrasings/<doc>.json`.
 * Returns how many sections got a draft (0 when every section already has phrasings; the file is then untouched).
 */
export function writeDraftPhrasings(knowledgeDir: string, doc: PlanDocument): number {
  const dir = phrasingsDir(knowledgeDir);
  const file = path.join(dir, `${doc.id}.json`);
  let existing: PhrasingsFile = { doc: doc.id, sections: {} };
  if (fs.existsSync(file)) {
    const parsed = PhrasingsFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ongeldig phrasings-bestand; herstel het eerst (${parsed.error.issues[0].message})`);
    existing = parsed.data;
  }
  let added = 0;
  const sections: Record<string, unknown> = { ...existing.sections };
  for (const section of doc.sections) {
    if (sections[section.id] || !section.text.trim() || section.isTemplate) continue;
    sections[section.id] = draftFor(section);
    added += 1;
  }
  if (added === 0) return 0;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ...existing, doc: doc.id, sections }, null, 2)}\n`);
  return added;
}

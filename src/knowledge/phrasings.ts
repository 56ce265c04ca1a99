/**
 * Section phrasings: for every section of a plan, ways staff would ask for it (Dutch and English), kept as
 * data next to the plan in `<knowledgeDir>/phrasings/<doc>.json` and indexed as their own search field.
 * Shape: `{"doc": "conexus", "draft"?: true, "sections": {"<sectionId>": {"heading", "nl": [...], "en": [...], "draft"?: true}}}`.
 * A plan without a file simply has no phrasings; a file that does not parse is skipped with a warning (a
 * half-written file must never stop the bot).
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';

const SectionPhrasingsSchema = z
  .object({
    heading: z.string().optional(),
    nl: z.array(z.string()).default([]),
    en: z.array(z.string()).default([]),
    draft: z.boolean().optional(),
  })
  .passthrough();

export const PhrasingsFileSchema = z
  .object({
    doc: z.string().min(1),
    draft: z.boolean().optional(),
    sections: z.record(SectionPhrasingsSchema),
  })
  .passthrough();

export type PhrasingsFile = z.infer<typeof PhrasingsFileSchema>;

export interface SectionPhrasings {
  nl: string[];
  en: string[];
  /** Written mechanically by the importer and not yet reviewed by an admin. */
  draft: boolean;
}

/** docId → sectionId → phrasings. */
export type PhrasingsByDoc = Map<string, Map<string, SectionPhrasings>>;

export interface PhrasingsLoad {
  phrasings: PhrasingsByDoc;
  /** Files that could not be read, with the reason (reported, never fatal). */
  problems: string[];
}

export function phrasingsDir(knowledgeDir: string): string {
  return path.join(knowledgeDir, 'phrasings');
}

/** Reads every `<knowledgeDir>/phrasings/*.json`; tolerant of a missing folder and of unreadable files. */
export function loadPhrasings(knowledgeDir: string): PhrasingsLoad {
  const dir = phrasingsDir(knowledgeDir);
  const phrasings: PhrasingsByDoc = new Map();
  const problems: string[] = [];
  if (!fs.existsSync(dir)) return { phrasings, problems };
  // A board that imports one plan for many schools has the same phrasings many times: kept once in memory.
  const texts = new Map<string, string>();
  const shared = (list: string[]): string[] =>
    list.map((t) => {
      const known = texts.get(t);
      if (known !== undefined) return known;
      texts.set(t, t);
      return t;
    });
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    let parsed: PhrasingsFile;
    try {
      const result = PhrasingsFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      if (!result.success) {
        problems.push(`${file}: ${result.error.issues[0].path.join('.') || '/'}: ${result.error.issues[0].message}`);
        continue;
      }
      parsed = result.data;
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}`);
      continue;
    }
    const bySection = phrasings.get(parsed.doc) ?? new Map<string, SectionPhrasings>();
    for (const [sectionId, s] of Object.entries(parsed.sections)) {
      bySection.set(sectionId, { nl: shared(s.nl), en: shared(s.en), draft: Boolean(s.draft ?? parsed.draft) });
    }
    phrasings.set(parsed.doc, bySection);
  }
  return { phrasings, problems };
}

/** All phrasings of a section as one list (Dutch and English), or none. */
export function phrasingsOf(all: PhrasingsByDoc, docId: string, sectionId: string): string[] {
  const s = all.get(docId)?.get(sectionId);
  return s ? [...s.nl, ...s.en] : [];
}

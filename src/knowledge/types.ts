/** The knowledge model shared by importer, loader, index and answer composer. No Teams types here. */

/** One heading-delimited part of a plan, as imported. */
export interface PlanSection {
  /** Stable id, unique within the document: the heading number when there is one ("2.3.1"), else a slug. */
  id: string;
  /** Heading number as printed ("2.3.1", "Hoofdstuk 2", "Bijlage 1"), empty when unnumbered. */
  number: string;
  /** Heading text without its number. */
  title: string;
  /** Heading depth, 1 = chapter. */
  level: number;
  /** Titles of the enclosing sections, outermost first (for "Hoofdstuk 2 › 2.3 Meldcode"). */
  parents: string[];
  /** Clean body text: paragraphs separated by blank lines, list items on their own lines, tables as "a | b" rows. */
  text: string;
  /** True for fill-in templates (Conexus Bijlage 1): never served as policy unless asked about the template. */
  isTemplate: boolean;
}

/** Where a plan applies: a whole board (every school of it) or named schools. */
export type PlanScope = { level: 'board'; board: string } | { level: 'school'; board: string; schools: string[] };

/** One imported plan. Its id is what the evaluation calls `doc` (conexus, de-campus, …). */
export interface PlanDocument {
  id: string;
  title: string;
  scope: PlanScope;
  /** Original file name of the raw input, kept beside the import under knowledge/raw/. */
  source: string;
  schoolYear?: string;
  sections: PlanSection[];
}

export interface Board {
  id: string;
  name: string;
}

export interface School {
  id: string;
  name: string;
  board: string;
  /** Short code that prefixes report ids. */
  code: string;
}

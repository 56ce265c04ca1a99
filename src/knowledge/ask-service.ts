import type { Answer } from './answer';

/** A plan section as the "toon hele sectie" action and the /kennis page show it. */
export interface SectionView {
  docTitle: string;
  /** Display title with its number ("2.7 Incidentenregistratie"). */
  section: string;
  text: string;
}

/** What the Teams edge and the server need from the Ask capability. */
export interface AskService {
  /** Answer `question` from the plans that apply to `schoolId` (its own and its board's). */
  ask(schoolId: string, question: string): Answer;
  /** The whole section, or undefined when the document or section does not exist. */
  section(docId: string, sectionId: string): SectionView | undefined;
  /** Whether the plan `docId` applies to `schoolId` (its own plan or its board's): card data is user input. */
  planAppliesTo(docId: string, schoolId: string): boolean;
}

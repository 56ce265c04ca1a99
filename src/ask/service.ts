import type { WhoAnswer } from '../directory';
import type { Answer, SectionView } from '../knowledge/answer';

export type { SectionView };

/** An answer, and when the question asked for a person, the directory's reply (for the contact card). */
export interface AskReply extends Answer {
  who?: WhoAnswer;
}

/**
 * What the Teams edge and the server need from the Ask capability: in process (buildAsk, the CLI) or in the Ask
 * worker thread (startAskWorker, the bot), so each may answer now or later.
 */
export interface AskService {
  /** Answer `question` from the plans that apply to `schoolId` (its own and its board's), or from the directory. */
  ask(schoolId: string, question: string): AskReply | Promise<AskReply>;
  /** The whole section, or undefined when the document or section does not exist. */
  section(docId: string, sectionId: string): SectionView | undefined | Promise<SectionView | undefined>;
  /** Whether the plan `docId` applies to `schoolId` (its own plan or its board's): card data is user input. */
  planAppliesTo(docId: string, schoolId: string): boolean | Promise<boolean>;
}

import * as path from 'path';
import type { Answer } from '../knowledge/answer';
import { createKnowledgeService, type KnowledgeService, type SectionView } from '../knowledge';
import { loadKnowledge } from '../knowledge/load';

/** What the bot and the CLI call: a staff question in, one answer out (policy text or, later, a contact). */
export interface AskService {
  ask(schoolId: string, question: string): Answer;
  section(docId: string, sectionId: string): SectionView | undefined;
  knowledge: KnowledgeService;
}

export interface AskOptions {
  knowledgeDir: string;
  cardsDir: string;
}

export function buildAsk(options: AskOptions): AskService {
  const kb = loadKnowledge(options.knowledgeDir);
  const knowledge = createKnowledgeService(kb, options.knowledgeDir, options.cardsDir);
  return {
    knowledge,
    ask: (schoolId, question) => knowledge.answerPolicy(schoolId, question).answer,
    section: (docId, sectionId) => knowledge.section(docId, sectionId),
  };
}

export const defaultCardsDir = path.resolve(__dirname, '..', '..', 'cards');

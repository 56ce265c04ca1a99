/** A knowledge service over a small hand-written plan of school "alpha", with the shipped analysis (thesaurus, word lists). */
import * as path from 'path';
import { createKnowledgeService, type KnowledgeService } from '../../src/knowledge';
import type { AbstainThresholds } from '../../src/knowledge/ask';
import type { PlanDocument, PlanSection, School } from '../../src/knowledge/types';

const ROOT = path.resolve(__dirname, '../..');

export const section = (id: string, title: string, text: string): PlanSection => ({ id, number: id, title, level: 2, parents: ['Beleid'], text, isTemplate: false });

export const ALPHA: School = { id: 'alpha', name: 'School Alpha', board: 'b1', code: 'ALP' };

export function alphaPlan(sections: PlanSection[]): PlanDocument {
  return { id: 'alpha', title: 'Veiligheidsplan Alpha', scope: { level: 'school', board: 'b1', schools: ['alpha'] }, source: 'a.txt', sections };
}

/** Ask over these plans for these schools (default: school alpha and its plan); abstention thresholds as shipped unless given. */
export function smallKnowledge(documents: PlanDocument[], schools: School[] = [ALPHA], abstain?: AbstainThresholds): KnowledgeService {
  return createKnowledgeService({ documents, schools }, path.join(ROOT, 'knowledge'), path.join(ROOT, 'cards'), abstain, () => {});
}

import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { Analyzer } from './analysis/analyzer';
import { loadAnalysisResources } from './analysis/resources';
import type { Answer, Lang } from './answer';
import { ABSTAIN, answerPolicy, type AbstainThresholds, type AskDeps, type AskStrings, type PolicyResult } from './ask';
import { passagesOf, sectionDisplayTitle } from './passages';
import { SearchIndex } from './search-index';
import type { SectionView } from './answer';
import type { KnowledgeBase } from './load';
import type { PlanDocument, School } from './types';

/** The Ask capability: built once at start from the knowledge folder, then answers synchronously. */
export interface KnowledgeService {
  answerPolicy(schoolId: string, question: string): PolicyResult;
  section(docId: string, sectionId: string): SectionView | undefined;
  schools: School[];
  documents: PlanDocument[];
}

const stringsSchema = z.object({
  nl: z.object({ abstain: z.string(), emptyQuestion: z.string() }),
  en: z.object({ abstain: z.string(), emptyQuestion: z.string() }),
});
const templateWordsSchema = z.object({ templateQuestion: z.array(z.string()).min(1) });

export function createKnowledgeService(
  kb: Pick<KnowledgeBase, 'documents' | 'schools'>,
  knowledgeDir: string,
  cardsDir: string,
  abstain: AbstainThresholds = ABSTAIN,
): KnowledgeService {
  const resources = loadAnalysisResources(knowledgeDir);
  const passages = kb.documents.flatMap(passagesOf);
  const analyzer = new Analyzer(resources, passages.map((p) => `${p.sectionTitle}\n${p.text}`));
  const index = new SearchIndex(analyzer, passages);
  const strings: Record<Lang, AskStrings> = stringsSchema.parse(readJson(path.join(cardsDir, 'ask.strings.json')));
  const { templateQuestion } = templateWordsSchema.parse(readJson(path.join(knowledgeDir, 'thesaurus.json')));
  const deps: AskDeps = { analyzer, index, documents: kb.documents, schools: kb.schools, strings, templateWords: templateQuestion, abstain };
  return {
    schools: kb.schools,
    documents: kb.documents,
    answerPolicy: (schoolId, question) => answerPolicy(deps, schoolId, question),
    section(docId, sectionId) {
      const doc = kb.documents.find((d) => d.id === docId);
      const section = doc?.sections.find((s) => s.id === sectionId);
      if (!doc || !section) return undefined;
      return { docTitle: doc.title, section: sectionDisplayTitle(section), text: section.text };
    },
  };
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export type { Answer, SectionView };

import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { Analyzer } from './analysis/analyzer';
import { loadAnalysisResources, type AnalysisResources } from './analysis/resources';
import { dutchWordList } from './analysis/wordlist';
import type { Answer, Lang } from './answer';
import { ABSTAIN, answerPolicy, type AbstainThresholds, type AskDeps, type AskStrings, type PolicyResult } from './ask';
import { FIGURE_KINDS, type FigureAsked } from './figure';
import { passagesOf, sectionDisplayTitle, type Passage } from './passages';
import { loadPhrasings, phrasingsOf, type PhrasingsByDoc } from './phrasings';
import { SearchIndex } from './search-index';
import type { SectionView } from './answer';
import type { KnowledgeBase } from './load';
import type { PlanDocument, School } from './types';

/** The Ask capability: built once at start from the knowledge folder, then answers synchronously. */
export interface KnowledgeService {
  answerPolicy(schoolId: string, question: string): PolicyResult;
  section(docId: string, sectionId: string): SectionView | undefined;
  /** A plan's passages as the index holds them (empty for an unknown plan). */
  passages(docId: string): readonly Passage[];
  schools: School[];
  documents: PlanDocument[];
}

const missingStrings = z.object(Object.fromEntries(FIGURE_KINDS.map((kind) => [kind, z.string()])) as Record<FigureAsked, z.ZodString>);
const langStrings = z.object({ abstain: z.string(), notStated: z.string(), missing: missingStrings, emptyQuestion: z.string(), quote: z.string().optional() });
const stringsSchema = z.object({ nl: langStrings, en: langStrings });
/** The plans are Dutch: an English question gets the Dutch sentences with an English lead-in ("quote" in the cards' strings overrides it). */
const DEFAULT_QUOTE: Record<Lang, string> = { nl: '{quote}', en: 'The plan says (in Dutch): “{quote}”' };
const templateWordsSchema = z.object({ templateQuestion: z.array(z.string()).min(1) });

/** The analyser Ask reads questions with: its vocabulary and compound parts learned from the plans and their phrasings. */
export function planAnalyzer(resources: AnalysisResources, passages: readonly Passage[], phrasings: PhrasingsByDoc): Analyzer {
  const phrasingTexts = [...new Set([...phrasings.values()].flatMap((m) => [...m.values()].flatMap((s) => [...s.nl, ...s.en])))];
  return new Analyzer(resources, [...passages.map((p) => `${p.sectionTitle}\n${p.text}`), ...phrasingTexts]);
}

export function createKnowledgeService(
  kb: Pick<KnowledgeBase, 'documents' | 'schools'>,
  knowledgeDir: string,
  cardsDir: string,
  abstain: AbstainThresholds = ABSTAIN,
  onProblem: (message: string) => void = (message) => process.stderr.write(`${message}\n`),
): KnowledgeService {
  const resources = loadAnalysisResources(knowledgeDir);
  const passages = kb.documents.flatMap(passagesOf);
  const passagesByDoc = new Map<string, Passage[]>();
  for (const p of passages) passagesByDoc.set(p.docId, [...(passagesByDoc.get(p.docId) ?? []), p]);
  const { phrasings, problems } = loadPhrasings(knowledgeDir);
  for (const problem of problems) onProblem(`phrasings skipped: ${problem}`);
  const sectionPhrasings = (p: Passage): string[] => phrasingsOf(phrasings, p.docId, p.sectionId);
  const analyzer = planAnalyzer(resources, passages, phrasings);
  const index = new SearchIndex(analyzer, passages, sectionPhrasings);
  // The Dutch word list (typo guard, nouns) takes a few hundred milliseconds to read: warm it while the bot starts
  // rather than on the first question (a question before then reads it itself, synchronously).
  setImmediate(() => dutchWordList());
  const parsed = stringsSchema.parse(readJson(path.join(cardsDir, 'ask.strings.json')));
  const strings: Record<Lang, AskStrings> = {
    nl: { ...parsed.nl, quote: parsed.nl.quote ?? DEFAULT_QUOTE.nl },
    en: { ...parsed.en, quote: parsed.en.quote ?? DEFAULT_QUOTE.en },
  };
  const { templateQuestion } = templateWordsSchema.parse(readJson(path.join(knowledgeDir, 'thesaurus.json')));
  const deps: AskDeps = { analyzer, index, documents: kb.documents, schools: kb.schools, strings, templateWords: templateQuestion, abstain };
  return {
    schools: kb.schools,
    documents: kb.documents,
    answerPolicy: (schoolId, question) => answerPolicy(deps, schoolId, question),
    passages: (docId) => passagesByDoc.get(docId) ?? [],
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

import type { Analyzer, AnalysedQuery } from './analysis/analyzer';
import { words } from './analysis/normalize';
import type { Answer, AnswerSource, Lang } from './answer';
import { extractAnswer } from './compose';
import type { Passage } from './passages';
import { planAppliesTo } from './scope';
import type { Hit, SearchIndex } from './search-index';
import type { PlanDocument, School } from './types';

/**
 * Calibration of "weet ik niet" on the shipped plans. The best passage's rank (BM25 × coverage of the
 * question's notions) must reach minRank, and it must cover at least minCoverage of the question;
 * below either, Baken abstains. Set on the development set as a whole, not per question: questions the
 * plans do not answer score below 3.5, answerable ones mostly above 4. Re-check after importing new plans.
 */
export const ABSTAIN: AbstainThresholds = { minRank: 3.5, minCoverage: 0.15 };

export interface AbstainThresholds {
  minRank: number;
  minCoverage: number;
}
const MAX_SOURCES = 3;

export interface AskStrings {
  abstain: string;
  emptyQuestion: string;
}

export interface AskDeps {
  analyzer: Analyzer;
  index: SearchIndex;
  documents: PlanDocument[];
  schools: School[];
  strings: Record<Lang, AskStrings>;
  /** Words that show the question is about the fill-in template itself. */
  templateWords: string[];
  abstain: AbstainThresholds;
}

export interface PolicyResult {
  answer: Answer;
  /** All hits considered, best first (for diagnostics and for other capabilities). */
  hits: Hit[];
  query: AnalysedQuery;
}

/** Answers a policy question from the asker's school's plans and its board's, never another school's. */
export function answerPolicy(deps: AskDeps, schoolId: string, question: string): PolicyResult {
  const lang = deps.analyzer.detectLanguage(question);
  const school = deps.schools.find((s) => s.id === schoolId);
  const query = deps.analyzer.analyseQuery(question, lang, deps.index.terms);
  const strings = deps.strings[lang];
  const abstain = (text: string): PolicyResult => ({
    answer: { lang, abstained: true, answer: text, sources: [], contacts: [] },
    hits: [],
    query,
  });
  if (!school) throw new Error(`Unknown school: ${schoolId}`);
  if (!query.concepts.length) return abstain(strings.emptyQuestion);

  const docIds = new Set(deps.documents.filter((d) => planAppliesTo(d, school)).map((d) => d.id));
  const aboutTemplate = words(question).some((w) => deps.templateWords.includes(w));
  const accept = (p: Passage): boolean => docIds.has(p.docId) && (aboutTemplate || !p.isTemplate);
  const hits = deps.index.search(query, accept, 12);
  const top = hits[0];
  if (!top || top.coverage < deps.abstain.minCoverage || top.rank < deps.abstain.minRank) {
    return { ...abstain(strings.abstain.replace('{school}', school.name)), hits };
  }
  const sources: AnswerSource[] = atMostTwoPerSection(hits)
    .slice(0, MAX_SOURCES)
    .map((h) => ({
      doc: h.passage.docId,
      docTitle: h.passage.docTitle,
      sectionId: h.passage.sectionId,
      section: h.passage.sectionTitle,
      text: h.passage.text,
      score: round(h.score),
    }));
  const text = extractAnswer(top, query, deps.index, deps.analyzer);
  return { answer: { lang, abstained: false, answer: text, sources, contacts: [] }, hits, query };
}

/**
 * A long section is split into several passages and two of them may both answer; a third from the
 * same section would crowd out other places in the plans.
 */
function atMostTwoPerSection(hits: Hit[]): Hit[] {
  const seen = new Map<string, number>();
  return hits.filter((h) => {
    const key = `${h.passage.docId}#${h.passage.sectionId}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n < 2;
  });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

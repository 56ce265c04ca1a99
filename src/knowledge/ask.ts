import { conceptMatchedIn, type Analyzer, type AnalysedQuery, type QueryConcept } from './analysis/analyzer';
import { words } from './analysis/normalize';
import type { Answer, AnswerSource, Lang } from './answer';
import { extractAnswer } from './compose';
import type { Passage } from './passages';
import { planAppliesTo } from './scope';
import type { Hit, SearchIndex } from './search-index';
import type { PlanDocument, School } from './types';

/**
 * Calibration of "weet ik niet" on the shipped plans. Decided on the best passage's *strength* (its score
 * relative to the question's own weight, so short and long questions compare) and coverage: below
 * minStrength or minCoverage, Baken abstains; when the answer's section lacks the question's most specific
 * concept (its rarest noun, "ouderbijdrage", "wifi"), the bar is minStrengthUnspecific, and when no plan has
 * that concept at all, minStrengthUnknown (evidence ordered: in the section < elsewhere < nowhere). Set on the
 * development and extra sets together, as a whole (minimising false abstentions plus missed ones), never on
 * one question. Re-check after importing new plans.
 */
export const ABSTAIN: AbstainThresholds = { minStrength: 0.27, minCoverage: 0.15, minStrengthUnspecific: 0.49, minStrengthUnknown: 0.54 };

export interface AbstainThresholds {
  minStrength: number;
  minCoverage: number;
  /** The bar when the best passage's section lacks the question's most specific concept. */
  minStrengthUnspecific?: number;
  /** The bar when no plan has that concept at all (nor a stand-in, nor a phrasing): stronger evidence still. */
  minStrengthUnknown?: number;
}
const MAX_SOURCES = 3;

export interface AskStrings {
  abstain: string;
  emptyQuestion: string;
  /** How a quote from the (Dutch) plan is framed in this language; {quote} is the sentences. */
  quote?: string;
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
  /** The question's most specific concept and whether the answer's section has it (diagnostics). */
  specific?: { word: string; matched: boolean; known: boolean };
}

/**
 * The question's most specific concept: the one that weighs most (its best term's weight × rarity); a word
 * no plan contains is the rarest of all. Only content words compete (nouns, unknown names and compounds):
 * a question without one ("wanneer noemen we iets pesten?") has no such concept and is judged on strength alone.
 */
export function mostSpecificConcept(query: AnalysedQuery, index: SearchIndex, isContent: (c: QueryConcept) => boolean = () => true): QueryConcept | undefined {
  let best: QueryConcept | undefined;
  let bestWeight = -1;
  for (const c of query.concepts.filter(isContent)) {
    const w = index.conceptWeight(c);
    if (w > bestWeight) {
      best = c;
      bestWeight = w;
    }
  }
  return best;
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
  const concept = mostSpecificConcept(query, deps.index, (c) => c.content !== false);
  const specific =
    concept && top
      ? { word: concept.word, matched: conceptMatchedIn(concept, (t) => top.sectionMatched.has(t)), known: [...concept.terms.keys()].some((t) => deps.index.terms.has(t)) }
      : undefined;
  const { minStrength, minStrengthUnspecific, minStrengthUnknown, minCoverage } = deps.abstain;
  let bar = minStrength;
  if (specific && !specific.matched) bar = Math.max(bar, minStrengthUnspecific ?? 0, specific.known ? 0 : (minStrengthUnknown ?? 0));
  if (!top || top.coverage < minCoverage || top.strength < bar) {
    return { ...abstain(strings.abstain.replace('{school}', school.name)), hits, specific };
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
  const sentences = extractAnswer(top, query, deps.index, deps.analyzer, question);
  const text = (strings.quote ?? '{quote}').replace('{quote}', sentences);
  return { answer: { lang, abstained: false, answer: text, sources, contacts: [] }, hits, query, specific };
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

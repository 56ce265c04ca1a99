import type { Analyzer, AnalysedQuery } from './analysis/analyzer';
import type { Hit, SearchIndex } from './search-index';

const MAX_SENTENCES = 3;
const MAX_ANSWER_CHARS = 480;

/** Splits a passage into sentences and list items, keeping their order. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[A-Z0-9“"(‘'•-])/))
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

/**
 * The one to three sentences of a passage that answer the question: the best-matching sentence, plus
 * neighbours or other sentences that match nearly as well, in the passage's own order.
 */
export function extractAnswer(hit: Hit, query: AnalysedQuery, index: SearchIndex, analyzer: Analyzer): string {
  const sentences = sentencesOf(hit.passage.text);
  if (!sentences.length) return hit.passage.text.slice(0, MAX_ANSWER_CHARS);
  const scores = sentences.map((s) => {
    let score = 0;
    for (const t of new Set(analyzer.documentTerms(s))) {
      const w = query.terms.get(t);
      if (w) score += w * index.idf(t);
    }
    return score;
  });
  const best = scores.indexOf(Math.max(...scores));
  const chosen = new Set<number>([best]);
  const ranked = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  for (const [score, i] of ranked) {
    if (chosen.size >= MAX_SENTENCES) break;
    if (i !== best && score >= 0.5 * scores[best] && score > 0) chosen.add(i);
  }
  // A list item alone says little: bring the line that introduces the list.
  if (/^[•\-–*o]\s|^\d+[.)]\s/.test(sentences[best]) && best > 0 && chosen.size < MAX_SENTENCES) chosen.add(best - 1);
  // A very short answer gets its following sentence for context.
  if (sentences[best].length < 80 && best + 1 < sentences.length && chosen.size < MAX_SENTENCES) chosen.add(best + 1);
  let text = '';
  for (const i of [...chosen].sort((a, b) => a - b)) {
    const next = text ? `${text} ${sentences[i]}` : sentences[i];
    if (text && next.length > MAX_ANSWER_CHARS) break;
    text = next;
  }
  return text.length > MAX_ANSWER_CHARS + 200 ? `${text.slice(0, MAX_ANSWER_CHARS).replace(/\s+\S*$/, '')} …` : text;
}

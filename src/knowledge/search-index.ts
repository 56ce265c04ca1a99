import type { Analyzer, AnalysedQuery } from './analysis/analyzer';
import type { Passage } from './passages';

const K1 = 1.2;
const B = 0.4;
/** Title words count as this many body occurrences: a section about X is named X. */
const TITLE_BOOST = 3;
const PARENT_BOOST = 1;
const COVERAGE_BASE = 0.3;

interface IndexedPassage {
  passage: Passage;
  tf: Map<string, number>;
  length: number;
}

export interface Hit {
  passage: Passage;
  score: number;
  /** Share (0–1) of the question's weight, by inverse document frequency, that this passage covers. */
  coverage: number;
  matched: Set<string>;
  /** Ranking key: BM25 favouring passages that cover more of the question's notions. */
  rank: number;
}

/** BM25 over passages, with section titles boosted; filtered by document at query time. */
export class SearchIndex {
  private readonly items: IndexedPassage[];
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;
  readonly terms: ReadonlySet<string>;

  constructor(private readonly analyzer: Analyzer, passages: Passage[]) {
    this.items = passages.map((passage) => {
      const tf = new Map<string, number>();
      const add = (t: string, n: number): void => {
        tf.set(t, (tf.get(t) ?? 0) + n);
      };
      const body = analyzer.documentTerms(passage.text);
      for (const t of body) add(t, 1);
      for (const t of analyzer.documentTerms(passage.sectionTitle)) add(t, TITLE_BOOST);
      for (const parent of passage.parents) for (const t of analyzer.documentTerms(parent)) add(t, PARENT_BOOST);
      return { passage, tf, length: body.length + 8 };
    });
    for (const item of this.items) for (const t of item.tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.avgLength = this.items.reduce((n, i) => n + i.length, 0) / Math.max(1, this.items.length);
    this.terms = new Set(this.df.keys());
  }

  idf(term: string): number {
    const n = this.items.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  search(query: AnalysedQuery, accept: (p: Passage) => boolean, limit = 10): Hit[] {
    const hits: Hit[] = [];
    const conceptWeight = query.concepts.map((c) => Math.max(...[...c.terms.keys()].map((t) => this.idf(t))));
    const total = conceptWeight.reduce((a, b) => a + b, 0) || 1;
    for (const item of this.items) {
      if (!accept(item.passage)) continue;
      let score = 0;
      const matched = new Set<string>();
      for (const [term, weight] of query.terms) {
        const tf = item.tf.get(term);
        if (!tf) continue;
        matched.add(term);
        const norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * item.length / this.avgLength));
        score += weight * this.idf(term) * norm;
      }
      if (score <= 0) continue;
      let covered = 0;
      query.concepts.forEach((c, i) => {
        let best = 0;
        for (const [t, w] of c.terms) if (matched.has(t)) best = Math.max(best, w);
        covered += best * conceptWeight[i];
      });
      const coverage = covered / total;
      hits.push({ passage: item.passage, score, coverage, matched, rank: score * (COVERAGE_BASE + coverage) });
    }
    hits.sort((a, b) => b.rank - a.rank);
    return hits.slice(0, limit);
  }

  /** Terms of a sentence, for choosing the sentences that answer. */
  sentenceTerms(sentence: string): Set<string> {
    return new Set(this.analyzer.documentTerms(sentence));
  }
}


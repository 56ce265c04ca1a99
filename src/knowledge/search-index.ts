import { conceptMatchedIn, withoutAskerDescription, type Analyzer, type AnalysedQuery, type QueryConcept } from './analysis/analyzer';
import { sentencesOf, splitSentences } from './compose';
import type { Passage } from './passages';

/**
 * BM25F over passages. Every passage is scored on four fields: its section's title, the enclosing section
 * titles, its own text, and the section's phrasings (ways staff ask for it). Field frequencies are weighted
 * and length-normalised per field, then saturated once per *question concept*: a word and the thesaurus
 * stand-ins for it are one notion of the question, so it counts with its best term plus a small share of
 * the others, never as a sum (an overview passage that names five synonyms does not beat the passage about
 * the notion). The same is computed for the whole section the passage belongs to (section-level evidence)
 * and combined with the passage's own score. The best hits are then re-ranked by the question's similarity to
 * the passage's closest single phrasing, and the final choice between the best two is made on sentence-level
 * evidence: the passage whose one sentence says more of the question's notions together.
 */
export type Field = 'title' | 'parents' | 'body' | 'phrasings';
const FIELDS: readonly Field[] = ['title', 'parents', 'body', 'phrasings'];

function emptyFields<T>(make: () => T): Record<Field, T> {
  return { title: make(), parents: make(), body: make(), phrasings: make() };
}

export interface FieldParams {
  weight: number;
  /** Length normalisation (BM25 b) of the field. */
  b: number;
}

export interface RankingParams {
  k1: number;
  fields: Record<Field, FieldParams>;
  /** Share of a concept's other matching terms added to its best term (0 = best term only, 1 = plain sum). */
  conceptShare: number;
  /** Weight of the section-level score against the passage's own (0–1). */
  sectionShare: number;
  /** Rank = score × (coverageBase + coverage): favours passages that cover more of the question. */
  coverageBase: number;
  /**
   * Rank × (1 + phrasingMatch × similarity of the question to the passage's closest single phrasing): a
   * question that paraphrases one way staff ask for a section is strong evidence for it (like a QnA
   * service's alternative questions), beyond the bag of all phrasings in the field.
   */
  phrasingMatch: number;
  /** How many of the best hits are re-ranked by phrasing similarity. */
  rerankDepth: number;
  /**
   * The final choice among the best `answerDepth` hits: rank × (1 + sentenceMatch × the share of the question's
   * weight that one single sentence of the passage covers). An answer is stated somewhere; of two close
   * candidates (often two passages of one section), the one that says the question's notions together wins.
   * The order of the hits below them, and so the set of the best few, is left alone.
   */
  sentenceMatch: number;
  answerDepth: number;
  /** The best sentence's coverage × (1 + this) when it states what the question word asks for (a frequency, a place). */
  answerTypeBonus: number;
  /**
   * Weight of a word known only as an adjective (officieel, definitief), against a word naming what is asked. 0.75:
   * 0.5 cost the extra and spent sets answers where the adjective is the plans' own term (fysiek, digitaal); 0.75 left
   * them as they were and fixed two dev questions a rare adjective had sent to the wrong section.
   */
  modifierWeight: number;
}

/**
 * Set on the development and extra sets together, as a whole; not per question. k1 re-set on all development sets
 * pooled (stop 22, n=2,439 from some twenty writers): 1.6 → 4, a term's repeats in the title, phrasings and text keep
 * counting longer before they saturate; policy@1 88.4 → 89.1 with the abstention bars re-set with it (see ABSTAIN);
 * 2 to 5 all gained, 4 the most with false plus missed abstentions no worse.
 */
export const RANKING: RankingParams = {
  k1: 4,
  fields: {
    title: { weight: 3, b: 0.3 },
    parents: { weight: 0.7, b: 0.3 },
    body: { weight: 1, b: 0.5 },
    phrasings: { weight: 1, b: 0.5 },
  },
  conceptShare: 0.15,
  sectionShare: 0.35,
  coverageBase: 0.3,
  phrasingMatch: 1,
  rerankDepth: 30,
  sentenceMatch: 0.5,
  answerDepth: 2,
  answerTypeBonus: 0.6,
  modifierWeight: 0.75,
};

/** Text of one retrievable unit, per field. */
export interface UnitText {
  title: string;
  parents: string[];
  body: string;
  phrasings: string[];
}

export interface Hit {
  passage: Passage;
  score: number;
  /** Share (0–1) of the question's weight, by inverse document frequency, that this passage covers. */
  coverage: number;
  /** Share (0–1) of the question's weight that the passage's whole section (all fields) covers. */
  sectionCoverage: number;
  /** Terms of the question found in the passage (any field). */
  matched: Set<string>;
  /** Terms of the question found anywhere in the passage's section (any field). */
  sectionMatched: Set<string>;
  /** Ranking key: BM25F favouring passages that cover more of the question's notions. */
  rank: number;
  /**
   * Score relative to the question's own weight (score ÷ the sum of its concept weights): comparable
   * between short and long questions, which the raw score is not. What abstention is decided on.
   */
  strength: number;
}

/**
 * The postings of one term: the units that contain it (ascending) and its frequency in each field
 * (four per unit), in typed arrays that grow by doubling. Compact enough for hundreds of plans: a frequency is
 * kept up to 255 (BM25 saturates long before; a passage is at most 1,500 characters).
 */
class Postings {
  units = new Int32Array(4);
  tf = new Uint8Array(16);
  length = 0;

  add(unit: number, counts: readonly number[]): void {
    if (this.length === this.units.length) {
      const units = new Int32Array(this.units.length * 2);
      units.set(this.units);
      this.units = units;
      const tf = new Uint8Array(this.tf.length * 2);
      tf.set(this.tf);
      this.tf = tf;
    }
    this.units[this.length] = unit;
    for (let f = 0; f < 4; f++) this.tf[this.length * 4 + f] = Math.min(255, counts[f]);
    this.length++;
  }

  /** Position of a unit in the list, or -1 (binary search: units are added in ascending order). */
  indexOf(unit: number): number {
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const u = this.units[mid];
      if (u === unit) return mid;
      if (u < unit) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  compact(): void {
    this.units = this.units.slice(0, this.length);
    this.tf = this.tf.slice(0, this.length * 4);
  }
}

interface PhrasingQuestion {
  byTerm: Map<string, [number, number][]>;
  weights: readonly number[];
  total: number;
  /** Scratch space: the best weight per concept of the phrasing being compared. */
  held: Float64Array;
}

interface Scored {
  unit: number;
  score: number;
  coverage: number;
  sectionCoverage: number;
  rank: number;
}

/** Per unit and concept while a question is scored: best term score, sum of term scores, best matched weight. */
const SLOTS = 3;

/**
 * A compound the plans have only as loose parts (thuis-werken, hoofd-luis): neither the word itself nor a
 * stand-in is in any plan, only its parts, each of which means something else alone. Like a compound known only
 * by its tail, it names a thing the plans do not describe (see unknownConcepts and SearchIndex.conceptWeight).
 */
export function isKnownOnlyByParts(c: QueryConcept, index: { readonly terms: ReadonlySet<string> }): boolean {
  if (!c.parts?.size) return false;
  const known = [...c.terms.keys()].filter((t) => index.terms.has(t));
  return known.length > 0 && known.every((t) => c.parts!.has(t));
}

export class SearchIndex {
  /** Units 0 … passages.length-1 are the passages; further units are whole sections of several passages. */
  private readonly passages: Passage[];
  /** For every passage, the unit of its whole section (the passage itself when the section is one passage). */
  private readonly sectionUnit: Int32Array;
  /** For every unit, a passage it stands for (itself, or the section's first passage). */
  private readonly unitPassage: Int32Array;
  private readonly lengths: Record<Field, Float32Array>;
  private readonly postings = new Map<string, Postings>();
  /** Per passage, the terms of each phrasing it was given (see the constructor). */
  private readonly phrasingTerms: ((readonly string[])[] | undefined)[] = [];
  /** Inverse document frequency per term, computed once the index is built (it is asked for on every match). */
  private readonly idfCache = new Map<string, number>();
  private readonly df = new Map<string, number>();
  private readonly avg: Record<Field, number>;
  private readonly sectionAvg: Record<Field, number>;
  /** Per passage (lazily, for the passages that reach the final choice), the terms of each sentence. */
  private readonly sentenceTermCache = new Map<number, { text: string; terms: Set<string> }[]>();
  private readonly weightCache = new WeakMap<AnalysedQuery, readonly number[]>();
  readonly terms: ReadonlySet<string>;
  /** The terms of the plans' own text (titles and bodies), without the words only a phrasing has. */
  readonly textTerms: ReadonlySet<string>;

  /**
   * @param phrasingsOf the phrasings of a passage's section (a section cut into passages shares them out: see below).
   */
  constructor(
    private readonly analyzer: Analyzer,
    passages: Passage[],
    phrasingsOf: (p: Passage) => string[] = () => [],
    private readonly params: RankingParams = RANKING,
  ) {
    this.passages = passages;
    const bySection = new Map<string, number[]>();
    passages.forEach((p, i) => {
      const key = `${p.docId}#${p.sectionId}`;
      const list = bySection.get(key);
      if (list) list.push(i);
      else bySection.set(key, [i]);
    });
    const multi = [...bySection.values()].filter((l) => l.length > 1);
    const unitCount = passages.length + multi.length;
    this.lengths = emptyFields(() => new Float32Array(unitCount));
    this.sectionUnit = new Int32Array(passages.length);
    this.unitPassage = new Int32Array(unitCount);

    // Phrasings are analysed once per section. A section of one passage has them all; a section cut into several
    // passages gives each phrasing to the passage(s) whose text shares most of its words (a way of asking about one
    // point of a long section is about the part that says it), and all of them to the section unit.
    const sectionPhrasings = new Map<string, (readonly string[])[]>();
    // A phrasing's terms, each once; the same phrasing text (a plan imported for several schools) shares one array.
    const phrasingTermCache = new Map<string, readonly string[]>();
    const uniqueTermsOf = (q: string): readonly string[] => {
      let terms = phrasingTermCache.get(q);
      if (!terms) {
        terms = [...new Set(termsOfShort(withoutAskerDescription(q), true))];
        phrasingTermCache.set(q, terms);
      }
      return terms;
    };
    const phrasingSets = (p: Passage): (readonly string[])[] => {
      const key = `${p.docId}#${p.sectionId}`;
      let sets = sectionPhrasings.get(key);
      if (!sets) {
        sets = phrasingsOf(p).map(uniqueTermsOf).filter((t) => t.length > 0);
        sectionPhrasings.set(key, sets);
      }
      return sets;
    };
    // Filled for a whole section when its first passage asks, emptied as its passages take their share.
    const attached = new Map<number, (readonly string[])[]>();
    const phrasingsOfPassage = (i: number): (readonly string[])[] => {
      const all = phrasingSets(passages[i]);
      const siblings = bySection.get(`${passages[i].docId}#${passages[i].sectionId}`) ?? [i];
      if (siblings.length < 2) return all;
      if (!attached.has(i)) {
        const bodies = siblings.map((j) => new Set(this.analyzer.documentTerms(passages[j].text)));
        const shares = siblings.map((): (readonly string[])[] => []);
        for (const terms of all) {
          const shared = bodies.map((body) => terms.reduce((n, t) => n + (body.has(t) ? 1 : 0), 0));
          const most = Math.max(...shared);
          shared.forEach((n, k) => {
            if (most === 0 || n === most) shares[k].push(terms);
          });
        }
        siblings.forEach((j, k) => attached.set(j, shares[k]));
      }
      const mine = attached.get(i) ?? all;
      attached.delete(i);
      return mine;
    };
    // Each phrasing counts a term once: fifteen ways of asking for a section all say its key word.
    const phrasingCounts = (sets: readonly (readonly string[])[]): { counts: Map<string, number>; length: number } => {
      const counts = new Map<string, number>();
      let length = 0;
      for (const terms of sets) {
        length += terms.length;
        for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      }
      return { counts, length };
    };
    // Titles, parent titles and phrasings repeat (every passage of a chapter has its title): analysed once.
    const shortTexts = new Map<string, readonly string[]>();
    const termsOfShort = (text: string, skipEnglish = false): readonly string[] => {
      const key = skipEnglish ? `en\u0000${text}` : text;
      let terms = shortTexts.get(key);
      if (!terms) {
        terms = this.analyzer.documentTerms(text, skipEnglish);
        shortTexts.set(key, terms);
      }
      return terms;
    };
    const addUnit = (unit: number, passage: Passage, body: string, isPassage: boolean): void => {
      // term → frequency in title, parents, body, phrasings
      const counts = new Map<string, number[]>();
      const add = (f: number, terms: readonly string[], n = 1): void => {
        for (const t of terms) {
          let c = counts.get(t);
          if (!c) {
            c = [0, 0, 0, 0];
            counts.set(t, c);
          }
          c[f] += n;
        }
      };
      const title = termsOfShort(passage.sectionTitle);
      this.lengths.title[unit] = title.length;
      add(0, title);
      for (const parent of passage.parents) {
        const terms = termsOfShort(parent);
        this.lengths.parents[unit] += terms.length;
        add(1, terms);
      }
      const bodyTerms = this.analyzer.documentTerms(body);
      this.lengths.body[unit] = bodyTerms.length;
      add(2, bodyTerms);
      const sets = isPassage ? phrasingsOfPassage(unit) : phrasingSets(passage);
      if (isPassage && sets.length) this.phrasingTerms[unit] = sets;
      const phrasings = phrasingCounts(sets);
      this.lengths.phrasings[unit] = phrasings.length;
      for (const [t, n] of phrasings.counts) add(3, [t], n);
      for (const [t, c] of counts) {
        let list = this.postings.get(t);
        if (!list) {
          list = new Postings();
          this.postings.set(t, list);
        }
        list.add(unit, c);
        if (isPassage) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      }
    };
    passages.forEach((p, i) => {
      this.unitPassage[i] = i;
      this.sectionUnit[i] = i;
      addUnit(i, p, p.text, true);
    });
    multi.forEach((list, k) => {
      const unit = passages.length + k;
      this.unitPassage[unit] = list[0];
      for (const i of list) this.sectionUnit[i] = unit;
      addUnit(unit, passages[list[0]], list.map((i) => passages[i].text).join('\n\n'), false);
    });
    for (const list of this.postings.values()) list.compact();

    const average = (units: number[]): Record<Field, number> => {
      const out = emptyFields(() => 0);
      for (const f of FIELDS) out[f] = units.reduce((n, u) => n + this.lengths[f][u], 0) / Math.max(1, units.length) || 1;
      return out;
    };
    this.avg = average(passages.map((_, i) => i));
    this.sectionAvg = average([...new Set(this.sectionUnit)]);
    this.terms = new Set(this.df.keys());
    const textTerms = new Set<string>();
    for (const [t, list] of this.postings) {
      for (let k = 0; k < list.length && !textTerms.has(t); k++) if (list.tf[k * 4] || list.tf[k * 4 + 1] || list.tf[k * 4 + 2]) textTerms.add(t);
    }
    this.textTerms = textTerms;
  }

  get size(): number {
    return this.passages.length;
  }

  idf(term: string): number {
    let idf = this.idfCache.get(term);
    if (idf === undefined) {
      const n = this.passages.length;
      const df = this.df.get(term) ?? 0;
      idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      // Terms of the plans are bounded; a question's unknown words are not, so they are not kept.
      if (df) this.idfCache.set(term, idf);
    }
    return idf;
  }

  /**
   * Weight of a concept in the question: its best term's weight × rarity, over the terms the plans have. A
   * word no plan has and no stand-in reaches weighs most when it can be a topic ("wifi"), nothing when it
   * cannot ("bla", "eigenlijk").
   */
  conceptWeight(c: QueryConcept): number {
    return c.modifier ? this.params.modifierWeight * this.ownWeight(c) : this.ownWeight(c);
  }

  /** The weight of each of the question's concepts, in order; computed once per question (search, abstention, coverage ask). */
  conceptWeights(query: AnalysedQuery): readonly number[] {
    let weights = this.weightCache.get(query);
    if (!weights) {
      weights = query.concepts.map((c) => this.conceptWeight(c));
      this.weightCache.set(query, weights);
    }
    return weights;
  }

  private ownWeight(c: QueryConcept): number {
    let best = 0;
    let bestKnown = 0;
    let known = false;
    for (const [t, w] of c.terms) {
      best = Math.max(best, w * this.idf(t));
      if (this.df.has(t)) {
        known = true;
        bestKnown = Math.max(bestKnown, w * this.idf(t));
      }
    }
    // A word the plans lack but whose stand-ins they have (papa → ouder) weighs as its stand-ins do; a compound
    // of which only the last part is known (adreswijziging) still weighs as the word no plan has.
    // The asker's introduction of herself ("ik ben invaller") weighs only when the plans' own text speaks of it.
    if (c.asker && ![...c.terms.keys()].some((t) => this.textTerms.has(t))) return 0;
    // So does a compound of which the plans have some parts but not all (school+kamp): the part they have (school)
    // says little of what it names. One whose every part they have (tevredenheid+vragenlijst) weighs as its parts.
    const onlyByParts = isKnownOnlyByParts(c, this) && [...c.parts!].some((t) => !this.terms.has(t));
    if (known && !c.tailOnly && !(onlyByParts && c.content !== false)) return bestKnown;
    return c.content !== false ? best : 0;
  }

  /** BM25F pseudo-frequency of a posting: weighted, length-normalised field frequencies. */
  private fieldFrequency(list: Postings, k: number, unit: number, avg: Record<Field, number>): number {
    let tf = 0;
    for (let f = 0; f < 4; f++) {
      const n = list.tf[k * 4 + f];
      if (!n) continue;
      const field = FIELDS[f];
      const { weight, b } = this.params.fields[field];
      tf += (weight * n) / (1 - b + (b * this.lengths[field][unit]) / avg[field]);
    }
    return tf;
  }

  /** Share of the question's concept weight covered by a set of matched terms. */
  coverageOf(query: AnalysedQuery, matched: ReadonlySet<string>): number {
    let covered = 0;
    let total = 0;
    const weights = this.conceptWeights(query);
    for (const [ci, c] of query.concepts.entries()) {
      const weight = weights[ci];
      total += weight;
      let best = 0;
      for (const [t, w] of c.terms) if (matched.has(t)) best = Math.max(best, w);
      covered += best * weight;
    }
    return total ? covered / total : 0;
  }

  /**
   * Similarity (0–1) of the question to the closest single phrasing a passage was given: the question's
   * concept weight the phrasing covers, over that weight plus the weight of the phrasing's terms the question
   * lacks (a weighted Jaccard overlap).
   */
  private phrasingSimilarity(question: PhrasingQuestion, unit: number): number {
    const list = this.phrasingTerms[unit];
    let best = 0;
    for (const set of list ?? []) {
      // The concepts this phrasing holds, each with its best term's weight; the phrasing's other terms are extra.
      const held = question.held.fill(0);
      let extra = 0;
      for (const t of set) {
        const hits = question.byTerm.get(t);
        if (!hits) {
          extra += this.idf(t);
          continue;
        }
        for (const [ci, tw] of hits) if (tw > held[ci]) held[ci] = tw;
      }
      let covered = 0;
      for (let ci = 0; ci < held.length; ci++) covered += held[ci] * question.weights[ci];
      const sim = covered / (question.total + extra || 1);
      if (sim > best) best = sim;
    }
    return best;
  }

  /** The question as phrasing similarity needs it: per term, the concepts it stands for (asked once per search). */
  private phrasingQuestion(query: AnalysedQuery, weights: readonly number[]): PhrasingQuestion {
    const byTerm = new Map<string, [number, number][]>();
    query.concepts.forEach((c, ci) => {
      for (const [t, tw] of c.terms) {
        const list = byTerm.get(t);
        if (list) list.push([ci, tw]);
        else byTerm.set(t, [[ci, tw]]);
      }
    });
    return { byTerm, weights, total: weights.reduce((a, b) => a + b, 0), held: new Float64Array(weights.length) };
  }

  /**
   * The share (0–1) of the question's concept weight that the passage's best single sentence holds (a
   * concept counts when one of its terms, or every part of the compound typed, is in that sentence).
   */
  bestSentenceCoverage(query: AnalysedQuery, weights: readonly number[], unit: number): number {
    let sentences = this.sentenceTermCache.get(unit);
    if (!sentences) {
      // A list item of several sentences is several statements here.
      sentences = sentencesOf(this.passages[unit].text).flatMap((s) => splitSentences(s)).map((text) => ({ text, terms: new Set(this.analyzer.documentTerms(text)) }));
      // Bounded: at most two passages per question reach here, so the cache only fills with use.
      if (this.sentenceTermCache.size > 50_000) this.sentenceTermCache.clear();
      this.sentenceTermCache.set(unit, sentences);
    }
    const total = weights.reduce((a, b) => a + b, 0);
    if (!total) return 0;
    let best = 0;
    for (const { text, terms } of sentences) {
      let covered = 0;
      query.concepts.forEach((c, ci) => {
        if (weights[ci] > 0 && conceptMatchedIn(c, (t) => terms.has(t))) covered += weights[ci];
      });
      if (covered > 0 && query.answerType?.test(text)) covered *= 1 + this.params.answerTypeBonus;
      if (covered > best) best = covered;
    }
    return best / total;
  }

  /** The question's terms that a unit contains (any field). */
  private matchedIn(query: AnalysedQuery, unit: number): Set<string> {
    const out = new Set<string>();
    for (const t of query.terms.keys()) {
      const list = this.postings.get(t);
      if (list && list.indexOf(unit) >= 0) out.add(t);
    }
    return out;
  }

  /** Every accepted passage with any evidence, scored by BM25F per concept and section evidence, best first. */
  private scoreUnits(query: AnalysedQuery, accept: (p: Passage) => boolean, weights: readonly number[], questionWeight: number): Scored[] {
    const { k1, conceptShare, sectionShare, coverageBase } = this.params;
    const concepts = query.concepts;
    const accepted = new Uint8Array(this.unitPassage.length); // 0 unknown, 1 yes, 2 no
    const isAccepted = (unit: number): boolean => {
      if (!accepted[unit]) accepted[unit] = accept(this.passages[this.unitPassage[unit]]) ? 1 : 2;
      return accepted[unit] === 1;
    };
    // unit → per concept [best, sum, best matched weight]
    const acc = new Map<number, Float64Array>();
    concepts.forEach((c, ci) => {
      const share = c.modifier ? this.params.modifierWeight : 1;
      for (const [term, weight] of c.terms) {
        const list = this.postings.get(term);
        if (!list) continue;
        const idf = this.idf(term);
        for (let k = 0; k < list.length; k++) {
          const unit = list.units[k];
          if (!isAccepted(unit)) continue;
          const avg = unit < this.passages.length ? this.avg : this.sectionAvg;
          const tf = this.fieldFrequency(list, k, unit, avg);
          const s = share * weight * idf * ((tf * (k1 + 1)) / (tf + k1));
          let slots = acc.get(unit);
          if (!slots) {
            slots = new Float64Array(concepts.length * SLOTS);
            acc.set(unit, slots);
          }
          const o = ci * SLOTS;
          if (s > slots[o]) slots[o] = s;
          slots[o + 1] += s;
          if (weight > slots[o + 2]) slots[o + 2] = weight;
        }
      }
    });
    const scoreOf = (slots: Float64Array | undefined): { score: number; coverage: number } => {
      if (!slots) return { score: 0, coverage: 0 };
      let score = 0;
      let covered = 0;
      for (let ci = 0; ci < concepts.length; ci++) {
        const o = ci * SLOTS;
        score += slots[o] + conceptShare * (slots[o + 1] - slots[o]);
        covered += slots[o + 2] * weights[ci];
      }
      return { score, coverage: covered / questionWeight };
    };
    const scored: Scored[] = [];
    for (const [unit, slots] of acc) {
      if (unit >= this.passages.length) continue;
      const own = scoreOf(slots);
      if (own.score <= 0) continue;
      const sectionUnit = this.sectionUnit[unit];
      const section = sectionUnit === unit ? own : scoreOf(acc.get(sectionUnit));
      const score = (1 - sectionShare) * own.score + sectionShare * section.score;
      scored.push({ unit, score, coverage: own.coverage, sectionCoverage: section.coverage, rank: score * (coverageBase + own.coverage) });
    }
    scored.sort((a, b) => b.rank - a.rank);
    return scored;
  }

  search(query: AnalysedQuery, accept: (p: Passage) => boolean, limit = 10): Hit[] {
    const weights = this.conceptWeights(query);
    const questionWeight = weights.reduce((a, b) => a + b, 0) || 1;
    const scored = this.scoreUnits(query, accept, weights, questionWeight);
    const { phrasingMatch, rerankDepth } = this.params;
    if (phrasingMatch > 0 && this.phrasingTerms.length) {
      const top = scored.slice(0, rerankDepth);
      const question = this.phrasingQuestion(query, weights);
      for (const h of top) h.rank *= 1 + phrasingMatch * this.phrasingSimilarity(question, h.unit);
      top.sort((a, b) => b.rank - a.rank);
      scored.splice(0, top.length, ...top);
    }
    const { sentenceMatch, answerDepth } = this.params;
    if (sentenceMatch > 0 && answerDepth > 1 && scored.length > 1) {
      const head = scored.slice(0, answerDepth);
      for (const h of head) h.rank *= 1 + sentenceMatch * this.bestSentenceCoverage(query, weights, h.unit);
      head.sort((a, b) => b.rank - a.rank);
      scored.splice(0, head.length, ...head);
    }
    return scored.slice(0, limit).map((h) => {
      const matched = this.matchedIn(query, h.unit);
      const sectionUnit = this.sectionUnit[h.unit];
      return {
        passage: this.passages[h.unit],
        score: h.score,
        coverage: h.coverage,
        sectionCoverage: h.sectionCoverage,
        matched,
        sectionMatched: sectionUnit === h.unit ? matched : this.matchedIn(query, sectionUnit),
        rank: h.rank,
        strength: h.score / questionWeight,
      };
    });
  }

  /** Terms of a sentence, for choosing the sentences that answer. */
  sentenceTerms(sentence: string): Set<string> {
    return new Set(this.analyzer.documentTerms(sentence));
  }
}

import type { Analyzer, AnalysedQuery } from './analysis/analyzer';
import { numberWordsPattern } from './analysis/numbers';
import { figuresAsked, statesFigure, type FigureAsked } from './figure';
import type { Hit, SearchIndex } from './search-index';

const MAX_SENTENCES = 3;
/** The answer a teacher reads; the sources carry the whole passage. */
const MAX_ANSWER_CHARS = 600;
/** Items of a list that follow its introducing line, at most. */
const MAX_LIST_ITEMS = 6;
/** How sentences are chosen; set on dev and extra together as a whole. */
export const COMPOSE = {
  /** A sentence that scores this share of the best one is also part of the answer. */
  alsoAnswers: 0.5,
  /**
   * Bonus for a sentence that has the kind of information the question word asks for (wie → a role, wanneer → a
   * time): the score × (1 + this). 1 since the pooled spent blind sets were checked (0.3 → 1: answer@1 up on all of
   * them, none lower; 2 and 3 lower again).
   */
  answerTypeBonus: 1,
  /** Such a sentence joins the answer already at this share of the best sentence's score. */
  alsoAnswersTyped: 0.3,
  /** A best sentence shorter than this is completed by the next one. */
  shortSentence: 160,
  /**
   * An answer shorter than this reads on into the sentences after its last one: a plan's point often follows the
   * sentence that names the situation ("Denk hierbij aan het overlijden … In overleg met ouders …"). 450 (about
   * three sentences) was checked on dev, extra, the spent blind sets and set j together (350 before).
   */
  minAnswer: 450,
  /**
   * A footnote sentence's score is multiplied by this. 0.5 and 0.3 alike: answer@1 +0.2 on all development sets pooled
   * (the plans' notes about a protocol in progress were served instead of the sentence naming the protocol).
   */
  footnote: 0.5,
};

/** Splits a passage into sentences and list items, keeping their order. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => (LIST_ITEM.test(line.trim()) ? [line] : splitSentences(line)))
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

/** Abbreviations that end in a full stop without ending the sentence ("o.a. De directie …", "art. 40"). */
const ABBREVIATION = /(?:^|[\s(])(?:[a-z]\.(?:[a-z]\.)*[a-z]|bijv|bv|evt|ca|nr|art|lln|ll|dhr|mevr|mw|zgn|resp|incl|excl|max|min|tel|vs|etc|blz|p|jl|St)\.$/i;

/** Splits a line at sentence ends, not after an abbreviation. */
export function splitSentences(line: string): string[] {
  const pieces = line.split(/(?<=[.!?])\s+(?=[A-Z0-9“"(‘'•-])/);
  const out: string[] = [];
  for (const piece of pieces) {
    if (out.length && ABBREVIATION.test(out[out.length - 1])) out[out.length - 1] += ` ${piece}`;
    else out.push(piece);
  }
  return out;
}

const LIST_ITEM = /^(?:[•\-–*▪o]\s|\d+[.)]\s|[a-z][.)]\s)/;

/**
 * Which sentences are list items: those with a bullet or number, and the short bare lines that follow a line
 * announcing a list (a plan converted from PDF often lost its bullets: "de volgende bijlagen." then "Pestprotocol").
 */
function listItems(sentences: string[]): boolean[] {
  const items = sentences.map((s) => LIST_ITEM.test(s));
  for (let i = 1; i < sentences.length; i++) {
    const bare = sentences[i].length <= 80 && !/[.!?:;]$/.test(sentences[i]);
    if (!items[i] && bare && (items[i - 1] || introducesList(sentences[i - 1]))) items[i] = true;
  }
  return items;
}

/** A line that is only a link ("Link: https://…", "www.…", a file path). */
const LINK_LINE = /^(?:(?:link|links|url|website|zie|bron|bronnen|source)\s*:\s*)?(?:https?:\/\/|www\.|file:\/\/)\S+$/i;
/** The label of a list of documents or links the plan refers to ("Bijlage:", "Achtergrondinformatie:", "Zie ook:"). */
const REFERENCE_LABEL = /^(?:bijlagen?|achtergrond(?:informatie)?|zie ook|bronnen?|links?|literatuur|meer informatie|verwijzingen?|documenten)\s*:?$/i;

/**
 * The lines that only point elsewhere: a link, and the items of a list of documents after its label
 * ("Achtergrondinformatie:" then "- Brochure extra verlof"). A brochure's title says nothing: never an answer, nor
 * what an answer reads on into.
 */
function references(sentences: string[], items: boolean[]): boolean[] {
  const out = sentences.map((s) => LINK_LINE.test(s.trim()));
  for (let i = 0; i < sentences.length; i++) {
    if (!REFERENCE_LABEL.test(sentences[i].trim())) continue;
    out[i] = true;
    for (let k = i + 1; k < sentences.length && items[k]; k++) out[k] = true;
  }
  return out;
}

/**
 * Text a plan's writer was meant to replace or fill in ("School specifiek, …", "….", "xxx", "[naam]"): never
 * an answer.
 */
export function isPlaceholder(sentence: string): boolean {
  const text = sentence.replace(/https?:\/\/\S+/g, '');
  return PLACEHOLDERS.some((p) => p.test(text));
}

const PLACEHOLDERS: RegExp[] = [
  /(?:^|[.:;]\s*)school\s*specifiek\s*[,:]/i, // "School specifiek, bij wie kunnen ouders …"
  /\.{4,}|…{2,}|…[.\s]*$|^\W*…|…\./, // dots to fill in ("….")
  /\bx{3,}\b/i, // "xxx"
  /\[[^\]]*\]|<[^>]+>/, // "[naam]", "<datum>"
  /\bvul\s+(?:hier\s+)?\S*\s*in\b|\bin te vullen\b/i, // an instruction to the writer
  /\b(?:op|d\.d\.)\s+datum\b/i, // "Op datum heeft het CvB …"
];

/**
 * A sentence that announces a list: it ends in a colon, or it points forward ("de volgende afspraken",
 * "onderstaande regels", "hieronder", "als volgt", "the following").
 */
function introducesList(sentence: string): boolean {
  return /:\s*$/.test(sentence) || /\b(?:de|het) volgende\b|\bonderstaande\b|\bhieronder\b|\bals volgt\b|\bthe following\b/i.test(sentence) || COUNTED.test(sentence);
}

/** A count of things the list then gives ("drie omgangsnormen geformuleerd", "de 5 klassenregels"). */
const COUNTED = new RegExp(`(?<![\\p{L}\\d])(?:${numberWordsPattern(['een', 'één', 'eén', 'one'])}|[2-9]|1[0-9])\\s+(?:\\p{L}+\\s+)?\\p{L}{3,}(?:en|s)(?![\\p{L}])`, 'iu');

/** A test on a sentence: does it hold the kind of information asked for? */
export interface SentenceTest {
  test(sentence: string): boolean;
}

/**
 * Figures whose own test marks the sentence that answers (a term, a time of day, a frequency, a date, groups, a number
 * to call, a place). Not a count or a tool's name: as answer types they made abstentions worse (a number or a capital
 * is in many sentences; their own tests below look closer).
 */
const SENTENCE_FIGURES = new Set<FigureAsked>(['span', 'duration', 'interval', 'clock', 'frequency', 'date', 'group', 'reach', 'place']);

/** A time, a term or a moment: what answers "wanneer" or "hoe lang". */
const WHEN = new RegExp(
  `(?<![\\p{L}\\d])(?:\\d{4}|(?:\\d+|${numberWordsPattern()})\\s+(?:\\p{L}+\\s+)?\\p{L}*(?:dag|dagen|week|weken|maand|maanden|jaar|jaren|uur|uren|minuten)|jaarlijks|wekelijks|maandelijks|dagelijks|direct|binnen|vanaf|sinds|voordat|nadat|zodra|tijdens)(?![\\p{L}\\d])`,
  'iu',
);
/** A number, a bound or a rate: what answers "hoeveel". */
const HOW_MANY = new RegExp(`(?<![\\p{L}\\d])(?:\\d+|${numberWordsPattern()}|minimaal|maximaal|ten minste|jaarlijks|keer|per)(?![\\p{L}\\d])`, 'iu');

/**
 * The kind of information a question word asks for, as a test on a sentence.
 * @param asked the figures the question asks for, when the caller has read them already (see figuresAsked).
 */
export function answerType(question: string, asked: readonly FigureAsked[] = figuresAsked(question)): SentenceTest | null {
  const q = question.toLowerCase();
  const figures = asked.filter((kind) => SENTENCE_FIGURES.has(kind));
  if (figures.length) return { test: (sentence) => figures.some((kind) => statesFigure(sentence, kind)) };
  if (/\b(wie|who|whom|door wie|bij wie|met wie)\b/.test(q)) {
    return /\b(?:door (?:de|het|een)|verantwoordelijk\w*|\w*(?:co[öo]rdinator|directeur|directie|bestuur|begeleider|leerkracht\w*|leraar|persoon|medewerker\w*|functionaris|commissie|inspectie|politie|team|coach|ib-er))\b/i;
  }
  if (/\b(wanneer|vanaf wanneer|sinds wanneer|hoe lang|when|since when|how long)\b/.test(q)) {
    return WHEN;
  }
  // Where something is kept or found: the sentence that names a place, a site or a system.
  if (/\b(waar (?:vind|staat|staan|ligt|liggen|kan ik|kun je|is|zijn)|where (?:can|do|is|are|does)|where's)\b/.test(q)) {
    return /\b(?:te vinden|terug te vinden|staat (?:op|in)|staan (?:op|in)|ligt (?:op|in|bij)|liggen (?:op|in|bij)|opgeslagen|website|intranet|schijf|map|via|www\.\S+|\S+\.nl)\b/iu;
  }
  // What comes first, which route: the sentence that gives the order ("eerst …, in tweede instantie …").
  if (/\b(eerst|als eerste|allereerst|first(?![\s-]*aid)|volgorde|welke route|what route|which route|meteen naar|direct naar|rechtstreeks naar|straight to|directly to|go straight)\b/.test(q)) {
    return /\b(?:eerst|allereerst|eerste instantie|tweede instantie|daarna|vervolgens|dan pas|pas als|pas na|first|then|after that)\b/i;
  }
  if (/\b(hoeveel|how many|how much)\b/.test(q)) {
    return HOW_MANY;
  }
  // Which tool, method or survey: the sentence that names one (a capitalised name after the sentence's first word;
  // not an abbreviation such as MR).
  if (asked.includes('name')) {
    return /^\S+.*?(?:\s|\()[A-Z]\p{Ll}{2,}/u;
  }
  if (/\b(waarom|why)\b/.test(q)) {
    return /\b(?:omdat|want|daarom|zodat|om te|doel|bedoeling|belangrijk)\b/i;
  }
  // Whether one must: the sentence that states an obligation (or that it is voluntary).
  if (/\b(moet|moeten|hoef|hoeft|hoeven|verplicht|must|have to|has to|required|obliged|need to)\b/.test(q)) {
    return /\b(?:verplicht\w*|plicht|moet|moeten|dient|dienen|vereist|wettelijk\w*|altijd|nooit|vrijwillig\w*)\b/i;
  }
  // Whether one may: the sentence that allows or forbids.
  if (/\b(mag|mogen|toegestaan|may|allowed|can i|is it ok|is it okay|kan (?:dat|dit|iedereen|elke|ieder|ik|een)|kun(?:t|nen)? (?:ik|je|we|wij|ouders))\b/.test(q)) {
    return /\b(?:toegestaan|verbod\w*|verboden|mag|mogen|nooit|uitsluitend|toestemming|niet de bedoeling|onder voorwaarden|mits|alleen (?:als|met|na|bij|in))\b/i;
  }
  return null;
}

/**
 * The one to three whole sentences of a passage that answer the question. Sentences are scored by the
 * question's concepts (a concept counts once, with its best term, weighted by rarity), plus a bonus when
 * a sentence holds what the question word asks for; fill-in instructions never count. The best sentence
 * comes with the sentences that score nearly as well, a list with its introducing line (and a list's
 * introduction with its items), and a reference ("Dit …", "Deze …") with the sentence it refers to.
 */
export function extractAnswer(
  hit: Hit,
  query: AnalysedQuery,
  index: SearchIndex,
  analyzer: Analyzer,
  question = '',
): string {
  const sentences = sentencesOf(hit.passage.text);
  if (!sentences.length) return hit.passage.text.slice(0, MAX_ANSWER_CHARS);
  // ask.ts has put it on the query already (the final choice between passages uses it too).
  const type = query.answerType !== undefined ? query.answerType : answerType(question);
  const typed = sentences.map((s) => Boolean(type?.test(s)));
  const items = listItems(sentences);
  const referencing = references(sentences, items);
  const scores = sentences.map((s, i) => {
    if (isPlaceholder(s) || referencing[i]) return -1;
    // A footnote is the writer's note on the plan ("Noot 9: rouwprotocol in ontwikkeling"), not its rule: the
    // sentence that carries the marker ("Ter ondersteuning stelt Conexus een format voor een rouwprotocol beschikbaar")
    // answers first; the note still answers when nothing else does ("Noot 11: werknaam van dit instrument …").
    const footnote = /^Noot \d+:/.test(s);
    const terms = new Set(analyzer.documentTerms(s));
    let score = 0;
    for (const c of query.concepts) {
      let best = 0;
      for (const [t, w] of c.terms) if (terms.has(t)) best = Math.max(best, w * index.idf(t));
      score += best;
    }
    if (score > 0 && typed[i]) score *= 1 + COMPOSE.answerTypeBonus;
    return footnote ? score * COMPOSE.footnote : score;
  });
  const best = scores.indexOf(Math.max(...scores));
  const isItem = (i: number): boolean => items[i];
  const usable = (i: number): boolean => i >= 0 && i < sentences.length && scores[i] >= 0;
  // Candidates in order of priority; the answer takes them while they fit, then reads in the passage's order.
  const wanted: number[] = [best];
  // A list item alone says little: bring the line that introduces the list.
  let listIntro = -1;
  if (isItem(best)) {
    let intro = best - 1;
    while (intro > 0 && isItem(intro)) intro--;
    if (usable(intro) && !isItem(intro)) {
      wanted.push(intro);
      listIntro = intro;
    }
  }
  // A sentence that refers back ("Dit …", "Deze gesprekken …", "Hierbij …") needs the one before it.
  if (!isItem(best) && /^(dit|deze|dat|die|hierbij|hiervoor|hierin|daarbij|daarom|daarnaast|ook|zij|hij|het)\b/i.test(sentences[best]) && usable(best - 1)) wanted.push(best - 1);
  // A line that introduces a list ("… de volgende afspraken:", "hanteren wij onderstaande regels.") is answered
  // by the list, which may follow after one more sentence that leads into it.
  const listOf = (i: number): number[] => {
    if (isItem(i) || !introducesList(sentences[i])) return [];
    const out: number[] = [];
    let first = i + 1;
    if (first < sentences.length && !isItem(first) && isItem(first + 1) && introducesList(sentences[first])) out.push(first++);
    const list: number[] = [];
    for (let k = first; k < sentences.length && isItem(k); k++) if (usable(k)) list.push(k);
    if (!list.length) return [];
    // The items the question names come first (zakmes → "Het meenemen van wapens"), then the others.
    const named = list.filter((k) => scores[k] > 0).sort((a, b) => scores[b] - scores[a]);
    const rest = list.filter((k) => !(scores[k] > 0));
    // The items the answer has room for are taken in this order; the answer shows them in the list's order.
    return [...out, ...[...named, ...rest].slice(0, MAX_LIST_ITEMS)];
  };
  wanted.push(...listOf(best));
  // Sentences that answer nearly as well as the best one (and the list such a sentence introduces).
  const ranked = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  const also: number[] = [];
  for (const [score, i] of ranked) {
    if (i === best || score <= 0) continue;
    if (score >= COMPOSE.alsoAnswers * scores[best] || (typed[i] && score >= COMPOSE.alsoAnswersTyped * scores[best])) also.push(i);
  }
  wanted.push(...also);
  for (const i of also) wanted.push(...listOf(i));
  // A list item that answers is one step of the list its line introduces ("het volgende stappenplan: …"): the
  // other steps come with it, after the sentences that answer, as far as they fit.
  if (listIntro >= 0) wanted.push(...listOf(listIntro));
  // A short statement is often completed by the next sentence (or a list it introduces), never by the first
  // item of a list it does not introduce (a list of appendix titles after the answer).
  if (sentences[best].length < COMPOSE.shortSentence && usable(best + 1) && !isItem(best + 1)) {
    wanted.push(best + 1);
    if (/:\s*$/.test(sentences[best + 1])) for (let k = best + 2; k < sentences.length && isItem(k) && k - best <= MAX_LIST_ITEMS; k++) if (usable(k)) wanted.push(k);
  }

  const chosen = new Set<number>();
  let length = 0;
  let statements = 0;
  const take = (i: number, limit = MAX_SENTENCES): void => {
    if (chosen.has(i)) return;
    // At most three sentences; the items of a list count as one.
    if (!isItem(i) && statements >= limit) return;
    if (chosen.size && length + sentences[i].length + 1 > MAX_ANSWER_CHARS) return;
    chosen.add(i);
    length += sentences[i].length + 1;
    if (!isItem(i)) statements++;
  };
  for (const i of wanted) take(i);
  // Too short to hold the point: read on from the last sentence chosen, as a reader of the plan would, while the
  // next lines are sentences (or the list the last one introduces), not a list of something else.
  for (let next = Math.max(...chosen) + 1; length < COMPOSE.minAnswer && usable(next); next++) {
    const last = next - 1;
    if (isItem(next) && !(isItem(last) || introducesList(sentences[last]))) break;
    const before = chosen.size;
    take(next, MAX_SENTENCES + 1);
    if (chosen.size === before) break;
  }
  // At the passage's end, the sentence before the answer completes it instead ("Vastpakken vermijden wij. Alleen bij
  // direct gevaar …").
  for (let previous = Math.min(...chosen) - 1; length < COMPOSE.minAnswer && usable(previous) && !isItem(previous) && !isItem(previous + 1); previous--) {
    const before = chosen.size;
    take(previous, MAX_SENTENCES + 1);
    if (chosen.size === before) break;
  }
  let text = '';
  let previous = -1;
  for (const i of [...chosen].sort((a, b) => a - b)) {
    // A list item, and the sentence after a list, start on a line of their own.
    text = text ? `${text}${isItem(i) || isItem(previous) ? '\n' : ' '}${sentences[i]}` : sentences[i];
    previous = i;
  }
  return text.length > MAX_ANSWER_CHARS + 80 ? `${text.slice(0, MAX_ANSWER_CHARS).replace(/\s+\S*$/, '')} …` : text;
}

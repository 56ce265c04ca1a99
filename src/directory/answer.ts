/** Composing the reply to a who/contact question for one school. Texts come from the strings files in cards/. */
import type { AnswerContact, Lang } from '../knowledge/answer';
import type { SchoolsFile } from './load';
import { matchWhoIntentForSchool, type WhoIntent } from './intent';
import { rolesForSchool, type SchoolRole } from './lookup';
import type { Citation, DirectoryData, Holder } from './schema';
import { format, joinList, type Strings } from './strings';
import { compact, fold } from './text';
import { SAME_FUNCTION } from './vocabulary';

export type WhoState = 'named' | 'unnamed' | 'conflict' | 'absent';

export interface WhoHolder {
  name: string;
  /** "person" or "organisation" (Veilig Thuis, Arbo Unie, GGD Hollands Midden). */
  kind: 'person' | 'organisation';
  email: string | null;
  phone: string | null;
  organisation: string | null;
  url: string | null;
  /** Who to open a Teams 1:1 chat with: the UPN when known, else the e-mail; only for persons. */
  chatUpn?: string;
  aadObjectId?: string;
  citation: Citation & { docTitle: string };
}

/** The reply to a who-question; the Teams edge renders it (src/bot/contact-card.ts), or use `text` and `contacts`. */
export interface WhoAnswer {
  state: WhoState;
  /** The role in the asker's language; for a person lookup without role, id "person" and the asked name. */
  role: { id: string; name: string };
  /** board = held at board level (bestuursniveau), school = per school; null when absent. */
  level: 'board' | 'school' | null;
  holders: WhoHolder[];
  /** Unnamed: who holds the role in the plan's words ("1 per school"); otherwise null. */
  description: string | null;
  /** What the role does, in the plan's words. */
  does: string | null;
  /** Where the plan defines the role; null when absent. */
  citation: (Citation & { docTitle: string }) | null;
  /** The plan's unfilled placeholder for this role, if any ("Het aanspreekpunt … is …."). */
  placeholder: Citation | null;
  /** The exception the plan makes for this school, if one applied. */
  exception: { schoolName: string; quote: string } | null;
  /** Other roles the question could mean or the plan points to (e.g. the external adviser when the internal one is unnamed). */
  related: { id: string; name: string; state: WhoState; holders: string[] }[];
  /** The reply in the asker's language. */
  text: string;
  /** For the batch evaluation contract: name null when the plan names nobody. */
  contacts: AnswerContact[];
  lang: Lang;
  intent: WhoIntent;
}

export interface AnswerContext {
  data: DirectoryData;
  schools: SchoolsFile;
  strings: Strings;
}

function roleName(sr: SchoolRole, lang: Lang): string {
  return sr.role.name[lang];
}

function contactOf(role: string, h: WhoHolder): AnswerContact {
  if (h.kind === 'organisation') return { role, name: null, organisation: h.name, email: h.email, phone: h.phone };
  return { role, name: h.name, organisation: h.organisation, email: h.email, phone: h.phone };
}

function toHolder(h: Holder, docTitle: string): WhoHolder {
  const chat = h.kind === 'person' ? (h.upn ?? h.email ?? undefined) : undefined;
  return {
    name: h.name,
    kind: h.kind,
    email: h.email,
    phone: h.phone,
    organisation: h.organisation,
    url: h.url ?? null,
    ...(chat ? { chatUpn: chat } : {}),
    ...(h.aadObjectId ? { aadObjectId: h.aadObjectId } : {}),
    citation: { ...h.citation, docTitle },
  };
}

/** Chooses among several entries for the asked role(s): the plan's own word first, then level, details, own plan. */
function chooseEntry(candidates: SchoolRole[], intent: WhoIntent): SchoolRole[] {
  const term = intent.matchedTerm ? compact(intent.matchedTerm) : '';
  const score = (c: SchoolRole): number => {
    let s = 0;
    if (term && [c.entry.planName, ...c.entry.planTerms].some((t) => compact(t) === term)) s += 8;
    if (intent.level && c.entry.level === intent.level) s += 4;
    if (!intent.level && c.entry.level === 'school') s += 1;
    if (intent.detail === 'phone' && c.holders.some((h) => h.phone)) s += 3;
    if (intent.detail === 'email' && c.holders.some((h) => h.email)) s += 3;
    if (intent.detail && c.holders.length > 0) s += 1;
    if (!c.inherited) s += 0.5;
    return s;
  };
  return [...candidates].sort((a, b) => score(b) - score(a));
}

function detailLines(ctx: AnswerContext, holders: WhoHolder[], intent: WhoIntent): string[] {
  const s = ctx.strings;
  const lines: string[] = [];
  for (const h of holders) {
    const parts: string[] = [];
    if (h.phone) parts.push(format(s, 'detail.phone', { phone: h.phone }));
    if (h.email) parts.push(format(s, 'detail.email', { email: h.email }));
    if (parts.length) lines.push(format(s, 'holder.details', { name: h.name, details: joinList(s, parts) }));
    if (intent.detail === 'phone' && !h.phone && h.email) lines.push(format(s, 'detail.noPhone', { name: h.name }));
    else if (intent.detail === 'email' && !h.email && h.phone) lines.push(format(s, 'detail.noEmail', { name: h.name }));
    else if (intent.detail && !h.phone && !h.email) lines.push(format(s, 'detail.none', { name: h.name }));
  }
  return lines;
}

function sourceLine(ctx: AnswerContext, c: Citation, docTitle: string): string {
  return format(ctx.strings, 'source', { docTitle, section: c.section, quote: c.quote });
}

function relatedOf(sr: SchoolRole, lang: Lang): WhoAnswer['related'][number] {
  return { id: sr.role.id, name: roleName(sr, lang), state: sr.entry.state === 'named' && sr.holders.length === 0 ? 'unnamed' : sr.entry.state, holders: sr.holders.map((h) => h.name) };
}

function emptyRoleAnswer(ctx: AnswerContext, intent: WhoIntent, lang: Lang, role: { id: string; name: string }, text: string): WhoAnswer {
  return { state: 'absent', role, level: null, holders: [], description: null, does: null, citation: null, placeholder: null, exception: null, related: [], text, contacts: [], lang, intent };
}

function composeForEntry(
  ctx: AnswerContext,
  schoolRoles: SchoolRole[],
  chosen: SchoolRole,
  others: SchoolRole[],
  intent: WhoIntent,
  lang: Lang,
  schoolName: string,
  sameFunction: SchoolRole[] = [],
): WhoAnswer {
  const s = ctx.strings;
  const name = roleName(chosen, lang);
  const docTitle = chosen.plan.title;
  const holders = chosen.holders.map((h) => toHolder(h, docTitle));
  // An exception can leave a "named" entry without holders for this school.
  const state: WhoState = chosen.entry.state === 'named' && holders.length === 0 ? 'unnamed' : chosen.entry.state === 'conflict' && holders.length < 2 ? (holders.length ? 'named' : 'unnamed') : chosen.entry.state;
  const lines: string[] = [];
  const related = others.map((o) => relatedOf(o, lang));
  const namedOthers = others.filter((o) => o.holders.length > 0);

  if (state === 'named') {
    const names = joinList(s, holders.map((h) => h.name));
    const organisations = holders.every((h) => h.kind === 'organisation');
    // "Volgens het plan is de Veilig Thuis: Veilig Thuis." says nothing: an organisation named as its role is just named.
    const self = organisations && holders.length === 1 && [chosen.role.name.nl, chosen.role.name.en].some((n) => fold(n) === fold(holders[0].name));
    const key = self ? 'named.organisationSelf' : organisations ? 'named.organisation' : chosen.entry.level === 'board' ? 'named.board' : 'named';
    lines.push(format(s, key, { role: name, names }));
    lines.push(...detailLines(ctx, holders, intent));
  } else if (state === 'conflict') {
    const list = joinList(s, holders.map((h) => format(s, 'conflict.item', { name: h.name, section: h.citation.section })));
    lines.push(format(s, 'conflict', { role: name, list }));
    lines.push(...detailLines(ctx, holders.filter((h) => h.phone || h.email), { ...intent, detail: null }));
  } else {
    lines.push(format(s, 'unnamed', { role: name, description: chosen.entry.description ?? chosen.entry.planName }));
    if (chosen.entry.placeholder) lines.push(format(s, 'unnamed.placeholder', { quote: chosen.entry.placeholder.quote }));
    const sameRoleNamed = namedOthers.find((o) => o.role.id === chosen.role.id && o.entry.level !== chosen.entry.level);
    if (sameRoleNamed) {
      lines.push(format(s, 'unnamed.askOther', { role: roleName(sameRoleNamed, lang), level: format(s, `level.${sameRoleNamed.entry.level}`), names: joinList(s, sameRoleNamed.holders.map((h) => h.name)) }));
    } else if (chosen.role.id === 'directie' || chosen.role.id === 'bestuur') {
      lines.push(format(s, 'unnamed.askBoard'));
    } else {
      const directie = schoolRoles.find((r) => r.role.id === 'directie' && r.holders.length > 0);
      lines.push(directie ? format(s, 'unnamed.askDirectorNamed', { names: joinList(s, directie.holders.map((h) => h.name)) }) : format(s, 'unnamed.askDirector'));
    }
  }
  // Point to related roles: other meanings of a generic word, and roles the plan itself links ("zie ook").
  const pointers = [...namedOthers.filter((o) => o.role.id !== chosen.role.id)];
  // The plan's own links, then a role holding the same function under another title when this one has no name.
  const linkedRoles = chosen.entry.seeAlso.map((id) => schoolRoles.find((r) => r.role.id === id));
  if (state === 'unnamed') linkedRoles.push(...sameFunction);
  for (const linked of linkedRoles) {
    if (linked && linked !== chosen && !pointers.some((p) => p.role.id === linked.role.id)) {
      pointers.push(linked);
      related.push(relatedOf(linked, lang));
    }
  }
  for (const p of pointers) {
    if (p.holders.length) lines.push(format(s, 'seeAlso.named', { role: roleName(p, lang), names: joinList(s, p.holders.map((h) => h.name)) }));
    else lines.push(format(s, 'seeAlso', { roles: roleName(p, lang) }));
  }
  let exception: WhoAnswer['exception'] = null;
  if (chosen.exception) {
    exception = { schoolName: chosen.exception.schoolName, quote: chosen.exception.citation.quote };
    lines.push(format(s, 'named.exception', { school: chosen.exception.schoolName || schoolName, quote: chosen.exception.citation.quote }));
  }
  lines.push(sourceLine(ctx, chosen.entry.citation, docTitle));

  const contacts: AnswerContact[] =
    state === 'unnamed'
      ? [{ role: name, name: null, organisation: null, email: null, phone: null }]
      : holders.map((h) => contactOf(name, h));
  return {
    state,
    role: { id: chosen.role.id, name },
    level: chosen.entry.level,
    holders: state === 'unnamed' ? [] : holders,
    description: chosen.entry.description ?? null,
    does: chosen.entry.does,
    citation: { ...chosen.entry.citation, docTitle },
    placeholder: chosen.entry.placeholder ?? null,
    exception,
    related,
    text: lines.join(' '),
    contacts,
    lang,
    intent,
  };
}

function answerPerson(ctx: AnswerContext, schoolRoles: SchoolRole[], intent: WhoIntent, lang: Lang): WhoAnswer | null {
  const asked = intent.person;
  if (!asked) return null;
  const held = schoolRoles.filter((r) => r.holders.some((h) => h.name === asked.name));
  if (held.length === 0) return null;
  const s = ctx.strings;
  const primary = held.find((r) => intent.roleIds.includes(r.role.id)) ?? held[0];
  const holder = toHolder(primary.holders.find((h) => h.name === asked.name) as Holder, primary.plan.title);
  const roles = joinList(s, [...new Set(held.map((r) => roleName(r, lang)))]);
  const lines = [format(s, 'person', { name: holder.name, roles }), ...detailLines(ctx, [holder], intent)];
  const conflicted = held.find((r) => r.entry.state === 'conflict');
  if (conflicted) {
    const list = joinList(s, conflicted.holders.map((h) => format(s, 'conflict.item', { name: h.name, section: h.citation.section })));
    lines.push(format(s, 'conflict', { role: roleName(conflicted, lang), list }));
  }
  lines.push(sourceLine(ctx, holder.citation, primary.plan.title));
  const name = roleName(primary, lang);
  return {
    state: 'named',
    role: { id: primary.role.id, name },
    level: primary.entry.level,
    holders: [holder],
    description: primary.entry.description ?? null,
    does: primary.entry.does,
    citation: { ...primary.entry.citation, docTitle: primary.plan.title },
    placeholder: null,
    exception: null,
    related: held.filter((r) => r !== primary).map((r) => relatedOf(r, lang)),
    text: lines.join(' '),
    contacts: [contactOf(name, holder)],
    lang,
    intent,
  };
}

/**
 * Answers a who/contact question for the asker's school, or returns null when the question is not about a role or person.
 * Never returns a person from another school or board: absent roles get an honest "the plan names no …".
 */
export function composeWhoAnswer(ctx: AnswerContext, schoolId: string, question: string, lang: Lang): WhoAnswer | null {
  const schoolRoles = rolesForSchool(ctx.data, ctx.schools, schoolId);
  const schoolName = ctx.schools.schools.find((s) => s.id === schoolId)?.name ?? schoolId;
  // Person names are looked up within the asker's school only; a bare name from elsewhere is reported as not found.
  const intent = matchWhoIntentForSchool(question, ctx.data, schoolRoles.flatMap((r) => r.holders), schoolName);
  if (!intent) return null;
  return composeForIntent(ctx, schoolRoles, schoolName, intent, lang);
}

/** The reply naming who holds one role at the school (the role known, not read from a question), or null without that role. */
export function composeRoleAnswer(ctx: AnswerContext, schoolId: string, roleId: string, lang: Lang): WhoAnswer | null {
  const schoolRoles = rolesForSchool(ctx.data, ctx.schools, schoolId);
  if (!schoolRoles.some((r) => r.role.id === roleId)) return null;
  const schoolName = ctx.schools.schools.find((s) => s.id === schoolId)?.name ?? schoolId;
  const intent: WhoIntent = {
    roleId, roleIds: [roleId], matchedTerm: null, explicitRole: true, person: null, level: null, modifier: null, detail: null,
    cue: 'identity', policyLike: false, otherSchool: null, confidence: 1,
  };
  return composeForIntent(ctx, schoolRoles, schoolName, intent, lang);
}

function composeForIntent(ctx: AnswerContext, schoolRoles: SchoolRole[], schoolName: string, intent: WhoIntent, lang: Lang): WhoAnswer | null {
  const s = ctx.strings;
  if (intent.otherSchool) {
    const role = ctx.data.roles.find((r) => r.id === intent.roleIds[0]);
    return emptyRoleAnswer(ctx, intent, lang, { id: role?.id ?? 'unknown', name: role ? role.name[lang] : fold(intent.matchedTerm ?? '') }, format(s, 'otherSchool', { name: intent.otherSchool }));
  }

  if (intent.person) {
    const byPerson = answerPerson(ctx, schoolRoles, intent, lang);
    if (byPerson) return byPerson;
    if (intent.roleIds.length === 0) return emptyRoleAnswer(ctx, intent, lang, { id: 'person', name: intent.person.matched }, format(s, 'absent.person', { name: intent.person.matched }));
  }

  // A function the plan gives under another title ("aanspreekpunt pesten" held by the coördinator sociale veiligheid).
  const sameFunctionIds = intent.roleIds.flatMap((id) => SAME_FUNCTION[id] ?? []).filter((id) => !intent.roleIds.includes(id));
  const sameFunction = chooseEntry(schoolRoles.filter((r) => sameFunctionIds.includes(r.role.id)), intent);
  let candidates = schoolRoles.filter((r) => intent.roleIds.includes(r.role.id));
  // The school's plans lack the role asked for but hold its function under the other title: answer with that one.
  if (candidates.length === 0 && sameFunction.length > 0) candidates = sameFunction;
  if (candidates.length === 0) {
    const role = ctx.data.roles.find((r) => r.id === intent.roleIds[0]);
    const name = role ? role.name[lang] : fold(intent.matchedTerm ?? '');
    return emptyRoleAnswer(ctx, intent, lang, { id: role?.id ?? 'unknown', name }, format(s, 'absent', { role: name }));
  }
  const [chosen, ...others] = chooseEntry(candidates, intent);
  return composeForEntry(ctx, schoolRoles, chosen, others, intent, lang, schoolName, sameFunction.filter((r) => !candidates.includes(r)).slice(0, 1));
}

/**
 * The one access policy: who may do what with which report. Every card verb, list and detail view asks
 * {@link authorize}; lists are built from {@link authorizeList}'s scope. Pure: no Teams types, no I/O.
 */
import type { ReportType } from '../reports/types';
import type { Grant } from '../people';
import { ROLES, type Role } from '../people/schema';

export type Action = 'view' | 'list' | 'addInfo' | 'acknowledge' | 'assign' | 'changeStatus' | 'export' | 'viewOperational';
export const ACTIONS: readonly Action[] = ['view', 'list', 'addInfo', 'acknowledge', 'assign', 'changeStatus', 'export', 'viewOperational'];

/** The report fields the policy reads, and nothing more. */
export interface PolicyReport {
  id: string;
  school: string;
  type: ReportType;
  category?: string;
  reporter: { id: string };
  /** The staff member the report is about (meldplicht, or an incident with a staff member as the one involved). */
  concerns?: { personKey: string };
  /** Roles the report was escalated to, at its school (or the school's board). */
  escalatedTo?: readonly Role[];
}

/** The person fields the policy reads (see people/index.ts `Person`). */
export interface PolicyPerson {
  key: string;
  /**
   * Other keys she is known by: `upn:<upn>` when people.json lists her by UPN alone (its role lists, staff choices and
   * so a report's `concerns` use that key, while her activities carry her AAD id).
   */
  aliases?: readonly string[];
  grants: readonly Grant[];
}

const isHer = (person: PolicyPerson, key: string | undefined): boolean => [person.key, ...(person.aliases ?? [])].some((k) => sameKey(k, key));

export interface AccessContext {
  boardOf(school: string): string | undefined;
  /**
   * Keys of the school's directeur(s) (PeopleDirectory.directorsOf). Without it, every report that concerns a
   * staff member is treated as concerning the director (fail closed: board only).
   */
  directorsOf?(school: string): readonly string[];
}

export interface ListContext extends AccessContext {
  schoolsOfBoard(board: string): readonly string[];
}

/** Incident categories that are bullying (pesten): Baken's default list and De Nieuwe Kring's plan. */
export const BULLYING_CATEGORIES: readonly string[] = ['pesten', 'gericht-pestgedrag'];

/** A report kind: a type, optionally narrowed to some of its categories. */
export interface KindSelector {
  type: ReportType;
  categories?: readonly string[];
}

/** Who the matrix speaks about: a role, the reporter of the report, or staff without any role. */
export type Subject = Role | 'reporter' | 'staff';
export const SUBJECTS: readonly Subject[] = [...ROLES, 'reporter', 'staff'];

export interface Entitlement {
  /** Reports of these kinds at the holder's school(s) (for 'reporter': her own reports, any school). */
  kinds: 'all' | readonly KindSelector[];
  actions: readonly Action[];
  /** Actions on any report at her school(s) whose escalatedTo names this role. */
  escalated: readonly Action[];
  /** Actions on a report that concerns the director of its school: that report goes to the board only. */
  directorConcerned: readonly Action[];
  /** Actions that touch no report content. */
  operational: readonly Action[];
}

const NONE: readonly Action[] = [];
/** The reporter: read back and add to her own report (melder). */
const OWN: readonly Action[] = ['view', 'list', 'addInfo'];
/** Handling a case in one's own field: read, add, acknowledge receipt, move the status. */
const CASE: readonly Action[] = [...OWN, 'acknowledge', 'changeStatus'];
/** Leading the school's (or board's) handling: also assign a handler and export. */
const LEAD: readonly Action[] = [...CASE, 'assign', 'export'];

const entitlement = (e: Partial<Entitlement>): Entitlement => ({
  kinds: [],
  actions: NONE,
  escalated: NONE,
  directorConcerned: NONE,
  operational: NONE,
  ...e,
});

/** The matrix. A person's rights are the union over her grants, each at the grant's school or board. */
export const MATRIX: Readonly<Record<Subject, Entitlement>> = {
  reporter: entitlement({ kinds: 'all', actions: OWN }),
  staff: entitlement({}),
  directeur: entitlement({ kinds: 'all', actions: LEAD, escalated: LEAD }),
  'adjunct-directeur': entitlement({ kinds: 'all', actions: LEAD, escalated: LEAD }),
  // Meldcode huiselijk geweld en kindermishandeling.
  aandachtsfunctionaris: entitlement({ kinds: [{ type: 'zorg-thuissituatie' }], actions: CASE, escalated: CASE }),
  'intern-begeleider': entitlement({ kinds: [{ type: 'zorg-thuissituatie' }], actions: CASE, escalated: CASE }),
  'anti-pestcoordinator': entitlement({ kinds: [{ type: 'incident', categories: BULLYING_CATEGORIES }], actions: CASE, escalated: CASE }),
  preventiemedewerker: entitlement({ kinds: [{ type: 'ongeval' }, { type: 'agressie-personeel' }], actions: CASE, escalated: CASE }),
  // Told by people, not by Baken: nothing by role, and nothing by escalation either.
  vertrouwenspersoon: entitlement({}),
  // Meldplicht: every vermoeden zedendelict of the board's schools.
  bestuur: entitlement({ kinds: [{ type: 'vermoeden-zedendelict' }], actions: LEAD, escalated: LEAD, directorConcerned: LEAD }),
  admin: entitlement({ operational: ['viewOperational'] }),
};

const norm = (key: string | undefined): string => (key ?? '').trim().toLowerCase();
const sameKey = (a: string | undefined, b: string | undefined): boolean => norm(a) !== '' && norm(a) === norm(b);

function kindMatches(kinds: Entitlement['kinds'], report: Pick<PolicyReport, 'type' | 'category'>): boolean {
  if (kinds === 'all') return true;
  return kinds.some((k) => k.type === report.type && (!k.categories || (report.category !== undefined && k.categories.includes(report.category))));
}

function grantCovers(grant: Grant, school: string, ctx: AccessContext): boolean {
  if (grant.school !== undefined) return grant.school === school;
  if (grant.board !== undefined) return grant.board === ctx.boardOf(school);
  return false;
}

/** True when the report is about the director of its school (or might be, when the context cannot tell). */
function concernsDirector(report: PolicyReport, directors: readonly string[] | undefined): boolean {
  if (!report.concerns) return false;
  if (!directors) return true;
  return directors.some((k) => sameKey(k, report.concerns?.personKey));
}

function roleAllows(e: Entitlement, role: Role, action: Action, report: PolicyReport, aboutDirector: boolean): boolean {
  if (aboutDirector) return e.directorConcerned.includes(action);
  if (kindMatches(e.kinds, report) && e.actions.includes(action)) return true;
  return (report.escalatedTo ?? []).includes(role) && e.escalated.includes(action);
}

/**
 * May this person do this to this report? The one check for every read and action. `viewOperational` is about
 * operational data (outbox, dead letters, counts), not a report: pass `null` or any report.
 * Callers answer "refused" and "not found" identically.
 */
export function authorize(person: PolicyPerson, action: Action, report: PolicyReport | null, ctx: AccessContext): boolean {
  const roles = person.grants.map((g) => g.role);
  if (roles.some((r) => MATRIX[r].operational.includes(action))) return true;
  if (!report || action === 'viewOperational') return false;
  // Never to the staff member the report is about, whatever role she holds (and even if she filed it).
  if (report.concerns && isHer(person, report.concerns.personKey)) return false;
  if (isHer(person, report.reporter.id) && MATRIX.reporter.actions.includes(action)) return true;
  const aboutDirector = concernsDirector(report, report.concerns ? ctx.directorsOf?.(report.school) : undefined);
  return person.grants.some((g) => grantCovers(g, report.school, ctx) && roleAllows(MATRIX[g.role], g.role, action, report, aboutDirector));
}

/** One part of a list scope; a report is in the scope when it matches any clause and no exclusion. */
export type ListClause =
  /** Reports she filed herself, any school. */
  | { match: 'reporter'; reporterKey: string }
  /** Reports of these kinds at these schools, unless they concern the school's director. */
  | { match: 'kinds'; role: Role; schools: string[]; kinds: 'all' | KindSelector[] }
  /** Reports at these schools escalated to this role, unless they concern the school's director. */
  | { match: 'escalated'; role: Role; schools: string[] }
  /** Reports at these schools that concern the school's director (board only). */
  | { match: 'directorConcerned'; role: Role; schools: string[] };

export interface ListScope {
  clauses: ListClause[];
  /** Never list a report whose concerns.personKey is one of these (her own keys). */
  excludeConcerning: string[];
  /**
   * Director keys per school of the clauses, to tell "concerns the director"; null when the context cannot say,
   * and then every report with `concerns` counts as concerning the director.
   */
  directors: Record<string, string[]> | null;
}

/**
 * The query scope of "meldingen" for this person: which schools × which kinds, her own reports, escalations and
 * exclusions, so the store can query only what she may see. {@link inListScope} evaluates it on one report and
 * agrees with `authorize(person, 'list', report)`.
 */
export function authorizeList(person: PolicyPerson, ctx: ListContext): ListScope {
  const clauses: ListClause[] = [];
  if (norm(person.key) !== '' && MATRIX.reporter.actions.includes('list')) clauses.push({ match: 'reporter', reporterKey: norm(person.key) });
  for (const g of person.grants) {
    const schools = g.school !== undefined ? [g.school] : g.board !== undefined ? [...ctx.schoolsOfBoard(g.board)] : [];
    if (schools.length === 0) continue;
    const e = MATRIX[g.role];
    if (e.actions.includes('list') && (e.kinds === 'all' || e.kinds.length > 0)) {
      clauses.push({ match: 'kinds', role: g.role, schools, kinds: e.kinds === 'all' ? 'all' : e.kinds.map((k) => ({ ...k })) });
    }
    if (e.escalated.includes('list')) clauses.push({ match: 'escalated', role: g.role, schools });
    if (e.directorConcerned.includes('list')) clauses.push({ match: 'directorConcerned', role: g.role, schools });
  }
  let directors: Record<string, string[]> | null = null;
  if (ctx.directorsOf) {
    directors = {};
    for (const c of clauses) if (c.match !== 'reporter') for (const s of c.schools) directors[s] ??= ctx.directorsOf(s).map(norm);
  }
  return { clauses, excludeConcerning: [person.key, ...(person.aliases ?? [])].map(norm), directors };
}

/** Is this report in the list scope? (What a store does in its query; also the reference for tests.) */
export function inListScope(scope: ListScope, report: PolicyReport): boolean {
  if (report.concerns && scope.excludeConcerning.some((k) => sameKey(k, report.concerns?.personKey))) return false;
  const aboutDirector = concernsDirector(report, scope.directors ? (scope.directors[report.school] ?? []) : undefined);
  return scope.clauses.some((c) => {
    switch (c.match) {
      case 'reporter':
        return sameKey(report.reporter.id, c.reporterKey);
      case 'kinds':
        return !aboutDirector && c.schools.includes(report.school) && kindMatches(c.kinds, report);
      case 'escalated':
        return !aboutDirector && c.schools.includes(report.school) && (report.escalatedTo ?? []).includes(c.role);
      case 'directorConcerned':
        return aboutDirector && c.schools.includes(report.school);
    }
  });
}

/**
 * May this person export the anonymised annual evaluation (counts, no content) of this school? Yes when one of her
 * grants covers the school and its role's MATRIX entry has 'export': directeur or adjunct-directeur of the school,
 * bestuur of its board. School-level, so no report, reporter or `concerns` rule applies; admin has no 'export'.
 */
export function mayExportSchool(person: PolicyPerson, school: string, ctx: AccessContext): boolean {
  return person.grants.some((g) => MATRIX[g.role].actions.includes('export') && grantCovers(g, school, ctx));
}

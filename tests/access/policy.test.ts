/**
 * The access policy, table-driven: every subject (role, reporter, staff) × action × report kind × where the report
 * is × escalation × whom it concerns. The expected value comes from the rules as stated below in this file, not
 * from the policy's matrix.
 */
import { loadSchools } from '../../src/knowledge/schools';
import { ROLES, schoolIndex, schoolsOf, type Grant, type Role } from '../../src/people';
import {
  ACTIONS,
  MATRIX,
  SUBJECTS,
  authorize,
  authorizeList,
  inListScope,
  type AccessContext,
  type Action,
  type ListContext,
  type PolicyPerson,
  type PolicyReport,
  type Subject,
} from '../../src/access/policy';
import type { ReportType } from '../../src/reports/types';
import path from 'node:path';

// de-campus and het-talent are both ASG schools; de-nieuwe-kring is AMOS.
const base = loadSchools(path.resolve(__dirname, '../../knowledge'));
const index = schoolIndex({ ...base, schools: [...base.schools, { id: 'het-talent', name: 'Het Talent', board: 'asg', code: 'TAL' }] });
const HOME = 'de-campus';
const SAME_BOARD = 'het-talent';
const OTHER_BOARD = 'de-nieuwe-kring';
const REPORT_SCHOOLS = [HOME, SAME_BOARD, OTHER_BOARD];

const ME = 'k-me';
const SOMEONE = 'k-someone';
const COLLEAGUE = 'k-colleague';
const DIRECTOR = 'k-director';

const withDirectors: ListContext = { ...index, directorsOf: (s) => (s === OTHER_BOARD ? ['k-other-director'] : [DIRECTOR]) };
const withoutDirectors: ListContext = { boardOf: index.boardOf, schoolsOfBoard: index.schoolsOfBoard };

// ---- The rules, stated independently -------------------------------------------------------------------------
// Report kinds, as columns. Tokens: - nothing, R read own/assigned (view, list, addInfo),
// H handle (R + acknowledge, changeStatus), L lead (H + assign, export).
const KINDS: { name: string; type: ReportType; category?: string }[] = [
  { name: 'incident/pesten', type: 'incident', category: 'pesten' },
  { name: 'incident/gericht-pestgedrag', type: 'incident', category: 'gericht-pestgedrag' },
  { name: 'incident/geweld', type: 'incident', category: 'geweld' },
  { name: 'incident/-', type: 'incident' },
  { name: 'zorg-thuissituatie', type: 'zorg-thuissituatie' },
  { name: 'vermoeden-zedendelict', type: 'vermoeden-zedendelict' },
  { name: 'ongeval', type: 'ongeval' },
  { name: 'agressie-personeel', type: 'agressie-personeel' },
];
//                        pesten gericht geweld inc/-  zorg  zeden ongeval agressie | escalated to her
const RULES = `
  directeur                 L      L      L      L     L     L      L      L      |  L
  adjunct-directeur         L      L      L      L     L     L      L      L      |  L
  aandachtsfunctionaris     -      -      -      -     H     -      -      -      |  H
  intern-begeleider         -      -      -      -     H     -      -      -      |  H
  anti-pestcoordinator      H      H      -      -     -     -      -      -      |  H
  preventiemedewerker       -      -      -      -     -     -      H      H      |  H
  vertrouwenspersoon        -      -      -      -     -     -      -      -      |  -
  bestuur                   -      -      -      -     -     L      -      -      |  L
  admin                     -      -      -      -     -     -      -      -      |  -
  reporter                  R      R      R      R     R     R      R      R      |  -
  staff                     -      -      -      -     -     -      -      -      |  -
`;
const TOKEN: Record<string, Action[]> = {
  '-': [],
  R: ['view', 'list', 'addInfo'],
  H: ['view', 'list', 'addInfo', 'acknowledge', 'changeStatus'],
  L: ['view', 'list', 'addInfo', 'acknowledge', 'changeStatus', 'assign', 'export'],
};
const table = new Map<string, { kinds: Action[][]; escalated: Action[] }>(
  RULES.trim()
    .split('\n')
    .map((line) => {
      const [subject, ...cells] = line.replace('|', ' ').trim().split(/\s+/);
      if (cells.length !== KINDS.length + 1) throw new Error(`RULES row "${subject}" needs ${KINDS.length + 1} cells`);
      return [subject, { kinds: cells.slice(0, KINDS.length).map((c) => TOKEN[c]), escalated: TOKEN[cells[KINDS.length]] }];
    }),
);

type Placement = 'school' | 'board' | 'none';
interface Case {
  subject: Subject;
  placement: Placement;
  action: Action;
  kind: number;
  school: string;
  escalatedTo?: Role[];
  concerns?: string;
  ctx: 'withDirectors' | 'withoutDirectors';
}

function covers(placement: Placement, school: string): boolean {
  if (placement === 'school') return school === HOME;
  if (placement === 'board') return school === HOME || school === SAME_BOARD;
  return false;
}

/** The rules from the issue, in plain code. */
function expected(c: Case): boolean {
  if (c.action === 'viewOperational') return c.subject === 'admin'; // admin: operational data, never content
  if (c.concerns === ME) return false; // never to the staff member it is about
  if (c.subject === 'reporter') return TOKEN.R.includes(c.action); // her own report (any school)
  if (!covers(c.placement, c.school)) return false; // another school (or board) is never visible
  const directors = c.ctx === 'withoutDirectors' ? undefined : c.school === OTHER_BOARD ? ['k-other-director'] : [DIRECTOR];
  const aboutDirector = c.concerns !== undefined && (directors === undefined || directors.includes(c.concerns));
  if (aboutDirector) return c.subject === 'bestuur' && TOKEN.L.includes(c.action); // the board only
  const row = table.get(c.subject)!;
  if (row.kinds[c.kind].includes(c.action)) return true;
  return (c.escalatedTo ?? []).includes(c.subject as Role) && row.escalated.includes(c.action);
}

// ---- Building people and reports ------------------------------------------------------------------------------
function personFor(subject: Subject, placement: Placement): PolicyPerson {
  if (subject === 'reporter' || subject === 'staff') return { key: ME, grants: [] };
  const grant: Grant = subject === 'admin' ? { role: 'admin' } : placement === 'board' ? { role: subject, board: 'asg' } : { role: subject, school: HOME };
  return { key: ME, grants: [grant] };
}

function reportFor(c: Pick<Case, 'subject' | 'kind' | 'school' | 'escalatedTo' | 'concerns'>, n = 1): PolicyReport {
  const k = KINDS[c.kind];
  return {
    id: `R-${n}`,
    school: c.school,
    type: k.type,
    ...(k.category !== undefined ? { category: k.category } : {}),
    // The reporter's own report carries her id in another case, as Teams ids may differ in case.
    reporter: { id: c.subject === 'reporter' ? ME.toUpperCase() : SOMEONE },
    ...(c.concerns !== undefined ? { concerns: { personKey: c.concerns } } : {}),
    ...(c.escalatedTo !== undefined ? { escalatedTo: c.escalatedTo } : {}),
  };
}

const placementsOf = (s: Subject): Placement[] => (s === 'reporter' || s === 'staff' || s === 'admin' ? ['none'] : ['school', 'board']);
const escalationsOf = (s: Subject): (Role[] | undefined)[] =>
  ROLES.includes(s as Role) ? [undefined, [], [s as Role], ['bestuur'], ['directeur', 'aandachtsfunctionaris']] : [undefined, ['bestuur']];
const CONCERNS = [undefined, ME, COLLEAGUE, DIRECTOR];

function casesFor(subject: Subject, action: Action): Case[] {
  const out: Case[] = [];
  for (const placement of placementsOf(subject))
    for (let kind = 0; kind < KINDS.length; kind++)
      for (const school of REPORT_SCHOOLS)
        for (const escalatedTo of escalationsOf(subject))
          for (const concerns of CONCERNS)
            for (const ctx of ['withDirectors', 'withoutDirectors'] as const) out.push({ subject, placement, action, kind, school, escalatedTo, concerns, ctx });
  return out;
}

const ctxOf = (c: Case): AccessContext => (c.ctx === 'withDirectors' ? withDirectors : withoutDirectors);
const describeCase = (c: Case, got: boolean) =>
  `${c.subject}@${c.placement} ${c.action} ${KINDS[c.kind].name} at ${c.school} escalatedTo=${JSON.stringify(c.escalatedTo)} concerns=${c.concerns} ${c.ctx}: got ${got}`;

describe('the matrix holds for every cell', () => {
  it('the rules table and the matrix speak about the same subjects', () => {
    expect([...table.keys()].sort()).toEqual([...SUBJECTS].sort());
    expect(Object.keys(MATRIX).sort()).toEqual([...SUBJECTS].sort());
  });

  const grid = SUBJECTS.flatMap((s) => ACTIONS.map((a) => [s, a] as const));
  it.each(grid)('%s × %s over every report kind, school, escalation and concerned person', (subject, action) => {
    const wrong: string[] = [];
    for (const c of casesFor(subject, action)) {
      const got = authorize(personFor(c.subject, c.placement), c.action, reportFor(c), ctxOf(c));
      if (got !== expected(c)) wrong.push(describeCase(c, got));
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it('the generated table is the full cross product', () => {
    const total = grid.reduce((n, [s, a]) => n + casesFor(s, a).length, 0);
    expect(grid).toHaveLength(SUBJECTS.length * ACTIONS.length);
    expect(total).toBeGreaterThan(50_000);
  });
});

describe('named rules', () => {
  const campus = (extra: Partial<PolicyReport> = {}): PolicyReport => ({ id: 'CMP-2026-0001', school: HOME, type: 'incident', category: 'geweld', reporter: { id: SOMEONE }, ...extra });
  const person = (key: string, ...grants: Grant[]): PolicyPerson => ({ key, grants });
  const CONTENT: Action[] = ACTIONS.filter((a) => a !== 'viewOperational');

  it('a report about a staff member is never visible to her, whatever roles she holds, even as its reporter', () => {
    const accused = person(COLLEAGUE, { role: 'directeur', school: HOME }, { role: 'bestuur', board: 'asg' }, { role: 'anti-pestcoordinator', school: HOME });
    for (const type of ['incident', 'vermoeden-zedendelict'] as const) {
      const r = campus({ type, category: type === 'incident' ? 'pesten' : undefined, concerns: { personKey: COLLEAGUE.toUpperCase() }, reporter: { id: COLLEAGUE } });
      for (const action of CONTENT) expect(authorize(accused, action, r, withDirectors)).toBe(false);
      expect(inListScope(authorizeList(accused, withDirectors), r)).toBe(false);
    }
  });

  it('her other key counts as her (people.json lists her by UPN alone): not shown when it concerns her; her own reports are hers', () => {
    const her: PolicyPerson = { key: 'aad-her', aliases: ['upn:her@school.example'], grants: [{ role: 'directeur', school: HOME }] };
    const aboutHer = campus({ concerns: { personKey: 'UPN:her@school.example' } });
    for (const action of CONTENT) expect(authorize(her, action, aboutHer, withDirectors)).toBe(false);
    expect(inListScope(authorizeList(her, withDirectors), aboutHer)).toBe(false);
    const withoutAlias: PolicyPerson = { key: 'aad-her', grants: her.grants };
    expect(authorize(withoutAlias, 'view', aboutHer, withDirectors)).toBe(true);
  });

  it('a report about another staff member stays visible to the director and the handlers', () => {
    const r = campus({ category: 'pesten', concerns: { personKey: COLLEAGUE } });
    expect(authorize(person(ME, { role: 'directeur', school: HOME }), 'view', r, withDirectors)).toBe(true);
    expect(authorize(person(ME, { role: 'anti-pestcoordinator', school: HOME }), 'acknowledge', r, withDirectors)).toBe(true);
  });

  it('a report about the director goes to the board only: director, adjunct and handlers are excluded', () => {
    const r = campus({ type: 'zorg-thuissituatie', category: undefined, concerns: { personKey: DIRECTOR } });
    for (const role of ['directeur', 'adjunct-directeur', 'aandachtsfunctionaris', 'intern-begeleider'] as const) {
      for (const action of CONTENT) expect(authorize(person(ME, { role, school: HOME }), action, r, withDirectors)).toBe(false);
    }
    // Even when escalated to them.
    expect(authorize(person(ME, { role: 'adjunct-directeur', school: HOME }), 'view', { ...r, escalatedTo: ['adjunct-directeur'] }, withDirectors)).toBe(false);
    const board = person(ME, { role: 'bestuur', board: 'asg' });
    for (const action of CONTENT) expect(authorize(board, action, r, withDirectors)).toBe(true);
    // The board of another school's board does not see it.
    expect(authorize(person(ME, { role: 'bestuur', board: 'amos' }), 'view', r, withDirectors)).toBe(false);
    // The reporter still reads back what she filed.
    expect(authorize(person(SOMEONE), 'view', r, withDirectors)).toBe(true);
    expect(authorize(person(SOMEONE), 'assign', r, withDirectors)).toBe(false);
  });

  it('without director information, any report about a staff member is treated as about the director (fail closed)', () => {
    const r = campus({ concerns: { personKey: COLLEAGUE } });
    expect(authorize(person(ME, { role: 'directeur', school: HOME }), 'view', r, withoutDirectors)).toBe(false);
    expect(authorize(person(ME, { role: 'bestuur', board: 'asg' }), 'view', r, withoutDirectors)).toBe(true);
  });

  it('admin: operational data, never report content', () => {
    const admin = person(ME, { role: 'admin' });
    expect(authorize(admin, 'viewOperational', null, withDirectors)).toBe(true);
    for (const kind of KINDS)
      for (const school of REPORT_SCHOOLS) {
        const r: PolicyReport = { id: 'X', school, type: kind.type, category: kind.category, reporter: { id: SOMEONE }, escalatedTo: [...ROLES] };
        for (const action of CONTENT) expect(authorize(admin, action, r, withDirectors)).toBe(false);
        for (const action of CONTENT) expect(authorize(admin, action, { ...r, concerns: { personKey: DIRECTOR } }, withDirectors)).toBe(false);
      }
    expect(authorizeList(admin, withDirectors).clauses).toEqual([{ match: 'reporter', reporterKey: ME }]);
    // Nobody else sees operational data, and no content action works without a report.
    expect(authorize(person(ME, { role: 'directeur', school: HOME }, { role: 'bestuur', board: 'asg' }), 'viewOperational', null, withDirectors)).toBe(false);
    expect(authorize(person(ME, { role: 'directeur', school: HOME }), 'view', null, withDirectors)).toBe(false);
  });

  it("another school's report is never visible to a role at this school or board", () => {
    const everything = person(
      ME,
      ...ROLES.filter((r) => r !== 'admin').map((role): Grant => ({ role, school: HOME })),
      { role: 'bestuur', board: 'asg' },
    );
    for (const kind of KINDS) {
      const r: PolicyReport = { id: 'DNK-2026-0001', school: OTHER_BOARD, type: kind.type, category: kind.category, reporter: { id: SOMEONE }, escalatedTo: [...ROLES] };
      for (const action of CONTENT) expect(authorize(everything, action, r, withDirectors)).toBe(false);
    }
    // A school-level director does not see the other school of her own board either.
    expect(authorize(person(ME, { role: 'directeur', school: HOME }), 'view', campus({ school: SAME_BOARD }), withDirectors)).toBe(false);
  });

  it('rights add up over grants', () => {
    const both = person(ME, { role: 'aandachtsfunctionaris', school: HOME }, { role: 'preventiemedewerker', school: SAME_BOARD });
    expect(authorize(both, 'view', campus({ type: 'zorg-thuissituatie', category: undefined }), withDirectors)).toBe(true);
    expect(authorize(both, 'view', campus({ type: 'ongeval', category: undefined }), withDirectors)).toBe(false);
    expect(authorize(both, 'view', campus({ school: SAME_BOARD, type: 'ongeval', category: undefined }), withDirectors)).toBe(true);
  });

  it('an empty person key never matches an empty reporter id or concerned key', () => {
    const nobody = person('');
    expect(authorize(nobody, 'view', campus({ reporter: { id: '' } }), withDirectors)).toBe(false);
    expect(authorizeList(nobody, withDirectors).clauses).toEqual([]);
  });
});

describe('authorizeList agrees with authorize', () => {
  const people: [string, PolicyPerson][] = [
    ...SUBJECTS.flatMap((s) => placementsOf(s).map((p): [string, PolicyPerson] => [`${s}@${p}`, personFor(s, p)])),
    ['director + IB elsewhere', { key: ME, grants: [{ role: 'directeur', school: HOME }, { role: 'intern-begeleider', school: OTHER_BOARD }] }],
    ['board + anti-pest', { key: ME, grants: [{ role: 'bestuur', board: 'asg' }, { role: 'anti-pestcoordinator', school: OTHER_BOARD }] }],
    ['the director herself', { key: DIRECTOR, grants: [{ role: 'directeur', school: HOME }] }],
  ];

  const reports: PolicyReport[] = [];
  for (let kind = 0; kind < KINDS.length; kind++)
    for (const school of REPORT_SCHOOLS)
      for (const escalatedTo of [undefined, ['bestuur'], ['aandachtsfunctionaris', 'anti-pestcoordinator'], ['directeur'], ['vertrouwenspersoon', 'admin']] as (Role[] | undefined)[])
        for (const concerns of [...CONCERNS, 'k-other-director'])
          for (const subject of ['reporter', 'staff'] as const) reports.push(reportFor({ subject, kind, school, escalatedTo, concerns }, reports.length));

  it.each(people.flatMap(([name, p]) => [[name, p, 'withDirectors'] as const, [name, p, 'withoutDirectors'] as const]))(
    '%s (%s)',
    (_name, p, ctxName) => {
      const ctx = ctxName === 'withDirectors' ? withDirectors : withoutDirectors;
      const scope = authorizeList(p, ctx);
      const wrong = reports.filter((r) => inListScope(scope, r) !== authorize(p, 'list', r, ctx)).map((r) => JSON.stringify(r));
      expect(wrong.slice(0, 10)).toEqual([]);
      // The scope only reaches her own schools (plus her own reports): nothing else needs to be read.
      const mine = new Set(schoolsOf(p, index));
      for (const c of scope.clauses) if (c.match !== 'reporter') expect(c.schools.every((s) => mine.has(s))).toBe(true);
    },
  );

  it('the scope is plain data (a store can turn it into a query)', () => {
    const scope = authorizeList({ key: ME, grants: [{ role: 'preventiemedewerker', board: 'asg' }] }, withDirectors);
    expect(JSON.parse(JSON.stringify(scope))).toEqual({
      clauses: [
        { match: 'reporter', reporterKey: ME },
        { match: 'kinds', role: 'preventiemedewerker', schools: [HOME, SAME_BOARD], kinds: [{ type: 'ongeval' }, { type: 'agressie-personeel' }] },
        { match: 'escalated', role: 'preventiemedewerker', schools: [HOME, SAME_BOARD] },
      ],
      excludeConcerning: [ME],
      directors: { [HOME]: [DIRECTOR], [SAME_BOARD]: [DIRECTOR] },
    });
  });
});

/**
 * Who may export a school's anonymised annual evaluation (mayExportSchool), table-driven: every role × where her
 * grant is (the school itself, another school of the same board, the board, another board). The expected values are
 * stated here from the rule, not read from the policy's matrix: directeur and adjunct-directeur of the school, and
 * bestuur of the school's board (a bestuur grant is a board grant); nobody else, whatever her role.
 */
import path from 'node:path';
import { mayExportSchool, type PolicyPerson } from '../../src/access/policy';
import { loadSchools } from '../../src/knowledge/schools';
import { ROLES, schoolIndex, type Grant, type Role } from '../../src/people';

// de-campus and het-talent are both ASG schools; de-nieuwe-kring is AMOS.
const base = loadSchools(path.resolve(__dirname, '../../knowledge'));
const index = schoolIndex({ ...base, schools: [...base.schools, { id: 'het-talent', name: 'Het Talent', board: 'asg', code: 'TAL' }] });
const SCHOOL = 'de-campus';

type Where = 'this school' | 'other school, same board' | 'this board' | 'other board' | 'no school or board';
const GRANTS: Record<Where, Omit<Grant, 'role'>> = {
  'this school': { school: SCHOOL },
  'other school, same board': { school: 'het-talent' },
  'this board': { board: 'asg' },
  'other board': { board: 'amos' },
  'no school or board': {},
};

/** The rule: the school's own leadership, or the board of its board. */
const EXPECTED: Partial<Record<Role, Where[]>> = {
  directeur: ['this school', 'this board'],
  'adjunct-directeur': ['this school', 'this board'],
  bestuur: ['this school', 'this board'],
};

const cases = ROLES.flatMap((role) =>
  (Object.keys(GRANTS) as Where[]).map((where) => [role, where, (EXPECTED[role] ?? []).includes(where)] as const),
);

describe('mayExportSchool: the school-level export of the annual evaluation', () => {
  test.each(cases)('%s with a grant at %s → %s', (role, where, expected) => {
    const person: PolicyPerson = { key: 'k-someone', grants: [{ role, ...GRANTS[where] }] };
    expect(mayExportSchool(person, SCHOOL, index)).toBe(expected);
  });

  test('staff without a role (self-declared school) and a reporter of many reports may not', () => {
    expect(mayExportSchool({ key: 'k-teacher', grants: [] }, SCHOOL, index)).toBe(false);
  });

  test('the union of grants counts: an intern begeleider who is also adjunct-directeur may', () => {
    const person: PolicyPerson = { key: 'k-ib', grants: [{ role: 'intern-begeleider', school: SCHOOL }, { role: 'adjunct-directeur', school: SCHOOL }] };
    expect(mayExportSchool(person, SCHOOL, index)).toBe(true);
  });

  test('a school the index does not know has no board: a board grant does not cover it', () => {
    expect(mayExportSchool({ key: 'k', grants: [{ role: 'bestuur', board: 'asg' }] }, 'onbekend', index)).toBe(false);
  });
});

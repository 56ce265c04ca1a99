/** People file: validation with clear messages, identity matching, staff fallback, board grants, reload without restart. */
import fs from 'node:fs';
import path from 'node:path';
import { loadSchools, type SchoolList } from '../../src/knowledge/schools';
import { suiteTempDir } from '../support/temp-dir';
import {
  PeopleDirectory,
  PeopleLoadError,
  ROLES,
  hasRole,
  loadPeople,
  resolvePerson,
  schoolIndex,
  schoolsOf,
  type PeopleFile,
  type Person,
} from '../../src/people';

const ROOT = path.resolve(__dirname, '../..');
const KNOWLEDGE = path.join(ROOT, 'knowledge');
const schools: SchoolList = loadSchools(KNOWLEDGE);
const index = schoolIndex(schools);
const silent = { info() {}, warn() {}, error() {} };

const A1 = '00000000-0000-0000-0000-0000000000a1';
const A2 = '00000000-0000-0000-0000-0000000000a2';
const A3 = '00000000-0000-0000-0000-0000000000a3';
const GUID_X = '5f1c2b7e-1a2b-4c3d-9e8f-0a1b2c3d4e5f';

function tempDir(): string {
  return suiteTempDir('baken-people-');
}

function writePeople(content: unknown, dir = tempDir()): string {
  const file = path.join(dir, 'people.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

const person = (extra: Record<string, unknown>) => ({ name: 'Anna Jansen', grants: [{ role: 'directeur', school: 'de-campus' }], ...extra });
const file = (...people: unknown[]) => ({ version: 1, people });

function loadError(content: unknown): string {
  try {
    loadPeople(writePeople(content), schools);
  } catch (err) {
    expect(err).toBeInstanceOf(PeopleLoadError);
    return (err as Error).message;
  }
  throw new Error('expected the file to be rejected');
}

describe('people file validation', () => {
  const cases: [string, unknown, RegExp][] = [
    ['invalid JSON', '{ "version": 1, "people": [ ', /invalid JSON/],
    ['wrong version', { version: 2, people: [] }, /version/],
    ['unknown top-level key', { version: 1, people: [], extra: true }, /extra/],
    ['neither aadObjectId nor upn', file({ name: 'Anna Jansen', grants: [] }), /people\[0\] \(Anna Jansen\): needs an aadObjectId or a upn/],
    ['aadObjectId not a GUID', file(person({ aadObjectId: 'anna' })), /people\[0\]\.aadObjectId: must be a GUID/],
    ['upn not e-mail-like', file(person({ upn: 'anna jansen' })), /people\[0\]\.upn: must look like an e-mail address/],
    ['empty name', file(person({ upn: 'a@b.nl', name: ' ' })), /people\[0\]\.name/],
    ['unknown role', file(person({ upn: 'a@b.nl', grants: [{ role: 'conciërge', school: 'de-campus' }] })), /people\[0\]\.grants\[0\]\.role/],
    ['unknown school', file(person({ upn: 'a@b.nl', grants: [{ role: 'directeur', school: 'atlantis' }] })), /people\[0\] \(Anna Jansen\): grant 0 \(directeur\): unknown school "atlantis"/],
    ['unknown board', file(person({ upn: 'a@b.nl', grants: [{ role: 'bestuur', board: 'nergens' }] })), /people\[0\] \(Anna Jansen\): grant 0 \(bestuur\): unknown board "nergens"/],
    ['grant with school and board', file(person({ upn: 'a@b.nl', grants: [{ role: 'directeur', school: 'de-campus', board: 'asg' }] })), /grant 0 \(directeur\) must name exactly one of "school" or "board"/],
    ['grant with neither', file(person({ upn: 'a@b.nl', grants: [{ role: 'intern-begeleider' }] })), /grant 0 \(intern-begeleider\) must name exactly one/],
    ['admin with a school', file(person({ upn: 'a@b.nl', grants: [{ role: 'admin', school: 'de-campus' }] })), /grant 0 \(admin\) must name neither/],
    ['unknown grant key', file(person({ upn: 'a@b.nl', grants: [{ role: 'directeur', school: 'de-campus', until: '2027' }] })), /until/],
    [
      'duplicate aadObjectId (case-insensitive)',
      file(person({ aadObjectId: GUID_X }), person({ name: 'Bert Smit', aadObjectId: GUID_X.toUpperCase() })),
      /people\[1\] \(Bert Smit\): duplicate aadObjectId .* \(also people\[0\]\)/,
    ],
    [
      'duplicate upn (case-insensitive)',
      file(person({ upn: 'anna@school.nl' }), person({ name: 'Bert Smit', upn: 'Anna@School.NL' })),
      /people\[1\] \(Bert Smit\): duplicate upn "Anna@School.NL" \(also people\[0\]\)/,
    ],
  ];

  it.each(cases)('rejects %s with a clear message', (_name, content, message) => {
    const text = loadError(content);
    expect(text).toMatch(message);
  });

  it('names the file and every problem at once', () => {
    const content = file(
      person({ upn: 'a@b.nl', grants: [{ role: 'directeur', school: 'atlantis' }] }),
      person({ name: 'Bert Smit', upn: 'b@b.nl', grants: [{ role: 'bestuur', board: 'nergens' }] }),
    );
    const f = writePeople(content);
    expect(() => loadPeople(f, schools)).toThrow(f);
    try {
      loadPeople(f, schools);
    } catch (err) {
      expect((err as PeopleLoadError).issues).toHaveLength(2);
    }
  });

  it('a missing file is a load error naming the file', () => {
    const missing = path.join(tempDir(), 'people.json');
    expect(() => loadPeople(missing, schools)).toThrow(new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*ENOENT`));
  });

  it('accepts every role with the right kind of grant', () => {
    const people = ROLES.map((role, i) => ({
      upn: `p${i}@school.nl`,
      name: `Persoon ${i}`,
      grants: [role === 'admin' ? { role } : role === 'bestuur' ? { role, board: 'asg' } : { role, school: 'de-campus' }],
    }));
    expect(loadPeople(writePeople(file(...people)), schools).people).toHaveLength(ROLES.length);
  });

  it.each([['people.json'], ['people.dev.json']])('the shipped knowledge/%s validates', (name) => {
    const data = loadPeople(path.join(KNOWLEDGE, name), schools);
    expect(data.version).toBe(1);
  });

  it('the shipped people.json lists nobody and explains itself', () => {
    const data = loadPeople(path.join(KNOWLEDGE, 'people.json'), schools);
    expect(data.people).toEqual([]);
    expect(data.$comment).toMatch(/admin/);
  });
});

describe('resolving an identity', () => {
  const data: PeopleFile = {
    version: 1,
    people: [
      { aadObjectId: GUID_X, upn: 'anna.jansen@campus.nl', name: 'Anna Jansen', grants: [{ role: 'directeur', school: 'de-campus' }] },
      { upn: 'Bert.Smit@Conexus.nl', name: 'Bert Smit', grants: [{ role: 'intern-begeleider', school: 'conexus' }] },
      { aadObjectId: A1, name: 'Sanne de Vries', grants: [] },
      { upn: 'ict@asg.nl', name: 'Ict Beheer', grants: [{ role: 'admin' }] },
    ],
  };
  const resolve = (identity: Parameters<typeof resolvePerson>[2]) => resolvePerson(data, schools, identity);

  const cases: [string, Parameters<typeof resolvePerson>[2], Partial<Person>][] = [
    ['aadObjectId exact', { aadObjectId: GUID_X }, { key: GUID_X, name: 'Anna Jansen', selfDeclared: false }],
    ['aadObjectId upper-case', { aadObjectId: GUID_X.toUpperCase() }, { key: GUID_X, name: 'Anna Jansen' }],
    ['aadObjectId wins over a different upn', { aadObjectId: GUID_X, upn: 'bert.smit@conexus.nl' }, { key: GUID_X, name: 'Anna Jansen' }],
    ['upn only, case-insensitive', { upn: 'ANNA.JANSEN@campus.nl' }, { key: GUID_X, name: 'Anna Jansen' }],
    ['upn fallback for an unknown aadObjectId on an entry without one', { aadObjectId: A3, upn: 'bert.smit@conexus.nl' }, { key: A3, name: 'Bert Smit' }],
    ['upn-only entry without aadObjectId in the identity', { upn: 'bert.smit@conexus.nl' }, { key: 'upn:bert.smit@conexus.nl', name: 'Bert Smit' }],
  ];
  it.each(cases)('%s', (_name, identity, expected) => {
    expect(resolve(identity)).toMatchObject(expected);
  });

  it('keeps grants from the file, board grants as board grants', () => {
    expect(resolve({ aadObjectId: GUID_X }).grants).toEqual([{ role: 'directeur', school: 'de-campus' }]);
    expect(resolve({ upn: 'ict@asg.nl', chosenSchool: 'de-campus' })).toMatchObject({ grants: [{ role: 'admin' }] });
  });

  it('a person in the file with a school grant is not self-declared, even with a chosen school', () => {
    const p = resolve({ aadObjectId: GUID_X, chosenSchool: 'sooog' });
    expect(p.staffSchool).toBeUndefined();
    expect(p.selfDeclared).toBe(false);
  });

  it('an upn match whose file entry has another aadObjectId does not match (fail closed: staff)', () => {
    const p = resolve({ aadObjectId: A2, upn: 'anna.jansen@campus.nl', chosenSchool: 'de-campus' });
    expect(p).toEqual({ key: A2, name: undefined, grants: [], staffSchool: 'de-campus', selfDeclared: true });
  });

  it('someone not in the file is staff of her chosen school, self-declared', () => {
    expect(resolve({ aadObjectId: A2.toUpperCase(), chosenSchool: 'de-nieuwe-kring' })).toEqual({
      key: A2,
      name: undefined,
      grants: [],
      staffSchool: 'de-nieuwe-kring',
      selfDeclared: true,
    });
  });

  it('without a chosen school, or with an unknown one, she has no school', () => {
    expect(resolve({ aadObjectId: A2 })).toMatchObject({ grants: [], staffSchool: undefined, selfDeclared: false });
    expect(resolve({ aadObjectId: A2, chosenSchool: 'atlantis' })).toMatchObject({ staffSchool: undefined, selfDeclared: false });
  });

  it('an entry without grants (listed for the name) is staff of her chosen school', () => {
    expect(resolve({ aadObjectId: A1, chosenSchool: 'de-campus' })).toEqual({
      key: A1,
      name: 'Sanne de Vries',
      grants: [],
      staffSchool: 'de-campus',
      selfDeclared: true,
    });
  });

  it('an identity without aadObjectId or upn is a programming error', () => {
    expect(() => resolve({ chosenSchool: 'de-campus' })).toThrow(/aadObjectId or a upn/);
  });
});

describe('roles and schools', () => {
  const board: Pick<Person, 'grants'> = { grants: [{ role: 'bestuur', board: 'asg' }] };
  const director: Pick<Person, 'grants'> = { grants: [{ role: 'directeur', school: 'de-campus' }, { role: 'intern-begeleider', school: 'sooog' }] };
  const admin: Pick<Person, 'grants'> = { grants: [{ role: 'admin' }] };

  const cases: [string, Pick<Person, 'grants'>, Parameters<typeof hasRole>[1], string, boolean][] = [
    ['board grant covers a school of the board', board, 'bestuur', 'de-campus', true],
    ['board grant does not cover another board', board, 'bestuur', 'de-nieuwe-kring', false],
    ['board grant gives only its own role', board, 'directeur', 'de-campus', false],
    ['school grant at its school', director, 'directeur', 'de-campus', true],
    ['school grant not at another school', director, 'directeur', 'sooog', false],
    ['second grant at another school', director, 'intern-begeleider', 'sooog', true],
    ['unknown school', director, 'directeur', 'atlantis', false],
    ['admin holds admin anywhere', admin, 'admin', 'de-campus', true],
    ['admin is not a director', admin, 'directeur', 'de-campus', false],
  ];
  it.each(cases)('hasRole: %s', (_name, p, role, school, expected) => {
    expect(hasRole(p, role, school, index)).toBe(expected);
  });

  it('schoolsOf expands board grants to every school of the board', () => {
    const withExtraSchool = schoolIndex({ ...schools, schools: [...schools.schools, { id: 'het-talent', name: 'Het Talent', board: 'asg', code: 'TAL' }] });
    expect(schoolsOf(board, withExtraSchool)).toEqual(['de-campus', 'het-talent']);
    expect(schoolsOf(director, index)).toEqual(['de-campus', 'sooog']);
    expect(schoolsOf(admin, index)).toEqual([]);
    expect(schoolsOf({ grants: [] }, index)).toEqual([]);
  });
});

describe('PeopleDirectory', () => {
  const entry = (name: string, role = 'directeur') => ({ aadObjectId: A2, name, grants: [{ role, school: 'de-campus' }] });

  it('resolves the dev mock users', () => {
    const dir = new PeopleDirectory(path.join(KNOWLEDGE, 'people.dev.json'), schools, { logger: silent });
    expect(dir.resolve({ aadObjectId: A1, chosenSchool: 'de-campus' })).toMatchObject({ grants: [], staffSchool: 'de-campus', selfDeclared: true });
    expect(dir.resolve({ aadObjectId: A2 })).toMatchObject({ grants: [{ role: 'directeur', school: 'de-campus' }], selfDeclared: false });
    const board = dir.resolve({ aadObjectId: A3 });
    expect(board.grants).toEqual([{ role: 'bestuur', board: 'asg' }]);
    expect(hasRole(board, 'bestuur', 'de-campus', dir.index)).toBe(true);
    expect(dir.directorsOf('de-campus')).toEqual([A2]);
    expect(dir.directorsOf('sooog')).toEqual([]);
  });

  it('reload() picks up an edit, throws on an invalid one and keeps the last good version', () => {
    const f = writePeople(file(entry('Anna Jansen')));
    const dir = new PeopleDirectory(f, schools, { logger: silent });
    expect(dir.resolve({ aadObjectId: A2 }).name).toBe('Anna Jansen');
    fs.writeFileSync(f, JSON.stringify(file(entry('Bert Smit'))));
    dir.reload();
    expect(dir.resolve({ aadObjectId: A2 }).name).toBe('Bert Smit');
    const before = dir.data;
    fs.writeFileSync(f, JSON.stringify(file(entry('Carla Mol', 'conciërge'))));
    expect(() => dir.reload()).toThrow(PeopleLoadError);
    expect(dir.data).toBe(before);
    expect(dir.resolve({ aadObjectId: A2 }).name).toBe('Bert Smit');
  });

  it('the constructor rejects an invalid file', () => {
    expect(() => new PeopleDirectory(writePeople({ version: 1 }), schools, { logger: silent })).toThrow(/people/);
  });

  it('watch() reloads on change without restart and keeps the last good version on an invalid edit', async () => {
    const errors: string[] = [];
    const logger = { info() {}, warn() {}, error: (o: object) => errors.push(JSON.stringify(o)) };
    const f = writePeople(file(entry('Anna Jansen')));
    const dir = new PeopleDirectory(f, schools, { logger });
    let changed: (d: PeopleFile) => void = () => {};
    let failed: (e: unknown) => void = () => {};
    const stop = dir.watch({ debounceMs: 20, onChange: (d) => changed(d), onError: (e) => failed(e) });
    try {
      const reloaded = new Promise<PeopleFile>((resolve) => (changed = resolve));
      fs.writeFileSync(f, JSON.stringify(file(entry('Bert Smit', 'adjunct-directeur'))));
      await reloaded;
      expect(dir.resolve({ aadObjectId: A2 })).toMatchObject({ name: 'Bert Smit', grants: [{ role: 'adjunct-directeur' }] });

      const rejected = new Promise<unknown>((resolve) => (failed = resolve));
      fs.writeFileSync(f, JSON.stringify(file(entry('Carla Mol'), { ...entry('Dirk Mol'), grants: [{ role: 'directeur', school: 'atlantis' }] })));
      const err = await rejected;
      expect(String(err)).toContain('unknown school "atlantis"');
      expect(errors.some((e) => e.includes('atlantis'))).toBe(true);
      expect(dir.resolve({ aadObjectId: A2 }).name).toBe('Bert Smit');

      // Editors often save by writing a temp file and renaming it over the original.
      const reloadedAgain = new Promise<PeopleFile>((resolve) => (changed = resolve));
      const tmp = `${f}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(file(entry('Eva Mol'))));
      fs.renameSync(tmp, f);
      await reloadedAgain;
      expect(dir.resolve({ aadObjectId: A2 }).name).toBe('Eva Mol');
    } finally {
      stop();
    }
  });

  it('watch() is idempotent and its stop function stops reloading', async () => {
    const f = writePeople(file(entry('Anna Jansen')));
    const dir = new PeopleDirectory(f, schools, { logger: silent });
    const stop = dir.watch({ debounceMs: 10 });
    expect(dir.watch({ debounceMs: 10 })).toBeInstanceOf(Function);
    stop();
    fs.writeFileSync(f, JSON.stringify(file(entry('Bert Smit'))));
    await new Promise((r) => setTimeout(r, 100));
    expect(dir.resolve({ aadObjectId: A2 }).name).toBe('Anna Jansen');
  });
});

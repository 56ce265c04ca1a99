import * as fs from 'fs';
import * as path from 'path';
import { mayExportByKey } from '../../src/evaluation/access';
import { loadSchools } from '../../src/knowledge/schools';
import { PeopleDirectory } from '../../src/people';
import { makeTempDir } from '../support/temp-dir';
import { KNOWLEDGE } from './support';

describe('mayExportByKey: the policy for the person behind a link, asked again on every download', () => {
  const tmp = makeTempDir('baken-export-access-');
  const file = path.join(tmp.dir, 'people.json');
  const write = (people: object[]): void => fs.writeFileSync(file, JSON.stringify({ version: 1, people }));
  afterAll(() => tmp.cleanup());

  test('by AAD object id (any case) or upn; a role taken away in people.json closes it at once', () => {
    write([
      { aadObjectId: '00000000-0000-0000-0000-0000000000D1', name: 'Dirk', grants: [{ role: 'directeur', school: 'de-campus' }] },
      { upn: 'bea@asg.example', name: 'Bea', grants: [{ role: 'bestuur', board: 'asg' }] },
    ]);
    const people = new PeopleDirectory(file, loadSchools(KNOWLEDGE));
    expect(mayExportByKey(people, '00000000-0000-0000-0000-0000000000d1', 'de-campus')).toBe(true);
    expect(mayExportByKey(people, '00000000-0000-0000-0000-0000000000d1', 'de-nieuwe-kring')).toBe(false);
    expect(mayExportByKey(people, 'upn:bea@asg.example', 'de-campus')).toBe(true);
    expect(mayExportByKey(people, 'upn:bea@asg.example', 'de-nieuwe-kring')).toBe(false);
    expect(mayExportByKey(people, '00000000-0000-0000-0000-0000000000ee', 'de-campus')).toBe(false);
    expect(mayExportByKey(people, '', 'de-campus')).toBe(false);
    write([{ aadObjectId: '00000000-0000-0000-0000-0000000000d1', name: 'Dirk', grants: [{ role: 'intern-begeleider', school: 'de-campus' }] }]);
    people.reload();
    expect(mayExportByKey(people, '00000000-0000-0000-0000-0000000000d1', 'de-campus')).toBe(false);
  });
});

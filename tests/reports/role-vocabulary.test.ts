import * as fs from 'fs';
import * as path from 'path';
import { DirectoryService } from '../../src/directory';
import { contactsFromDirectory } from '../../src/reports/contacts';
import { loadReportKnowledge, nextStepsFor, rolesFor } from '../../src/reports/taxonomy';
import { makeTempDir } from '../support/temp-dir';

const KNOWLEDGE = path.join(__dirname, '..', '..', 'knowledge');

describe('one role vocabulary: the report taxonomy names the directory\'s roles', () => {
  test('every school\'s confirmation finds the director in the directory under the same role id', () => {
    const { tax, schools } = loadReportKnowledge(KNOWLEDGE);
    const directory = new DirectoryService({ file: path.join(KNOWLEDGE, 'directory.json'), schoolsFile: path.join(KNOWLEDGE, 'schools.json') });
    const contacts = contactsFromDirectory(directory);
    const dnk = contacts('de-nieuwe-kring', rolesFor(nextStepsFor(tax, 'de-nieuwe-kring', 'agressie-personeel', 'nl', { fields: {} })));
    const director = dnk.find((c) => c.roleId === 'directie');
    expect(director?.name ?? director?.description).toBeTruthy();
    expect(schools.length).toBeGreaterThan(0);
  });

  test('a taxonomy that names a role the directory does not know is refused at load, naming it', () => {
    const tmp = makeTempDir();
    try {
      const dir = path.join(tmp.dir, 'knowledge');
      fs.cpSync(KNOWLEDGE, dir, { recursive: true });
      const file = path.join(dir, 'reports', 'taxonomy.json');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"directie"', '"schoolhoofd"'));
      expect(() => loadReportKnowledge(dir)).toThrow(/roles the directory does not have: schoolhoofd/);
    } finally {
      tmp.cleanup();
    }
  });
});

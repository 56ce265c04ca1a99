/**
 * The Agents Playground's mock tenant (.m365agentsplayground.yml) and the dev people file stay in step, and the
 * config derived for "act as another user" is one the playground accepts (schema 0.1.1: exactly five other users,
 * unique ids). Fast: no processes; roles.e2e.test.ts starts real playgrounds with these configs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PROJECT_ROOT } from '../../scripts/lib/baken-processes';
import { configAs, findMockUser, MOCK_USER_ALIASES, mockUsers, readPlaygroundConfig, writeConfigAs } from '../../scripts/lib/playground-users';

const people = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'knowledge', 'people.dev.json'), 'utf8')) as {
  people: Array<{ aadObjectId: string; name: string; grants: Array<{ role: string; school?: string; board?: string }> }>;
};

describe('.m365agentsplayground.yml and knowledge/people.dev.json', () => {
  const config = readPlaygroundConfig();

  test('the file has what the playground requires: a current user, exactly five others, unique ids', () => {
    expect(config.version).toBe('0.1.1');
    expect(config.users).toHaveLength(5);
    const users = mockUsers(config);
    expect(new Set(users.map((u) => u.id)).size).toBe(6);
    expect(new Set(users.map((u) => u.aadObjectId)).size).toBe(6);
    for (const key of ['groupChat', 'team']) expect(config[key]).toBeDefined();
  });

  test('every person of the dev people file is a mock user with the same name; the aliases point at them', () => {
    for (const person of people.people) {
      const user = findMockUser(person.aadObjectId, config);
      expect(user.name).toBe(person.name);
    }
    expect(findMockUser('teacher', config).aadObjectId).toBe(MOCK_USER_ALIASES.teacher);
    const director = people.people.find((p) => p.aadObjectId === findMockUser('director', config).aadObjectId)!;
    expect(director.grants).toEqual([{ role: 'directeur', school: 'de-campus' }]);
    const board = people.people.find((p) => p.aadObjectId === findMockUser('board', config).aadObjectId)!;
    expect(board.grants).toEqual([{ role: 'bestuur', board: 'asg' }]);
    expect(() => findMockUser('nobody', config)).toThrow(/no mock user "nobody"/);
  });

  test('acting as the director: she is the current user with her own personal chat; still six unique users', () => {
    const derived = configAs('director', config);
    expect(derived.currentUser.aadObjectId).toBe(MOCK_USER_ALIASES.director);
    expect(derived.users).toHaveLength(5);
    expect(derived.users.map((u) => u.id)).toContain(config.currentUser.id);
    expect(new Set(mockUsers(derived).map((u) => u.id)).size).toBe(6);
    expect(derived.personalChat.id).not.toBe(config.personalChat.id);
    expect(derived.tenantId).toBe(config.tenantId);
    expect(configAs('teacher', config)).toBe(config);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-playground-users-'));
    try {
      expect(readPlaygroundConfig(writeConfigAs('board', dir, config)).currentUser.aadObjectId).toBe(MOCK_USER_ALIASES.board);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

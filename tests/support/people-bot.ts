import * as fs from 'fs';
import * as path from 'path';
import { startTestBot, type RunningBot } from './bot-harness';
import { RecordingConnector, TestUser } from './recording-connector';
import { makeTempDir } from './temp-dir';

export interface PeopleBot {
  running: RunningBot;
  connector: RecordingConnector;
  /** A person in her personal chat who has chosen `school` (that turn also stores her conversation reference). */
  person(school: string, aadObjectId?: string): Promise<TestUser>;
}

/**
 * Registers beforeEach/afterEach: a fresh bot (real store, recording connector) whose people.json holds `people`
 * (entries as in knowledge/people.json). The getter gives the running bot inside a test.
 */
export function usePeopleBot(people: object[]): () => PeopleBot {
  let tmp: ReturnType<typeof makeTempDir>;
  let current: PeopleBot | undefined;
  beforeEach(async () => {
    tmp = makeTempDir('baken-people-');
    const peopleFile = path.join(tmp.dir, 'people.json');
    fs.writeFileSync(peopleFile, JSON.stringify({ version: 1, people }));
    const connector = await RecordingConnector.start();
    const running = await startTestBot({ dataFile: path.join(tmp.dir, 'baken.json'), env: { PEOPLE_FILE: peopleFile } });
    current = {
      running,
      connector,
      async person(school, aadObjectId) {
        const user = new TestUser({ botEndpoint: running.endpoint, connector, ...(aadObjectId ? { aadObjectId } : {}) });
        await user.submit({ verb: 'chooseSchool', schoolId: school });
        return user;
      },
    };
  });
  afterEach(async () => {
    await current?.running.stop();
    await current?.connector.stop();
    current = undefined;
    tmp.cleanup();
  });
  return () => {
    if (!current) throw new Error('usePeopleBot: no bot running (call it at the top of the describe)');
    return current;
  };
}

/** Who-questions through POST /api/messages with the real Ask service and directory: every answer state. */
import * as path from 'path';
import { buildAsk } from '../../src/ask';
import { startTestBot, type RunningBot } from '../support/bot-harness';
import { cardsOf, RecordingConnector, TestUser } from '../support/recording-connector';
import { makeTempDir } from '../support/temp-dir';

const root = path.resolve(__dirname, '../..');
const ask = buildAsk({ knowledgeDir: path.join(root, 'knowledge'), cardsDir: path.join(root, 'cards') });

describe('who-questions through the bot', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let connector: RecordingConnector;
  let running: RunningBot;

  beforeAll(async () => {
    tmp = makeTempDir();
    connector = await RecordingConnector.start();
    running = await startTestBot({ dataFile: path.join(tmp.dir, 'baken.json'), askService: ask });
  });
  afterAll(async () => {
    await running.stop();
    await connector.stop();
    tmp.cleanup();
  });

  async function askAt(school: string, question: string) {
    const user = new TestUser({ botEndpoint: running.endpoint, connector });
    await user.submit({ verb: 'chooseSchool', schoolId: school });
    const turn = await user.say(question);
    const reply = turn.replies[turn.replies.length - 1];
    return { text: reply.text ?? '', cards: cardsOf(reply) };
  }

  test('named: the person with e-mail as mailto, phone as tel link and a Teams chat action', async () => {
    const { text, cards } = await askAt('de-nieuwe-kring', 'wie zitten er in de directie?');
    const card = JSON.stringify(cards[0]);
    expect(text).toContain('Debbie van Capelleveen');
    expect(card).toContain('mailto:Debbie.vancapelleveen@amosonderwijs.nl');
    expect(card).toContain('https://teams.microsoft.com/l/chat/0/0?users=');
  });

  test('named with a phone number: tel link', async () => {
    const { text, cards } = await askAt('de-nieuwe-kring', 'telnr van de vertrouwenspersoon via AMOS?');
    expect(text).toContain('Lorianne van Cappellen');
    expect(JSON.stringify(cards[0])).toMatch(/tel:\+?[0-9]/);
  });

  test('unnamed: says the plan names nobody, what the plan says, and no name', async () => {
    const { text, cards } = await askAt('conexus', 'wie is bij ons op school de anti-pestcoordinator?');
    expect(text).toMatch(/noemt geen naam|noemt niemand/);
    expect(text).toContain('1 per school');
    expect(cards.length).toBeGreaterThan(0);
  });

  test('conflict: every name the plan gives, and that the plan is not consistent', async () => {
    const { text } = await askAt('de-nieuwe-kring', 'wie is de anti pest coordinator?');
    expect(text).toContain('Linde Rabbeljee');
    expect(text).toContain('Nancy Knaven');
    expect(text).toContain('niet eenduidig');
  });

  test('absent: an honest abstention, never another school\'s person, no contact card', async () => {
    const { text, cards } = await askAt('wij-de-venen', 'wie is de anti-pestcoördinator op onze school?');
    expect(text).toContain('Het plan van jouw school noemt geen');
    expect(text).not.toMatch(/Rabbeljee|Knaven|Douwes/);
    expect(JSON.stringify(cards)).not.toContain('mailto:');
  });

  test('board-inherited: a Conexus school gets the board\'s role holder', async () => {
    const { text } = await askAt('conexus', 'wie is de centrale aandachtsfunctionaris meldcode bij het bestuur?');
    expect(text).toContain('collega uit team O&K');
  });
});

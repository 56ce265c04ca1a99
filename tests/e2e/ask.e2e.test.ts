/**
 * Ask through the real client: install → welcome card → choose a school on the card → a policy question
 * in staff language → an answer cited from that school's own plan → a who-question → the contact card.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  BakenPlayground,
  cardChoiceSets,
  cardVerbs,
  describeMessage,
  messageText,
  PlaygroundMessage,
  startBakenPlayground,
} from './playground';
import { withLogs as withLogsOf } from './playground';

jest.setTimeout(120_000);

const SCHOOL = 'de-campus';
const QUESTION = 'mag ik een kind vastpakken als hij doordraait?';

/** Document titles by plan id, read from the shipped knowledge (front matter `title:`). */
function planTitles(): Map<string, string> {
  const dir = path.resolve(__dirname, '..', '..', 'knowledge', 'plans');
  const titles = new Map<string, string>();
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.md'))) {
    const match = fs.readFileSync(path.join(dir, file), 'utf8').match(/^title:\s*"?(.+?)"?\s*$/m);
    if (match) titles.set(path.basename(file, '.md'), match[1]);
  }
  return titles;
}

describe('Ask end to end through the Agents Playground', () => {
  let e2e: BakenPlayground;

  beforeAll(async () => {
    e2e = await startBakenPlayground();
  });

  afterAll(async () => {
    await e2e?.stop();
  });

  const withLogs = <T>(step: () => Promise<T>): Promise<T> => withLogsOf(e2e, step);

  let welcome: PlaygroundMessage;

  test('after installing, a first question gets the welcome card that asks for the school', async () => {
    await e2e.client.install();
    // Teams' install events may or may not produce the card; a question from a user without a school must.
    await e2e.client.sendText(QUESTION);
    welcome = await withLogs(() => e2e.client.waitForReply((m) => cardChoiceSets(m).length > 0));
    const schools = cardChoiceSets(welcome)[0].choices.map((choice) => choice.value);
    expect(schools).toEqual(expect.arrayContaining(['conexus', 'de-campus', 'de-nieuwe-kring', 'wij-de-venen', 'sooog']));
  });

  test('choosing a school on the card is confirmed', async () => {
    const choiceSet = cardChoiceSets(welcome)[0];
    const [action] = cardVerbs(welcome);
    expect(action).toBeDefined();
    await e2e.client.submit(action.verb, { ...action.data, [choiceSet.id]: SCHOOL }, welcome);
    const campusName = choiceSet.choices.find((choice) => choice.value === SCHOOL)!.title;
    const confirmation = await withLogs(() => e2e.client.waitForReply((m) => messageText(m).includes(campusName)));
    expect(describeMessage(confirmation)).toBeTruthy();
  });

  test('a policy question is answered from that school’s own plan, with the citation', async () => {
    const titles = planTitles();
    const ownTitle = titles.get(SCHOOL)!;
    await e2e.client.sendText(QUESTION);
    const answer = await withLogs(() => e2e.client.waitForReply((m) => messageText(m).includes(ownTitle)));
    expect(messageText(answer).toLowerCase()).toContain('vastpak');

    const everything = e2e.client.repliesSinceLastAction().map(messageText).join('\n');
    for (const [doc, title] of titles) if (doc !== SCHOOL) expect(everything).not.toContain(title);
  });

  test('a who-question gets the contact card with the school\'s own person', async () => {
    await e2e.client.sendText('wie is de vertrouwenspersoon bij ons op de Campus?');
    // The playground delivers text and card as two messages: wait for the card that names her.
    const card = await withLogs(() => e2e.client.waitForReply((m) => m.attachments.length > 0 && messageText(m).includes('Marcha Douwes')));
    expect(JSON.stringify(card.attachments)).toContain('Marcha Douwes');
  });
});

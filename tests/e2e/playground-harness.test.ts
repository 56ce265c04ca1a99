/** The harness itself, against a stub bot: if this fails, the Baken e2e failures are about the harness, not the bot. */
import { BakenPlayground, cardChoiceSets, cardVerbs, hasAdaptiveCard, startBakenPlayground } from './playground';

jest.setTimeout(120_000);

describe('Agents Playground harness (stub bot)', () => {
  let e2e: BakenPlayground;

  beforeAll(async () => {
    e2e = await startBakenPlayground({ botEntry: 'tests/e2e/fixtures/stub-bot.ts' });
  });

  afterAll(async () => {
    await e2e?.stop();
  });

  test('install reaches the bot as the user would trigger it', async () => {
    await e2e.client.install();
    const welcome = await e2e.client.waitForReply((m) => m.text === 'stub welcome');
    expect(welcome.conversationId).toBe(e2e.client.conversationId);
  });

  test('text goes in, text and card come back on the WebSocket', async () => {
    await e2e.client.sendText('hallo');
    await e2e.client.waitForReply((m) => m.text === 'echo hallo');
    const card = await e2e.client.waitForReply(hasAdaptiveCard);
    expect(cardVerbs(card).map((v) => v.verb)).toEqual(['pick']);
    expect(cardChoiceSets(card)[0]).toEqual({ id: 'pick', choices: [{ title: 'Een', value: 'een' }] });
  });

  test('submit sends the verb and inputs as the activity value', async () => {
    await e2e.client.submit('pick', { pick: 'een' });
    const reply = await e2e.client.waitForReply((m) => m.text.startsWith('submitted'));
    expect(JSON.parse(reply.text.slice('submitted '.length))).toEqual({ verb: 'pick', pick: 'een' });
  });

  test('a wait for something that never comes fails with what did come', async () => {
    await e2e.client.sendText('nog eens');
    await e2e.client.waitForReply((m) => m.text === 'echo nog eens');
    await expect(e2e.client.waitForReply((m) => m.text === 'never', { timeoutMs: 1500 })).rejects.toThrow(/echo nog eens/);
  });
});

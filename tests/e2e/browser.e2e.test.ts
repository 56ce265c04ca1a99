/** The real client UI: Baken behind the Agents Playground, driven in headless Chromium like a teacher would. */
import { BakenPlayground, startBakenPlayground } from './playground';
import { botMessages, browserUnavailableReason, openPlayground, PlaygroundBrowser, selectors, typeMessage } from './browser';

jest.setTimeout(180_000);

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`SKIPPED browser end-to-end test: ${unavailable}`);
const describeWithBrowser = unavailable ? describe.skip : describe;

/** The card that answered the typed question: the school choice with "Vertel me eerst op welke school je werkt". */
const questionReply = (page: PlaygroundBrowser['page']) =>
  botMessages(page).filter({ hasText: /Vertel me eerst op welke school/ }).locator(selectors.adaptiveCard).last();

describeWithBrowser('Agents Playground UI in Chromium', () => {
  let e2e: BakenPlayground;
  let browser: PlaygroundBrowser | undefined;

  beforeAll(async () => {
    e2e = await startBakenPlayground();
    browser = await openPlayground(e2e.playground.url);
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  test('a question typed in the UI gets a bot reply with an Adaptive Card (the school choice)', async () => {
    const page = browser!.page;
    const before = await botMessages(page).count();
    await typeMessage(page, 'wat doe ik als een leerling gepest wordt?');
    // Bounded wait for the reply to this question (the install welcome may arrive before or after it):
    // the school choice that says why it is asked, with the combobox rendered.
    const card = questionReply(page);
    await card.getByRole('combobox').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await botMessages(page).count()).toBeGreaterThan(before);
  });

  test('choosing the school in the card and pressing its button is confirmed in the chat', async () => {
    const page = browser!.page;
    const card = questionReply(page);
    await card.getByRole('combobox').click();
    await page.getByRole('option', { name: /De Campus/ }).click();
    await card.getByRole('button').last().click();
    try {
      await botMessages(page).filter({ hasText: /De Campus/ }).last().waitFor({ state: 'visible', timeout: 30_000 });
    } catch (error) {
      const seen = (await botMessages(page).allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').slice(0, 200));
      throw new Error(`${(error as Error).message}\nbot messages in the UI:\n  ${seen.join('\n  ')}\n${e2e.logs()}`);
    }
  });
});

/** The real client UI: Baken behind the Agents Playground, driven in headless Chromium like a teacher would. */
import { BakenPlayground, startBakenPlayground } from './playground';
import { botMessages, browserUnavailableReason, openPlayground, PlaygroundBrowser, selectors, typeMessage } from './browser';

jest.setTimeout(180_000);

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`SKIPPED browser end-to-end test: ${unavailable}`);
const describeWithBrowser = unavailable ? describe.skip : describe;

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

  test('a message typed in the UI gets a bot reply with an Adaptive Card', async () => {
    const page = browser!.page;
    const before = await botMessages(page).count();
    await typeMessage(page, 'help');
    // Bounded wait for a new bot bubble that holds a rendered card (welcome or help, depending on the school choice).
    const card = botMessages(page).locator(selectors.adaptiveCard).last();
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await botMessages(page).count()).toBeGreaterThan(before);
    expect((await card.innerText()).trim().length).toBeGreaterThan(0);
  });
});

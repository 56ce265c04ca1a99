/**
 * The Agents Playground's own web UI in Debian's headless Chromium (playwright-core drives it; it never
 * downloads a browser). Selectors are those of playground UI 0.2.28 (../shared/notes/agents-playground.md).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const selectors = {
  compose: '[data-lexical-editor="true"][role="textbox"]',
  botMessage: '.fai-OutputCard',
  adaptiveCard: '.ac-adaptiveCard',
} as const;

/** Why the browser test cannot run here, or undefined when it can. In CI it must run: .ci/run installs chromium. */
export function browserUnavailableReason(): string | undefined {
  if (fs.existsSync(CHROMIUM_PATH)) return undefined;
  if (process.env.CI) return undefined; // let the test fail loudly instead of skipping
  return `${CHROMIUM_PATH} not found: install Debian chromium (apt-get install -y chromium) to run the browser end-to-end test`;
}

export interface PlaygroundBrowser {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Opens the playground UI in a fresh profile; every request that is not to loopback is aborted. */
export async function openPlayground(url: string, options: { timezoneId?: string } = {}): Promise<PlaygroundBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    timeout: 60_000,
    // The browser's clock zone (date pickers, shown times); default: this machine's.
    timezoneId: options.timezoneId,
  });
  try {
    await context.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) => route.abort());
    const page = await openPlaygroundPage(context, url, context.pages()[0]);
    return {
      page,
      context,
      close: async () => {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Opens the playground UI at `url` in another tab of the same browser (e.g. a second playground whose current
 * user is someone else; each playground is its own origin). Resolves when the compose box is visible.
 */
export async function openPlaygroundPage(context: BrowserContext, url: string, page?: Page): Promise<Page> {
  const tab = page ?? (await context.newPage());
  tab.setDefaultTimeout(30_000);
  await tab.goto(url, { waitUntil: 'domcontentloaded' });
  await tab.locator(selectors.compose).waitFor({ state: 'visible' });
  return tab;
}

/** Types a message into the compose box as a user would and sends it with Enter. */
export async function typeMessage(page: Page, text: string): Promise<void> {
  const compose = page.locator(selectors.compose);
  await compose.click();
  await compose.pressSequentially(text);
  await compose.press('Enter');
}

/** Bot message bubbles (excluding the log panel, which repeats message texts). */
export function botMessages(page: Page): Locator {
  return page.locator(selectors.botMessage);
}

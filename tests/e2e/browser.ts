/**
 * The Agents Playground's own web UI in Debian's headless Chromium (playwright-core drives it; it never
 * downloads a browser). Selectors are those of playground UI 0.2.28 (../shared/notes/agents-playground.md).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { encodePng, readPngInfo } from '../../scripts/lib/png';

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

/**
 * The test environment without libfaketime's preload: the date-independence check (`faketime … npx jest`) fakes
 * the clock of the bot and the playground; Chromium does not start under the preload (its clock: see below).
 */
function browserEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'LD_PRELOAD') env[key] = value;
  return env;
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
    env: browserEnv(),
  });
  try {
    // The browser's clock is the test's (under faketime: the faked date), so "today" in the UI's date picker is the
    // day the tests and the bot reason with; time keeps running.
    await context.clock.install({ time: Date.now() });
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

/** Around a screenshot's region, in CSS px: one number for every side, or per side (12 where not given). */
export type Margin = number | { top?: number; right?: number; bottom?: number; left?: number };

/**
 * A screenshot of the region from the first to the last of `parts` (one card, or consecutive bubbles), with a margin
 * (CSS px; per side if given so), cut out of a screenshot of the whole viewport. Not `locator.screenshot()` or a
 * `clip`: with Debian's Chromium 156 headless, a clipped capture (CDP Page.captureScreenshot with a clip) of an
 * Adaptive Card the playground had just replaced sometimes painted it without its colours and button borders (3 of 5
 * runs), while a capture of the whole viewport at the same moment, and the card's computed styles, were right.
 */
export async function screenshotRegion(page: Page, parts: Locator[], files: string[], margin: Margin = 12): Promise<void> {
  const m = typeof margin === 'number' ? { top: margin, right: margin, bottom: margin, left: margin } : { top: 12, right: 12, bottom: 12, left: 12, ...margin };
  await parts[0].scrollIntoViewIfNeeded();
  const boxes = await Promise.all(parts.map((part) => part.boundingBox()));
  if (boxes.some((box) => !box)) throw new Error('screenshotRegion: a part is not on screen');
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('screenshotRegion: the page has no fixed viewport');
  const left = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b!.x)) - m.left));
  const top = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b!.y)) - m.top));
  const right = Math.min(viewport.width, Math.ceil(Math.max(...boxes.map((b) => b!.x + b!.width)) + m.right));
  const bottom = Math.min(viewport.height, Math.ceil(Math.max(...boxes.map((b) => b!.y + b!.height)) + m.bottom));
  const shot = await page.screenshot();
  // CSS px to image px (1 unless the context sets a deviceScaleFactor).
  const scale = readPngInfo(shot).width / viewport.width;
  const px = (v: number) => Math.round(v * scale);
  const png = cropPng(shot, px(left), px(top), px(right) - px(left), px(bottom) - px(top));
  for (const file of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, png);
  }
}

/** Cuts a rectangle out of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are); RGBA out. */
function cropPng(png: Buffer, x0: number, y0: number, width: number, height: number): Buffer {
  const info = readPngInfo(png);
  const channels = info.colourType === 2 ? 3 : info.colourType === 6 ? 4 : 0;
  if (info.bitDepth !== 8 || !channels || png[28] !== 0) throw new Error(`cropPng: unsupported PNG (depth ${info.bitDepth}, colour type ${info.colourType})`);
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    if (png.toString('ascii', offset + 4, offset + 8) === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = info.width * channels;
  const rows = Math.min(info.height, y0 + height);
  const pixels = new Uint8Array(stride * rows);
  for (let y = 0; y < rows; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const value = raw[y * (stride + 1) + 1 + i];
      const a = i >= channels ? pixels[y * stride + i - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const c = i >= channels && y > 0 ? pixels[(y - 1) * stride + i - channels] : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + i] = (value + predicted) & 0xff;
    }
  }
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y0 + y) * stride + (x0 + x) * channels;
      const to = (y * width + x) * 4;
      out[to] = pixels[from];
      out[to + 1] = pixels[from + 1];
      out[to + 2] = pixels[from + 2];
      out[to + 3] = channels === 4 ? pixels[from + 3] : 255;
    }
  }
  return encodePng({ width, height, pixels: out });
}

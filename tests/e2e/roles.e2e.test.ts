/**
 * Identity and access through the real client (issue 8): Baken as `npm run dev` runs it (people from
 * knowledge/people.dev.json) behind two Microsoft 365 Agents Playgrounds, one per mock user of
 * .m365agentsplayground.yml, both in headless Chromium:
 *
 *   - Sanne de Vries (…a1, a teacher without roles) in the playground as the repo's file configures it;
 *   - Marieke Bakker (…a2, director of De Campus) in a playground whose current user is she.
 *
 * One playground cannot act as two users: its UI has no user switch and its API refuses a message `from` anyone
 * but its current user in the personal chat (checked below). Two playgrounds on one bot work like two Teams
 * clients: each has its own personal chat and serviceUrl, so replies and alerts reach the right person.
 *
 * The teacher files a weapons incident through the guided cards in the UI; the director, who talked to Baken
 * before, gets a content-free alert card; she presses "Ik pak dit op" on it and later closes the report with
 * "Status wijzigen" (issue 9): her card is replaced by the invoke response and then updated in place by the outbox,
 * and the teacher gets both status messages in her chat; the director lists and opens the report in her UI; the
 * teacher asking for a report she did not file (typed, or with the director's list button data) gets exactly the
 * not-found answer.
 * Screenshots go to test-results/roles/; BAKEN_DOC_SCREENSHOTS=1 also refreshes docs/img/.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { BotProcess, PROJECT_ROOT, startBot } from '../../scripts/lib/baken-processes';
import {
  cardChoiceSets,
  cardVerbs,
  describeMessage,
  hasAdaptiveCard,
  messageText,
  PlaygroundClient,
  PlaygroundMessage,
} from './playground';
import { MOCK_USER_ALIASES, PlaygroundAs, readPlaygroundConfig, startPlaygroundAs } from '../../scripts/lib/playground-users';
import { botMessages, browserUnavailableReason, Margin, openPlayground, openPlaygroundPage, PlaygroundBrowser, screenshotRegion, selectors, typeMessage } from './browser';

jest.setTimeout(240_000);

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`SKIPPED roles end-to-end test: ${unavailable}`);
const describeWithBrowser = unavailable ? describe.skip : describe;

const SCREENSHOTS = path.join(PROJECT_ROOT, 'test-results', 'roles');
const DOC_IMAGES = path.join(PROJECT_ROOT, 'docs', 'img');
const PEOPLE_DEV = path.join(PROJECT_ROOT, 'knowledge', 'people.dev.json');

// What the teacher types into the report; none of it may reach the alert card.
const FACTS = 'Een leerling liet in de pauze een zakmes zien aan klasgenoten.';
const PUPILS = '6A K.B.';
const LOCATION = 'fietsenstalling';
const DIRECTOR_FACTS = 'Het hek bij de kleuteringang stond de hele ochtend open.';
// The director's closing note: it goes into the report's chronology, never onto the alert card or to the reporter.
const CLOSING_NOTE = 'Mes ingenomen, ouders gesproken, leerling heeft excuses aangeboden.';

/** What Baken answers for a report that does not exist, and for one the asker may not see. */
const NOT_FOUND = 'Deze melding kan ik niet vinden';
const REPORT_ID = /\b(CMP-\d{4}-\d{4})\b/;

/** The UI's message bubble whose text matches, the latest one; waits until it is rendered. */
async function bubble(page: Page, hasText: string | RegExp): Promise<Locator> {
  const found = botMessages(page).filter({ hasText }).last();
  await found.waitFor({ state: 'visible' });
  return found;
}

/** The Adaptive Card in the latest bubble that matches. */
async function cardIn(page: Page, hasText: string | RegExp): Promise<Locator> {
  const card = (await bubble(page, hasText)).locator(selectors.adaptiveCard);
  await card.waitFor({ state: 'visible' });
  return card;
}

/** The first TextBlock of the message's card: the step title the UI shows. */
function cardTitle(message: PlaygroundMessage): string {
  const body = (message.attachments[0]?.content as { body?: Array<{ type?: string; text?: string }> } | undefined)?.body ?? [];
  const title = body.find((element) => element.type === 'TextBlock')?.text;
  if (!title) throw new Error(`no title on ${describeMessage(message)}`);
  return title;
}

/** Baken's zone for dates (a report date may not lie in the future there); the browser runs in it too. */
const ZONE = 'Europe/Amsterdam';

/** The day button of the UI's date picker (Fluent UI: "1, December, 2026") for today in ZONE. */
function todayInDatePicker(): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: ZONE, day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(new Date()).map((p) => [p.type, p.value]),
  );
  return `${parts.day}, ${parts.month}, ${parts.year}`;
}

/** A date safely in the past in Europe/Amsterdam whatever this machine's time zone (yyyy-mm-dd). */
function yesterday(): string {
  return new Date(Date.now() - 36 * 3600_000).toISOString().slice(0, 10);
}

function allJson(message: PlaygroundMessage): string {
  return JSON.stringify(message.raw);
}

describeWithBrowser('roles end to end: a teacher and the director, each in her own Agents Playground', () => {
  let tempDir: string;
  let bot: BotProcess | undefined;
  let teacherPlayground: PlaygroundAs | undefined;
  let directorPlayground: PlaygroundAs | undefined;
  let teacher: PlaygroundClient;
  let director: PlaygroundClient;
  let browser: PlaygroundBrowser | undefined;
  let teacherPage: Page;
  let directorPage: Page;
  /** The teacher's weapons incident (set by the filing test; the tests after it need it). */
  let filedId: string | undefined;
  /** The alert card as it arrived in the director's chat (set by the alert test; the acknowledge test needs it). */
  let alertMessage: PlaygroundMessage | undefined;
  const reportIdOf = (): string => {
    if (!filedId) throw new Error('no report id: the teacher\'s filing test failed, see above');
    return filedId;
  };

  const logs = () =>
    [
      `── baken ──\n${bot?.process.tail(60) ?? ''}`,
      `── playground (teacher) ──\n${teacherPlayground?.process.tail(20) ?? ''}`,
      `── playground (director) ──\n${directorPlayground?.process.tail(20) ?? ''}`,
    ].join('\n');

  /** Runs a step; on failure the error carries a screenshot of both UIs, the bubbles they show and the processes' output. */
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      const shots: string[] = [];
      for (const [who, page] of [['teacher', teacherPage], ['director', directorPage]] as const) {
        if (!page) continue;
        const file = path.join(SCREENSHOTS, `FAILED-${name}-${who}.png`);
        await page.screenshot({ path: file }).then(() => shots.push(file), () => undefined);
        const seen = await botMessages(page).allInnerTexts().catch(() => []);
        shots.push(`${who} UI bubbles:\n    ${seen.map((t) => t.replace(/\s+/g, ' ').slice(0, 160)).join('\n    ')}`);
      }
      throw new Error(`${name}: ${(error as Error).message}\n${shots.join('\n')}\n${logs()}`);
    }
  };

  /** Waits for the bot's reply on `client` to an action taken in the UI by `act`. */
  const inUi = async (client: PlaygroundClient, act: () => Promise<void>, predicate: (m: PlaygroundMessage) => boolean): Promise<PlaygroundMessage> => {
    client.mark();
    await act();
    return client.waitForReply(predicate);
  };

  /** Presses the card's action with `verb` through the API (its data merged with the inputs, as Teams sends it). */
  const press = async (client: PlaygroundClient, card: PlaygroundMessage, verb: string, inputs: Record<string, string> = {}) => {
    const action = cardVerbs(card).find((a) => a.verb === verb);
    if (!action) throw new Error(`no ${verb} on ${describeMessage(card)}`);
    await client.submit(verb, { ...action.data, ...inputs }, card);
  };

  /** A fresh playground UI welcomes its user (the UI's own conversationUpdate); she picks De Campus in the card. */
  const chooseDeCampus = async (page: Page, client: PlaygroundClient) => {
    await client.waitForReply((m) => cardVerbs(m).some((a) => a.verb === 'chooseSchool'), { sinceSeq: 0 });
    const card = await cardIn(page, 'Welkom bij Baken');
    await card.getByRole('combobox').click();
    await page.getByRole('option', { name: /De Campus/ }).click();
    await inUi(client, () => card.getByRole('button', { name: 'Opslaan' }).click(), (m) => messageText(m).includes('Opgeslagen'));
  };

  /** Screenshots go to test-results/roles/; with BAKEN_DOC_SCREENSHOTS=1 the doc image is refreshed too. */
  const screenshot = async (target: Page | Locator, name: string, docImage?: string) => {
    await target.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
    if (docImage && process.env.BAKEN_DOC_SCREENSHOTS === '1') {
      fs.mkdirSync(DOC_IMAGES, { recursive: true });
      await target.screenshot({ path: path.join(DOC_IMAGES, docImage) });
    }
  };

  /** A screenshot of the region of `parts` (one card, or consecutive bubbles): test-results/roles/, and docs/img/ as `screenshot`. */
  const screenshotOf = async (page: Page, parts: Locator[], name: string, docImage?: string, margin?: Margin) => {
    const files = [path.join(SCREENSHOTS, `${name}.png`)];
    if (docImage && process.env.BAKEN_DOC_SCREENSHOTS === '1') files.push(path.join(DOC_IMAGES, docImage));
    await screenshotRegion(page, parts, files, margin);
  };

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-roles-e2e-'));
    // The bot first (the playground drops messages when nothing listens), with the dev people file as `npm run dev`.
    bot = await startBot({ dataFile: path.join(tempDir, 'baken.json'), env: { PEOPLE_FILE: PEOPLE_DEV } });
    [teacherPlayground, directorPlayground] = await Promise.all([
      startPlaygroundAs('teacher', { botEndpoint: bot.endpoint }),
      startPlaygroundAs('director', { botEndpoint: bot.endpoint }),
    ]);
    teacher = await PlaygroundClient.connect(teacherPlayground.url);
    director = await PlaygroundClient.connect(directorPlayground.url);
    browser = await openPlayground(teacherPlayground.url, { timezoneId: ZONE });
    teacherPage = browser.page;
    directorPage = await openPlaygroundPage(browser.context, directorPlayground.url);
    // Tall enough that her report detail fits on screen (an element screenshot of a taller card scrolls under the header).
    await directorPage.setViewportSize({ width: 1280, height: 1800 });
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    teacher?.close();
    director?.close();
    await Promise.all([teacherPlayground?.stop(), directorPlayground?.stop()]);
    await bot?.process.stop();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  });

  test('each playground runs as its mock user of .m365agentsplayground.yml; one playground refuses messages from another user', async () => {
    const file = readPlaygroundConfig();
    expect(teacher.user.aadObjectId).toBe(MOCK_USER_ALIASES.teacher);
    expect(director.user.aadObjectId).toBe(MOCK_USER_ALIASES.director);
    expect(teacher.config.tenantId).toBe(file.tenantId);
    expect(director.config.tenantId).toBe(file.tenantId);
    expect(teacher.conversationId).not.toBe(director.conversationId);
    // The UI shows who is signed in.
    await teacherPage.getByText('Sanne de Vries').first().waitFor({ state: 'visible' });
    await directorPage.getByText('Marieke Bakker').first().waitFor({ state: 'visible' });
    // Why two playgrounds: the director cannot speak in the teacher's personal chat (playground 0.2.28: 400 UserNotFound).
    const refused = await fetch(`${teacherPlayground!.url}/_conversation/v1/conversations/${teacher.conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'text', text: 'meldingen', textFormat: 'plain', from: { id: director.user.id } }),
    });
    expect(refused.status).toBe(400);
  });

  test('the director chooses her school and says hallo: Baken now knows her personal chat', async () => {
    await step('director-hallo', async () => {
      await chooseDeCampus(directorPage, director);
      await inUi(director, () => typeMessage(directorPage, 'hallo'), hasAdaptiveCard);
    });
  });

  test('the teacher files a weapons incident through the guided cards in the UI; the confirmation says the director is alerted', async () => {
    await step('teacher-report', async () => {
      const page = teacherPage;
      await chooseDeCampus(page, teacher);

      /** Fills the step card the UI shows for `message`, presses Volgende, returns the next card. */
      const next = async (message: PlaygroundMessage, fill: (card: Locator) => Promise<void>, button = 'Volgende'): Promise<PlaygroundMessage> => {
        const card = await cardIn(page, cardTitle(message));
        await fill(card);
        return inUi(teacher, () => card.getByRole('button', { name: button, exact: true }).click(), hasAdaptiveCard);
      };

      let card = await inUi(teacher, () => typeMessage(page, 'melding maken'), hasAdaptiveCard);
      card = await next(card, (c) => c.getByRole('radio', { name: 'Incident', exact: true }).check());
      card = await next(card, (c) => c.getByRole('radio', { name: 'Meenemen van wapens naar school' }).check());
      card = await next(card, async (c) => {
        // The date picker (Fluent UI): open it, press today's day.
        await c.getByRole('combobox', { name: /Datum/ }).click();
        await page.getByRole('button', { name: todayInDatePicker(), exact: true }).click();
        await c.getByRole('textbox', { name: /Waar gebeurde het/ }).fill(LOCATION);
      });
      card = await next(card, async (c) => {
        await c.getByRole('checkbox', { name: 'Leerling(en)' }).check();
        await c.getByRole('textbox', { name: /Leerlingen \(groep en initialen\)/ }).fill(PUPILS);
      });
      card = await next(card, (c) => c.getByRole('textbox', { name: /Wat gebeurde er/ }).fill(FACTS));
      card = await next(card, async (c) => {
        await c.getByRole('checkbox', { name: 'Betrokkenen uit elkaar gehaald' }).check();
        await c.getByRole('radio', { name: 'Nee', exact: true }).check();
      });
      // The review shows what she typed; "Versturen" files it.
      expect(messageText(card)).toContain(FACTS);
      expect(messageText(card)).toContain(PUPILS);
      const review = await cardIn(page, cardTitle(card));
      const submit = cardVerbs(card).find((a) => a.verb === 'report.submit');
      expect(submit).toBeDefined();
      const confirmation = await inUi(teacher, () => review.getByRole('button', { name: submit!.title, exact: true }).click(), (m) => REPORT_ID.test(messageText(m)));
      const reportId = (filedId = REPORT_ID.exec(messageText(confirmation))![1]);
      expect(messageText(confirmation)).toContain(`Melding ${reportId} is opgeslagen`);
      expect(messageText(confirmation)).toContain('Marieke Bakker krijgt nu een waarschuwing');
      const shown = await cardIn(page, `Melding ${reportId} is opgeslagen`);
      await expect(shown.innerText()).resolves.toContain('Marieke Bakker krijgt nu een waarschuwing');
      await screenshot(page, 'teacher-confirmation');
    });
  });

  test('the director gets a content-free alert card in her personal chat', async () => {
    await step('director-alert', async () => {
      const reportId = reportIdOf();
      // The outbox worker polls every 2 s; bounded wait, not a sleep.
      const alert = (alertMessage = await director.waitForReply((m) => hasAdaptiveCard(m) && messageText(m).includes(reportId), { sinceSeq: 0, timeoutMs: 30_000 }));
      const everything = allJson(alert);
      for (const secret of [FACTS, PUPILS, 'K.B.', LOCATION]) expect(everything).not.toContain(secret);
      // A way to open it (content only after the access check), nothing else.
      expect(cardVerbs(alert).some((a) => /^(alert|report)\.view$/.test(a.verb) && a.data.reportId === reportId)).toBe(true);
      // Only she gets it: nothing of the kind in the reporter's chat.
      expect(teacher.messages.some((m) => cardVerbs(m).some((a) => a.verb.startsWith('alert.')))).toBe(false);
      const shown = await bubble(directorPage, reportId);
      const text = await shown.innerText();
      for (const secret of [FACTS, 'K.B.', LOCATION]) expect(text).not.toContain(secret);
      await screenshot(directorPage, 'director-alert');
      await screenshotOf(directorPage, [shown.locator(selectors.adaptiveCard)], 'director-alert-card');
    });
  });

  test('the director picks it up and closes it on the alert card in her UI; her copy is updated in place, the teacher hears both', async () => {
    await step('director-acknowledge', async () => {
      const reportId = reportIdOf();
      if (!alertMessage) throw new Error('no alert card: the alert test failed, see above');
      const alert = alertMessage;
      // Her alert card in the UI (its title names the id; her list and detail cards later say "Melding <id>" only).
      const alertBubbles = botMessages(directorPage).filter({ hasText: new RegExp(`nieuwe melding ${reportId}`, 'i') });
      const card = alertBubbles.last().locator(selectors.adaptiveCard);
      await card.getByText('Nog door niemand opgepakt').waitFor({ state: 'visible' });
      const acknowledgedLine = card.getByText(/^Opgepakt door Marieke Bakker \(/);

      // "Ik pak dit op" (Action.Execute): the invoke response replaces her card at once (the playground's UI swaps it
      // itself; nothing arrives on the WebSocket for it).
      const teacherMark = teacher.mark();
      const directorMark = director.mark();
      await card.getByRole('button', { name: 'Ik pak dit op', exact: true }).click();
      await acknowledgedLine.waitFor({ state: 'visible' });
      await card.getByText('Status: in behandeling.').waitFor({ state: 'visible' });
      await card.getByRole('button', { name: 'Ik pak dit op' }).waitFor({ state: 'detached' });

      // Then the outbox worker (polls every 2 s) updates her copy in place: PUT /v3/conversations/{id}/activities/{id},
      // which the playground passes on as an updateMessage of the same message, not a new one.
      const updated = await director.waitForReply((m) => m.messageId === alert.messageId && messageText(m).includes('Opgepakt door Marieke Bakker'), {
        sinceSeq: directorMark,
        timeoutMs: 30_000,
      });
      expect(updated.action).toBe('updateMessage');
      for (const secret of [FACTS, PUPILS, 'K.B.', LOCATION]) expect(allJson(updated)).not.toContain(secret);
      expect(cardVerbs(updated).some((a) => a.verb === 'alert.acknowledge')).toBe(false);
      expect(director.messages.slice(directorMark).filter((m) => m.action === 'createMessage').map(describeMessage)).toEqual([]);
      // Still one alert bubble in her chat, showing the refreshed card.
      await expect(alertBubbles.count()).resolves.toBe(1);
      await acknowledgedLine.waitFor({ state: 'visible' });

      // The teacher gets the status message in her personal chat (outbox): a line of text, no content.
      const pickedUp = `Je melding ${reportId} is opgepakt door de directeur. Dank je dat je het hebt gemeld.`;
      const status = await teacher.waitForReply((m) => messageText(m).includes(pickedUp), { sinceSeq: teacherMark, timeoutMs: 30_000 });
      expect(hasAdaptiveCard(status)).toBe(false);
      const pickedUpBubble = await bubble(teacherPage, pickedUp);
      await screenshot(directorPage, 'director-acknowledged');
      await screenshotOf(directorPage, [card], 'director-acknowledged-card', 'director-alert.png');

      // "Status wijzigen" (Action.ShowCard) → afgerond with a closing note → "Opslaan" (Action.Execute with the inputs).
      const closeMark = director.mark();
      const teacherCloseMark = teacher.mark();
      await card.getByRole('button', { name: 'Status wijzigen', exact: true }).click();
      await card.getByRole('combobox', { name: /Nieuwe status/ }).click();
      await directorPage.getByRole('option', { name: 'afgerond', exact: true }).click();
      await card.getByRole('textbox', { name: /Afsluitende notitie/ }).fill(CLOSING_NOTE);
      await screenshot(directorPage, 'director-closing');
      await card.getByRole('button', { name: 'Opslaan', exact: true }).click();
      const closedLine = card.getByText(/^Afgerond \(/);
      await closedLine.waitFor({ state: 'visible' });
      await expect(card.innerText()).resolves.not.toContain(CLOSING_NOTE);
      const closed = await director.waitForReply((m) => m.messageId === alert.messageId && /\bAfgerond \(/.test(messageText(m)), { sinceSeq: closeMark, timeoutMs: 30_000 });
      expect(closed.action).toBe('updateMessage');
      expect(allJson(closed)).not.toContain(CLOSING_NOTE);
      expect(director.messages.slice(directorMark).filter((m) => m.action === 'createMessage').map(describeMessage)).toEqual([]);
      await expect(alertBubbles.count()).resolves.toBe(1);
      await closedLine.waitFor({ state: 'visible' });
      await screenshotOf(directorPage, [card], 'director-closed-card');

      // The teacher hears it is closed; the closing note stays in the report.
      const closedText = `Je melding ${reportId} is afgerond.`;
      const closedStatus = await teacher.waitForReply((m) => messageText(m).includes(closedText), { sinceSeq: teacherCloseMark, timeoutMs: 30_000 });
      expect(messageText(closedStatus)).not.toContain(CLOSING_NOTE);
      const closedBubble = await bubble(teacherPage, closedText);
      await screenshot(teacherPage, 'teacher-status');
      // With the sender line ("Baken 5:46 AM") above each bubble and Baken's avatar to its left.
      await screenshotOf(teacherPage, [pickedUpBubble, closedBubble], 'teacher-status-messages', 'teacher-status.png', { top: 24, left: 48 });
    });
  });

  test('the director lists the reports of her school and opens the teacher\'s report from the list', async () => {
    await step('director-list-view', async () => {
      const reportId = reportIdOf();
      const list = await inUi(director, () => typeMessage(directorPage, 'meldingen'), (m) => hasAdaptiveCard(m) && messageText(m).includes(reportId));
      expect(cardVerbs(list).some((a) => a.verb === 'report.view' && a.data.reportId === reportId)).toBe(true);
      const listCard = botMessages(directorPage).filter({ hasText: /Meldingen/ }).filter({ hasText: reportId }).last().locator(selectors.adaptiveCard);
      // The row of the teacher's report, and its view button.
      const row = listCard.locator('.ac-container').filter({ hasText: reportId }).last();
      const detail = await inUi(director, () => row.getByRole('button', { name: 'Bekijk' }).first().click(), (m) => messageText(m).includes(FACTS));
      expect(messageText(detail)).toContain(`Melding ${reportId}`);
      expect(messageText(detail)).toContain(PUPILS);
      const shown = await bubble(directorPage, FACTS);
      await expect(shown.innerText()).resolves.toContain(FACTS);
      await screenshot(directorPage, 'director-detail');
      await screenshot(shown, 'director-detail-card', 'director-report-detail.png');
    });
  });

  test('refused looks like not found: the teacher cannot open a report she did not file, typed or with the director\'s button', async () => {
    await step('teacher-refused', async () => {
      const reportId = reportIdOf();
      // The director files a report of her own (through the API: the cards are the same as above).
      await director.sendText('melding maken');
      let card = await director.waitForReply(hasAdaptiveCard);
      await press(director, card, 'report.next', { type: 'incident' });
      card = await director.waitForReply(hasAdaptiveCard);
      const categories = cardChoiceSets(card).find((set) => set.id === 'category');
      const other = categories?.choices.find((c) => c.value === 'ander-incident') ?? categories?.choices.at(-1);
      expect(other).toBeDefined();
      const steps: Array<Record<string, string>> = [
        { category: other!.value },
        { date: yesterday(), location: 'kleuteringang' },
        { involvedRoles: 'medewerker' },
        { facts: DIRECTOR_FACTS },
        { parentsInformed: 'nvt' },
      ];
      for (const inputs of steps) {
        await press(director, card, 'report.next', inputs);
        card = await director.waitForReply(hasAdaptiveCard);
      }
      await press(director, card, 'report.submit');
      const confirmation = await director.waitForReply((m) => REPORT_ID.test(messageText(m)));
      const directorsId = REPORT_ID.exec(messageText(confirmation))![1];
      expect(directorsId).not.toBe(reportId);

      // Her list offers a view button for it; that button's data is what the teacher will try.
      await director.sendText('meldingen');
      const list = await director.waitForReply((m) => messageText(m).includes(directorsId));
      const viewButton = cardVerbs(list).find((a) => a.verb === 'report.view' && a.data.reportId === directorsId);
      expect(viewButton).toBeDefined();

      // The teacher, in her UI: a report that does not exist, then the director's report.
      const year = directorsId.split('-')[1];
      const notFound = botMessages(teacherPage).filter({ hasText: NOT_FOUND });
      const missing = await inUi(teacher, () => typeMessage(teacherPage, `bekijk melding CMP-${year}-0999`), hasAdaptiveCard);
      expect(messageText(missing)).toContain(NOT_FOUND);
      await notFound.nth(0).waitFor({ state: 'visible' });
      const refused = await inUi(teacher, () => typeMessage(teacherPage, `bekijk melding ${directorsId}`), hasAdaptiveCard);
      expect(JSON.stringify(refused.attachments)).toBe(JSON.stringify(missing.attachments));
      expect(messageText(refused)).not.toContain(DIRECTOR_FACTS);
      // In the UI: a second, identical bubble.
      await notFound.nth(1).waitFor({ state: 'visible' });
      expect(await notFound.nth(1).innerText()).toBe(await notFound.nth(0).innerText());
      await screenshot(teacherPage, 'teacher-refused');

      // The director's list button data, sent as the teacher (her UI has no such button: the API posts it).
      await teacher.submit('report.view', { ...viewButton!.data }, refused);
      const byButton = await teacher.waitForReply(hasAdaptiveCard);
      expect(JSON.stringify(byButton.attachments)).toBe(JSON.stringify(missing.attachments));
      // Nor with the alert card's "Bekijk melding" (Action.Execute: the answer is the invoke response).
      const invoked = JSON.stringify(await teacher.execute('alert.view', { reportId: directorsId }, byButton));
      expect(invoked).toContain(NOT_FOUND);
      expect(invoked).not.toContain(DIRECTOR_FACTS);

      // Her own list has her report and not the director's; her own report opens (the control: views do work).
      await teacher.sendText('meldingen');
      const own = await teacher.waitForReply(hasAdaptiveCard);
      expect(messageText(own)).toContain(reportId);
      expect(messageText(own)).not.toContain(directorsId);
      await teacher.sendText(`bekijk melding ${reportId}`);
      const ownDetail = await teacher.waitForReply(hasAdaptiveCard);
      expect(messageText(ownDetail)).toContain(FACTS);
      // Every view is in the report's history (the director's is), a refused attempt is not (the teacher's three).
      expect(messageText(ownDetail)).toContain('bekeken door Marieke Bakker');
      await director.sendText(`bekijk melding ${directorsId}`);
      const directorsDetail = await director.waitForReply((m) => messageText(m).includes(DIRECTOR_FACTS));
      expect(messageText(directorsDetail)).not.toContain('Sanne de Vries');
    });
  });
});

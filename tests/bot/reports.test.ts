import * as fs from 'fs';
import * as path from 'path';
import { REMINDER_JOB } from '../../src/reports/reminders';
import { RecordingConnector, TestUser, actionsOf, cardsOf } from '../support/recording-connector';
import { makeTempDir } from '../support/temp-dir';
import { INCIDENT_STEPS, cardText, inputValue, onlyCard, startReportBot, submitValue, type Card, type ReportBot } from './reports-harness';

/** Every report flow through POST /api/messages, replies recorded by the stand-in Bot Connector. */
describe('Report through POST /api/messages (recording connector)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let dataFile: string;
  let connector: RecordingConnector;
  let running: ReportBot;

  const newUser = (extra: Partial<ConstructorParameters<typeof TestUser>[0]> = {}) => new TestUser({ botEndpoint: running.endpoint, connector, ...extra });
  async function userAt(school: string, extra: Partial<ConstructorParameters<typeof TestUser>[0]> = {}): Promise<TestUser> {
    const user = newUser(extra);
    await user.submit({ verb: 'chooseSchool', schoolId: school });
    return user;
  }
  /** Press `verb` on `card` with these inputs; the card the bot answers with. */
  async function press(user: TestUser, card: Card, verb: string, inputs: Record<string, string> = {}, match: Record<string, unknown> = {}): Promise<Card> {
    const turn = await user.submit(submitValue(card, verb, inputs, match));
    expect(turn.status).toBe(200);
    return onlyCard(turn);
  }
  async function fillSteps(user: TestUser, card: Card, steps: Array<Record<string, string>>): Promise<Card> {
    for (const inputs of steps) card = await press(user, card, 'report.next', inputs);
    return card;
  }
  const reportFiles = () => {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else out.push(p);
      }
    };
    walk(path.join(dataFile.replace(/\.json$/, '.d'), 'reports'));
    return out;
  };

  beforeEach(async () => {
    tmp = makeTempDir('baken-report-bot-');
    dataFile = path.join(tmp.dir, 'data', 'baken.json');
    connector = await RecordingConnector.start();
    running = await startReportBot({ dataFile });
  });
  afterEach(async () => {
    await running.stop();
    await connector.stop();
    tmp.cleanup();
  });

  test('incident end to end: "melding maken" → every step → review → submit → confirmation with the id, stored under the sender', async () => {
    const user = await userAt('conexus');
    let card = onlyCard(await user.say('melding maken'));
    expect(cardText(card)).toContain('report.next');
    card = await fillSteps(user, card, INCIDENT_STEPS);
    expect(cardText(card)).toContain('Controleer je melding');
    expect(cardText(card)).toContain('schoolplein');
    // The card claims to be someone else: ignored, the reporter is the activity's sender.
    const turn = await user.submit({ ...submitValue(card, 'report.submit'), reporter: { id: 'evil' }, userId: 'evil', userName: 'Evil' });
    const confirmation = onlyCard(turn);
    expect(cardText(confirmation)).toContain('Melding CNX-2026-0001 is opgeslagen');
    expect(cardText(confirmation)).toContain('2.7'); // next steps cite the school's own plan
    const stored = await running.store.reports.get('CNX-2026-0001');
    expect(stored).toMatchObject({ school: 'conexus', type: 'incident', category: 'weglopen', status: 'nieuw', reporter: { id: user.aadObjectId, name: 'Test Leerkracht' } });
    // "${…}" typed by the user is data, shown literally.
    expect(stored!.fields.facts).toContain('${niet evalueren}');
    // Durable: the segment file on disk holds it when the confirmation has been sent.
    const segment = reportFiles().find((f) => f.endsWith('segment-0001.json'))!;
    expect(JSON.parse(fs.readFileSync(segment, 'utf8')).reports.map((r: { id: string }) => r.id)).toEqual(['CNX-2026-0001']);
  });

  test('zorg over thuissituatie: meldcode steps, the school\'s aandachtsfunctionaris/IB from the directory, 112 and Veilig Thuis', async () => {
    const user = await userAt('de-nieuwe-kring');
    let card = onlyCard(await user.say('ik maak me zorgen over een leerling'));
    expect(cardText(card)).toContain('112');
    expect(cardText(card)).toContain('0800-2000');
    card = await press(user, card, 'report.next', { pupilGroup: '6', pupilInitials: 'L.B.' });
    const signals = cardText(card);
    expect(signals).toContain('De vijf stappen van de meldcode');
    expect(signals).toContain('de intern begeleider (IB) van De Nieuwe Kring');
    expect(signals).toContain('Aandachtsfunctionaris');
    expect(signals).not.toMatch(/Almeerse|Conexus|SOOOG/); // never another school's people
    card = await press(user, card, 'report.next', { signals: 'Blauwe plekken op de armen.', childWords: '"papa was boos"', counterSignals: 'Vrolijk in de klas.' });
    expect(cardText(card)).toContain('Afwegingskader');
    card = await press(user, card, 'report.next', { acuteDanger: 'nee', consulted: 'intern-begeleider' });
    const confirmation = await press(user, card, 'report.submit');
    expect(cardText(confirmation)).toContain('DNK-2026-0001');
    expect(cardText(confirmation)).toContain('0800-2000');
    const stored = await running.store.reports.get('DNK-2026-0001');
    expect(stored).toMatchObject({ type: 'zorg-thuissituatie', fields: { pupilInitials: 'L.B.', childWords: '"papa was boos"', counterSignals: 'Vrolijk in de klas.' } });
  });

  test('vermoeden zedendelict: the board must be informed (named for her school); who and when are recorded', async () => {
    const user = await userAt('de-campus');
    let card = onlyCard(await user.say('zedendelict melden'));
    expect(cardText(card)).toContain('Alleen de directeur informeren is niet genoeg');
    expect(cardText(card)).toContain('College van Bestuur van de Almeerse Scholen Groep (ASG)');
    card = await press(user, card, 'report.next', { date: '2026-01-12', facts: 'Gezien in de gang.', concernsStaff: 'anders' });
    card = await press(user, card, 'report.next', { boardInformed: 'ja', directorInformed: 'nee' });
    expect(cardText(card)).toContain('Vul dit veld in.');
    card = await press(user, card, 'report.next', { boardInformed: 'ja', boardInformedAt: '2026-01-12', boardInformedTime: '16:00', boardInformedWho: 'voorzitter CvB', directorInformed: 'nee' });
    const confirmation = await press(user, card, 'report.submit');
    expect(cardText(confirmation)).toContain('CMP-2026-0001');
    const [report] = (await running.store.reports.list({ reporterId: user.aadObjectId })).reports;
    expect(report).toMatchObject({ type: 'vermoeden-zedendelict', fields: { boardInformed: 'ja', boardInformedAt: '2026-01-12', boardInformedTime: '16:00', boardInformedWho: 'voorzitter CvB' } });
  });

  test('ongeval and agressie tegen personeel, started from their own commands', async () => {
    const user = await userAt('sooog');
    let card = onlyCard(await user.say('ongeval melden'));
    card = await fillSteps(user, card, [
      { category: 'ongeval-personeel' },
      { date: '2026-01-12', location: 'gymzaal' },
      { involvedRoles: 'medewerker' },
      { facts: 'Collega viel van de trap.' },
      { injury: 'Gebroken pols', medicalCare: 'ziekenhuis', hospitalAdmission: 'true', parentsInformed: 'nvt' },
    ]);
    const accident = await press(user, card, 'report.submit');
    expect(cardText(accident)).toContain('Arbeidsinspectie');
    card = onlyCard(await user.say('agressie tegen personeel melden'));
    card = await fillSteps(user, card, [
      { category: 'agressie-door-ouder' },
      { date: '2026-01-13', location: 'hoofdingang' },
      { involvedRoles: 'ouder,medewerker' },
      { facts: 'Een ouder schreeuwde en duwde de leerkracht.' },
      { parentsInformed: 'nvt', police: 'true' },
    ]);
    await press(user, card, 'report.submit');
    const mine = (await running.store.reports.list({ reporterId: user.aadObjectId })).reports;
    expect(mine.map((r) => [r.type, r.category]).sort()).toEqual([['agressie-personeel', 'agressie-door-ouder'], ['ongeval', 'ongeval-personeel']]);
  });

  test('policy questions are not taken by the report intents; English commands answer in English', async () => {
    const user = await userAt('conexus');
    const question = await user.say('wat moet ik doen bij een ongeval?');
    expect(cardsOf(question.replies[question.replies.length - 1]).some((c) => cardText(c).includes('report.next'))).toBe(false);
    expect(question.replies.some((r) => (r.text ?? '').includes('ParnasSys'))).toBe(true);
    const english = onlyCard(await user.say('report an incident'));
    expect(cardText(english)).toContain('Next');
    const mine = onlyCard(await newUser({ locale: 'en-US' }).submit({ verb: 'chooseSchool', schoolId: 'conexus' }).then(() => user.say('my reports')));
    expect(cardText(mine)).toContain('My reports');
  });

  test('a validation error brings the same card back with the values kept and the error next to the field', async () => {
    const user = await userAt('conexus');
    let card = onlyCard(await user.say('incident melden'));
    card = await fillSteps(user, card, INCIDENT_STEPS.slice(0, 2));
    card = await press(user, card, 'report.next', { date: '2099-01-01', location: 'gymzaal' });
    expect(cardText(card)).toContain('Dit mag niet in de toekomst liggen.');
    expect(inputValue(card, 'location')).toBe('gymzaal');
    expect(inputValue(card, 'date')).toBe('2099-01-01');
    card = await press(user, card, 'report.next', { date: '2026-01-12', location: 'x'.repeat(101) });
    expect(inputValue(card, 'location')).toBe('x'.repeat(101));
    expect((await running.store.drafts.listByUser(user.aadObjectId))[0].stepId).toBe('when-where');
  });

  test('tampering: another user\'s draft, a submitted draft, an unknown verb, an old card version → clear message, nothing stored twice', async () => {
    const anna = await userAt('conexus');
    let card = onlyCard(await anna.say('melding maken'));
    card = await fillSteps(anna, card, INCIDENT_STEPS);
    const review = card;
    const bob = await userAt('conexus');
    expect(cardText(onlyCard(await bob.submit(submitValue(review, 'report.submit'))))).toContain('Deze melding bestaat niet (meer)');
    expect(await running.store.reports.count()).toBe(0);
    expect(cardText(onlyCard(await anna.submit({ ...submitValue(review, 'report.submit'), verb: 'report.delete' })))).toContain('Deze actie ken ik niet');
    expect(cardText(onlyCard(await anna.submit({ ...submitValue(review, 'report.submit'), cardVersion: 0 })))).toContain('oudere versie van Baken');
    expect(await running.store.reports.count()).toBe(0);
    const first = onlyCard(await anna.submit(submitValue(review, 'report.submit')));
    expect(cardText(first)).toContain('CNX-2026-0001');
    // The same submit again (double tap, retried delivery): no second report.
    const again = onlyCard(await anna.submit(submitValue(review, 'report.submit')));
    expect(cardText(again)).toContain('al verstuurd als CNX-2026-0001');
    expect(await running.store.reports.count()).toBe(1);
    // A verb outside report.* is not ours; it gets the general answer, never a crash.
    const foreign = await anna.submit({ verb: 'deleteEverything' });
    expect(foreign.status).toBe(200);
    expect(foreign.replies).toHaveLength(1);
  });

  test('"mijn meldingen" lists only the user\'s own reports; adding information appends to the chronology', async () => {
    const anna = await userAt('conexus');
    const bob = await userAt('conexus');
    for (const user of [anna, bob]) {
      const card = await fillSteps(user, onlyCard(await user.say('melding maken')), INCIDENT_STEPS);
      await press(user, card, 'report.submit');
    }
    const annas = (await running.store.reports.list({ reporterId: anna.aadObjectId })).reports[0].id;
    const bobs = (await running.store.reports.list({ reporterId: bob.aadObjectId })).reports[0].id;
    const list = onlyCard(await anna.say('mijn meldingen'));
    expect(cardText(list)).toContain(annas);
    expect(cardText(list)).not.toContain(bobs);
    const added = await press(anna, list, 'report.addInfo', { [`note:${annas}`]: 'Ouders komen morgen.' }, { reportId: annas });
    expect(cardText(added)).toContain(`toegevoegd aan melding ${annas}`);
    expect((await running.store.reports.get(annas))!.chronology.map((c) => c.text)).toContain('Ouders komen morgen.');
    // Bob tampers with the reportId on his own list card.
    const bobList = onlyCard(await bob.say('mijn meldingen'));
    const hack = await bob.submit({ ...submitValue(bobList, 'report.addInfo', {}, { reportId: bobs }), reportId: annas, [`note:${annas}`]: 'x' });
    // Refused looks exactly like not found: ids are sequential, so nothing tells which reports exist.
    const missing = await bob.submit({ ...submitValue(bobList, 'report.addInfo', {}, { reportId: bobs }), reportId: 'CNX-2026-0099', 'note:CNX-2026-0099': 'x' });
    expect(cardText(onlyCard(hack))).toContain('Deze melding kan ik niet vinden');
    expect(cardText(onlyCard(hack))).toBe(cardText(onlyCard(missing)));
  });

  test('the help card has a "Melding maken" button that starts a report; no school yet → the school choice first', async () => {
    const user = await userAt('conexus');
    const help = onlyCard(await user.say('help'));
    const button = actionsOf(help).find((a) => a.data?.verb === 'report.start');
    expect(button?.title).toBe('Melding maken');
    const started = onlyCard(await user.submit(button!.data!));
    expect(cardText(started)).toContain('report.next');
    const stranger = newUser();
    const choice = onlyCard(await stranger.submit({ verb: 'report.start' }));
    expect(cardText(choice)).toContain('chooseSchool');
    expect(cardText(onlyCard(await stranger.say('melding maken')))).toContain('chooseSchool');
  });

  test('restart in the middle of a draft: new server on the same files, "ga verder met je melding" resumes with the values', async () => {
    const user = await userAt('conexus');
    let card = await fillSteps(user, onlyCard(await user.say('melding maken')), INCIDENT_STEPS.slice(0, 4));
    expect(cardText(card)).toContain('"id":"facts"');
    await running.stop();
    running = await startReportBot({ dataFile });
    // The same person in the same chat, talking to the restarted bot.
    const same = newUser({ userId: user.userId, aadObjectId: user.aadObjectId, conversationId: user.conversationId });
    card = onlyCard(await same.say('ga verder met je melding'));
    expect(cardText(card)).toContain('"id":"facts"');
    card = await press(same, card, 'report.back');
    expect(inputValue(card, 'pupils')).toBe('5B J.d.V.');
    card = await fillSteps(same, card, INCIDENT_STEPS.slice(3));
    expect(cardText(onlyCard(await same.submit(submitValue(card, 'report.submit'))))).toContain('CNX-2026-0001');
  });

  const DAY = 24 * 3_600_000;

  test('draft reminders through the outbox: a failed send is retried, delivered once, and only then can the draft be discarded', async () => {
    // A connector that refuses the first two proactive sends (503, then 429 with Retry-After), then works.
    let refusals = [
      Object.assign(new Error('Service Unavailable'), { statusCode: 503 }),
      Object.assign(new Error('Too Many Requests'), { statusCode: 429, response: { headers: { 'retry-after': '120' } } }),
    ];
    await running.stop();
    const flaky = {
      continueConversationAsync: async (...args: Parameters<ReportBot['bot']['adapter']['continueConversationAsync']>) => {
        const refusal = refusals.shift();
        if (refusal) throw refusal;
        return running.bot.adapter.continueConversationAsync(...args);
      },
    };
    running = await startReportBot({ dataFile, proactiveAdapter: flaky });
    const { clock, baken } = running;
    const user = await userAt('de-nieuwe-kring');
    onlyCard(await user.say('melding maken'));
    expect((await running.store.conversations.get(user.aadObjectId))?.conversation).toMatchObject({ id: user.conversationId });
    const before = connector.activities.length;
    const sent = () => connector.for(user.conversationId, before).map((r) => r.activity);

    await baken.worker.runOnce();
    expect(sent()).toHaveLength(0);
    clock.advance(7 * DAY + 60_000);
    // The sweep queues the reminder; the first send fails (503): retried later, nothing recorded as sent.
    expect(await baken.worker.runOnce()).toMatchObject({ retried: 1 });
    const [job] = await running.store.outbox.list({ kind: REMINDER_JOB });
    expect(job).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('503') });
    expect((await running.store.drafts.listByUser(user.aadObjectId))[0].reminderSentAt).toBeUndefined();
    // A day later the draft is still there: it is never discarded before its reminder was delivered.
    clock.advance(DAY + 60_000);
    await baken.worker.runOnce(); // 429: Retry-After 120 s honoured
    expect(await running.store.drafts.listByUser(user.aadObjectId)).toHaveLength(1);
    const afterTooMany = await running.store.outbox.get(job.id);
    expect(Date.parse(afterTooMany!.dueAt) - clock.now().getTime()).toBeGreaterThanOrEqual(120_000);
    clock.advance(3 * 3_600_000);
    expect(await baken.worker.runOnce()).toMatchObject({ done: expect.any(Number) });
    expect(sent()).toHaveLength(1);
    const reminder = cardsOf(sent()[0])[0];
    expect(cardText(reminder)).toContain('nog niet verstuurd');
    expect(actionsOf(reminder).map((a) => a.data?.verb)).toEqual(['report.resume', 'report.discard']);
    expect(await running.store.outbox.get(job.id)).toMatchObject({ status: 'done' });
    // Never twice: more sweeps do not send it again; a day after delivery the draft is discarded.
    clock.advance(3_600_000);
    await baken.worker.runOnce();
    expect(sent()).toHaveLength(1);
    clock.advance(DAY);
    await baken.worker.runOnce();
    await baken.worker.runOnce();
    expect(await running.store.drafts.listByUser(user.aadObjectId)).toHaveLength(0);
    expect(sent()).toHaveLength(1);
  });

  test('a reminder that can never be delivered is dead-lettered and the draft is kept; an admin retry sends it', async () => {
    let down = true;
    await running.stop();
    const dead = {
      continueConversationAsync: async (...args: Parameters<ReportBot['bot']['adapter']['continueConversationAsync']>) => {
        if (down) throw Object.assign(new Error('Service Unavailable'), { statusCode: 503 });
        return running.bot.adapter.continueConversationAsync(...args);
      },
    };
    running = await startReportBot({ dataFile, proactiveAdapter: dead });
    const { clock, baken } = running;
    const user = await userAt('conexus');
    onlyCard(await user.say('melding maken'));
    clock.advance(7 * DAY + 60_000);
    for (let i = 0; i < 12; i++) {
      await baken.worker.runOnce();
      clock.advance(12 * 3_600_000);
    }
    const [job] = await running.store.outbox.list({ kind: REMINDER_JOB });
    expect(job).toMatchObject({ status: 'dead', attempts: job.maxAttempts });
    expect(await running.store.drafts.listByUser(user.aadObjectId)).toHaveLength(1);
    down = false;
    await running.store.outbox.retry(job.id, clock.now().toISOString());
    await baken.worker.runOnce();
    expect(connector.for(user.conversationId).filter((r) => cardText(r.activity).includes('nog niet verstuurd'))).toHaveLength(1);
  });
});

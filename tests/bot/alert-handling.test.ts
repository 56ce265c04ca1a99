import * as path from 'path';
import { ALERT_JOB, ESCALATION_JOB } from '../../src/alerts';
import { startTestBot } from '../support/bot-harness';
import { testClock } from '../support/clock';
import { TestUser, cardsOf, type RecordedActivity } from '../support/recording-connector';
import { usePeopleBot } from '../support/people-bot';
import { INCIDENT_STEPS, cardText, onlyCard, submitValue, type Card } from './reports-harness';

/**
 * Closing the loop (issue 9) through POST /api/messages with a recording connector: the alert card's Action.Execute
 * verbs (acknowledge, status, assign, view), every copy of the card refreshed in place, the reporter's status
 * messages, escalation on the (test) clock that stops after an acknowledgement and survives a restart, 429 then
 * 200, and an unreachable director → the school's alert channel + an honest message to the reporter.
 */
describe('alert handling: acknowledge, refresh every copy, escalate, tell the reporter', () => {
  const DIRECTOR = '00000000-0000-0000-0000-0000000000d1';
  const ADJUNCT = '00000000-0000-0000-0000-0000000000d3';
  const BOARD = '00000000-0000-0000-0000-0000000000b1';
  const IB = '00000000-0000-0000-0000-0000000000e1';
  const ADMIN = '00000000-0000-0000-0000-0000000000f1';
  const FACTS = 'Leerling P.Q. had een mes bij zich in de klas';
  const bot = usePeopleBot([
    { aadObjectId: DIRECTOR, name: 'Marieke Bakker', grants: [{ role: 'directeur', school: 'de-campus' }] },
    { aadObjectId: ADJUNCT, name: 'Ahmed Adjunct', grants: [{ role: 'adjunct-directeur', school: 'de-campus' }] },
    { aadObjectId: BOARD, name: 'Henk Jansen', grants: [{ role: 'bestuur', board: 'asg' }] },
    { aadObjectId: IB, name: 'Ilse Berg', grants: [{ role: 'intern-begeleider', school: 'de-campus' }] },
    { aadObjectId: ADMIN, name: 'Bea Beheer', grants: [{ role: 'admin' }] },
  ]);
  const person = (school: string, aadObjectId?: string): Promise<TestUser> => bot().person(school, aadObjectId);
  const runWorker = async (): Promise<void> => {
    await bot().running.baken.worker.runOnce();
  };

  /** A weapons incident at De Campus: the director is alerted at once; adjunct after 60 min, board after 120 min. */
  async function fileWeapons(teacher: TestUser): Promise<string> {
    let card: Card = onlyCard(await teacher.say('melding maken'));
    const steps = INCIDENT_STEPS.map((s) => ('category' in s ? { category: 'wapens' } : 'facts' in s ? { facts: FACTS } : s));
    for (const inputs of steps) card = onlyCard(await teacher.submit(submitValue(card, 'report.next', inputs)));
    const confirmation = onlyCard(await teacher.submit(submitValue(card, 'report.submit')));
    return /Melding ([A-Z]+-\d{4}-\d{4}) is opgeslagen/.exec(cardText(confirmation))![1];
  }

  /** Alert cards posted (not updates) into a conversation. */
  const alertsIn = (conversationId: string, id: string, from = 0): RecordedActivity[] =>
    bot().connector.for(conversationId, from).filter((r) => r.method === 'POST' && cardsOf(r.activity).some((c) => cardText(c).includes(`melding ${id}`)));
  const textsTo = (user: TestUser, from = 0): string[] =>
    bot().connector.for(user.conversationId, from).map((r) => r.activity.text ?? '').filter(Boolean);

  test('"Ik pak dit op": the actor gets the updated card, the other copies are updated in place, the reporter hears it, escalation stops', async () => {
    const director = await person('de-campus', DIRECTOR);
    const adjunct = await person('de-campus', ADJUNCT);
    const board = await person('de-campus', BOARD);
    const teacher = await person('de-campus');
    const id = await fileWeapons(teacher);
    await runWorker();
    const [alert] = alertsIn(director.conversationId, id);
    expect(cardText(cardsOf(alert.activity)[0])).toContain('Ik pak dit op');
    expect(alertsIn(adjunct.conversationId, id)).toHaveLength(0);

    // The teacher cannot act on it: the same answer as for a report that does not exist.
    const refused = await teacher.execute('alert.acknowledge', { reportId: id });
    const missing = await teacher.execute('alert.acknowledge', { reportId: 'CMP-2026-9999' });
    expect(cardText(refused.card!)).toBe(cardText(missing.card!));
    expect((await bot().running.store.reports.get(id))!.acknowledged).toBeUndefined();

    const acted = await director.execute('alert.acknowledge', { reportId: id });
    expect(cardText(acted.card!)).toContain('Opgepakt door Marieke Bakker');
    expect(cardText(acted.card!)).not.toContain('alert.acknowledge');
    const before = bot().connector.activities.length;
    await runWorker();
    // The director's own copy is updated in place (PUT to the activity the alert was sent as); the reporter is told.
    const updates = bot().connector.activities.slice(before).filter((r) => r.method === 'PUT');
    expect(updates.map((u) => [u.conversationId, u.activityId])).toEqual([[director.conversationId, expect.any(String)]]);
    expect(cardText(cardsOf(updates[0].activity)[0])).toContain('Opgepakt door Marieke Bakker');
    expect(textsTo(teacher, before)).toEqual([`Je melding ${id} is opgepakt door de directeur. Dank je dat je het hebt gemeld.`]);

    // A second "Ik pak dit op" (another tab, a retry) changes nothing.
    const again = await director.execute('alert.acknowledge', { reportId: id });
    expect(cardText(again.card!)).toContain('Opgepakt door Marieke Bakker');
    const report = (await bot().running.store.reports.get(id))!;
    expect(report.status).toBe('in-behandeling');
    expect(report.chronology.filter((e) => e.kind === 'acknowledged')).toHaveLength(1);

    // Escalation stopped: hours later nobody else is alerted.
    bot().running.clock.advance(3 * 60 * 60_000);
    await runWorker();
    expect(alertsIn(adjunct.conversationId, id)).toHaveLength(0);
    expect(alertsIn(board.conversationId, id)).toHaveLength(0);
    const steps = await bot().running.store.outbox.list({ kind: ESCALATION_JOB });
    expect(steps.map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
  });

  test('not picked up: after 60 minutes the adjunct is alerted and every copy shows the escalation; after 120 the board; once each', async () => {
    const director = await person('de-campus', DIRECTOR);
    const adjunct = await person('de-campus', ADJUNCT);
    const board = await person('de-campus', BOARD);
    const teacher = await person('de-campus');
    const id = await fileWeapons(teacher);
    await runWorker();
    bot().running.clock.advance(59 * 60_000);
    await runWorker();
    expect(alertsIn(adjunct.conversationId, id)).toHaveLength(0);
    bot().running.clock.advance(2 * 60_000);
    const before = bot().connector.activities.length;
    await runWorker();
    await runWorker();
    expect(alertsIn(adjunct.conversationId, id, before)).toHaveLength(1);
    const refreshed = bot().connector.activities.slice(before).filter((r) => r.method === 'PUT' && r.conversationId === director.conversationId);
    expect(refreshed).toHaveLength(1);
    expect(cardText(cardsOf(refreshed[0].activity)[0])).toContain('geëscaleerd naar adjunct-directeur');
    bot().running.clock.advance(60 * 60_000);
    await runWorker();
    await runWorker();
    expect(alertsIn(board.conversationId, id)).toHaveLength(1);
    expect(alertsIn(adjunct.conversationId, id)).toHaveLength(1);
    // The board may handle what was escalated to it: it acknowledges, the escalation ends.
    const acted = await board.execute('alert.acknowledge', { reportId: id });
    expect(cardText(acted.card!)).toContain('Opgepakt door');
    const report = (await bot().running.store.reports.get(id))!;
    expect(report.escalatedTo).toEqual(expect.arrayContaining(['directeur', 'adjunct-directeur', 'bestuur']));
    expect(report.chronology.filter((e) => e.kind === 'escalated')).toHaveLength(2);
  });

  test('nobody picks it up through the whole chain and its repeats: the reporter is told to act herself (never silent)', async () => {
    await person('de-campus', DIRECTOR);
    const teacher = await person('de-campus');
    const id = await fileWeapons(teacher);
    const before = bot().connector.activities.length;
    // Chain: 60 and 120 min; then the last step repeats 4 times, every 60 min.
    for (let minutes = 0; minutes <= 7 * 60; minutes += 30) {
      await runWorker();
      await runWorker();
      bot().running.clock.advance(30 * 60_000);
    }
    expect(textsTo(teacher, before)).toEqual([`Over je melding ${id}: Baken heeft de leiding herhaaldelijk gewaarschuwd, maar nog niemand heeft hem opgepakt. Neem zelf contact op met de directie of het bestuur.`]);
    const steps = (await bot().running.store.reports.get(id))!.chronology.filter((e) => e.kind === 'escalated');
    expect(steps).toHaveLength(6);
  });

  test('status: closing needs a note; the reporter hears it is closed; assign sends the alert to the assignee, who may then open it', async () => {
    const director = await person('de-campus', DIRECTOR);
    const ib = await person('de-campus', IB);
    const teacher = await person('de-campus');
    const id = await fileWeapons(teacher);
    await runWorker();
    // The IB has no right to an incident until it is assigned to her.
    expect(cardText((await ib.execute('alert.view', { reportId: id })).card!)).toContain('kan ik niet vinden');

    const assigned = await director.execute('alert.assign', { reportId: id, assignee: IB });
    expect(cardText(assigned.card!)).toContain('Toegewezen aan Ilse Berg');
    await runWorker();
    expect(alertsIn(ib.conversationId, id)).toHaveLength(1);
    const viewed = await ib.execute('alert.view', { reportId: id });
    expect(cardText(onlyCard(viewed))).toContain(FACTS);
    // Assigning to someone who holds no role there is refused (card data is user input).
    const bogus = await director.execute('alert.assign', { reportId: id, assignee: '00000000-0000-0000-0000-00000000dead' });
    expect(cardText(bogus.card!)).toContain('kan deze melding niet toegewezen krijgen');

    const noNote = await director.execute('alert.status', { reportId: id, status: 'afgerond', closingNote: '  ' });
    expect(cardText(noNote.card!)).toContain('Schrijf een afsluitende notitie');
    expect((await bot().running.store.reports.get(id))!.status).toBe('nieuw');
    const before = bot().connector.activities.length;
    const closed = await director.execute('alert.status', { reportId: id, status: 'afgerond', closingNote: 'Gesprek met ouders; mes ingeleverd.' });
    expect(cardText(closed.card!)).toContain('Afgerond');
    await runWorker();
    const texts = textsTo(teacher, before);
    expect(texts).toContain(`Je melding ${id} is afgerond. Vragen erover? Neem contact op met de directeur.`);
    const report = (await bot().running.store.reports.get(id))!;
    expect(report.status).toBe('afgerond');
    expect(report.chronology.map((e) => e.kind)).toEqual(expect.arrayContaining(['assigned', 'acknowledged', 'status']));
    // The reporter reads the state back on her own report: who was alerted, and the closing.
    const own = onlyCard(await teacher.say(`bekijk melding ${id}`));
    expect(cardText(own)).toContain('Marieke Bakker, bereikt');
    expect(cardText(own)).toContain('Gesprek met ouders');
  });

  test('a suspension of more than one day opens the WPO 40c task for the director, reminded daily until done', async () => {
    const director = await person('de-campus', DIRECTOR);
    const teacher = await person('de-campus');
    const id = await fileWeapons(teacher);
    await runWorker();
    // Days are checked on the server (1–5), whatever the card allowed.
    expect(cardText((await director.execute('alert.measure', { reportId: id, measure: 'schorsing', days: '9' })).card!)).toContain('1 tot 5 schooldagen');
    // A talk, or a one-day suspension, opens no task.
    await director.execute('alert.measure', { reportId: id, measure: 'schorsing', days: '1' });
    await runWorker();
    expect((await bot().running.store.reports.get(id))!.tasks).toBeUndefined();
    const acted = await director.execute('alert.measure', { reportId: id, measure: 'schorsing', days: '3' });
    expect(cardText(acted.card!)).toContain('Maatregel: schorsing, 3 dagen');
    expect(cardText(acted.card!)).toContain('Taak open: Schorsing melden bij de Inspectie en de ouders');
    const before = bot().connector.activities.length;
    await runWorker();
    const taskCards = () => bot().connector.for(director.conversationId, before).filter((r) => r.method === 'POST' && JSON.stringify(r.activity).includes('Internet Schooldossier'));
    expect(taskCards()).toHaveLength(1);
    expect(JSON.stringify(taskCards()[0].activity)).not.toContain(FACTS);
    bot().running.clock.advance(24 * 3_600_000 + 60_000);
    await runWorker();
    expect(taskCards()).toHaveLength(2);
    // The teacher cannot tick it off; the director can, once.
    const [task] = (await bot().running.store.reports.get(id))!.tasks!;
    expect(cardText((await teacher.execute('alert.taskDone', { reportId: id, taskId: task.id })).card!)).toContain('kan ik niet vinden');
    const done = await director.execute('alert.taskDone', { reportId: id, taskId: task.id });
    expect(cardText(done.card!)).toContain('Taak gedaan');
    bot().running.clock.advance(3 * 24 * 3_600_000);
    await runWorker();
    await runWorker();
    expect(taskCards()).toHaveLength(2);
    const report = (await bot().running.store.reports.get(id))!;
    expect(report.chronology.filter((e) => e.kind === 'measure')).toHaveLength(2);
    expect(report.chronology.map((e) => e.kind)).toContain('taskDone');
  });

  test('429 then 200: the alert arrives once', async () => {
    const director = await person('de-campus', DIRECTOR);
    const teacher = await person('de-campus');
    bot().connector.failNext(director.conversationId, 429);
    const id = await fileWeapons(teacher);
    for (let i = 0; i < 3; i++) {
      await runWorker();
      bot().running.clock.advance(5 * 60_000);
    }
    expect(alertsIn(director.conversationId, id)).toHaveLength(1);
    const [job] = await bot().running.store.outbox.list({ kind: ALERT_JOB });
    expect(job.status).toBe('done');
    const report = (await bot().running.store.reports.get(id))!;
    expect(report.alerts![0]).toMatchObject({ delivered: expect.any(Object) });
    expect(report.alerts![0].notReached).toBeUndefined();
  });

  test('an unreachable director: the alert goes to the school alert channel an admin set, the reporter is told, the report flags it', async () => {
    const teacher = await person('de-campus');
    // The admin sets the alert channel from within a team channel; a teacher cannot.
    const channelOf = (aadObjectId?: string) =>
      new TestUser({ botEndpoint: bot().running.endpoint, connector: bot().connector, conversationType: 'channel', conversationId: '19:alerts@thread.tacv2', ...(aadObjectId ? { aadObjectId } : {}) });
    expect((await channelOf().say('alertkanaal instellen')).replies[0].text).toContain('Alleen een beheerder');
    expect((await channelOf(ADMIN).say('alertkanaal instellen')).replies[0].text).toContain('Voor welke school?');
    expect((await channelOf(ADMIN).say('alertkanaal instellen de-campus')).replies[0].text).toContain('alertkanaal van Montessorischool De Campus');

    // The director never talked to Baken and her chat cannot be opened (the app is not installed for her).
    bot().connector.failNext('create', 403, 403, 403);
    const id = await fileWeapons(teacher);
    const before = bot().connector.activities.length;
    await runWorker();
    await runWorker();
    const channelPosts = bot().connector.for('19:alerts@thread.tacv2', before);
    expect(channelPosts).toHaveLength(1);
    const posted = JSON.stringify(channelPosts[0].activity);
    expect(posted).toContain(id);
    expect(posted).toContain('directeur niet bereikt');
    for (const secret of [FACTS, 'P.Q.']) expect(posted).not.toContain(secret);
    expect(textsTo(teacher, before)).toEqual([`Over je melding ${id}: de directeur is nog niet bereikt in Teams. Baken blijft het proberen; bel bij spoed zelf.`]);
    const report = (await bot().running.store.reports.get(id))!;
    expect(report.alerts![0].notReached).toMatchObject({ attempts: 1 });
    expect(report.chronology.map((e) => e.kind)).toEqual(expect.arrayContaining(['notReached', 'alertChannel']));
    // Someone in the channel who may not handle it cannot open it there or anywhere.
    const stranger = await channelOf().execute('alert.view', { reportId: id });
    expect(cardText(stranger.card!)).not.toContain(FACTS);

    // The admin sees in Teams what did not arrive (no content), and can schedule it again; a teacher cannot.
    expect((await teacher.say('niet bezorgd')).replies[0].text).toContain('alleen voor beheerders');
    const admin = await person('de-campus', ADMIN);
    const overview = onlyCard(await admin.say('niet bezorgd'));
    expect(cardText(overview)).toContain(`Waarschuwing bij melding ${id} aan directeur`);
    expect(cardText(overview)).toContain('laatste fout');
    for (const secret of [FACTS, 'P.Q.']) expect(cardText(overview)).not.toContain(secret);
    const [job] = await bot().running.store.outbox.list({ kind: ALERT_JOB });
    expect((await teacher.execute('ops.retry', { jobId: job.id })).message).toContain('alleen voor beheerders');
    bot().running.clock.advance(60_000);
    const retried = await admin.execute('ops.retry', { jobId: job.id });
    expect(cardText(retried.card!)).toContain(`Opnieuw ingepland: Waarschuwing bij melding ${id} aan directeur.`);
    // An unknown id (card data is user input) is said so, and nothing changes.
    expect(cardText((await admin.execute('ops.retry', { jobId: 'bestaat-niet' })).card!)).toContain('Deze taak kan nu niet opnieuw');
    expect(await bot().running.store.outbox.get(job.id)).toMatchObject({ status: 'pending', attempts: 0, dueAt: bot().running.clock.now().toISOString() });
  });
});

describe('escalation survives a restart: the timer is an outbox job in the store', () => {
  test('file, stop, start again later on the same data file: the step fires once', async () => {
    const { makeTempDir } = await import('../support/temp-dir');
    const fs = await import('fs');
    const { RecordingConnector } = await import('../support/recording-connector');
    const tmp = makeTempDir('baken-escalate-');
    const peopleFile = path.join(tmp.dir, 'people.json');
    fs.writeFileSync(peopleFile, JSON.stringify({ version: 1, people: [
      { aadObjectId: '00000000-0000-0000-0000-0000000000d1', name: 'Marieke Bakker', grants: [{ role: 'directeur', school: 'de-campus' }] },
      { aadObjectId: '00000000-0000-0000-0000-0000000000d3', name: 'Ahmed Adjunct', grants: [{ role: 'adjunct-directeur', school: 'de-campus' }] },
    ] }));
    const connector = await RecordingConnector.start();
    const options = { dataFile: path.join(tmp.dir, 'baken.json'), env: { PEOPLE_FILE: peopleFile } };
    let running = await startTestBot(options);
    try {
      const users = new Map<string, TestUser>();
      const user = (aad = 'teacher') => {
        if (!users.has(aad)) users.set(aad, new TestUser({ botEndpoint: running.endpoint, connector, conversationId: `a:${aad}`, ...(aad !== 'teacher' ? { aadObjectId: aad } : {}) }));
        return users.get(aad)!;
      };
      for (const u of [user('00000000-0000-0000-0000-0000000000d1'), user('00000000-0000-0000-0000-0000000000d3'), user()]) await u.submit({ verb: 'chooseSchool', schoolId: 'de-campus' });
      let card: Card = onlyCard(await user().say('melding maken'));
      for (const inputs of INCIDENT_STEPS.map((s) => ('category' in s ? { category: 'wapens' } : s))) card = onlyCard(await user().submit(submitValue(card, 'report.next', inputs)));
      await user().submit(submitValue(card, 'report.submit'));
      await running.baken.worker.runOnce();
      const startedAt = running.clock.now().getTime();
      await running.stop();
      running = await startTestBot({ ...options, clock: testClock(new Date(startedAt + 61 * 60_000).toISOString()) });
      await running.baken.worker.runOnce();
      await running.baken.worker.runOnce();
      const toAdjunct = connector.for('a:00000000-0000-0000-0000-0000000000d3').filter((r) => cardsOf(r.activity).length > 0 && r.method === 'POST');
      expect(toAdjunct).toHaveLength(1);
      // Restart once more: nothing is sent twice.
      await running.stop();
      running = await startTestBot({ ...options, clock: testClock(new Date(startedAt + 62 * 60_000).toISOString()) });
      await running.baken.worker.runOnce();
      expect(connector.for('a:00000000-0000-0000-0000-0000000000d3').filter((r) => cardsOf(r.activity).length > 0 && r.method === 'POST')).toHaveLength(1);
    } finally {
      await running.stop();
      await connector.stop();
      tmp.cleanup();
    }
  });
});

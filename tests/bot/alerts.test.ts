import { ALERT_JOB } from '../../src/alerts';
import { TestUser, actionsOf, cardsOf } from '../support/recording-connector';
import { usePeopleBot } from '../support/people-bot';
import { INCIDENT_STEPS, cardText, onlyCard, submitValue, type Card } from './reports-harness';

/**
 * Alerts (issue 9, first slice) through POST /api/messages: a meldplicht report reaches the director and the
 * board of that school as a content-free card in their personal chats, through the outbox, once per person;
 * the reporter's confirmation says whom Baken alerts and whom it cannot reach.
 */
describe('alerts: serious reports reach the director and the board, content-free, once', () => {
  const DIRECTOR = '00000000-0000-0000-0000-0000000000d1';
  const BOARD = '00000000-0000-0000-0000-0000000000b1';
  const OTHER_DIRECTOR = '00000000-0000-0000-0000-0000000000d2';
  const FACTS = 'Meester K. raakte leerling T.v.B. aan in de gymzaal';
  const bot = usePeopleBot([
    { aadObjectId: DIRECTOR, name: 'Marieke Bakker', grants: [{ role: 'directeur', school: 'de-campus' }] },
    { aadObjectId: BOARD, name: 'Henk Jansen', grants: [{ role: 'bestuur', board: 'asg' }] },
    { aadObjectId: OTHER_DIRECTOR, name: 'Olga Andere', grants: [{ role: 'directeur', school: 'de-nieuwe-kring' }] },
  ]);
  const person = (school: string, aadObjectId?: string): Promise<TestUser> => bot().person(school, aadObjectId);

  async function fileMeldplicht(teacher: TestUser, concernsStaff = 'anders'): Promise<{ id: string; confirmation: Card }> {
    let card: Card = onlyCard(await teacher.say('zedendelict melden'));
    card = onlyCard(await teacher.submit(submitValue(card, 'report.next', { date: '2026-01-12', facts: FACTS, concernsStaff })));
    card = onlyCard(await teacher.submit(submitValue(card, 'report.next', { boardInformed: 'nee', directorInformed: 'nee' })));
    const confirmation = onlyCard(await teacher.submit(submitValue(card, 'report.submit')));
    return { id: /Melding ([A-Z]+-\d{4}-\d{4}) is opgeslagen/.exec(cardText(confirmation))![1], confirmation };
  }

  test('the director and the board get the alert card once; nothing of the content is in it; the confirmation is honest', async () => {
    const director = await person('de-campus', DIRECTOR);
    const board = await person('de-campus', BOARD);
    const other = await person('de-nieuwe-kring', OTHER_DIRECTOR);
    const teacher = await person('de-campus');
    const before = bot().connector.activities.length;
    const { id, confirmation } = await fileMeldplicht(teacher);
    expect(cardText(confirmation)).toContain('Marieke Bakker krijgt nu een waarschuwing');
    expect(cardText(confirmation)).toContain('Henk Jansen krijgt nu een waarschuwing');

    await bot().running.baken.worker.runOnce();
    await bot().running.baken.worker.runOnce();
    const sentTo = (user: TestUser) => bot().connector.for(user.conversationId, before).map((r) => r.activity).filter((a) => cardsOf(a).some((c) => cardText(c).includes(`melding ${id}`)));
    expect(sentTo(director)).toHaveLength(1);
    expect(sentTo(board)).toHaveLength(1);
    expect(sentTo(other)).toHaveLength(0);
    expect(sentTo(teacher)).toHaveLength(0);
    const alert = sentTo(director)[0];
    // Notification-safe: no free text, no initials, not in the card and not in the summary.
    const outbound = JSON.stringify(bot().connector.activities.slice(before).filter((a) => a.conversationId !== teacher.conversationId));
    for (const secret of [FACTS, 'T.v.B.', 'Meester K.']) expect(outbound).not.toContain(secret);
    expect(String(alert.summary)).toContain(id);
    const jobs = await bot().running.store.outbox.list({ kind: ALERT_JOB });
    expect(jobs.map((j) => j.status)).toEqual(['done', 'done']);

    // "Bekijk melding" goes through authorize: the director sees the content in her chat, the view is recorded.
    const view = actionsOf(cardsOf(alert)[0]).find((a) => a.type === 'Action.Execute' && (a as { verb?: string }).verb === 'alert.view');
    const viewed = await director.execute('alert.view', view!.data!);
    expect(cardText(viewed.card!)).toContain(id);
    expect(cardText(onlyCard(viewed))).toContain(FACTS);
    expect((await bot().running.store.reports.get(id))!.chronology.map((e) => [e.kind, e.by.id])).toContainEqual(['viewed', DIRECTOR]);
  });

  test('a role nobody holds in people.json is told to the reporter; a director without a chat gets one opened from her AAD id', async () => {
    // De Nieuwe Kring's board (AMOS) has nobody in people.json; its director never talked to Baken (no chat yet).
    const teacher = await person('de-nieuwe-kring');
    const { id, confirmation } = await fileMeldplicht(teacher);
    expect(cardText(confirmation)).toContain('bestuur: staat niet in de personenlijst van Baken');
    expect(cardText(confirmation)).toContain('Olga Andere krijgt nu een waarschuwing');
    await bot().running.baken.worker.runOnce();
    const [job] = await bot().running.store.outbox.list({ kind: ALERT_JOB });
    expect(job.status).toBe('done');
    // Baken opened the 1:1 chat with her AAD object id in the reporter's tenant, and the card went there.
    expect(bot().connector.created).toEqual([{ conversationId: expect.any(String), members: [expect.objectContaining({ id: OTHER_DIRECTOR })] }]);
    const chat = bot().connector.created[0].conversationId;
    expect(bot().connector.for(chat).filter((r) => JSON.stringify(r.activity).includes(`melding ${id}`))).toHaveLength(1);
    const report = (await bot().running.store.reports.get(id))!;
    expect(report.alerts).toEqual([expect.objectContaining({ personKey: OTHER_DIRECTOR, delivered: expect.objectContaining({ conversationId: chat, via: 'newChat' }) })]);
    expect(report.chronology.map((e) => e.kind)).toContain('alerted');
  });

  test('a meldplicht about the director goes to the board only: she is not alerted, cannot list or open it; the board can', async () => {
    const director = await person('de-campus', DIRECTOR);
    const board = await person('de-campus', BOARD);
    const teacher = await person('de-campus');
    // The step offers the school's role holders by name, and "another staff member".
    let card: Card = onlyCard(await teacher.say('zedendelict melden'));
    expect(cardText(card)).toContain('Marieke Bakker');
    expect(cardText(card)).toContain('Een andere medewerker');
    const bogus = onlyCard(await teacher.submit(submitValue(card, 'report.next', { date: '2026-01-12', facts: FACTS, concernsStaff: '00000000-0000-0000-0000-00000000beef' })));
    expect(cardText(bogus)).toContain('Kies een van de opties');
    card = onlyCard(await teacher.submit(submitValue(bogus, 'report.next', { date: '2026-01-12', facts: FACTS, concernsStaff: DIRECTOR })));
    card = onlyCard(await teacher.submit(submitValue(card, 'report.next', { boardInformed: 'nee', directorInformed: 'nee' })));
    const confirmation = onlyCard(await teacher.submit(submitValue(card, 'report.submit')));
    const id = /Melding ([A-Z]+-\d{4}-\d{4}) is opgeslagen/.exec(cardText(confirmation))![1];
    expect(cardText(confirmation)).toContain('Henk Jansen krijgt nu een waarschuwing');
    expect(cardText(confirmation)).not.toContain('Marieke Bakker krijgt');
    await bot().running.baken.worker.runOnce();
    const alertsTo = (user: TestUser) => bot().connector.for(user.conversationId).filter((r) => JSON.stringify(r.activity).includes(`melding ${id}`));
    expect(alertsTo(director)).toHaveLength(0);
    expect(alertsTo(board)).toHaveLength(1);
    expect(cardText(onlyCard(await director.say('meldingen')))).not.toContain(id);
    const refused = onlyCard(await director.say(`bekijk melding ${id}`));
    const missing = onlyCard(await director.say('bekijk melding CMP-2026-9999'));
    expect(cardText(refused)).toBe(cardText(missing));
    expect(cardText(onlyCard(await board.say(`bekijk melding ${id}`)))).toContain(FACTS);
    expect((await bot().running.store.reports.get(id))!.concerns).toEqual({ personKey: DIRECTOR });
  });

  test('"ernstig": a report no rule alerts for reaches the director at once when the reporter marks it serious', async () => {
    const director = await person('de-campus', DIRECTOR);
    const teacher = await person('de-campus');
    const file = async (severe: string): Promise<string> => {
      let card: Card = onlyCard(await teacher.say('melding maken'));
      for (const inputs of INCIDENT_STEPS.map((s) => ('facts' in s ? { ...s, severe } : 'category' in s ? { category: 'ander-incident' } : s))) card = onlyCard(await teacher.submit(submitValue(card, 'report.next', inputs)));
      const confirmation = onlyCard(await teacher.submit(submitValue(card, 'report.submit')));
      return /Melding ([A-Z]+-\d{4}-\d{4}) is opgeslagen/.exec(cardText(confirmation))![1];
    };
    const plain = await file('false');
    const serious = await file('true');
    await bot().running.baken.worker.runOnce();
    const alerted = (id: string) => bot().connector.for(director.conversationId).filter((r) => JSON.stringify(r.activity).includes(`melding ${id}`));
    expect(alerted(plain)).toHaveLength(0);
    expect(alerted(serious)).toHaveLength(1);
    expect(JSON.stringify(alerted(serious)[0].activity)).toContain('Direct oppakken');
  });
});

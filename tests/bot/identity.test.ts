import { TestUser, actionsOf } from '../support/recording-connector';
import { usePeopleBot } from '../support/people-bot';
import { INCIDENT_STEPS, cardText, onlyCard, submitValue, type Card } from './reports-harness';

/**
 * Identity (issue 8) through POST /api/messages: a people.json entry an admin wrote with only a UPN gets her roles
 * once Baken looked her UPN up in the Teams roster (TeamsInfo.getMember, cached); someone people.json ties to one
 * school does not have to choose it.
 */
describe('identity: people.json by AAD id, or by UPN from the Teams roster; the home school from people.json', () => {
  const IB_AAD = '00000000-0000-0000-0000-0000000000e9';
  const DIRECTOR = '00000000-0000-0000-0000-0000000000d1';
  const bot = usePeopleBot([
    { upn: 'ilse.berg@de-campus.example', name: 'Ilse Berg', grants: [{ role: 'directeur', school: 'de-campus' }] },
    { aadObjectId: DIRECTOR, name: 'Marieke Bakker', grants: [{ role: 'directeur', school: 'de-nieuwe-kring' }] },
  ]);

  async function fileIncident(user: TestUser): Promise<string> {
    let card: Card = onlyCard(await user.say('melding maken'));
    const steps = INCIDENT_STEPS.map((s) => ('category' in s ? { category: 'ander-incident' } : s));
    for (const inputs of steps) card = onlyCard(await user.submit(submitValue(card, 'report.next', inputs)));
    return /Melding ([A-Z]+-\d{4}-\d{4}) is opgeslagen/.exec(cardText(onlyCard(await user.submit(submitValue(card, 'report.submit')))))![1];
  }

  test('a UPN-only entry: the roster gives her UPN, she gets her roles; the lookup is cached', async () => {
    const teacher = await bot().person('de-campus');
    const id = await fileIncident(teacher);
    const ib = await bot().person('de-campus', IB_AAD);
    // Without a roster answer she is staff: she sees nothing of others.
    expect(cardText(onlyCard(await ib.say('meldingen')))).not.toContain(id);
    bot().connector.members.set(ib.userId, { id: ib.userId, aadObjectId: IB_AAD, name: 'Ilse Berg', userPrincipalName: 'Ilse.Berg@de-campus.example' });
    // The failed lookup is not cached: the next turn asks again, finds her, and she sees the school's reports.
    bot().running.clock.advance(60_000);
    const list = onlyCard(await ib.say('meldingen'));
    expect(actionsOf(list).map((a) => a.data?.reportId)).toContain(id);
    const lookups = bot().connector.rosterLookups;
    await ib.say('meldingen');
    expect(bot().connector.rosterLookups).toBe(lookups);
    // Another user's roster answer never gives her someone else's roles.
    const other = await bot().person('de-campus');
    bot().connector.members.set(other.userId, { id: other.userId, aadObjectId: other.aadObjectId, userPrincipalName: 'someone.else@de-campus.example' });
    expect(cardText(onlyCard(await other.say('meldingen')))).not.toContain(id);
  });

  test('a director people.json ties to one school need not choose it', async () => {
    const director = new TestUser({ botEndpoint: bot().running.endpoint, connector: bot().connector, aadObjectId: DIRECTOR });
    const list = onlyCard(await director.say('meldingen'));
    expect(cardText(list)).toContain('"text":"Meldingen"');
    expect((await bot().running.store.profiles.get(DIRECTOR))?.schoolId).toBe('de-nieuwe-kring');
    // A teacher (no grants) still chooses: she gets the welcome card.
    const teacher = new TestUser({ botEndpoint: bot().running.endpoint, connector: bot().connector });
    expect(cardText(onlyCard(await teacher.say('meldingen')))).toContain('chooseSchool');
  });

  test('a report about a UPN-only director is hidden from her once she is recognised (her UPN key is hers too)', async () => {
    const teacher = await bot().person('de-campus');
    let card: Card = onlyCard(await teacher.say('zedendelict melden'));
    expect(cardText(card)).toContain('upn:ilse.berg@de-campus.example');
    card = onlyCard(await teacher.submit(submitValue(card, 'report.next', { date: '2026-01-12', facts: 'Gezien in de gang.', concernsStaff: 'upn:ilse.berg@de-campus.example' })));
    card = onlyCard(await teacher.submit(submitValue(card, 'report.next', { boardInformed: 'nee', directorInformed: 'nee' })));
    const id = /Melding ([A-Z]+-\d{4}-\d{4}) is opgeslagen/.exec(cardText(onlyCard(await teacher.submit(submitValue(card, 'report.submit')))))![1];
    const ib = await bot().person('de-campus', IB_AAD);
    bot().connector.members.set(ib.userId, { id: ib.userId, aadObjectId: IB_AAD, userPrincipalName: 'ilse.berg@de-campus.example' });
    // She is directeur (she sees the teacher's other reports), but never this one.
    const other = await fileIncident(teacher);
    const list = onlyCard(await ib.say('meldingen'));
    expect(actionsOf(list).map((a) => a.data?.reportId)).toContain(other);
    expect(cardText(list)).not.toContain(id);
    expect(cardText(onlyCard(await ib.say(`bekijk melding ${id}`)))).toBe(cardText(onlyCard(await ib.say('bekijk melding CMP-2026-9999'))));
  });

  test('a UPN-only director who has talked to Baken gets the alert card in her personal chat', async () => {
    const ib = await bot().person('de-campus', IB_AAD);
    bot().connector.members.set(ib.userId, { id: ib.userId, aadObjectId: IB_AAD, userPrincipalName: 'ilse.berg@de-campus.example' });
    bot().running.clock.advance(60_000);
    await ib.say('hallo');
    const teacher = await bot().person('de-campus');
    let card: Card = onlyCard(await teacher.say('zedendelict melden'));
    card = onlyCard(await teacher.submit(submitValue(card, 'report.next', { date: '2026-01-12', facts: 'Gezien in de gang.', concernsStaff: 'anders' })));
    card = onlyCard(await teacher.submit(submitValue(card, 'report.next', { boardInformed: 'nee', directorInformed: 'nee' })));
    const id = /Melding ([A-Z]+-\d{4}-\d{4}) is opgeslagen/.exec(cardText(onlyCard(await teacher.submit(submitValue(card, 'report.submit')))))![1];
    const before = bot().connector.activities.length;
    await bot().running.baken.worker.runOnce();
    await bot().running.baken.worker.runOnce();
    const alerts = bot().connector.for(ib.conversationId, before).filter((r) => cardText(r.activity as unknown as Card).includes(`melding ${id}`) || JSON.stringify(r.activity).includes(id));
    expect(alerts.length).toBe(1);
  });
});


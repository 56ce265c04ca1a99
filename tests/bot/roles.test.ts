import { TestUser, actionsOf } from '../support/recording-connector';
import { usePeopleBot } from '../support/people-bot';
import { INCIDENT_STEPS, cardText, onlyCard, submitValue, type Card } from './reports-harness';

/**
 * Who sees what, through POST /api/messages (issue 8): people.json gives roles; the one access policy decides
 * every list, view and addition; refused and not found look the same; every view is in the chronology.
 */
describe('roles from people.json: lists and report views through the one access policy', () => {
  const DIRECTOR = '00000000-0000-0000-0000-0000000000d1';
  const OTHER_DIRECTOR = '00000000-0000-0000-0000-0000000000d2';
  const bot = usePeopleBot([
    { aadObjectId: DIRECTOR, name: 'Dirk Directeur', grants: [{ role: 'directeur', school: 'de-nieuwe-kring' }] },
    { aadObjectId: OTHER_DIRECTOR, name: 'Olga Andere', grants: [{ role: 'directeur', school: 'de-campus' }] },
  ]);
  const userAt = (school: string, aadObjectId?: string): Promise<TestUser> => bot().person(school, aadObjectId);

  async function fileIncident(user: TestUser): Promise<string> {
    let card: Card = onlyCard(await user.say('melding maken'));
    for (const inputs of INCIDENT_STEPS) card = onlyCard(await user.submit(submitValue(card, 'report.next', inputs)));
    const confirmation = onlyCard(await user.submit(submitValue(card, 'report.submit')));
    return /Melding ([A-Z]+-\d{4}-\d{4}) is opgeslagen/.exec(cardText(confirmation))![1];
  }

  test('the director lists and opens a teacher\'s report of her school; the view is recorded; the teacher reads her own back', async () => {
    const teacher = await userAt('de-nieuwe-kring');
    const id = await fileIncident(teacher);
    expect((await bot().running.store.reports.get(id))?.schoolSelfDeclared).toBe(true);

    const director = await userAt('de-nieuwe-kring', DIRECTOR);
    const list = onlyCard(await director.say('meldingen'));
    expect(cardText(list)).toContain('"text":"Meldingen"');
    expect(cardText(list)).toContain(id);
    const view = actionsOf(list).find((a) => a.data?.verb === 'report.view' && a.data?.reportId === id);
    const detail = onlyCard(await director.submit(view!.data!));
    expect(cardText(detail)).toContain(`Melding ${id}`);
    expect(cardText(detail)).toContain('J. liep tijdens het buitenspelen het hek uit.');
    expect(cardText(detail)).toContain('door de melder zelf gekozen');
    const chronology = (await bot().running.store.reports.get(id))!.chronology;
    expect(chronology.map((e) => [e.kind, e.by.id])).toEqual([['created', teacher.aadObjectId], ['viewed', DIRECTOR]]);

    const own = onlyCard(await teacher.say(`bekijk melding ${id}`));
    expect(cardText(own)).toContain('J. liep tijdens het buitenspelen het hek uit.');
    expect(cardText(own)).toContain('bekeken door');
  });

  test('refused looks exactly like not found: a colleague, and the director of another school', async () => {
    const teacher = await userAt('de-nieuwe-kring');
    const id = await fileIncident(teacher);
    const colleague = await userAt('de-nieuwe-kring');
    const other = await userAt('de-campus', OTHER_DIRECTOR);
    const missing = cardText(onlyCard(await colleague.say('bekijk melding DNK-2026-0999')));
    expect(missing).toContain('Deze melding kan ik niet vinden');
    expect(cardText(onlyCard(await colleague.say(`bekijk melding ${id}`)))).toBe(missing);
    expect(cardText(onlyCard(await colleague.submit({ verb: 'report.view', reportId: id })))).toBe(missing);
    expect(cardText(onlyCard(await other.say(`bekijk melding ${id}`)))).toBe(missing);
    expect(cardText(onlyCard(await other.say('meldingen')))).not.toContain(id);
    expect(cardText(onlyCard(await colleague.say('meldingen')))).not.toContain(id);
    // Nobody who was refused is in the chronology.
    expect((await bot().running.store.reports.get(id))!.chronology.map((e) => e.kind)).toEqual(['created']);
  });

  test('a report filed by someone in people.json is not marked "school self-declared"', async () => {
    const director = await userAt('de-nieuwe-kring', DIRECTOR);
    const id = await fileIncident(director);
    expect((await bot().running.store.reports.get(id))?.schoolSelfDeclared).toBeUndefined();
  });

  test('"meldingen" filters by status, type and period (card data checked); "open meldingen" leaves closed ones out; paging keeps the filter', async () => {
    const teacher = await userAt('de-nieuwe-kring');
    const director = await userAt('de-nieuwe-kring', DIRECTOR);
    const old = await fileIncident(teacher);
    bot().running.clock.advance(20 * 24 * 3_600_000);
    const recent = await fileIncident(teacher);
    // A closed report and a report of another type.
    const closed = await fileIncident(teacher);
    const stored = (await bot().running.store.reports.get(closed))!;
    await bot().running.store.reports.update({ ...stored, version: stored.version + 1, status: 'afgerond' });
    let card: Card = onlyCard(await teacher.say('ongeval melden'));
    const accidentSteps: Array<Record<string, string>> = [{ category: 'ongeval-leerling' }, { date: '2026-01-12', time: '10:15', location: 'gymzaal' }, { involvedRoles: 'leerling', pupils: '5B J.d.V.' }, { facts: 'Gevallen van het wandrek.' }, { injury: 'Pols', medicalCare: 'ehbo', parentsInformed: 'nee' }];
    for (const inputs of accidentSteps) {
      card = onlyCard(await teacher.submit(submitValue(card, 'report.next', inputs)));
    }
    const accident = /Melding ([A-Z]+-\d{4}-\d{4}) is opgeslagen/.exec(cardText(onlyCard(await teacher.submit(submitValue(card, 'report.submit')))))![1];

    const ids = (c: Card) => actionsOf(c).filter((a) => a.data?.verb === 'report.view').map((a) => a.data?.reportId);
    const all = onlyCard(await director.say('meldingen'));
    expect(ids(all)).toEqual([accident, closed, recent, old]);
    expect(ids(onlyCard(await director.say('open meldingen')))).toEqual([accident, recent, old]);
    const apply = (inputs: Record<string, string>) => director.submit({ verb: 'report.list', page: 1, ...inputs });
    expect(ids(onlyCard(await apply({ filterStatus: 'afgerond', filterType: 'alle', filterPeriod: 'alle' })))).toEqual([closed]);
    expect(ids(onlyCard(await apply({ filterStatus: 'alle', filterType: 'ongeval', filterPeriod: 'alle' })))).toEqual([accident]);
    const week = onlyCard(await apply({ filterStatus: 'open', filterType: 'incident', filterPeriod: 'week' }));
    expect(ids(week)).toEqual([recent]);
    expect(cardText(week)).toContain('Filter: open (nog niet afgerond) · Incident · afgelopen week');
    // Unknown filter values (card data is user input) are ignored, not trusted.
    expect(ids(onlyCard(await apply({ filterStatus: 'geheim', filterType: '../x', filterPeriod: '1=1' })))).toEqual([accident, closed, recent, old]);
    // The teacher's own list filters too, and never shows more than her own.
    expect(ids(onlyCard(await teacher.submit({ verb: 'report.list', page: 1, filterType: 'ongeval' })))).toEqual([accident]);
  });
});

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
});

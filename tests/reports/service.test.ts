import * as path from 'path';
import { renderReportView } from '../../src/bot/report-cards';
import { createReportService, type ReportReply, type ReportService, type ReportUser } from '../../src/reports/service';
import { draftFate } from '../../src/reports/drafts';
import { loadSchools } from '../../src/knowledge/schools';
import { schoolIndex } from '../../src/people';
import { loadReportKnowledge } from '../../src/reports/taxonomy';
import type { Draft } from '../../src/reports/types';
import type { Store } from '../../src/store';
import { openLowdbStore } from '../../src/store/lowdb';
import { ManualClock } from '../../src/time';
import { makeTempDir } from '../support/temp-dir';

const KNOWLEDGE_DIR = path.join(__dirname, '..', '..', 'knowledge');
const KNOWLEDGE = loadReportKnowledge(KNOWLEDGE_DIR);
/** The core answers with views; the edge's renderer shows what the teacher would see. */
const cardOf = (reply: ReportReply): Record<string, unknown> => renderReportView(reply, { flows: KNOWLEDGE.flows, tax: KNOWLEDGE.tax, now: new Date('2026-03-10T09:00:00Z') });
const anna: ReportUser = { id: 'aad-anna', name: 'Anna de Vries', school: 'de-nieuwe-kring', lang: 'nl' };
const bob: ReportUser = { id: 'aad-bob', name: 'Bob', school: 'de-nieuwe-kring', lang: 'nl' };

type Card = Record<string, unknown>;
const text = (c: Card) => JSON.stringify(c);
/** The data of the card's first action with this verb, as Teams would send it back (data merged with inputs). */
function submit(card: Card, verb: string, inputs: Record<string, string> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const all: { data?: Record<string, unknown> }[] = [];
  const walk = (o: unknown) => {
    if (Array.isArray(o)) o.forEach(walk);
    else if (o && typeof o === 'object') {
      const rec = o as Record<string, unknown>;
      if (rec.type === 'Action.Submit') all.push(rec as { data?: Record<string, unknown> });
      Object.values(rec).forEach(walk);
    }
  };
  walk(card);
  const action = all.find((a) => a.data?.verb === verb && Object.entries(extra).every(([k, v]) => a.data?.[k] === v));
  if (!action) throw new Error(`no ${verb} on card: ${text(card).slice(0, 300)}`);
  return { ...action.data, ...inputs };
}

describe('report service (real lowdb store in a temp dir)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let store: Store;
  let service: ReportService;
  let clock: ManualClock;
  const open = async () => {
    store = await openLowdbStore(path.join(tmp.dir, 'baken.json'));
    service = createReportService({ store, knowledge: KNOWLEDGE, clock, access: { ...schoolIndex(loadSchools(KNOWLEDGE_DIR)), directorsOf: () => [] }, contactsFor: (_s, roles) => roles.map((roleId) => ({ roleId, name: `Naam ${roleId}` })) });
  };
  beforeEach(async () => {
    tmp = makeTempDir();
    clock = new ManualClock('2026-03-10T09:00:00Z');
    await open();
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  test('a full incident: every step, a validation error, review → edit → submit, confirmation after the durable write', async () => {
    let card = cardOf(await service.start(anna));
    card = cardOf(await service.handleAction(anna, submit(card, 'report.next', { type: 'incident' })));
    expect(text(card)).toContain('Gericht grof taalgebruik'); // DNK's own list
    card = cardOf(await service.handleAction(anna, submit(card, 'report.next', { category: 'fysiek-geweld' })));
    // A date in the future is refused and the values come back.
    card = cardOf(await service.handleAction(anna, submit(card, 'report.next', { date: '2026-03-11', location: 'gymzaal' })));
    expect(text(card)).toContain('Dit mag niet in de toekomst liggen.');
    expect(text(card)).toContain('"value":"gymzaal"');
    card = cardOf(await service.handleAction(anna, submit(card, 'report.next', { date: '2026-03-09', time: '10:15', location: 'gymzaal' })));
    card = cardOf(await service.handleAction(anna, submit(card, 'report.next', { involvedRoles: 'leerling', pupils: '5B J.d.V.; 5B K.M.' })));
    card = cardOf(await service.handleAction(anna, submit(card, 'report.next', { facts: 'J. sloeg K. met een stok. ${x}' })));
    card = cardOf(await service.handleAction(anna, submit(card, 'report.next', { firstAid: 'true', separated: 'true', parentsInformed: 'ja', parentsInformedAt: '2026-03-09' })));
    expect(text(card)).toContain('report.submit');
    // Edit from the review returns to the review.
    card = cardOf(await service.handleAction(anna, submit(card, 'report.edit', {}, { target: 'when-where' })));
    card = cardOf(await service.handleAction(anna, submit(card, 'report.next', { date: '2026-03-09', time: '10:20', location: 'speelzaal' })));
    expect(text(card)).toContain('speelzaal');
    const done = await service.handleAction(anna, submit(card, 'report.submit'));
    expect(done.reportId).toBe('DNK-2026-0001');
    expect(text(cardOf(done))).toContain('Ernstig of herhaaldelijk grensoverschrijdend gedrag');
    expect(text(cardOf(done))).toContain('Intern begeleider: Naam intern-begeleider');
    const stored = await store.reports.get('DNK-2026-0001');
    expect(stored).toMatchObject({ school: 'de-nieuwe-kring', type: 'incident', category: 'fysiek-geweld', status: 'nieuw', reporter: { id: 'aad-anna', name: 'Anna de Vries' } });
    expect(stored!.fields).toMatchObject({ location: 'speelzaal', time: '10:20', facts: 'J. sloeg K. met een stok. ${x}', firstAid: true, pupils: '5B J.d.V.; 5B K.M.' });
    // Clicking submit on the old review card again stores nothing twice.
    const again = await service.handleAction(anna, submit(card, 'report.submit'));
    expect(text(cardOf(again))).toContain('al verstuurd als DNK-2026-0001');
    expect(await store.reports.count()).toBe(1);
    // Mijn meldingen, and adding information.
    const list = cardOf(await service.myReports(anna));
    expect(text(list)).toContain('DNK-2026-0001');
    await service.handleAction(anna, submit(list, 'report.addInfo', { 'note:DNK-2026-0001': 'Ouders komen morgen langs.' }, { reportId: 'DNK-2026-0001' }));
    expect((await store.reports.get('DNK-2026-0001'))!.chronology.map((c) => c.text)).toContain('Ouders komen morgen langs.');
    const hack = await service.handleAction(bob, submit(list, 'report.addInfo', { 'note:DNK-2026-0001': 'x' }, { reportId: 'DNK-2026-0001' }));
    // Someone else's report looks exactly like one that does not exist (ids are sequential).
    const missing = await service.handleAction(bob, { ...submit(list, 'report.addInfo', {}, { reportId: 'DNK-2026-0001' }), reportId: 'DNK-2026-0099', 'note:DNK-2026-0099': 'x' });
    expect(text(cardOf(hack))).toContain('Deze melding kan ik niet vinden');
    expect(cardOf(hack)).toEqual(cardOf(missing));
    expect((await store.reports.get('DNK-2026-0001'))!.chronology.map((c) => c.text)).not.toContain('x');
  });

  test('tampered and stale actions get a clear Dutch message and change nothing', async () => {
    const card = cardOf(await service.start(anna, 'incident'));
    const next = submit(card, 'report.next', { category: 'weglopen' });
    expect(text(cardOf(await service.handleAction(bob, next)))).toContain('Deze melding bestaat niet (meer)');
    expect(text(cardOf(await service.handleAction(anna, { ...next, verb: 'report.delete' })))).toContain('Deze actie ken ik niet');
    expect(text(cardOf(await service.handleAction(anna, { ...next, cardVersion: 0 })))).toContain('oudere versie van Baken');
    expect(text(cardOf(await service.handleAction(anna, { ...next, draftId: 'nope' })))).toContain('bestaat niet');
    expect(text(cardOf(await service.handleAction(anna, { ...next, step: 'what' })))).toContain('niet meer actueel');
    expect((await store.drafts.listByUser(anna.id))[0].stepId).toBe('category');
  });

  test('a restart in the middle of a draft: "ga verder" resumes where she was, with her values', async () => {
    let card = cardOf(await service.start(anna, 'zorg-thuissituatie'));
    expect(text(card)).toContain('0800-2000');
    card = cardOf(await service.handleAction(anna, submit(card, 'report.next', { pupilGroup: '6', pupilInitials: 'L.B.' })));
    expect(text(card)).toContain('De vijf stappen van de meldcode');
    card = cardOf(await service.handleAction(anna, submit(card, 'report.next', { signals: 'blauwe plekken', childWords: '"papa was boos"' })));
    await store.close();
    await open();
    const resumed = cardOf(await service.start(anna));
    expect(text(resumed)).toContain('report.resume');
    card = cardOf(await service.handleAction(anna, submit(resumed, 'report.resume')));
    expect(text(card)).toContain('Afwegingskader');
    card = cardOf(await service.handleAction(anna, submit(card, 'report.back')));
    expect(text(card)).toContain('blauwe plekken');
  });

  test('meldplicht: the board must be told; who and when are recorded', async () => {
    let card = cardOf(await service.start({ ...anna, school: 'conexus' }, 'vermoeden-zedendelict'));
    expect(text(card)).toContain('Alleen de directeur informeren is niet genoeg');
    const user = { ...anna, school: 'conexus' };
    card = cardOf(await service.handleAction(user, submit(card, 'report.next', { date: '2026-03-09', facts: 'Gezien in de gang.', concernsStaff: 'anders' })));
    card = cardOf(await service.handleAction(user, submit(card, 'report.next', { boardInformed: 'ja', directorInformed: 'nee' })));
    expect(text(card)).toContain('Vul dit veld in.'); // when and who at the board
    card = cardOf(await service.handleAction(user, submit(card, 'report.next', { boardInformed: 'ja', boardInformedAt: '2026-03-09', boardInformedTime: '16:00', boardInformedWho: 'voorzitter CvB', directorInformed: 'nee' })));
    const done = await service.handleAction(user, submit(card, 'report.submit'));
    expect(done.reportId).toBe('CNX-2026-0001');
    expect(text(cardOf(done))).toContain('2.9.2 Meldplicht bij zedendelicten');
    expect((await store.reports.get('CNX-2026-0001'))!.fields).toMatchObject({ boardInformed: 'ja', boardInformedAt: '2026-03-09', boardInformedWho: 'voorzitter CvB' });
  });

  test('cancel stores nothing', async () => {
    const card = cardOf(await service.start(anna, 'incident'));
    expect(text(cardOf(await service.handleAction(anna, submit(card, 'report.cancel'))))).toContain('geannuleerd');
    expect(await store.reports.count()).toBe(0);
  });
});

describe('draftFate', () => {
  const base: Draft = { id: 'd', userId: 'u', userName: 'U', school: 'conexus', lang: 'nl', stepId: 'type', answers: {}, status: 'open', cardVersion: 1, createdAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z' };
  test('keep → remind → keep (grace) → discard; activity after the reminder resets it', () => {
    expect(draftFate(base, new Date('2026-03-07T23:00:00Z'))).toBe('keep');
    expect(draftFate(base, new Date('2026-03-08T00:00:00Z'))).toBe('remind');
    const reminded = { ...base, reminderSentAt: '2026-03-08T00:00:00Z' };
    expect(draftFate(reminded, new Date('2026-03-08T12:00:00Z'))).toBe('keep');
    expect(draftFate(reminded, new Date('2026-03-09T00:00:00Z'))).toBe('discard');
    expect(draftFate({ ...reminded, updatedAt: '2026-03-08T10:00:00Z' }, new Date('2026-03-09T00:00:00Z'))).toBe('keep');
  });
});

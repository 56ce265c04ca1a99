import { cardParseErrors } from '../support/adaptive-cards';
import { actionsOf } from '../support/recording-connector';
import {
  renderAlertCard,
  renderTaskCard, renderConfirmationCard, renderDetailCard, renderMessageCard, renderMyReportsCard, renderResumeCard, renderReviewCard, renderStepCard, type AdaptiveCardJson,
} from '../../src/bot/report-cards';
import * as path from 'path';
import { getStep } from '../../src/reports/flows';
import { loadReportKnowledge } from '../../src/reports/taxonomy';
import { REPORT_TYPES, type Draft, type Report } from '../../src/reports/types';


const { flows, tax } = loadReportKnowledge(path.join(__dirname, '..', '..', 'knowledge'));
const now = new Date('2026-03-10T09:00:00Z');
const deps = { flows, tax, now };
const EVIL = 'Hij zei ${$root.draftId} en ${1+1} {{x}}';


function draft(over: Partial<Draft> = {}): Draft {
  return {
    id: 'draft-1', userId: 'u1', userName: 'Anna', school: 'de-campus', lang: 'nl', type: 'incident', stepId: 'what',
    answers: {
      type: { type: 'incident' }, category: { category: 'wapens' },
      'when-where': { date: '2026-03-09', time: '10:15', location: EVIL },
      involved: { involvedRoles: ['leerling', 'ouder'], pupils: '5B J.d.V.' },
      what: { facts: EVIL }, actions: { firstAid: true, separated: false, parentsInformed: 'ja', parentsInformedAt: '2026-03-09' },
    },
    status: 'open', cardVersion: 1, createdAt: now.toISOString(), updatedAt: now.toISOString(), ...over,
  };
}

const allStrings = (card: unknown): string => JSON.stringify(card);

describe('report cards', () => {
  test('the parse check itself catches a broken card', () => {
    expect(cardParseErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text' }, { type: 'Bogus' }] }).length).toBeGreaterThan(0);
  });

  test('every step of every flow renders, in Dutch and English, and parses without errors', () => {
    for (const type of REPORT_TYPES) {
      for (const stepId of flows.flows[type]) {
        for (const lang of ['nl', 'en'] as const) {
          for (const school of ['conexus', 'de-campus', 'de-nieuwe-kring', 'wij-de-venen', 'sooog']) {
            const card = renderStepCard(getStep(flows, stepId), draft({ type, stepId, school, lang }), {}, lang, deps);
            expect({ type, stepId, lang, school, errors: cardParseErrors(card) }).toEqual({ type, stepId, lang, school, errors: [] });
            expect(allStrings(card)).not.toMatch(/\$\{(?!\$root\.draftId|1\+1)/); // no unexpanded template expressions
          }
        }
      }
    }
  });

  test('inputs carry the same maxLength as the validation, and actions carry verb, draftId, cardVersion and step', () => {
    const card = renderStepCard(getStep(flows, 'what'), draft(), {}, 'nl', deps);
    const inputs = ((card.body as AdaptiveCardJson[]).find((b) => b.type === 'Container' && allStrings(b).includes('"facts"'))!.items as AdaptiveCardJson[]);
    const facts = inputs.find((i) => i.id === 'facts')!;
    expect(facts.maxLength).toBe(2000);
    expect(facts.isMultiline).toBe(true);
    const actions = card.actions as { data: Record<string, unknown>; associatedInputs?: string }[];
    expect(actions.map((a) => a.data.verb)).toEqual(['report.next', 'report.back', 'report.cancel']);
    expect(actions[0].data).toEqual({ verb: 'report.next', draftId: 'draft-1', cardVersion: 1, step: 'what' });
    expect(actions[1].associatedInputs).toBe('none');
  });

  test('user text typed as ${…} is shown literally, never evaluated', () => {
    const step = renderStepCard(getStep(flows, 'what'), draft(), {}, 'nl', deps);
    expect(allStrings(step)).toContain(JSON.stringify(EVIL).slice(1, -1));
    const review = renderReviewCard(draft({ stepId: 'review' }), 'nl', deps);
    expect(allStrings(review)).toContain(JSON.stringify(EVIL).slice(1, -1));
    expect(cardParseErrors(review)).toEqual([]);
  });

  test('an invalid submit comes back with the user’s raw values and the error next to the field', () => {
    const d = draft({ stepId: 'when-where', pending: { stepId: 'when-where', values: { date: '2099-01-01', location: 'gymzaal' } } });
    const card = renderStepCard(getStep(flows, 'when-where'), d, { date: 'Dit mag niet in de toekomst liggen.' }, 'nl', deps);
    const items = (card.body as AdaptiveCardJson[]).filter((b) => b.type === 'Container').flatMap((b) => b.items as AdaptiveCardJson[]);
    const dateIndex = items.findIndex((i) => i.id === 'date');
    expect(items[dateIndex].value).toBe('2099-01-01');
    expect(items[dateIndex + 1]).toMatchObject({ type: 'TextBlock', text: 'Dit mag niet in de toekomst liggen.', color: 'Attention' });
    expect(items.find((i) => i.id === 'location')!.value).toBe('gymzaal');
    expect(cardParseErrors(card)).toEqual([]);
  });

  test('review has an edit button per step and submit/back/cancel', () => {
    const card = renderReviewCard(draft({ stepId: 'review' }), 'nl', deps);
    const text = allStrings(card);
    for (const step of ['type', 'category', 'when-where', 'involved', 'what', 'actions']) expect(text).toContain(`"target":"${step}"`);
    expect((card.actions as { data: { verb: string } }[]).map((a) => a.data.verb)).toEqual(['report.submit', 'report.back', 'report.cancel']);
    expect(text).toContain('Meenemen van wapens naar school'); // category label, not its id
  });

  const report: Report = {
    id: 'CMP-2026-0007', schemaVersion: 1, school: 'de-campus', type: 'incident', category: 'wapens', fields: { facts: EVIL },
    reporter: { id: 'u1', name: 'Anna' }, lang: 'nl', draftId: 'draft-1', status: 'nieuw', createdAt: now.toISOString(),
    submittedAt: now.toISOString(), chronology: [], version: 1,
  };

  test('confirmation: id, next steps cited from the school’s own plan, contacts', () => {
    const card = renderConfirmationCard(report, 'nl', [{ roleId: 'directie', name: 'Dir Ecteur', email: 'd@example.org' }, { roleId: 'bestuur' }], deps);
    const text = allStrings(card);
    expect(text).toContain('CMP-2026-0007');
    // Amsterdam time, Dutch format: never UTC.
    expect(text).toContain('10 maart 2026, 10:00');
    expect(text).not.toContain('UTC');
    expect(text).toContain('3.2.2 Grensoverschrijdend gedrag – schorsen en verwijderen');
    expect(text).toContain('Directeur: Dir Ecteur');
    expect(text).toContain('Schoolbestuur: naam niet bekend in de gids');
    expect(cardParseErrors(card)).toEqual([]);
    const withoutContacts = renderConfirmationCard({ ...report, type: 'vermoeden-zedendelict', category: undefined }, 'en', undefined, deps);
    expect(allStrings(withoutContacts)).toContain('Informing only the director is not enough');
    expect(cardParseErrors(withoutContacts)).toEqual([]);
  });

  test('Mijn meldingen (paged, view and add-info where allowed), detail, message and resume cards parse', () => {
    const listView = { kind: 'list' as const, reports: [report, { ...report, id: 'CMP-2026-0008' }], mine: true, page: 2, pages: 3, total: 25, canAddInfo: ['CMP-2026-0008'], filter: { status: 'open' as const, type: 'incident' as const }, types: ['incident' as const, 'ongeval' as const] };
    const list = renderMyReportsCard(listView, 'nl', deps);
    expect(allStrings(list)).toContain('note:CMP-2026-0008');
    expect(allStrings(list)).not.toContain('note:CMP-2026-0007');
    expect(allStrings(list)).toContain('Pagina 2 van 3');
    expect(actionsOf(list).filter((a) => a.data?.verb === 'report.view').map((a) => a.data?.reportId)).toEqual(['CMP-2026-0007', 'CMP-2026-0008']);
    // Paging keeps the filter; the filter form submits page 1.
    const listActions = actionsOf(list).filter((a) => a.data?.verb === 'report.list');
    expect(listActions.map((a) => [a.data?.page, a.data?.filterStatus, a.data?.filterType])).toEqual([[1, 'open', 'incident'], [3, 'open', 'incident'], [1, undefined, undefined]]);
    expect(allStrings(list)).toContain('Filter: open (nog niet afgerond) · Incident');
    expect(cardParseErrors(list)).toEqual([]);
    expect(cardParseErrors(renderMyReportsCard({ ...listView, reports: [], mine: false, page: 1, pages: 1, total: 0, canAddInfo: [] }, 'en', deps))).toEqual([]);
    const detail = renderDetailCard({ ...report, schoolSelfDeclared: true, chronology: [{ at: now.toISOString(), by: { id: 'u1', name: 'Anna' }, kind: 'created', text: '' }, { at: now.toISOString(), by: { id: 'd1', name: 'Dir' }, kind: 'viewed', text: '' }] }, false, 'nl', { ...deps, schoolName: () => 'Montessorischool De Campus' });
    expect(allStrings(detail)).toContain('Montessorischool De Campus (door de melder zelf gekozen)');
    expect(allStrings(detail)).toContain('bekeken door Dir');
    expect(allStrings(detail)).toContain(JSON.stringify(EVIL).slice(1, -1));
    expect(actionsOf(detail).some((a) => a.data?.verb === 'report.addInfo')).toBe(false);
    expect(cardParseErrors(detail)).toEqual([]);
    const msg = renderMessageCard(EVIL, 'Titel', [{ title: 'Ga verder', data: { verb: 'report.resume', draftId: 'd', cardVersion: 1 } }]);
    expect((msg.actions as { data: unknown }[])[0].data).toEqual({ verb: 'report.resume', draftId: 'd', cardVersion: 1 });
    expect(allStrings(msg)).toContain(JSON.stringify(EVIL).slice(1, -1));
    expect(cardParseErrors(msg)).toEqual([]);
    expect(cardParseErrors(renderResumeCard(draft(), 'nl', deps, true))).toEqual([]);
  });

  test('the alert card parses and carries no free text, initials or descriptions (card and summary), in every state', () => {
    const base = { ...report, fields: { facts: EVIL, pupils: '5B J.d.V.' } };
    const handled = {
      ...base,
      status: 'afgerond' as const,
      acknowledged: { at: '2026-03-10T09:05:00.000Z', by: { id: 'd1', name: 'Marieke Bakker' } },
      assignedTo: { personKey: 'ib1', name: 'Ilse Berg', at: '2026-03-10T09:06:00.000Z', by: { id: 'd1' } },
      escalatedTo: ['directeur' as const, 'intern-begeleider' as const],
      measures: [{ kind: 'schorsing' as const, days: 3, at: '2026-03-10T09:10:00.000Z', by: { id: 'd1' } }],
      tasks: [{ id: 't1', kind: 'wpo40c' as const, openedAt: '2026-03-10T09:10:00.000Z' }],
      chronology: [
        ...base.chronology,
        { at: '2026-03-10T09:04:00.000Z', by: { id: 'baken' }, kind: 'escalated' as const, text: 'step 0: adjunct-directeur → adjunct-directeur:x' },
        { at: '2026-03-10T09:30:00.000Z', by: { id: 'd1', name: 'Marieke Bakker' }, kind: 'status' as const, text: `afgerond: ${EVIL}` },
      ],
    };
    const can = { acknowledge: true, changeStatus: true, assign: true, addNote: true };
    for (const lang of ['nl', 'en'] as const) {
      for (const [r, channel] of [[base, false], [handled, false], [base, true]] as const) {
        const view = { report: r, role: 'directeur' as const, urgency: 'direct' as const, can, assignees: [{ key: 'ib1', name: 'Ilse Berg', role: 'intern-begeleider' as const }] };
        const { card, summary } = renderAlertCard(view, lang, { ...deps, schoolName: () => 'De Campus' }, channel);
        expect(cardParseErrors(card)).toEqual([]);
        const everything = allStrings(card) + summary;
        expect(everything).toContain('CMP-2026-0007');
        expect(everything).not.toContain('J.d.V.');
        expect(everything).not.toContain(EVIL);
        expect(everything).not.toContain('$root');
        expect(summary).toContain('De Campus');
      }
    }
    const acknowledged = renderAlertCard({ report: handled, role: 'directeur', urgency: 'direct', can: { ...can, acknowledge: false }, assignees: [] }, 'nl', deps).card;
    expect(allStrings(acknowledged)).toContain('Opgepakt door Marieke Bakker');
    expect(allStrings(acknowledged)).toContain('geëscaleerd naar adjunct-directeur');
    expect(actionVerbs(acknowledged)).not.toContain('alert.acknowledge');
    expect(actionVerbs(renderAlertCard({ report: base, role: 'directeur', urgency: 'direct', can, assignees: [] }, 'nl', deps).card)).toContain('alert.acknowledge');
    expect(allStrings(acknowledged)).toContain('Maatregel: schorsing, 3 dagen');
    const withTask = renderAlertCard({ report: { ...handled, status: 'in-behandeling' }, role: 'directeur', urgency: 'direct', can, assignees: [] }, 'nl', deps).card;
    expect(actionVerbs(withTask)).toEqual(expect.arrayContaining(['alert.measure', 'alert.taskDone']));
    expect(cardParseErrors(withTask)).toEqual([]);
    for (const lang of ['nl', 'en'] as const) {
      const { card, summary } = renderTaskCard(handled, 't1', lang, deps);
      expect(cardParseErrors(card)).toEqual([]);
      expect(allStrings(card) + summary).not.toContain(EVIL);
      expect(allStrings(card)).toContain('40c');
    }
  });
});

function actionVerbs(card: Record<string, unknown>): string[] {
  const verbs: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Execute' && typeof o.verb === 'string') verbs.push(o.verb);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return verbs;
}

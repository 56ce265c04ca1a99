import { expandCard } from '../card-templates';
import { DEFAULT_CARDS_DIR } from '../i18n';
import { REVIEW_STEP, STAFF_OTHER, getStep, stepIdsFor, type FieldDef, type Flows, type FlowStep, type InfoBlock } from '../reports/flows';
import { reportBundle, roleLabel, rt, rtOptional } from '../reports/strings';
import { categoriesFor, meldcodeFor, nextStepsFor, rolesFor, type NextStep, type Taxonomy } from '../reports/taxonomy';
import { toRaw } from '../reports/validation';
import { INFO_BLOCK_ROLES, LIST_PERIODS, LIST_STATUSES, NOTE_MAX_LENGTH, noteInputId, type ContactView, type ReportReply } from '../reports/views';
import { formatCalendarDate, formatDate, formatDateTime, schoolClock, type Clock } from '../time';
import type { ReportKnowledge } from '../reports/taxonomy';
import type { AlertOutcome } from '../alerts';
import type { AlertCardView } from '../alerts/views';
import { MEASURE_KINDS, type ChronologyEntry, type Draft, type FieldErrors, type FieldValue, type Lang, type MeasureKind, type Report, type ReportType } from '../reports/types';

/**
 * The Teams edge's renderers for the Report capability: one per template in cards/report-*.json, with
 * adaptivecards-templating. The core (src/reports) returns views; only this file turns them into cards.
 * User text only ever enters a card as data bound by the template, so "${…}" typed by a user shows literally.
 */

export type AdaptiveCardJson = Record<string, unknown>;

export interface CardDeps {
  flows: Flows;
  tax: Taxonomy;
  /** The clock's now: the "max" of date inputs (today, Amsterdam). */
  now: Date;
  /** The directory's people for the roles an info block names (INFO_BLOCK_ROLES), for this draft's school. */
  infoContacts?: ContactView[];
  /** The school's display name (the detail card). */
  schoolName?: (school: string) => string | undefined;
  /** The school's role holders (people.json), the choices of a staffMember field. */
  staffOf?: (school: string) => { key: string; name: string }[];
}

function expand(name: string, data: object): AdaptiveCardJson {
  return expandCard(DEFAULT_CARDS_DIR, name, data) as AdaptiveCardJson;
}

function typeLabel(tax: Taxonomy, type: ReportType | undefined, lang: Lang): string {
  return (type && tax.types.find((t) => t.id === type)?.label[lang]) || '';
}

/** `of`: the school and type whose choice lists apply (a draft's, or a filed report's). */
function fieldChoices(field: FieldDef, of: Pick<Draft, 'school' | 'type'>, deps: CardDeps, lang: Lang): { title: string; value: string }[] {
  if (field.kind === 'reportType') return deps.tax.types.map((t) => ({ title: t.label[lang], value: t.id }));
  if (field.kind === 'category') return of.type ? categoriesFor(deps.tax, of.school, of.type).map((c) => ({ title: c.label[lang], value: c.id })) : [];
  if (field.kind === 'staffMember') return [...(deps.staffOf?.(of.school) ?? []).map((p) => ({ title: p.name, value: p.key })), { title: rt(lang, 'options.staffMember.anders'), value: STAFF_OTHER }];
  return (field.options ?? []).map((o) => ({ title: rt(lang, `options.${field.id}.${o}`), value: o }));
}

/** How a field shows in the step card: choice-like kinds become ChoiceSets. */
function cardKind(field: FieldDef): string {
  switch (field.kind) {
    case 'reportType':
    case 'category':
    case 'choice':
    case 'staffMember':
      return 'choice';
    case 'pupils':
      return 'multiline';
    case 'initials':
      return 'text';
    default:
      return field.kind;
  }
}

/** "Aandachtsfunctionaris: Ria Jansen · ria@school.nl" (or the plan's description when it names nobody). */
export function contactLine(c: ContactView, lang: Lang): string {
  const detail = [c.email, c.phone].filter(Boolean).join(' · ');
  return `${roleLabel(lang, c.roleId)}: ${c.name ?? c.description ?? rt(lang, 'card.contactUnknown')}${detail ? ` · ${detail}` : ''}`;
}

function contactLinesFor(block: InfoBlock, deps: CardDeps, lang: Lang): string[] {
  const roles = INFO_BLOCK_ROLES[block] ?? [];
  const people = (deps.infoContacts ?? []).filter((c) => roles.includes(c.roleId));
  if (!people.length) return [];
  return [rt(lang, 'card.contactsAtSchool'), ...people.map((c) => contactLine(c, lang))];
}

function infoBlock(block: InfoBlock, draft: Draft, deps: CardDeps, lang: Lang): { title: string; style: string; lines: string[] } {
  const e = deps.tax.emergency;
  switch (block) {
    case 'acute':
      return { title: rt(lang, 'info.acuteTitle'), style: 'attention', lines: [e.acute[lang]] };
    case 'veiligThuis':
      return { title: rt(lang, 'info.veiligThuisTitle'), style: 'emphasis', lines: [e.veiligThuis[lang]] };
    case 'meldcode': {
      const m = meldcodeFor(deps.tax, draft.school, lang);
      return { title: rt(lang, 'info.meldcodeTitle'), style: 'emphasis', lines: [...m.steps.map((st) => `${st.n}. ${st.text}`), citationText(m, lang), ...contactLinesFor(block, deps, lang)] };
    }
    case 'afwegingskader': {
      const m = meldcodeFor(deps.tax, draft.school, lang);
      return { title: rt(lang, 'info.afwegingskaderTitle'), style: 'emphasis', lines: m.afwegingskader.map((q) => `${q.n}. ${q.text}`) };
    }
    case 'meldplicht':
      return { title: rt(lang, 'info.meldplichtTitle'), style: 'attention', lines: [rt(lang, 'info.meldplichtText'), ...contactLinesFor(block, deps, lang), e.vertrouwensinspecteur[lang]] };
  }
}

function citationText(step: Pick<NextStep, 'citation' | 'legal'>, lang: Lang): string {
  if (step.citation) {
    const doc = rt(lang, `docs.${step.citation.doc}`);
    return rt(lang, 'card.citationPlan', { doc, section: step.citation.section, title: step.citation.title });
  }
  if (step.legal) return rt(lang, 'card.citationLaw', { law: step.legal.law, article: step.legal.article });
  return '';
}

/**
 * The card for one step of the flow, pre-filled with what the user entered before (or the raw values of
 * a submit that failed validation) and with each error under its field.
 */
export function renderStepCard(step: FlowStep, draft: Draft, errors: FieldErrors, lang: Lang, deps: CardDeps): AdaptiveCardJson {
  if (step.review) return renderReviewCard(draft, lang, deps);
  const steps = stepIdsFor(deps.flows, draft.type);
  const position = steps.indexOf(step.id);
  const values = draft.pending?.stepId === step.id ? draft.pending.values : toRaw(draft.answers[step.id]);
  const today = schoolClock(deps.now).date;
  const categoryNotice =
    step.fields.some((f) => f.kind === 'category') && draft.type
      ? categoriesFor(deps.tax, draft.school, draft.type)[0]?.citation ? rt(lang, 'card.categoryFromPlan') : rt(lang, 'card.categoryDefault')
      : '';
  const data = {
    title: rt(lang, `steps.${step.id}.title`),
    intro: rt(lang, `steps.${step.id}.intro`),
    // Before the type is known the number of steps is not either.
    progress: draft.type ? rt(lang, 'card.progress', { n: position + 1, total: steps.length }) : '',
    info: step.info.map((b) => infoBlock(b, draft, deps, lang)),
    notice: categoryNotice,
    requiredHint: rt(lang, 'card.requiredHint'),
    fields: step.fields.map((f) => ({
      id: f.id,
      kind: cardKind(f),
      // Teams marks an isRequired input itself; a '*' of our own would show twice.
      label: rt(lang, `fields.${f.id}.label`),
      placeholder: rtOptional(lang, `fields.${f.id}.placeholder`),
      hint: rtOptional(lang, `fields.${f.id}.hint`),
      maxLength: f.maxLength ?? 0,
      max: f.notFuture ? today : '',
      required: f.required,
      requiredMessage: rt(lang, 'errors.required'),
      value: values[f.id] ?? (f.kind === 'toggle' ? 'false' : ''),
      choices: fieldChoices(f, draft, deps, lang),
      error: errors[f.id] ?? '',
    })),
    buttons: reportBundle(lang).buttons,
    draftId: draft.id,
    cardVersion: deps.flows.cardVersion,
    stepId: step.id,
    canGoBack: position > 0,
  };
  return expand('report-step', data);
}

function displayValue(field: FieldDef, value: FieldValue | undefined, of: Pick<Draft, 'school' | 'type'>, deps: CardDeps, lang: Lang): string {
  if (value === undefined || value === '') return rt(lang, 'card.empty');
  if (typeof value === 'boolean') return value ? rt(lang, 'card.yes') : rt(lang, 'card.no');
  if (field.kind === 'date' && typeof value === 'string') return formatCalendarDate(value, lang);
  const choices = field.kind === 'text' || field.kind === 'multiline' || field.kind === 'pupils' || field.kind === 'initials' || field.kind === 'date' || field.kind === 'time'
    ? undefined
    : fieldChoices(field, of, deps, lang);
  const label = (v: string) => choices?.find((c) => c.value === v)?.title ?? v;
  return Array.isArray(value) ? value.map(label).join(', ') : label(value);
}

/** The review of everything entered, with an Edit button per step. */
export function renderReviewCard(draft: Draft, lang: Lang, deps: CardDeps): AdaptiveCardJson {
  const sections = stepIdsFor(deps.flows, draft.type)
    .filter((id) => id !== REVIEW_STEP)
    .map((id) => getStep(deps.flows, id))
    .map((step) => ({
      stepId: step.id,
      title: rt(lang, `steps.${step.id}.title`),
      facts: step.fields.map((f) => ({ title: rt(lang, `fields.${f.id}.label`), value: displayValue(f, draft.answers[step.id]?.[f.id], draft, deps, lang) })),
    }));
  return expand('report-review', {
    title: rt(lang, 'card.reviewTitle'),
    intro: rt(lang, 'card.reviewIntro'),
    sections,
    buttons: reportBundle(lang).buttons,
    draftId: draft.id,
    cardVersion: deps.flows.cardVersion,
  });
}

/** The confirmation, sent only after the report is durable: id, next steps from the school's plan, contacts. */
export function renderConfirmationCard(report: Report, lang: Lang, contacts: ContactView[] | undefined, deps: CardDeps, alerts?: AlertOutcome): AdaptiveCardJson {
  const steps = nextStepsFor(deps.tax, report.school, report.type, lang, { category: report.category, fields: report.fields });
  const people: ContactView[] = contacts ?? rolesFor(steps).map((roleId) => ({ roleId }));
  const category = report.category ? deps.tax.categories[report.category]?.[lang] ?? report.category : '';
  const facts = [
    { title: rt(lang, 'card.typeLabel'), value: typeLabel(deps.tax, report.type, lang) },
    ...(category ? [{ title: rt(lang, 'card.categoryLabel'), value: category }] : []),
    { title: rt(lang, 'card.statusLabel'), value: rt(lang, `status.${report.status}`) },
    { title: rt(lang, 'card.submittedLabel'), value: formatDateTime(report.submittedAt, lang) },
  ];
  // Honest about the alerts: who is being alerted now, and which roles Baken cannot reach (nobody in people.json).
  const alertLines = [
    ...(alerts?.recipients ?? []).map((r) => ({ line: rt(lang, 'card.alertQueued', { role: rt(lang, `personRoles.${r.role}`), name: r.name }), color: 'Default' })),
    ...(alerts?.nobody ?? []).map((role) => ({ line: rt(lang, 'card.alertNobody', { role: rt(lang, `personRoles.${role}`) }), color: 'Attention' })),
  ];
  return expand('report-confirmation', {
    alertsTitle: rt(lang, 'card.alertsTitle'),
    alerts: alertLines,
    title: rt(lang, 'card.confirmationTitle', { id: report.id }),
    intro: rt(lang, 'card.confirmationIntro'),
    facts,
    nextStepsTitle: rt(lang, 'card.nextStepsTitle'),
    nextSteps: steps.map((st) => ({ text: st.text, source: citationText(st, lang) })),
    contactsTitle: rt(lang, 'card.contactsTitle'),
    contacts: people.map((c) => ({
      role: roleLabel(lang, c.roleId),
      name: c.name ?? c.description ?? rt(lang, 'card.contactUnknown'),
      detail: [c.email, c.phone].filter(Boolean).join(' · '),
    })),
    buttons: reportBundle(lang).buttons,
  });
}

export type ListView = Extract<ReportReply['view'], { kind: 'list' }>;

/** The filter line, the filter inputs (preset to the current filter) and the filter carried by the paging buttons. */
function listFilterData(view: ListView, lang: Lang, deps: CardDeps): Record<string, unknown> {
  // "alle" is no filter (listFilterOf ignores any value it does not know); a choice may not have an empty value.
  const all = { title: rt(lang, 'listFilter.all'), value: 'alle' };
  const statusTitle = (s: string) => (s === 'open' ? rt(lang, 'listFilter.open') : rt(lang, `status.${s}`));
  const f = view.filter;
  const parts = [f.status ? statusTitle(f.status) : '', f.type ? typeLabel(deps.tax, f.type, lang) : '', f.period ? rt(lang, `listFilter.${f.period}`) : ''].filter(Boolean);
  return {
    filter: { status: f.status ?? 'alle', type: f.type ?? 'alle', period: f.period ?? 'alle' },
    filterLine: parts.length ? rt(lang, 'listFilter.line', { parts: parts.join(' · ') }) : '',
    filterLabels: { status: rt(lang, 'listFilter.status'), type: rt(lang, 'listFilter.type'), period: rt(lang, 'listFilter.period') },
    statusChoices: [all, ...LIST_STATUSES.map((s) => ({ title: statusTitle(s), value: s }))],
    typeChoices: [all, ...view.types.map((t) => ({ title: typeLabel(deps.tax, t, lang), value: t }))],
    periodChoices: [all, ...LIST_PERIODS.map((p) => ({ title: rt(lang, `listFilter.${p}`), value: p }))],
  };
}

/** "Mijn meldingen" / "Meldingen": the reports she may see, with status, "Bekijk", and "add information" where allowed. */
export function renderMyReportsCard(view: ListView, lang: Lang, deps: CardDeps): AdaptiveCardJson {
  const canAddInfo = new Set(view.canAddInfo);
  return expand('report-list', {
    title: rt(lang, view.mine ? 'card.listTitle' : 'card.listTitleAll'),
    empty: rt(lang, view.mine ? 'card.listEmpty' : 'card.listEmptyAll'),
    pageLine: view.pages > 1 ? rt(lang, 'card.listPage', { page: view.page, pages: view.pages, total: view.total }) : '',
    ...listFilterData(view, lang, deps),
    previousPage: view.page > 1 ? view.page - 1 : 0,
    nextPage: view.page < view.pages ? view.page + 1 : 0,
    addInfoLabel: rt(lang, 'card.addInfoLabel'),
    noteMaxLength: NOTE_MAX_LENGTH,
    buttons: reportBundle(lang).buttons,
    reports: view.reports.map((r) => ({
      id: r.id,
      noteInputId: noteInputId(r.id),
      canAddInfo: canAddInfo.has(r.id),
      line: rt(lang, 'card.listItem', { id: r.id, type: typeLabel(deps.tax, r.type, lang), date: formatDate(r.submittedAt, lang) }),
      status: `${rt(lang, 'card.statusLabel')}: ${rt(lang, `status.${r.status}`)}`,
    })),
  });
}

/** One report's content and its chronology (shown only after authorize; the service recorded this view). */
export function renderDetailCard(report: Report, canAddInfo: boolean, lang: Lang, deps: CardDeps): AdaptiveCardJson {
  const steps = stepIdsFor(deps.flows, report.type).filter((id) => id !== REVIEW_STEP).map((id) => getStep(deps.flows, id));
  const fields = steps
    .flatMap((step) => step.fields)
    .filter((f) => f.kind !== 'reportType' && report.fields[f.id] !== undefined && report.fields[f.id] !== '')
    .map((f) => ({ title: rt(lang, `fields.${f.id}.label`), value: displayValue(f, report.fields[f.id], report, deps, lang) }));
  const schoolName = deps.schoolName?.(report.school) ?? report.school;
  return expand('report-detail', {
    id: report.id,
    title: rt(lang, 'card.detailTitle', { id: report.id }),
    facts: [
      { title: rt(lang, 'card.typeLabel'), value: typeLabel(deps.tax, report.type, lang) },
      ...(report.category ? [{ title: rt(lang, 'card.categoryLabel'), value: deps.tax.categories[report.category]?.[lang] ?? report.category }] : []),
      { title: rt(lang, 'card.statusLabel'), value: rt(lang, `status.${report.status}`) },
      { title: rt(lang, 'card.submittedLabel'), value: formatDateTime(report.submittedAt, lang) },
      { title: rt(lang, 'card.schoolLabel'), value: report.schoolSelfDeclared ? rt(lang, 'card.selfDeclared', { school: schoolName }) : schoolName },
      { title: rt(lang, 'card.reporterLabel'), value: report.reporter.name || rt(lang, 'card.someone') },
    ],
    contentTitle: rt(lang, 'card.contentTitle'),
    fields,
    chronologyTitle: rt(lang, 'card.chronologyTitle'),
    chronology: report.chronology.map((e) => ({ line: chronologyLine(e, lang) })),
    deliveryTitle: rt(lang, 'card.alertsDeliveryTitle'),
    deliveries: deliveryLines(report, lang),
    canAddInfo,
    noteInputId: noteInputId(report.id),
    addInfoLabel: rt(lang, 'card.addInfoLabel'),
    noteMaxLength: NOTE_MAX_LENGTH,
    buttons: reportBundle(lang).buttons,
  });
}

export interface MessageAction {
  title: string;
  data: Record<string, string | number>;
}

/** A short message card (problems, cancel, resume prompt, reminders). */
export function renderMessageCard(text: string, title = '', actions: MessageAction[] = []): AdaptiveCardJson {
  return expand('report-message', { title, text, actions });
}

/** "You have an unfinished report": resume or discard. */
export function renderResumeCard(draft: Draft, lang: Lang, deps: CardDeps, reminder = false): AdaptiveCardJson {
  const date = formatDate(draft.updatedAt, lang);
  const text = reminder ? rt(lang, 'card.reminderText', { date }) : rt(lang, 'card.resumeText', { date, type: typeLabel(deps.tax, draft.type, lang) || rt(lang, 'card.empty') });
  const data = { draftId: draft.id, cardVersion: deps.flows.cardVersion };
  return renderMessageCard(text, rt(lang, 'card.resumeTitle'), [
    { title: rt(lang, 'buttons.resume'), data: { verb: 'report.resume', ...data } },
    { title: rt(lang, 'buttons.discard'), data: { verb: 'report.discard', ...data } },
  ]);
}

/** The card for wherever the draft is now. */
export function renderDraftCard(draft: Draft, errors: FieldErrors = {}, deps: CardDeps): AdaptiveCardJson {
  return renderStepCard(getStep(deps.flows, draft.stepId), draft, errors, draft.lang, deps);
}

/** The card for a view the Report capability answered with (one renderer per template above). */
export function renderReportView(reply: ReportReply, deps: Omit<CardDeps, 'infoContacts'>): AdaptiveCardJson {
  const { view, lang } = reply;
  switch (view.kind) {
    case 'draft':
      return renderDraftCard(view.draft, view.errors, { ...deps, infoContacts: view.infoContacts });
    case 'resume':
      return renderResumeCard(view.draft, lang, deps, view.reminder);
    case 'list':
      return renderMyReportsCard(view, lang, deps);
    case 'detail':
      return renderDetailCard(view.report, view.canAddInfo, lang, deps);
    case 'confirmation':
      return renderConfirmationCard(view.report, lang, view.contacts, deps, view.alerts);
    case 'notice':
      return renderMessageCard(rt(lang, `card.${view.notice}`, view.params), rt(lang, 'card.title'));
    case 'problem':
      return renderMessageCard(rt(lang, `problems.${view.code}`, view.params), rt(lang, 'card.problemTitle'));
  }
}

const personRole = (lang: Lang, role: string): string => rt(lang, `personRoles.${role}`);
const rolesText = (lang: Lang, roles: string): string => roles.split(',').filter(Boolean).map((r) => personRole(lang, r)).join(', ');

/** One chronology entry as a line; case handling and alert entries carry ids and roles, never content. */
export function chronologyLine(e: ChronologyEntry, lang: Lang): string {
  const at = formatDateTime(e.at, lang);
  const who = e.by.name || rt(lang, 'card.someone');
  const [role = '', name = ''] = e.text.split('|');
  switch (e.kind) {
    case 'created':
      return rt(lang, 'card.chronologyCreated', { at, who });
    case 'note':
      return rt(lang, 'card.chronologyNote', { at, who, text: e.text });
    case 'viewed':
      return rt(lang, 'card.chronologyViewed', { at, who });
    case 'acknowledged':
      return rt(lang, 'card.chronologyAcknowledged', { at, who });
    case 'assigned':
      return rt(lang, 'card.chronologyAssigned', { at, who, name, role: personRole(lang, role) });
    case 'status': {
      const [status, ...note] = e.text.split(': ');
      const params = { at, who, status: rt(lang, `status.${status}`), text: note.join(': ') };
      return rt(lang, note.length ? 'card.chronologyStatusNote' : 'card.chronologyStatus', params);
    }
    case 'alerted':
      return rt(lang, 'card.chronologyAlerted', { at, name, role: personRole(lang, role) });
    case 'notReached':
      return rt(lang, 'card.chronologyNotReached', { at, name, role: personRole(lang, role) });
    case 'escalated':
      return rt(lang, 'card.chronologyEscalated', { at, roles: rolesText(lang, /^step \d+: ([^ ]*)/.exec(e.text)?.[1] ?? '') });
    case 'alertChannel':
      return rt(lang, 'card.chronologyAlertChannel', { at, name, role: personRole(lang, role) });
    case 'measure':
      return rt(lang, 'card.chronologyMeasure', { at, who, measure: measureText(lang, role as MeasureKind, name ? Number(name) : undefined) });
    case 'taskDone':
      return rt(lang, 'card.chronologyTaskDone', { at, who, task: rt(lang, `tasks.${e.text}.title`) });
  }
}

/** "schorsing, 3 dagen" / "suspension, 3 days". */
export function measureText(lang: Lang, kind: MeasureKind, days?: number): string {
  const label = rt(lang, `measures.${kind}`);
  return days ? rt(lang, 'measures.withDays', { measure: label, days }) : label;
}

/** Who has been alerted and with what outcome (the detail card: the reporter sees it is not silent). */
function deliveryLines(report: Report, lang: Lang): { line: string; color: string }[] {
  return (report.alerts ?? []).map((a) => {
    const params = { role: personRole(lang, a.role), name: a.name };
    if (a.delivered) return { line: rt(lang, 'card.alertDelivered', { ...params, at: formatDateTime(a.delivered.at, lang) }), color: 'Good' };
    if (a.notReached) return { line: rt(lang, 'card.alertNotReached', params), color: 'Attention' };
    return { line: rt(lang, 'card.alertPending', params), color: 'Default' };
  });
}

/** The state lines every copy of the alert card shows: picked up, assigned, escalations, status. */
function alertStateLines(report: Report, lang: Lang): { line: string; color: string }[] {
  const lines: { line: string; color: string }[] = [];
  if (report.acknowledged) lines.push({ line: rt(lang, 'card.alertStateAcknowledged', { name: report.acknowledged.by.name || rt(lang, 'card.someone'), at: formatDateTime(report.acknowledged.at, lang) }), color: 'Good' });
  else if (report.status === 'nieuw') lines.push({ line: rt(lang, 'card.alertStateNew'), color: 'Attention' });
  if (report.assignedTo) lines.push({ line: rt(lang, 'card.alertStateAssigned', { name: report.assignedTo.name, role: personRole(lang, report.escalatedTo?.slice(-1)[0] ?? '') }), color: 'Default' });
  for (const e of report.chronology.filter((c) => c.kind === 'escalated')) {
    lines.push({ line: rt(lang, 'card.alertStateEscalated', { at: formatDateTime(e.at, lang), roles: rolesText(lang, /^step \d+: ([^ ]*)/.exec(e.text)?.[1] ?? '') }), color: 'Warning' });
  }
  for (const m of report.measures ?? []) lines.push({ line: rt(lang, 'card.alertStateMeasure', { measure: measureText(lang, m.kind, m.days), at: formatDateTime(m.at, lang) }), color: 'Default' });
  for (const t of report.tasks ?? []) {
    lines.push(t.done
      ? { line: rt(lang, 'card.alertStateTaskDone', { task: rt(lang, `tasks.${t.kind}.title`), at: formatDateTime(t.done.at, lang) }), color: 'Good' }
      : { line: rt(lang, 'card.alertStateTaskOpen', { task: rt(lang, `tasks.${t.kind}.title`) }), color: 'Attention' });
  }
  const closed = [...report.chronology].reverse().find((c) => c.kind === 'status' && c.text.startsWith('afgerond'));
  if (report.status === 'afgerond' && closed) lines.push({ line: rt(lang, 'card.alertStateClosed', { at: formatDateTime(closed.at, lang) }), color: 'Good' });
  else if (report.acknowledged) lines.push({ line: rt(lang, 'card.alertStateStatus', { status: rt(lang, `status.${report.status}`) }), color: 'Default' });
  return lines;
}

/**
 * The alert a director or board member gets: notification-safe. The card, its summary and anything a lock
 * screen can show carry only school, type/category, urgency, time and report id — no names, initials or
 * descriptions; the content needs "Bekijk melding", which goes through authorize and is recorded. The same card,
 * refreshed in place for every recipient, shows who picked it up, escalations and the status; the buttons are the
 * viewer's (each action is checked again on the server). `channel`: the copy for the school's alert channel.
 */
export function renderAlertCard(view: AlertCardView, lang: Lang, deps: CardDeps, channel = false): { card: AdaptiveCardJson; summary: string } {
  const { report, role, urgency } = view;
  const school = deps.schoolName?.(report.school) ?? report.school;
  const type = typeLabel(deps.tax, report.type, lang);
  const category = report.category ? deps.tax.categories[report.category]?.[lang] ?? report.category : '';
  const next = report.status === 'nieuw' ? 'in-behandeling' : report.status === 'in-behandeling' ? 'afgerond' : 'in-behandeling';
  const card = expand('alert', {
    id: report.id,
    title: channel ? rt(lang, 'card.alertChannelTitle', { id: report.id, role: personRole(lang, role) }) : rt(lang, urgency === 'direct' ? 'card.alertTitleDirect' : 'card.alertTitle', { id: report.id }),
    color: urgency === 'direct' ? 'Attention' : 'Default',
    intro: channel ? rt(lang, 'card.alertChannelIntro', { role: personRole(lang, role) }) : rt(lang, 'card.alertIntro', { role: personRole(lang, role) }),
    facts: [
      { title: rt(lang, 'card.schoolLabel'), value: school },
      { title: rt(lang, 'card.typeLabel'), value: type },
      ...(category ? [{ title: rt(lang, 'card.categoryLabel'), value: category }] : []),
      { title: rt(lang, 'card.urgencyLabel'), value: rt(lang, urgency === 'direct' ? 'card.urgencyDirect' : 'card.urgencyNormal') },
      { title: rt(lang, 'card.submittedLabel'), value: formatDateTime(report.submittedAt, lang) },
      { title: rt(lang, 'card.statusLabel'), value: rt(lang, `status.${report.status}`) },
    ],
    state: alertStateLines(report, lang),
    privacy: rt(lang, 'card.alertPrivacy'),
    canAcknowledge: view.can.acknowledge,
    canChangeStatus: view.can.changeStatus,
    canAssign: view.can.assign && view.assignees.length > 0,
    canAddNote: view.can.addNote,
    canMeasure: view.can.changeStatus && report.status !== 'afgerond',
    measureLabel: rt(lang, 'card.alertMeasureLabel'),
    daysLabel: rt(lang, 'card.alertDaysLabel'),
    measures: MEASURE_KINDS.map((m) => ({ title: rt(lang, `measures.${m}`), value: m })),
    openTasks: view.can.changeStatus ? (report.tasks ?? []).filter((t) => !t.done).map((t) => ({ id: t.id, title: rt(lang, 'card.taskDoneButton', { task: rt(lang, `tasks.${t.kind}.short`) }) })) : [],
    statusLabel: rt(lang, 'card.alertStatusLabel'),
    nextStatus: next,
    statuses: (['in-behandeling', 'afgerond'] as const).map((s) => ({ title: rt(lang, `status.${s}`), value: s })),
    closingNoteLabel: rt(lang, 'card.alertClosingNoteLabel'),
    assignLabel: rt(lang, 'card.alertAssignLabel'),
    assignees: view.assignees.map((p) => ({ title: `${p.name} (${personRole(lang, p.role)})`, value: p.key })),
    noteLabel: rt(lang, 'card.alertNoteLabel'),
    noteMaxLength: NOTE_MAX_LENGTH,
    buttons: reportBundle(lang).alertButtons,
  });
  return { card, summary: rt(lang, 'card.alertSummary', { id: report.id, type, school }) };
}

/**
 * The task reminder for the director: what the law asks after a suspension of more than a day, with a "Gedaan"
 * button. Content-free like the alert: report id, school, the measure; no names or descriptions.
 */
export function renderTaskCard(report: Report, taskId: string, lang: Lang, deps: CardDeps): { card: AdaptiveCardJson; summary: string } {
  const task = report.tasks?.find((t) => t.id === taskId);
  const kind = task?.kind ?? 'wpo40c';
  const measure = [...(report.measures ?? [])].reverse().find((m) => m.kind === 'schorsing');
  const school = deps.schoolName?.(report.school) ?? report.school;
  const card = expand('task', {
    id: report.id,
    taskId,
    title: rt(lang, `tasks.${kind}.title`),
    intro: rt(lang, `tasks.${kind}.intro`, { id: report.id, school, measure: measure ? measureText(lang, measure.kind, measure.days) : '' }),
    steps: [1, 2].map((n) => ({ text: rt(lang, `tasks.${kind}.step${n}`) })),
    done: Boolean(task?.done),
    doneLine: task?.done ? rt(lang, 'card.alertStateTaskDone', { task: rt(lang, `tasks.${kind}.title`), at: formatDateTime(task.done.at, lang) }) : '',
    doneButton: rt(lang, 'card.taskDoneButton', { task: rt(lang, `tasks.${kind}.short`) }),
    viewButton: rt(lang, 'alertButtons.view'),
  });
  return { card, summary: rt(lang, 'tasks.summary', { id: report.id }) };
}

/** The renderers' dependencies from the report knowledge (KNOWLEDGE_DIR) and the clock, fresh for each card. */
export function cardDepsFor(knowledge: ReportKnowledge, clock: Clock, staffOf?: CardDeps['staffOf']): () => CardDeps {
  const names = new Map(knowledge.schools.map((s) => [s.id, s.name]));
  return () => ({ flows: knowledge.flows, tax: knowledge.tax, now: clock.now(), schoolName: (id) => names.get(id), ...(staffOf ? { staffOf } : {}) });
}

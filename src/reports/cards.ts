import { expandCard } from '../card-templates';
import { REVIEW_STEP, getStep, stepIdsFor, type FieldDef, type Flows, type FlowStep, type InfoBlock } from './flows';
import { fill, reportStrings, roleLabel, type ReportStrings } from './strings';
import { categoriesFor, meldcodeFor, nextStepsFor, rolesFor, type NextStep, type Taxonomy } from './taxonomy';
import { toRaw } from './validation';
import { formatDate, formatDateTime, schoolClock } from '../time';
import { projectPath } from './paths';
import type { Draft, FieldErrors, FieldValue, Lang, Report, ReportType } from './types';

/**
 * Adaptive Cards of the Report capability, rendered from cards/report-*.json with adaptivecards-templating.
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
}

/** Roles an info block names on the step card: the meldcode's aandachtsfunctionaris/IB, the meldplicht's board. */
export const INFO_BLOCK_ROLES: Partial<Record<InfoBlock, string[]>> = {
  meldcode: ['aandachtsfunctionaris', 'intern-begeleider'],
  meldplicht: ['bestuur'],
};


function expand(name: string, data: object): AdaptiveCardJson {
  return expandCard(projectPath('cards'), name, data) as AdaptiveCardJson;
}

/** Contact data from the directory, filled in by the caller (the directory is another capability). */
export interface ContactView {
  roleId: string;
  name?: string;
  /** The plan's description of who holds the role when it names nobody ("collega uit team O&K"). */
  description?: string;
  email?: string;
  phone?: string;
}

function typeLabel(tax: Taxonomy, type: ReportType | undefined, lang: Lang): string {
  return (type && tax.types.find((t) => t.id === type)?.label[lang]) || '';
}

function fieldChoices(field: FieldDef, draft: Draft, deps: CardDeps, s: ReportStrings, lang: Lang): { title: string; value: string }[] {
  if (field.kind === 'reportType') return deps.tax.types.map((t) => ({ title: t.label[lang], value: t.id }));
  if (field.kind === 'category') return draft.type ? categoriesFor(deps.tax, draft.school, draft.type).map((c) => ({ title: c.label[lang], value: c.id })) : [];
  return (field.options ?? []).map((o) => ({ title: s.options[field.id]?.[o] ?? o, value: o }));
}

/** How a field shows in the step card: choice-like kinds become ChoiceSets. */
function cardKind(field: FieldDef): string {
  switch (field.kind) {
    case 'reportType':
    case 'category':
    case 'choice':
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
  const s = reportStrings(lang);
  const detail = [c.email, c.phone].filter(Boolean).join(' · ');
  return `${roleLabel(lang, c.roleId)}: ${c.name ?? c.description ?? s.card.contactUnknown}${detail ? ` · ${detail}` : ''}`;
}

function contactLinesFor(block: InfoBlock, deps: CardDeps, lang: Lang): string[] {
  const roles = INFO_BLOCK_ROLES[block] ?? [];
  const people = (deps.infoContacts ?? []).filter((c) => roles.includes(c.roleId));
  if (!people.length) return [];
  return [reportStrings(lang).card.contactsAtSchool, ...people.map((c) => contactLine(c, lang))];
}

function infoBlock(block: InfoBlock, draft: Draft, deps: CardDeps, s: ReportStrings, lang: Lang): { title: string; style: string; lines: string[] } {
  const e = deps.tax.emergency;
  switch (block) {
    case 'acute':
      return { title: s.info.acuteTitle, style: 'attention', lines: [e.acute[lang]] };
    case 'veiligThuis':
      return { title: s.info.veiligThuisTitle, style: 'emphasis', lines: [e.veiligThuis[lang]] };
    case 'meldcode': {
      const m = meldcodeFor(deps.tax, draft.school, lang);
      return { title: s.info.meldcodeTitle, style: 'emphasis', lines: [...m.steps.map((st) => `${st.n}. ${st.text}`), citationText(m, s, lang), ...contactLinesFor(block, deps, lang)] };
    }
    case 'afwegingskader': {
      const m = meldcodeFor(deps.tax, draft.school, lang);
      return { title: s.info.afwegingskaderTitle, style: 'emphasis', lines: m.afwegingskader.map((q) => `${q.n}. ${q.text}`) };
    }
    case 'meldplicht':
      return { title: s.info.meldplichtTitle, style: 'attention', lines: [s.info.meldplichtText, ...contactLinesFor(block, deps, lang), e.vertrouwensinspecteur[lang]] };
  }
}

function citationText(step: Pick<NextStep, 'citation' | 'legal'>, s: ReportStrings, lang: Lang): string {
  if (step.citation) {
    const doc = reportStrings(lang).docs[step.citation.doc] ?? step.citation.doc;
    return fill(s.card.citationPlan, { doc, section: step.citation.section, title: step.citation.title });
  }
  if (step.legal) return fill(s.card.citationLaw, { law: step.legal.law, article: step.legal.article });
  return '';
}

/**
 * The card for one step of the flow, pre-filled with what the user entered before (or the raw values of
 * a submit that failed validation) and with each error under its field.
 */
export function renderStepCard(step: FlowStep, draft: Draft, errors: FieldErrors, lang: Lang, deps: CardDeps): AdaptiveCardJson {
  if (step.review) return renderReviewCard(draft, lang, deps);
  const s = reportStrings(lang);
  const steps = stepIdsFor(deps.flows, draft.type);
  const position = steps.indexOf(step.id);
  const values = draft.pending?.stepId === step.id ? draft.pending.values : toRaw(draft.answers[step.id]);
  const today = schoolClock(deps.now).date;
  const categoryNotice =
    step.fields.some((f) => f.kind === 'category') && draft.type
      ? categoriesFor(deps.tax, draft.school, draft.type)[0]?.citation ? s.card.categoryFromPlan : s.card.categoryDefault
      : '';
  const data = {
    title: s.steps[step.id]?.title ?? step.id,
    intro: s.steps[step.id]?.intro ?? '',
    // Before the type is known the number of steps is not either.
    progress: draft.type ? fill(s.card.progress, { n: position + 1, total: steps.length }) : '',
    info: step.info.map((b) => infoBlock(b, draft, deps, s, lang)),
    notice: categoryNotice,
    requiredHint: s.card.requiredHint,
    fields: step.fields.map((f) => ({
      id: f.id,
      kind: cardKind(f),
      label: (s.fields[f.id]?.label ?? f.id) + (f.required ? ' *' : ''),
      placeholder: s.fields[f.id]?.placeholder ?? '',
      hint: s.fields[f.id]?.hint ?? '',
      maxLength: f.maxLength ?? 0,
      max: f.notFuture ? today : '',
      required: f.required,
      requiredMessage: s.errors.required,
      value: values[f.id] ?? (f.kind === 'toggle' ? 'false' : ''),
      choices: fieldChoices(f, draft, deps, s, lang),
      error: errors[f.id] ?? '',
    })),
    buttons: s.buttons,
    draftId: draft.id,
    cardVersion: deps.flows.cardVersion,
    stepId: step.id,
    canGoBack: position > 0,
  };
  return expand('report-step', data);
}

function displayValue(field: FieldDef, value: FieldValue | undefined, draft: Draft, deps: CardDeps, s: ReportStrings, lang: Lang): string {
  if (value === undefined || value === '') return s.card.empty;
  if (typeof value === 'boolean') return value ? s.card.yes : s.card.no;
  const choices = field.kind === 'text' || field.kind === 'multiline' || field.kind === 'pupils' || field.kind === 'initials' || field.kind === 'date' || field.kind === 'time'
    ? undefined
    : fieldChoices(field, draft, deps, s, lang);
  const label = (v: string) => choices?.find((c) => c.value === v)?.title ?? v;
  return Array.isArray(value) ? value.map(label).join(', ') : label(value);
}

/** The review of everything entered, with an Edit button per step. */
export function renderReviewCard(draft: Draft, lang: Lang, deps: CardDeps): AdaptiveCardJson {
  const s = reportStrings(lang);
  const sections = stepIdsFor(deps.flows, draft.type)
    .filter((id) => id !== REVIEW_STEP)
    .map((id) => getStep(deps.flows, id))
    .map((step) => ({
      stepId: step.id,
      title: s.steps[step.id]?.title ?? step.id,
      facts: step.fields.map((f) => ({ title: s.fields[f.id]?.label ?? f.id, value: displayValue(f, draft.answers[step.id]?.[f.id], draft, deps, s, lang) })),
    }));
  return expand('report-review', {
    title: s.card.reviewTitle,
    intro: s.card.reviewIntro,
    sections,
    buttons: s.buttons,
    draftId: draft.id,
    cardVersion: deps.flows.cardVersion,
  });
}

/** The confirmation, sent only after the report is durable: id, next steps from the school's plan, contacts. */
export function renderConfirmationCard(report: Report, lang: Lang, contacts: ContactView[] | undefined, deps: CardDeps): AdaptiveCardJson {
  const s = reportStrings(lang);
  const steps = nextStepsFor(deps.tax, report.school, report.type, lang, { category: report.category, fields: report.fields });
  const people: ContactView[] = contacts ?? rolesFor(steps).map((roleId) => ({ roleId }));
  const category = report.category ? deps.tax.categories[report.category]?.[lang] ?? report.category : '';
  const facts = [
    { title: s.card.typeLabel, value: typeLabel(deps.tax, report.type, lang) },
    ...(category ? [{ title: s.card.categoryLabel, value: category }] : []),
    { title: s.card.statusLabel, value: s.status[report.status] ?? report.status },
    { title: s.card.submittedLabel, value: formatDateTime(report.submittedAt, lang) },
  ];
  return expand('report-confirmation', {
    title: fill(s.card.confirmationTitle, { id: report.id }),
    intro: s.card.confirmationIntro,
    facts,
    nextStepsTitle: s.card.nextStepsTitle,
    nextSteps: steps.map((st) => ({ text: st.text, source: citationText(st, s, lang) })),
    contactsTitle: s.card.contactsTitle,
    contacts: people.map((c) => ({
      role: roleLabel(lang, c.roleId),
      name: c.name ?? c.description ?? s.card.contactUnknown,
      detail: [c.email, c.phone].filter(Boolean).join(' · '),
    })),
    buttons: s.buttons,
  });
}

export const NOTE_MAX_LENGTH = 2000;
export const noteInputId = (reportId: string) => `note:${reportId}`;

/** "Mijn meldingen": the reporter's own reports with status, each with "add information". */
export function renderMyReportsCard(reports: Report[], lang: Lang, deps: CardDeps): AdaptiveCardJson {
  const s = reportStrings(lang);
  const sorted = [...reports].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  return expand('report-list', {
    title: s.card.listTitle,
    empty: s.card.listEmpty,
    addInfoLabel: s.card.addInfoLabel,
    noteMaxLength: NOTE_MAX_LENGTH,
    buttons: s.buttons,
    reports: sorted.map((r) => ({
      id: r.id,
      noteInputId: noteInputId(r.id),
      line: fill(s.card.listItem, { id: r.id, type: typeLabel(deps.tax, r.type, lang), date: formatDate(r.submittedAt, lang) }),
      status: `${s.card.statusLabel}: ${s.status[r.status] ?? r.status}`,
    })),
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
  const s = reportStrings(lang);
  const date = formatDate(draft.updatedAt, lang);
  const text = reminder ? fill(s.card.reminderText, { date }) : fill(s.card.resumeText, { date, type: typeLabel(deps.tax, draft.type, lang) || s.card.empty });
  const data = { draftId: draft.id, cardVersion: deps.flows.cardVersion };
  return renderMessageCard(text, s.card.resumeTitle, [
    { title: s.buttons.resume, data: { verb: 'report.resume', ...data } },
    { title: s.buttons.discard, data: { verb: 'report.discard', ...data } },
  ]);
}

/** The card for wherever the draft is now. */
export function renderDraftCard(draft: Draft, errors: FieldErrors = {}, deps: CardDeps): AdaptiveCardJson {
  return renderStepCard(getStep(deps.flows, draft.stepId), draft, errors, draft.lang, deps);
}

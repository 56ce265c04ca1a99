import type { Role } from '../people/schema';
import type { AlertRecord, ChronologyEntry, Report } from '../reports/types';
import type { NewOutboxJob, Repositories } from '../store/contract';
import type { AlertPlan, AlertReport, Urgency } from './rules';

/**
 * From a filed report to the people Baken alerts: the rules (knowledge/alerts.json, src/alerts/rules.ts) name
 * roles; people.json names who holds them for the report's school. Each person gets one outbox job (key: report
 * and person, so never twice), written in the unit of work that files the report, and so does each escalation
 * step (due when the rule's time has passed). A role nobody holds is said out loud to the reporter.
 */

export const ALERT_JOB = 'alerts.send';
export const ESCALATION_JOB = 'alerts.escalate';
export const STATUS_MESSAGE_JOB = 'reports.statusMessage';

/**
 * What the reporter is told, without content: her report was picked up or closed (with the role that did it), a
 * direct recipient was not reached yet, or nobody picked it up through the whole escalation.
 */
export type StatusEvent = 'acknowledged' | 'closed' | 'notReached' | 'notPickedUp';

/** The reporter's status message, once per report and event (`keySuffix`: once per person for notReached). */
export function statusMessageJob(reportId: string, event: StatusEvent, at: string, role?: Role, keySuffix = ''): NewOutboxJob {
  return { kind: STATUS_MESSAGE_JOB, key: `status:${reportId}:${event}${keySuffix}`, payload: { reportId, event, ...(role ? { role } : {}) }, dueAt: at, maxAttempts: 10 };
}
/** Chain steps plus repeats: an escalation never runs more steps than this. */
export const MAX_ESCALATION_STEPS = 12;
/** After the chain's last step, the last step repeats (a next holder, or a reminder) this many times. */
export const ESCALATION_REPEATS = 4;

export interface AlertRecipientPerson {
  role: Role;
  urgency: Urgency;
  /** people.json key (lower-case AAD object id). */
  personKey: string;
  /** For the conversation reference (stored under the id Teams sends). */
  aadObjectId?: string;
  name: string;
}

export interface AlertOutcome {
  recipients: AlertRecipientPerson[];
  /** Roles the rules name that nobody holds for this school in people.json. */
  nobody: Role[];
  /** When nobody has acknowledged: after afterMinutes (from filing), alert a person of these roles. */
  escalation: AlertPlan['escalation'];
}

export type Holder = { key: string; name: string; aadObjectId?: string };

export interface AlertDeps {
  plan(report: AlertReport): AlertPlan;
  holdersOf(role: Role, school: string): Holder[];
}

/** What the rules and the recipient filter read of a report (it has no id yet when the alerts are resolved). */
export type AlertSubject = Pick<Report, 'school' | 'type' | 'category' | 'fields' | 'reporter' | 'concerns' | 'severe'>;

/** Never the person the report is about, never the reporter about her own report. */
const mayReceive = (report: AlertSubject, key: string): boolean => key !== report.concerns?.personKey && key !== report.reporter.id.toLowerCase();

/** Whether the report is about the school's director: then the meldplicht goes to the board only (rules.ts). */
const concernsDirector = (report: AlertSubject, deps: AlertDeps): boolean =>
  !!report.concerns && deps.holdersOf('directeur', report.school).some((h) => h.key === report.concerns!.personKey);

export function resolveAlerts(report: AlertSubject, deps: AlertDeps): AlertOutcome {
  const plan = deps.plan({
    school: report.school, type: report.type, category: report.category, fields: report.fields,
    ...(report.severe ? { severe: true } : {}), concernsDirector: concernsDirector(report, deps),
  });
  const outcome: AlertOutcome = { recipients: [], nobody: [], escalation: plan.escalation };
  const seen = new Set<string>();
  for (const { role, urgency } of plan.recipients) {
    const holders = deps.holdersOf(role, report.school).filter((h) => mayReceive(report, h.key));
    if (!holders.length) {
      outcome.nobody.push(role);
      continue;
    }
    for (const h of holders) {
      if (seen.has(h.key)) continue;
      seen.add(h.key);
      outcome.recipients.push({ role, urgency, personKey: h.key, name: h.name, ...(h.aadObjectId ? { aadObjectId: h.aadObjectId } : {}) });
    }
  }
  return outcome;
}

/** The report's bookkeeping for the people alerted at filing. */
export function alertRecords(outcome: AlertOutcome, at: string): AlertRecord[] {
  return outcome.recipients.map((r) => ({ personKey: r.personKey, name: r.name, role: r.role, urgency: r.urgency, reason: 'rule', queuedAt: at }));
}

/** One job per person and report: the idempotency key makes a second enqueue (or instance) a no-op. */
export function alertJob(report: Pick<Report, 'id'>, recipient: Pick<AlertRecord, 'personKey' | 'role' | 'urgency'> & { aadObjectId?: string }, dueAt: string, keySuffix = ''): NewOutboxJob {
  return {
    kind: ALERT_JOB,
    key: `alert:${report.id}:${recipient.personKey}${keySuffix}`,
    // Ids and choices only: no names of pupils, no descriptions.
    payload: { reportId: report.id, personKey: recipient.personKey, aadObjectId: recipient.aadObjectId ?? recipient.personKey, role: recipient.role, urgency: recipient.urgency },
    dueAt,
    maxAttempts: 10,
  };
}

export const escalationKey = (reportId: string, step: number): string => `escalate:${reportId}:${step}`;

export interface EscalationPayload {
  reportId: string;
  step: number;
  roles: Role[];
  /** Minutes after filing this step is due; the next repeat comes `repeatMinutes` later. */
  afterMinutes: number;
  repeatMinutes: number;
  /** Steps in the rules' chain; later steps are repeats of the last one. */
  chainLength: number;
}

const escalationJob = (payload: EscalationPayload, dueAt: string): NewOutboxJob => ({
  kind: ESCALATION_JOB, key: escalationKey(payload.reportId, payload.step), payload: { ...payload }, dueAt, maxAttempts: 10,
});

/** The chain's steps as outbox jobs, each due its minutes after filing (written when the report is filed). */
export function escalationJobs(report: Pick<Report, 'id' | 'submittedAt'>, escalation: AlertOutcome['escalation']): NewOutboxJob[] {
  const filed = Date.parse(report.submittedAt);
  return escalation.map((step, i) => {
    const previous = i > 0 ? escalation[i - 1].afterMinutes : 0;
    const payload: EscalationPayload = { reportId: report.id, step: i, roles: step.roles, afterMinutes: step.afterMinutes, repeatMinutes: step.afterMinutes - previous, chainLength: escalation.length };
    return escalationJob(payload, new Date(filed + step.afterMinutes * 60_000).toISOString());
  });
}

/**
 * One escalation step, when it is due: unless someone acknowledged (or the report moved on), alert for each role of
 * the step a holder who has not been alerted yet; written with the chronology entry, the alert jobs and the card
 * refreshes in one unit of work. The chain's last step repeats (ESCALATION_REPEATS times): the next holder
 * still not alerted, or, when every holder has been, a reminder to those of the step's roles. Idempotent: a step
 * already in the chronology is not run again (a retried job, a second instance).
 */
export async function escalate(tx: Repositories, payload: EscalationPayload, deps: Pick<AlertDeps, 'holdersOf'>, at: string, refresh: (report: Report) => NewOutboxJob[]): Promise<Report | undefined> {
  const report = await tx.reports.get(payload.reportId);
  if (!report || report.acknowledged || report.status !== 'nieuw') return undefined;
  const marker = `step ${payload.step}`;
  if (report.chronology.some((e) => e.kind === 'escalated' && e.text.startsWith(`${marker}:`))) return undefined;

  const alerted = new Set((report.alerts ?? []).map((a) => a.personKey));
  const records: AlertRecord[] = [];
  const jobs: NewOutboxJob[] = [];
  const reminders: AlertRecord[] = [];
  for (const role of payload.roles) {
    const holders = deps.holdersOf(role, report.school).filter((h) => mayReceive(report, h.key));
    const fresh = holders.find((h) => !alerted.has(h.key) && !records.some((r) => r.personKey === h.key));
    if (fresh) {
      const record: AlertRecord = { personKey: fresh.key, name: fresh.name, role, urgency: 'direct', reason: 'escalation', queuedAt: at };
      records.push(record);
      jobs.push(alertJob(report, { ...record, ...(fresh.aadObjectId ? { aadObjectId: fresh.aadObjectId } : {}) }, at));
    } else {
      // Everyone of this role has had the alert: remind them (a new copy of the card) rather than stay silent.
      for (const h of holders) {
        const rec = (report.alerts ?? []).find((a) => a.personKey === h.key);
        if (rec) {
          reminders.push(rec);
          jobs.push(alertJob(report, { ...rec, ...(h.aadObjectId ? { aadObjectId: h.aadObjectId } : {}) }, at, `:step${payload.step}`));
        }
      }
    }
  }
  const who = [...records, ...reminders].map((r) => `${r.role}:${r.personKey}`).join(',');
  const entry: ChronologyEntry = { at, by: { id: 'baken' }, kind: 'escalated', text: `${marker}: ${payload.roles.join(',')} → ${who || '-'}` };
  const next: Report = {
    ...report,
    version: report.version + 1,
    escalatedTo: [...new Set([...(report.escalatedTo ?? []), ...payload.roles])],
    alerts: [...(report.alerts ?? []), ...records],
    chronology: [...report.chronology, entry],
  };
  const stored = await tx.reports.update(next);
  for (const job of [...jobs, ...refresh(stored)]) await tx.outbox.enqueue(job, at);

  // The chain's last step (and each repeat) schedules the next repeat.
  const nextStep = payload.step + 1;
  const lastStep = Math.min(payload.chainLength + ESCALATION_REPEATS, MAX_ESCALATION_STEPS);
  if (nextStep >= payload.chainLength && nextStep < lastStep) {
    const repeat: EscalationPayload = { ...payload, step: nextStep, afterMinutes: payload.afterMinutes + payload.repeatMinutes };
    await tx.outbox.enqueue(escalationJob(repeat, new Date(Date.parse(at) + payload.repeatMinutes * 60_000).toISOString()), at);
  } else if (nextStep >= lastStep) {
    // The chain is exhausted and nobody picked it up: never silent — the reporter is told to act herself.
    await tx.outbox.enqueue(statusMessageJob(report.id, 'notPickedUp', at), at);
  }
  return stored;
}

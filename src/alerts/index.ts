import type { Role } from '../people/schema';
import type { Report } from '../reports/types';
import type { NewOutboxJob } from '../store/contract';
import type { AlertPlan, AlertReport, Urgency } from './rules';

/**
 * From a filed report to the people Baken alerts: the rules (knowledge/alerts.json, src/alerts/rules.ts) name
 * roles; people.json names who holds them for the report's school. Each person gets one outbox job (key: report
 * and person, so never twice), written in the unit of work that files the report. A role nobody holds is said
 * out loud to the reporter: Baken cannot alert anyone for it.
 */

export const ALERT_JOB = 'alerts.send';

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
}

export interface AlertDeps {
  plan(report: AlertReport): AlertPlan;
  holdersOf(role: Role, school: string): { key: string; name: string; aadObjectId?: string }[];
}

/** Whether the report is about the school's director: then the meldplicht goes to the board only (rules.ts). */
const concernsDirector = (report: Report, deps: AlertDeps): boolean =>
  !!report.concerns && deps.holdersOf('directeur', report.school).some((h) => h.key === report.concerns!.personKey);

export function resolveAlerts(report: Report, deps: AlertDeps): AlertOutcome {
  const plan = deps.plan({ school: report.school, type: report.type, category: report.category, fields: report.fields, concernsDirector: concernsDirector(report, deps) });
  const outcome: AlertOutcome = { recipients: [], nobody: [] };
  const seen = new Set<string>();
  for (const { role, urgency } of plan.recipients) {
    // Never the person the report is about, never the reporter about her own report.
    const holders = deps.holdersOf(role, report.school).filter((h) => h.key !== report.concerns?.personKey && h.key !== report.reporter.id.toLowerCase());
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

/** One job per person and report: the idempotency key makes a second enqueue (or instance) a no-op. */
export function alertJob(report: Report, recipient: AlertRecipientPerson): NewOutboxJob {
  return {
    kind: ALERT_JOB,
    key: `alert:${report.id}:${recipient.personKey}`,
    // Ids and choices only: no names of pupils, no descriptions.
    payload: { reportId: report.id, personKey: recipient.personKey, aadObjectId: recipient.aadObjectId ?? recipient.personKey, role: recipient.role, urgency: recipient.urgency },
    dueAt: report.submittedAt,
    maxAttempts: 10,
  };
}

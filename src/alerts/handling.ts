import { authorize, type AccessContext, type PolicyPerson } from '../access/policy';
import { hasRole } from '../people';
import type { Role } from '../people/schema';
import { ReportProblem } from '../reports/errors';
import { NOTE_MAX_LENGTH } from '../reports/views';
import type { ChronologyEntry, MeasureKind, Report, ReportStatus } from '../reports/types';
import { retryOnConflict, type NewOutboxJob, type Repositories, type Store } from '../store/contract';
import type { Clock } from '../time';
import { alertJob, escalationKey, MAX_ESCALATION_STEPS, statusMessageJob } from '.';

/**
 * Case handling on a filed report, as the alert card's buttons ask for it: "Ik pak dit op" (acknowledge), a status
 * change (nieuw → in behandeling → afgerond, with a closing note), assign to a person, add a note. Every action
 * is checked by the one access policy with the actor from the authenticated activity, and is written to the
 * report's append-only chronology in one unit of work with what it causes: the escalation stops, every copy of the
 * alert card is refreshed (outbox), the reporter hears that her report was picked up or closed (outbox).
 */

export const CARD_REFRESH_JOB = 'alerts.refresh';
export const TASK_REMINDER_JOB = 'tasks.remind';
/** A task is reminded daily until done, at most this many times. */
export const TASK_REMINDERS = 10;
const DAY_MS = 24 * 3_600_000;
export const taskReminderKey = (reportId: string, taskId: string, n: number): string => `task:${reportId}:${taskId}:${n}`;

/** The next reminder of an open task (the first at once). */
export function taskReminderJob(reportId: string, taskId: string, n: number, dueAt: string): NewOutboxJob {
  return { kind: TASK_REMINDER_JOB, key: taskReminderKey(reportId, taskId, n), payload: { reportId, taskId, n }, dueAt, maxAttempts: 10 };
}

/** WPO art. 40c: a suspension of more than one day is reported to the Inspectie, with a written decision to the parents. */
export const needsWpo40cTask = (measure: MeasureKind, days: number | undefined): boolean => measure === 'schorsing' && (days ?? 0) > 1;

export type CaseAction =
  | { kind: 'acknowledge' }
  | { kind: 'status'; status: Exclude<ReportStatus, 'nieuw'>; note?: string }
  | { kind: 'assign'; personKey: string }
  | { kind: 'note'; text: string }
  /** A follow-up measure; a suspension of more than one day opens the WPO art. 40c task for the director. */
  | { kind: 'measure'; measure: MeasureKind; days?: number }
  | { kind: 'taskDone'; taskId: string };

/** The one who acts: from the authenticated activity, never from card data. */
export interface CaseActor extends PolicyPerson {
  name?: string;
}


export interface CaseDeps {
  store: Store;
  clock: Clock;
  access: AccessContext;
  /** The people who hold a role at a school (people.json). */
  holdersOf(role: Role, school: string): { key: string; name: string; aadObjectId?: string }[];
}

export interface CaseResult {
  report: Report;
  /** False when the action changed nothing (e.g. a second "Ik pak dit op"). */
  changed: boolean;
}

/**
 * Roles a report can be assigned to: the ones whose holders may handle reports escalated to them. Also the order
 * in which the actor's role is named to the reporter ("opgepakt door de directeur").
 */
const ASSIGNABLE: readonly Role[] = ['directeur', 'adjunct-directeur', 'aandachtsfunctionaris', 'intern-begeleider', 'anti-pestcoordinator', 'preventiemedewerker', 'bestuur'];
export const CLOSING_NOTE_MAX = NOTE_MAX_LENGTH;

/** The people a report may be assigned to: role holders at its school, never the one it concerns or its reporter. */
export function assignees(report: Report, deps: Pick<CaseDeps, 'holdersOf'>): { key: string; name: string; role: Role }[] {
  const out = new Map<string, { key: string; name: string; role: Role }>();
  for (const role of ASSIGNABLE) {
    for (const h of deps.holdersOf(role, report.school)) {
      if (h.key === report.concerns?.personKey || h.key === report.reporter.id.toLowerCase() || out.has(h.key)) continue;
      out.set(h.key, { key: h.key, name: h.name, role });
    }
  }
  return [...out.values()];
}

/** One refresh job per delivered copy of the alert card and report version: each copy shows the new state once. */
export function refreshJobs(report: Report, at: string): NewOutboxJob[] {
  return (report.alerts ?? [])
    .filter((a) => a.delivered)
    .map((a) => ({ kind: CARD_REFRESH_JOB, key: `refresh:${report.id}:${report.version}:${a.personKey}`, payload: { reportId: report.id, personKey: a.personKey }, dueAt: at, maxAttempts: 5 }));
}

/** The actor's role for this report's school that explains her action to the reporter ("de directeur"). */
function actingRole(actor: CaseActor, report: Report, access: AccessContext): Role | undefined {
  return ASSIGNABLE.find((r) => hasRole(actor, r, report.school, access));
}


/** The escalation of a report stops when someone acknowledges it: its pending escalation jobs are cancelled. */
async function stopEscalation(tx: Repositories, report: Report, at: string): Promise<void> {
  for (let step = 0; step < MAX_ESCALATION_STEPS; step++) await tx.outbox.cancel(escalationKey(report.id, step), at);
}

export function createCaseHandling(deps: CaseDeps) {
  const { store, clock, access } = deps;

  async function act(actor: CaseActor, reportId: string, action: CaseAction): Promise<CaseResult> {
    if (action.kind === 'note' || (action.kind === 'status' && action.status === 'afgerond')) {
      const text = (action.kind === 'note' ? action.text : action.note ?? '').trim();
      if (!text) throw new ReportProblem(action.kind === 'note' ? 'noteEmpty' : 'closingNoteNeeded');
      if (text.length > NOTE_MAX_LENGTH) throw new ReportProblem('noteTooLong', { max: NOTE_MAX_LENGTH });
    }
    return retryOnConflict(() =>
      store.transaction(async (tx) => {
        const report = await tx.reports.get(reportId);
        const policyAction = action.kind === 'note' ? 'addInfo' : action.kind === 'status' || action.kind === 'measure' || action.kind === 'taskDone' ? 'changeStatus' : action.kind;
        // Refused and not found look the same.
        if (!report || !authorize(actor, policyAction, report, access)) throw new ReportProblem('reportNotFound');
        const at = clock.now().toISOString();
        const by = { id: actor.key, ...(actor.name ? { name: actor.name } : {}) };
        const entries: ChronologyEntry[] = [];
        const next: Report = { ...report, version: report.version + 1 };
        const jobs: NewOutboxJob[] = [];
        const acknowledge = () => {
          if (next.acknowledged) return;
          next.acknowledged = { at, by };
          entries.push({ at, by, kind: 'acknowledged', text: '' });
          jobs.push(statusMessageJob(report.id, 'acknowledged', at, actingRole(actor, report, access)));
        };

        switch (action.kind) {
          case 'acknowledge':
            if (report.acknowledged) return { report, changed: false };
            acknowledge();
            if (next.status === 'nieuw') next.status = 'in-behandeling';
            break;
          case 'status': {
            if (report.status === action.status) return { report, changed: false };
            acknowledge();
            next.status = action.status;
            const note = action.note?.trim() ?? '';
            entries.push({ at, by, kind: 'status', text: note ? `${action.status}: ${note}` : action.status });
            if (action.status === 'afgerond') jobs.push(statusMessageJob(report.id, 'closed', at, actingRole(actor, report, access)));
            break;
          }
          case 'assign': {
            const target = assignees(report, deps).find((p) => p.key === action.personKey.toLowerCase());
            if (!target) throw new ReportProblem('assigneeUnknown');
            if (report.assignedTo?.personKey === target.key) return { report, changed: false };
            next.assignedTo = { personKey: target.key, name: target.name, at, by };
            // Assigning to a role holder lets her handle it (escalated rights), and she gets the alert.
            next.escalatedTo = [...new Set([...(report.escalatedTo ?? []), target.role])];
            entries.push({ at, by, kind: 'assigned', text: `${target.role}|${target.name}` });
            const holder = deps.holdersOf(target.role, report.school).find((h) => h.key === target.key);
            if (!(report.alerts ?? []).some((a) => a.personKey === target.key)) {
              const record = { personKey: target.key, name: target.name, role: target.role, urgency: 'direct' as const, reason: 'assigned' as const, queuedAt: at };
              next.alerts = [...(report.alerts ?? []), record];
              jobs.push(alertJob(report, { ...record, ...(holder?.aadObjectId ? { aadObjectId: holder.aadObjectId } : {}) }, at));
            }
            break;
          }
          case 'note':
            entries.push({ at, by, kind: 'note', text: action.text.trim() });
            break;
          case 'measure': {
            const days = action.measure === 'schorsing' ? action.days : undefined;
            if (action.measure === 'schorsing' && (days === undefined || !Number.isInteger(days) || days < 1 || days > 5)) throw new ReportProblem('suspensionDays');
            next.measures = [...(report.measures ?? []), { kind: action.measure, ...(days ? { days } : {}), at, by }];
            entries.push({ at, by, kind: 'measure', text: days ? `${action.measure}|${days}` : action.measure });
            if (needsWpo40cTask(action.measure, days)) {
              const task = { id: `t${(report.tasks?.length ?? 0) + 1}`, kind: 'wpo40c' as const, openedAt: at };
              next.tasks = [...(report.tasks ?? []), task];
              jobs.push(taskReminderJob(report.id, task.id, 0, at));
            }
            break;
          }
          case 'taskDone': {
            const task = report.tasks?.find((t) => t.id === action.taskId);
            if (!task) throw new ReportProblem('invalidAction');
            if (task.done) return { report, changed: false };
            next.tasks = (report.tasks ?? []).map((t) => (t.id === task.id ? { ...t, done: { at, by } } : t));
            entries.push({ at, by, kind: 'taskDone', text: task.kind });
            break;
          }
        }
        next.chronology = [...report.chronology, ...entries];
        const stored = await tx.reports.update(next);
        if (stored.acknowledged && !report.acknowledged) await stopEscalation(tx, stored, at);
        const visibleChange = action.kind !== 'note';
        for (const job of [...jobs, ...(visibleChange ? refreshJobs(stored, at) : [])]) await tx.outbox.enqueue(job, at);
        return { report: stored, changed: true };
      }),
    );
  }

  return { act, assignees: (report: Report) => assignees(report, deps) };
}

export type CaseHandling = ReturnType<typeof createCaseHandling>;

import type { HandlerResult, OutboxHandler } from '../outbox/worker';
import type { Store } from '../store/contract';
import type { Clock } from '../time';
import { DRAFT_POLICY, draftFate, markReminded, type DraftPolicy } from './drafts';
import type { Draft } from './types';

/**
 * Draft reminders on the outbox. A recurring sweep job looks at idle drafts: one idle for 7 days gets a
 * reminder job (one per idle period: the key carries the draft's last change); one whose reminder was
 * delivered a day ago is discarded; closed drafts are pruned after 30 days. The reminder job sends the card
 * and, in the unit of work that marks the job done, records on the draft that the reminder was delivered.
 * A draft is never discarded before that: a failed send is retried, and a dead-lettered one keeps the draft.
 */

export const SWEEP_JOB = 'drafts.sweep';
export const REMINDER_JOB = 'drafts.reminder';

export const reminderJobKey = (draft: Pick<Draft, 'id' | 'updatedAt'>): string => `${REMINDER_JOB}:${draft.id}:${draft.updatedAt}`;

export interface DraftReminderDeps {
  store: Store;
  clock: Clock;
  policy?: DraftPolicy;
  /** Sends the reminder into the user's personal chat; throws (DeliveryError) when it was not delivered. */
  deliver(draft: Draft): Promise<void>;
}

export interface SweepResult {
  queued: number;
  discarded: number;
}

export async function sweepDrafts(deps: Pick<DraftReminderDeps, 'store' | 'clock' | 'policy'>): Promise<SweepResult> {
  const policy = deps.policy ?? DRAFT_POLICY;
  const now = deps.clock.now();
  const result: SweepResult = { queued: 0, discarded: 0 };
  const earliest = new Date(now.getTime() - Math.min(policy.maxAgeMs, policy.keepClosedMs)).toISOString();
  for (const draft of await deps.store.drafts.listUpdatedBefore(earliest)) {
    const fate = draftFate(draft, now, policy);
    if (fate === 'remind') {
      const key = reminderJobKey(draft);
      if (await deps.store.outbox.getByKey(key)) continue;
      await deps.store.outbox.enqueue({ kind: REMINDER_JOB, key, payload: { draftId: draft.id, updatedAt: draft.updatedAt }, dueAt: now.toISOString() }, now.toISOString());
      result.queued++;
    } else if (fate === 'discard') {
      // Read again inside the unit of work: a draft touched since the list was read is kept.
      const discarded = await deps.store.transaction(async (tx) => {
        const current = await tx.drafts.get(draft.id);
        if (!current || current.updatedAt !== draft.updatedAt || draftFate(current, now, policy) !== 'discard') return false;
        await tx.drafts.delete(draft.id);
        return true;
      });
      if (discarded) result.discarded++;
    }
  }
  return result;
}

export function draftReminderHandlers(deps: DraftReminderDeps): Record<string, OutboxHandler> {
  return {
    [SWEEP_JOB]: async () => {
      await sweepDrafts(deps);
    },
    [REMINDER_JOB]: async (job): Promise<HandlerResult> => {
      const { draftId, updatedAt } = job.payload as { draftId?: string; updatedAt?: string };
      const draft = draftId ? await deps.store.drafts.get(draftId) : undefined;
      // Submitted, cancelled, discarded or touched again since: nothing to remind of.
      if (!draft || draft.status !== 'open' || draft.updatedAt !== updatedAt) return {};
      await deps.deliver(draft);
      return {
        afterDone: async (tx) => {
          const current = await tx.drafts.get(draft.id);
          if (current && current.updatedAt === updatedAt) await tx.drafts.save(markReminded(current, deps.clock.now()));
        },
      };
    },
  };
}

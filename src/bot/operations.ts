import { CardFactory } from 'botbuilder';
import type { AdaptiveCard } from '@microsoft/teams-ai';
import { z } from 'zod';
import { authorize, type AccessContext } from '../access/policy';
import { expandCard } from '../card-templates';
import { DEFAULT_CARDS_DIR } from '../i18n';
import type { TurnContext } from 'botbuilder';
import type { Identify } from './identity';
import { rt } from '../reports/strings';
import type { Lang } from '../reports/types';
import type { OutboxJob, Store } from '../store';
import { formatDateTime, type Clock } from '../time';
import { replyLang, userKeyOf } from './context';
import type { BotRegistry, Capability } from './registry';
import { commandMatcher } from './router';

/**
 * The admin's view of what Baken could not deliver (issue 9: "admins see undelivered alerts"): "niet bezorgd" in
 * the personal chat lists dead-lettered jobs and jobs that failed and wait for their next attempt, with "Opnieuw
 * proberen". Operational data only (authorize 'viewOperational'): report ids, roles, attempts, error texts — never
 * a report's content. The same as `npm run outbox -- list`, for an admin who is in Teams, not on the server.
 */

export interface OperationsDeps {
  store: Store;
  clock: Clock;
  identify: Identify;
  access: AccessContext;
}

const PHRASES = ['niet bezorgd', 'bezorging', 'bezorgstatus', 'outbox', 'niet bezorgde waarschuwingen', 'undelivered', 'delivery status'];
const MAX_ROWS = 20;

function jobLine(job: OutboxJob, lang: Lang): string {
  const { reportId, role } = job.payload as { reportId?: string; role?: string };
  if (job.kind === 'alerts.send' && reportId && role) return rt(lang, 'operations.alertLine', { id: reportId, role: rt(lang, `personRoles.${role}`) });
  const kind = rt(lang, `operations.kinds.${job.kind.replace('.', '_')}`);
  return reportId ? `${kind} · ${reportId}` : kind;
}

/** `notice`: the outcome of the admin's last "Opnieuw proberen", shown above the list. */
export function renderOperationsCard(jobs: OutboxJob[], lang: Lang, notice = ''): AdaptiveCard {
  const dead = jobs.filter((j) => j.status === 'dead');
  const failing = jobs.filter((j) => j.status === 'pending');
  const rows = [...dead, ...failing].slice(0, MAX_ROWS).map((j) => ({
    id: j.id,
    line: jobLine(j, lang),
    color: j.status === 'dead' ? 'Attention' : 'Warning',
    detail: rt(lang, 'operations.detail', {
      state: j.status === 'dead' ? rt(lang, 'operations.dead') : rt(lang, 'operations.pending', { at: formatDateTime(j.dueAt, lang) }),
      attempts: j.attempts,
      max: j.maxAttempts,
      error: j.lastError ? rt(lang, 'operations.error', { error: j.lastError }) : '',
    }),
  }));
  return expandCard(DEFAULT_CARDS_DIR, 'operations', {
    title: rt(lang, 'operations.title'),
    notice,
    summary: rows.length ? rt(lang, 'operations.summary', { dead: dead.length, failing: failing.length }) : rt(lang, 'operations.none'),
    jobs: rows,
    retryButton: rt(lang, 'operations.retry'),
    privacy: rt(lang, 'operations.privacy'),
  }) as unknown as AdaptiveCard;
}

/** Dead jobs, and pending ones that already failed at least once (a first attempt not yet made is not a problem). */
async function attention(store: Store): Promise<OutboxJob[]> {
  const dead = await store.outbox.list({ status: 'dead', limit: 200 });
  const failing = (await store.outbox.list({ status: 'pending', limit: 500 })).filter((j) => j.attempts > 0 && j.lastError);
  return [...dead, ...failing];
}

export function operationsCapability(deps: OperationsDeps): Capability {
  return ({ app, ctx, router }: BotRegistry) => {
    const isAdmin = async (context: TurnContext): Promise<boolean> => {
      const person = await deps.identify(context);
      return !!person && authorize(person, 'viewOperational', null, deps.access);
    };

    router.add(
      {
        name: 'operations.undelivered',
        personalOnly: true,
        needsSchool: false,
        matches: commandMatcher(PHRASES),
        async handle(turn) {
          if (!(await isAdmin(turn.context))) {
            await turn.context.sendActivity(rt(turn.lang, 'operations.notAdmin'));
            return;
          }
          await turn.context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderOperationsCard(await attention(deps.store), turn.lang))] });
        },
      },
      20,
    );

    app.adaptiveCards.actionExecute<Record<string, unknown>>('ops.retry', async (context, _state, raw): Promise<AdaptiveCard | string> => {
      const lang = replyLang(context.activity, await ctx.users.get(userKeyOf(context.activity)));
      if (!(await isAdmin(context))) return rt(lang, 'operations.notAdmin');
      const parsed = z.object({ jobId: z.string().trim().min(1).max(100) }).safeParse(raw);
      const retried = parsed.success ? await deps.store.outbox.retry(parsed.data.jobId, deps.clock.now().toISOString()) : undefined;
      ctx.logger.info({ jobId: parsed.success ? parsed.data.jobId : undefined, retried: Boolean(retried) }, 'admin retried an outbox job');
      const notice = retried ? rt(lang, 'operations.retried', { line: jobLine(retried, lang) }) : rt(lang, 'operations.retryRefused');
      return renderOperationsCard(await attention(deps.store), lang, notice);
    });
  };
}

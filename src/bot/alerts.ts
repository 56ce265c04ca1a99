import { CardFactory } from 'botbuilder';
import type { OutboxHandler } from '../outbox/worker';
import type { Role } from '../people/schema';
import type { Urgency } from '../alerts/rules';
import type { ReportKnowledge } from '../reports/taxonomy';
import type { Store } from '../store';
import type { Clock } from '../time';
import type { ProactiveSender } from './proactive';
import { cardDepsFor, renderAlertCard } from './report-cards';

/**
 * Delivers one alert job: the content-free alert card into the person's personal chat with Baken. The outbox
 * worker retries on 429/5xx/network (Retry-After honoured) and dead-letters what cannot be delivered, so an
 * admin sees it (`npm run outbox -- list --status dead`). The job completes only after the connector accepted.
 */
export function alertDelivery(deps: { store: Store; sender: ProactiveSender; knowledge: ReportKnowledge; clock: Clock }): OutboxHandler {
  const cardDeps = cardDepsFor(deps.knowledge, deps.clock);
  return async (job) => {
    const { reportId, aadObjectId, role, urgency } = job.payload as { reportId: string; aadObjectId: string; role: Role; urgency: Urgency };
    const report = await deps.store.reports.get(reportId);
    if (!report) return {};
    const lang = (await deps.store.profiles.get(aadObjectId))?.lang ?? 'nl';
    const { card, summary } = renderAlertCard(report, role, urgency, lang, cardDeps());
    await deps.sender.toUser(aadObjectId, { summary, attachments: [CardFactory.adaptiveCard(card)] });
    return {};
  };
}

import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { DeliveryError } from '../outbox/worker';
import type { ConversationRef, ConversationRepository } from '../store';

/**
 * Sends Baken's own messages (reminders; alerts later) into a user's personal chat, from the conversation
 * reference stored when she last talked to Baken there. Failures come back as DeliveryError, so the outbox
 * worker knows whether to retry (429, 5xx, network: yes, after Retry-After if given; 4xx: no).
 */
export class ProactiveSender {
  constructor(
    private readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>,
    private readonly botAppId: string,
    private readonly conversations: ConversationRepository,
  ) {}

  async toUser(userKey: string, activity: Partial<Activity>): Promise<void> {
    const ref = (await this.conversations.get(userKey)) as Partial<ConversationReference> | undefined;
    if (!ref?.serviceUrl || !ref.conversation) throw new DeliveryError('no personal chat with this user is known yet', true);
    try {
      await this.adapter.continueConversationAsync(this.botAppId, ref, async (context) => {
        await context.sendActivity(activity);
      });
    } catch (err) {
      throw toDeliveryError(err);
    }
  }
}

/** Remembers where this user talks to Baken; writes only when it changed (one write per new chat). */
export async function rememberConversation(conversations: ConversationRepository, userKey: string, activity: Partial<Activity>): Promise<void> {
  const ref = JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as ConversationRef & Partial<ConversationReference>;
  const known = (await conversations.get(userKey)) as Partial<ConversationReference> | undefined;
  if (known && known.serviceUrl === ref.serviceUrl && known.conversation?.id === ref.conversation?.id) return;
  await conversations.put(userKey, ref);
}

interface HttpishError {
  statusCode?: number;
  status?: number;
  code?: string;
  response?: { status?: number; headers?: { get?: (name: string) => string | null | undefined } | Record<string, string> };
}

/** Retry-After as seconds or an HTTP date, in milliseconds. */
function retryAfterMs(err: HttpishError): number | undefined {
  const headers = err.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (err ?? {}) as HttpishError;
  const status = e.statusCode ?? e.response?.status ?? e.status;
  const what = status ? `Bot Connector answered ${status}` : `network error${e.code ? ` (${e.code})` : ''}`;
  if (!status) return new DeliveryError(what, true);
  const retryable = status === 429 || status === 408 || status >= 500;
  return new DeliveryError(what, retryable, retryable ? retryAfterMs(e) : undefined);
}

import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { DeliveryError } from '../outbox/worker';
import type { ConversationRef, ConversationRepository } from '../store';

/** Where a proactive message landed: enough to update it in place later. */
export interface Delivered {
  conversationId: string;
  activityId: string;
  /** 'newChat': Baken opened the 1:1 chat itself (no stored conversation reference). */
  via: 'chat' | 'newChat';
}

type Ref = Partial<ConversationReference>;
/** What the sender needs of the adapter; opening new 1:1 chats is optional (test doubles may leave it out). */
export type SenderAdapter = Pick<CloudAdapter, 'continueConversationAsync'> & Partial<Pick<CloudAdapter, 'createConversationAsync'>>;

/**
 * Sends Baken's own messages (reminders, alerts, status messages) into a user's personal chat, from the
 * conversation reference stored when she last talked to Baken there; without one, it can open the 1:1 chat from her
 * AAD object id in the tenant of a known reference (Teams allows this once the app is available to her). Failures
 * come back as DeliveryError, so the outbox worker knows whether to retry (429, 5xx, network: yes, after
 * Retry-After if given; 4xx: no).
 */
export class ProactiveSender {
  /** `adapter` may be given late (a function): the bot's adapter exists only once the bot is built. */
  constructor(
    private readonly adapterSource: SenderAdapter | (() => SenderAdapter),
    private readonly botAppId: string,
    private readonly conversations: ConversationRepository,
  ) {}

  private get adapter(): SenderAdapter {
    return typeof this.adapterSource === 'function' ? this.adapterSource() : this.adapterSource;
  }

  /**
   * To her personal chat. `opener`: the stored key of someone in the same tenant (e.g. the reporter) whose reference
   * gives the service URL and tenant to open a new 1:1 chat with `aadObjectId` when none is known.
   */
  async toUser(userKey: string, activity: Partial<Activity>, opener?: { aadObjectId: string; fromKey: string }): Promise<Delivered> {
    const ref = (await this.conversations.get(userKey)) as Ref | undefined;
    if (ref?.serviceUrl && ref.conversation) return { ...(await this.send(ref, activity)), via: 'chat' };
    const template = opener ? ((await this.conversations.get(opener.fromKey)) as Ref | undefined) : undefined;
    if (!opener || !template?.serviceUrl) throw new DeliveryError('no personal chat with this user is known yet', true);
    const created = await this.openChat(opener.aadObjectId, template);
    await this.conversations.put(userKey, JSON.parse(JSON.stringify(created)) as Record<string, unknown>);
    return { ...(await this.send(created, activity)), via: 'newChat' };
  }

  /** Into a stored conversation (a channel) by its reference. */
  async toConversation(ref: Ref, activity: Partial<Activity>): Promise<Omit<Delivered, 'via'>> {
    return this.send(ref, activity);
  }

  /** Replaces a message Baken sent before (the alert card, refreshed for every recipient). */
  async update(userKeyOrRef: string | Ref, delivered: Pick<Delivered, 'conversationId' | 'activityId'>, activity: Partial<Activity>): Promise<void> {
    const ref = typeof userKeyOrRef === 'string' ? ((await this.conversations.get(userKeyOrRef)) as Ref | undefined) : userKeyOrRef;
    if (!ref?.serviceUrl) throw new DeliveryError('no conversation reference for this message', false);
    const target: Ref = { ...ref, conversation: { ...(ref.conversation ?? {}), id: delivered.conversationId } as ConversationReference['conversation'] };
    await this.run(target, async (context) => {
      await context.updateActivity({ ...activity, id: delivered.activityId, type: 'message', conversation: target.conversation });
    });
  }

  /**
   * Runs `work` in a proactive turn. A failure inside the turn is caught there and thrown afterwards: the adapter's
   * turn-error handler must not see it (it would post "something went wrong" into her chat and report success).
   */
  private async run(ref: Ref, work: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(this.botAppId, ref, async (context) => {
        try {
          await work(context);
        } catch (err) {
          failure = err ?? new Error('send failed');
        }
      });
    } catch (err) {
      throw toDeliveryError(err);
    }
    if (failure !== undefined) throw toDeliveryError(failure);
  }

  private async send(ref: Ref, activity: Partial<Activity>): Promise<Omit<Delivered, 'via'>> {
    let activityId = '';
    await this.run(ref, async (context) => {
      activityId = (await context.sendActivity(activity))?.id ?? '';
    });
    return { conversationId: ref.conversation!.id, activityId };
  }

  private async openChat(aadObjectId: string, template: Ref): Promise<Ref> {
    const tenantId = (template.conversation as { tenantId?: string } | undefined)?.tenantId;
    let created: Ref | undefined;
    const { createConversationAsync } = this.adapter;
    if (!createConversationAsync) throw new DeliveryError('this adapter cannot open chats', true);
    try {
      await createConversationAsync.call(this.adapter,
        this.botAppId,
        template.channelId ?? 'msteams',
        template.serviceUrl!,
        '',
        { isGroup: false, bot: template.bot!, members: [{ id: aadObjectId, name: '' }], tenantId, channelData: { tenant: { id: tenantId } }, activity: undefined as unknown as Activity },
        async (context) => {
          created = TurnContext.getConversationReference(context.activity);
        },
      );
    } catch (err) {
      throw toDeliveryError(err);
    }
    if (!created?.conversation) throw new DeliveryError('the 1:1 chat could not be opened', true);
    return { ...created, user: { id: aadObjectId, name: '', aadObjectId } as ConversationReference['user'], conversation: { ...created.conversation, tenantId } as ConversationReference['conversation'] };
  }
}

/** Remembers where this user talks to Baken; writes only when it changed (one write per new chat). */
export async function rememberConversation(conversations: ConversationRepository, userKey: string, activity: Partial<Activity>): Promise<void> {
  const known = (await conversations.get(userKey)) as Partial<ConversationReference> | undefined;
  // Compared on the activity itself (the reference copies these two fields): the reference is built only to be written.
  if (known && known.serviceUrl === activity.serviceUrl && known.conversation?.id === activity.conversation?.id) return;
  const ref = JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as ConversationRef & Partial<ConversationReference>;
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

import * as http from 'http';
import type { AddressInfo } from 'net';
import { randomUUID } from 'crypto';

/** One activity the bot sent to the Bot Connector. */
export interface RecordedActivity {
  method: string;
  conversationId: string;
  /** Set when the bot replied to a specific activity (POST …/activities/:replyTo) or updated one (PUT). */
  activityId?: string;
  activity: BotActivity;
}

/** The parts of an outgoing Bot Framework activity the tests look at. */
export interface BotActivity {
  type: string;
  id?: string;
  text?: string;
  replyToId?: string;
  entities?: Array<Record<string, unknown>>;
  attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
  [key: string]: unknown;
}

/**
 * A stand-in for the Bot Connector service on 127.0.0.1:<random port>: the bot's serviceUrl. Records
 * every activity the bot sends (POST /v3/conversations/:id/activities[/:replyTo], PUT for updates) and
 * answers with a fresh id, as the real connector does.
 */
export class RecordingConnector {
  readonly activities: RecordedActivity[] = [];
  /** The Teams roster as GET /v3/conversations/:id/members/:userId answers it (TeamsInfo.getMember), by user id. */
  readonly members = new Map<string, Record<string, unknown>>();
  /** How often the roster was asked. */
  rosterLookups = 0;
  /** 1:1 chats the bot opened (POST /v3/conversations): the new conversation id and the members asked for. */
  readonly created: Array<{ conversationId: string; members: unknown }> = [];
  /** Queued failures: the next requests for a conversation ('*' any, 'create' = opening a chat) get these answers. */
  private readonly failures = new Map<string, Array<{ status: number; retryAfter?: string }>>();
  private constructor(private readonly server: http.Server, readonly serviceUrl: string) {}

  /** The next `statuses.length` requests to `conversationId` ('*': any; 'create': opening a 1:1 chat) fail with these. */
  failNext(conversationId: string, ...statuses: Array<number | { status: number; retryAfter?: string }>): void {
    const queue = this.failures.get(conversationId) ?? [];
    queue.push(...statuses.map((s) => (typeof s === 'number' ? { status: s } : s)));
    this.failures.set(conversationId, queue);
  }

  private takeFailure(conversationId: string): { status: number; retryAfter?: string } | undefined {
    for (const key of [conversationId, '*']) {
      const queue = this.failures.get(key);
      if (queue?.length) return queue.shift();
    }
    return undefined;
  }

  static async start(): Promise<RecordingConnector> {
    let connector: RecordingConnector | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const fail = (f: { status: number; retryAfter?: string }) => {
          res.statusCode = f.status;
          if (f.retryAfter) res.setHeader('Retry-After', f.retryAfter);
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify({ error: { code: 'Test', message: `failure ${f.status}` } }));
        };
        const member = /^\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(req.url ?? '');
        if (req.method === 'GET' && member) {
          connector!.rosterLookups++;
          const found = connector!.members.get(decodeURIComponent(member[1]));
          res.statusCode = found ? 200 : 404;
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify(found ?? { error: { code: 'MemberNotFoundInConversation', message: 'not found' } }));
          return;
        }
        if (req.method === 'POST' && /^\/v3\/conversations\/?(\?.*)?$/.test(req.url ?? '')) {
          const failure = connector!.takeFailure('create');
          if (failure) return fail(failure);
          const params = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { members?: unknown };
          const id = `a:created-${randomUUID()}`;
          connector!.created.push({ conversationId: id, members: params.members });
          res.statusCode = 200;
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify({ id }));
          return;
        }
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
          res.statusCode = 404;
          res.end();
          return;
        }
        const failure = connector!.takeFailure(decodeURIComponent(match[1]));
        if (failure) return fail(failure);
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as BotActivity;
        connector!.activities.push({
          method: req.method,
          conversationId: decodeURIComponent(match[1]),
          activityId: match[2] ? decodeURIComponent(match[2]) : undefined,
          activity,
        });
        // restify patches http.ServerResponse globally (its writeHead returns nothing), so no chaining here.
        res.statusCode = 200;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ id: randomUUID() }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    connector = new RecordingConnector(server, `http://127.0.0.1:${port}/`);
    return connector;
  }

  /** Activities recorded for `conversationId`, optionally only those from index `from` on. */
  for(conversationId: string, from = 0): RecordedActivity[] {
    return this.activities.slice(from).filter((a) => a.conversationId === conversationId);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

export interface TestUserOptions {
  botEndpoint: string;
  connector: RecordingConnector;
  userId?: string;
  aadObjectId?: string;
  conversationId?: string;
  locale?: string;
  /** Default 'tenant-1'. */
  tenantId?: string;
  /** personal (default), groupChat or channel. */
  conversationType?: 'personal' | 'groupChat' | 'channel';
  /** Authorization header to send (default none, as the Agents Playground). */
  authorization?: string;
}

export interface TurnResult {
  status: number;
  body: string;
  /** What the bot sent to the connector during this turn (typing included). */
  sent: BotActivity[];
  /** The sent message activities only. */
  replies: BotActivity[];
}

/**
 * A Teams user in a personal chat with the bot: posts activities to the bot's real /api/messages
 * endpoint. The bot answers inside the HTTP request (no long-running mode), so when the POST returns
 * every reply of the turn has reached the connector: no waiting, no timing.
 */
export class TestUser {
  readonly userId: string;
  readonly aadObjectId: string;
  readonly conversationId: string;
  constructor(private readonly options: TestUserOptions) {
    this.userId = options.userId ?? `29:${randomUUID()}`;
    this.aadObjectId = options.aadObjectId ?? randomUUID();
    this.conversationId = options.conversationId ?? `a:${randomUUID()}`;
  }

  say(text: string): Promise<TurnResult> {
    return this.send({ type: 'message', text });
  }

  /** An Action.Submit from an Adaptive Card: a message with `value` and no text. */
  submit(value: Record<string, unknown>): Promise<TurnResult> {
    return this.send({ type: 'message', value });
  }

  /** An Action.Execute from an Adaptive Card (invoke adaptiveCard/action): the HTTP body is the invoke response. */
  async execute(verb: string, data: Record<string, unknown>): Promise<TurnResult & { card?: Record<string, unknown>; message?: string }> {
    const result = await this.send({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } });
    const response = result.body ? (JSON.parse(result.body) as { type?: string; value?: unknown }) : {};
    return {
      ...result,
      ...(response.type === 'application/vnd.microsoft.card.adaptive' ? { card: response.value as Record<string, unknown> } : {}),
      ...(typeof response.value === 'string' ? { message: response.value } : {}),
    };
  }

  /** The bot being added to the personal chat (install). */
  install(): Promise<TurnResult> {
    return this.send({
      type: 'conversationUpdate',
      membersAdded: [{ id: this.userId, aadObjectId: this.aadObjectId }, { id: '28:baken-bot' }],
    });
  }

  async send(partial: Record<string, unknown>): Promise<TurnResult> {
    const activity = {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.options.connector.serviceUrl,
      timestamp: new Date().toISOString(),
      locale: this.options.locale ?? 'nl-NL',
      from: { id: this.userId, aadObjectId: this.aadObjectId, name: 'Test Leerkracht' },
      recipient: { id: '28:baken-bot', name: 'Baken' },
      conversation: { id: this.conversationId, conversationType: this.options.conversationType ?? 'personal', tenantId: this.options.tenantId ?? 'tenant-1' },
      channelData: { tenant: { id: this.options.tenantId ?? 'tenant-1' } },
      ...partial,
    };
    const before = this.options.connector.activities.length;
    const { status, body } = await postJson(this.options.botEndpoint, activity, this.options.authorization);
    const sent = this.options.connector.for(this.conversationId, before).map((r) => r.activity);
    return { status, body, sent, replies: sent.filter((a) => a.type === 'message') };
  }
}

export function postJson(url: string, body: unknown, authorization?: string): Promise<{ status: number; body: string }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': payload.length,
          ...(authorization ? { Authorization: authorization } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The Adaptive Card contents among an activity's attachments. */
export function cardsOf(activity: BotActivity): Array<Record<string, unknown>> {
  return (activity.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content);
}

/** Every Action.Submit/OpenUrl in a card (actions array and nested ActionSets). */
export function actionsOf(card: Record<string, unknown>): Array<{ type: string; title?: string; data?: Record<string, unknown>; url?: string }> {
  const found: Array<{ type: string; title?: string; data?: Record<string, unknown>; url?: string }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if (typeof obj.type === 'string' && obj.type.startsWith('Action.')) found.push(obj as { type: string });
      Object.values(obj).forEach(walk);
    }
  };
  walk(card);
  return found;
}

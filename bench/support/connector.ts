/**
 * A loopback stand-in for the Bot Connector service: the bot's serviceUrl points here, so every reply the
 * bot sends arrives as an HTTP POST. The benchmark waits on the first reply per conversation.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { Attachment } from '../../scripts/lib/cards';

export interface ConnectorActivity {
  type: string;
  text?: string;
  attachments?: Attachment[];
  conversation?: { id: string };
  replyToId?: string;
  [key: string]: unknown;
}

type Waiter = { accept: (activity: ConnectorActivity) => boolean; resolve: (activity: ConnectorActivity) => void };

/** Sees every activity that arrives: its conversation, the HTTP method (POST new, PUT update) and when (hrtime). */
export type ActivityListener = (conversationId: string, activity: ConnectorActivity, method: string, at: bigint) => void;

/** Matches POST /v3/conversations/{id}/activities[/{replyToId}] (sendToConversation, replyToActivity, updates). */
const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export class BenchConnector {
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly listeners: ActivityListener[] = [];
  private readonly server: http.Server;
  private sequence = 0;
  /** Requests to paths this stand-in does not model, for diagnosis. */
  readonly unexpected: string[] = [];
  received = 0;

  private constructor() {
    this.server = http.createServer((request, response) => this.handle(request, response));
    this.server.keepAliveTimeout = 30_000;
  }

  static async start(): Promise<BenchConnector> {
    const connector = new BenchConnector();
    await new Promise<void>((resolve) => connector.server.listen(0, '127.0.0.1', resolve));
    return connector;
  }

  /** What to put in an activity's serviceUrl. */
  get serviceUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const path = decodeURIComponent((request.url ?? '').split('?')[0]);
      const match = request.method === 'POST' || request.method === 'PUT' ? ACTIVITY_PATH.exec(path) : null;
      response.setHeader('content-type', 'application/json');
      if (!match) {
        this.unexpected.push(`${request.method} ${path}`);
        response.end('{}');
        return;
      }
      const activity = (body ? JSON.parse(body) : {}) as ConnectorActivity;
      const at = process.hrtime.bigint();
      for (const listener of this.listeners) listener(match[1], activity, request.method ?? '', at);
      response.end(JSON.stringify({ id: `reply-${++this.sequence}` }));
      this.received++;
      this.deliver(match[1], activity);
    });
  }

  private deliver(conversationId: string, activity: ConnectorActivity): void {
    const waiting = this.waiters.get(conversationId);
    if (!waiting) return;
    const index = waiting.findIndex((waiter) => waiter.accept(activity));
    if (index < 0) return;
    const [waiter] = waiting.splice(index, 1);
    waiter.resolve(activity);
  }

  /** Calls `listener` for every activity from now on (arrival time taken before the answer is sent); returns the unsubscribe. */
  listen(listener: ActivityListener): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  /**
   * Resolves with the next activity to `conversationId` that satisfies `accept` (default: a message with
   * text or attachments, i.e. not a typing indicator). Register before sending. Rejects after `timeoutMs`.
   */
  next(conversationId: string, timeoutMs: number, accept: (activity: ConnectorActivity) => boolean = isVisibleMessage): Promise<ConnectorActivity> {
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(conversationId) ?? [];
      this.waiters.set(conversationId, list);
      const waiter: Waiter = {
        accept,
        resolve: (activity) => {
          clearTimeout(timer);
          resolve(activity);
        },
      };
      const timer = setTimeout(() => {
        const at = list.indexOf(waiter);
        if (at >= 0) list.splice(at, 1);
        reject(new Error(`no reply in conversation ${conversationId} within ${timeoutMs} ms`));
      }, timeoutMs);
      list.push(waiter);
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function isVisibleMessage(activity: ConnectorActivity): boolean {
  return activity.type === 'message' && (Boolean(activity.text) || (activity.attachments?.length ?? 0) > 0);
}

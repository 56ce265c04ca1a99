import * as http from 'http';
import * as https from 'https';
import { randomUUID } from 'crypto';
import type { CloudAdapter } from 'botbuilder';

// botbuilder does not re-export botframework-connector's client types; take them from CloudAdapter's signature.
type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
type ConnectorFactory = ReturnType<BotFrameworkAuthentication['createConnectorFactory']>;
export type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type Conversations = ConnectorClient['conversations'];
type OutgoingActivity = Parameters<Conversations['sendToConversation']>[1];
type ResourceResponse = { id?: string };

/** What the connector answers a send with when it took it (any other status is an error, as for botframework-connector). */
const ACCEPTED = new Set([200, 201, 202]);
/** @azure/core-rest-pipeline's default retry policy: 3 retries, exponential from 1 s up to 64 s, Retry-After honoured. */
const MAX_RETRIES = 3;
const RETRY_DELAY_MS = 1000;
const MAX_RETRY_DELAY_MS = 64_000;
const RETRIED_NETWORK_ERRORS = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ENOTFOUND']);
/** Proxy variables @azure/core-rest-pipeline honours (upper or lower case): with any of them set the library sends. */
const PROXY_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY'];

const USER_AGENT = `Microsoft-BotFramework/3.1 baken Node/${process.versions.node}`;

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** A failed send: the shape botframework-connector's RestError has (statusCode, code, details, response with headers.get). */
export class ConnectorSendError extends Error {
  override readonly name = 'RestError';
  constructor(
    message: string,
    readonly statusCode?: number,
    readonly code?: string,
    readonly details?: unknown,
    readonly response?: { status: number; headers: { get(name: string): string | undefined }; bodyAsText: string },
  ) {
    super(message);
  }
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function post(url: URL, headers: Record<string, string>, body: string): Promise<Reply> {
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      url,
      { method: 'POST', agent: secure ? agents.https : agents.http, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** How long to wait before retrying, or undefined when this outcome is final (the default retry policy's rules). */
function retryDelay(attempt: number, reply: Reply | undefined, error: NodeJS.ErrnoException | undefined): number | undefined {
  if (reply && (reply.status === 429 || reply.status === 503)) {
    for (const name of ['retry-after-ms', 'x-ms-retry-after-ms', 'retry-after']) {
      const raw = header(reply.headers, name);
      if (raw === undefined || raw === '') continue;
      const value = Number(raw);
      if (Number.isFinite(value)) return name === 'retry-after' ? value * 1000 : value;
      if (name === 'retry-after') {
        const at = Date.parse(raw);
        if (Number.isFinite(at)) return Math.max(0, at - Date.now());
      }
    }
  }
  const transient = reply
    ? (reply.status >= 500 || reply.status === 408) && reply.status !== 501 && reply.status !== 505
    : RETRIED_NETWORK_ERRORS.has(error?.code ?? '');
  if (!transient) return undefined;
  const clamped = Math.min(MAX_RETRY_DELAY_MS, RETRY_DELAY_MS * 2 ** attempt);
  return clamped / 2 + Math.floor(Math.random() * (clamped / 2 + 1));
}

function failure(reply: Reply): ConnectorSendError {
  let details: unknown;
  try {
    details = reply.body ? JSON.parse(reply.body) : undefined;
  } catch {
    details = undefined;
  }
  const error = (details as { error?: { code?: string; message?: string } } | undefined)?.error;
  return new ConnectorSendError(error?.message ?? `Bot Connector answered ${reply.status}`, reply.status, error?.code, details, {
    status: reply.status,
    headers: { get: (name) => header(reply.headers, name) },
    bodyAsText: reply.body,
  });
}

export interface DirectSendOptions {
  /** Where the proxy variables are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Waits between retries (default setTimeout). */
  wait?: (ms: number) => Promise<void>;
}

/**
 * Every activity Baken sends (the typing indicator, the answer, a card, an outbox message) goes through
 * botframework-connector's `replyToActivity` or `sendToConversation`: for each, the Azure core pipeline serialises the
 * activity against the Activity model and runs about fifteen policies: with the typing indicator and the answer, about
 * a third of the CPU a question costs besides answering it (bench:ask). `directSends` gives a connector client whose two send operations are one JSON POST
 * each over a shared keep-alive agent, with what the library's pipeline does for them: the credentials' own token
 * (signRequest: cached and refreshed by botframework-connector), the same URL, headers and body, the same retries
 * (429/503 after Retry-After; 408 and 5xx but 501/505, and connection errors, after an exponential back-off; 3 retries)
 * and an error of the same shape (statusCode, code, response.headers). Everything else (updates, members, the roster,
 * new chats) is the library's, and with a proxy configured the library sends everything. The inbound JWT check is not
 * involved. Keeping the library's client and trimming its pipeline instead (removePolicy) saves about a quarter as
 * much: the Activity-model serialisation and the pipeline's machinery stay (bench/connector-sends.ts; README, Speed).
 */
export function directSends(client: ConnectorClient, serviceUrl: string, options: DirectSendOptions = {}): ConnectorClient {
  const env = options.env ?? process.env;
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  if (PROXY_VARIABLES.some((name) => env[name] || env[name.toLowerCase()])) return client;
  let base: URL;
  try {
    base = new URL(serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);
  } catch {
    return client;
  }
  if ((base.protocol !== 'http:' && base.protocol !== 'https:') || base.search || base.hash) return client;

  async function send(path: string, activity: OutgoingActivity, conversationId?: string): Promise<ResourceResponse> {
    const headers: Record<string, string> = {};
    const signable = { headers: { set: (name: string, value: string) => void (headers[name.toLowerCase()] = value), get: (name: string) => headers[name.toLowerCase()] } };
    await client.credentials.signRequest(signable as unknown as Parameters<ConnectorClient['credentials']['signRequest']>[0]);
    Object.assign(headers, {
      'content-type': 'application/json; charset=utf-8',
      accept: '*/*',
      'user-agent': USER_AGENT,
      'x-ms-client-request-id': randomUUID(),
      ...(conversationId !== undefined ? { 'x-ms-conversation-id': conversationId } : {}),
    });
    const url = new URL(path, base);
    const body = JSON.stringify(activity);
    for (let attempt = 0; ; attempt++) {
      let reply: Reply | undefined;
      let error: NodeJS.ErrnoException | undefined;
      try {
        reply = await post(url, headers, body);
      } catch (err) {
        error = err as NodeJS.ErrnoException;
      }
      if (reply && ACCEPTED.has(reply.status)) return reply.body ? (JSON.parse(reply.body) as ResourceResponse) : {};
      const delay = attempt < MAX_RETRIES ? retryDelay(attempt, reply, error) : undefined;
      if (delay === undefined) throw reply ? failure(reply) : error;
      await wait(delay);
    }
  }

  const id = encodeURIComponent;
  const conversations = Object.create(client.conversations) as Conversations;
  Object.assign(conversations, {
    replyToActivity(conversationId: string, activityId: string, activity: OutgoingActivity, ...rest: unknown[]) {
      if (rest.length > 0) return client.conversations.replyToActivity(conversationId, activityId, activity, ...(rest as []));
      return send(`v3/conversations/${id(conversationId)}/activities/${id(activityId)}`, activity, conversationId);
    },
    sendToConversation(conversationId: string, activity: OutgoingActivity, ...rest: unknown[]) {
      if (rest.length > 0) return client.conversations.sendToConversation(conversationId, activity, ...(rest as []));
      return send(`v3/conversations/${id(conversationId)}/activities`, activity);
    },
  });
  // The library's client underneath (its credentials, other operations, the Teams client TeamsInfo builds from it).
  const direct = Object.create(client) as ConnectorClient;
  Object.defineProperty(direct, 'conversations', { value: conversations, enumerable: true });
  return direct;
}

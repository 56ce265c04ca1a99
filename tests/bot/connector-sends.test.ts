import * as http from 'http';
import type { AddressInfo } from 'net';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { directSends, type ConnectorClient } from '../../src/bot/connector-sends';
import { keepEntityProperties } from '../../src/bot/entity-serialization';
import { toDeliveryError } from '../../src/bot/proactive';
import { personalReplyEnvelope } from '../../scripts/lib/reply-envelope';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** A stand-in Bot Connector that records requests and answers from a queue (default 200 with an id). */
async function connector(): Promise<{ url: string; received: Received[]; answers: Array<{ status: number; headers?: Record<string, string>; body?: unknown }>; stop(): Promise<void> }> {
  const received: Received[] = [];
  const answers: Array<{ status: number; headers?: Record<string, string>; body?: unknown }> = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined });
      const answer = answers.shift() ?? { status: 200, body: { id: `reply-${received.length}` } };
      res.statusCode = answer.status;
      for (const [k, v] of Object.entries(answer.headers ?? {})) res.setHeader(k, v);
      res.setHeader('content-type', 'application/json');
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/amer/`,
    received,
    answers,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** botframework-connector's own client for `serviceUrl`, as the adapter builds it in local (unauthenticated) mode. */
async function libraryClient(serviceUrl: string): Promise<ConnectorClient> {
  keepEntityProperties();
  const auth = new ConfigurationBotFrameworkAuthentication({});
  const { claimsIdentity, audience } = await auth.authenticateRequest({ type: 'message', serviceUrl, channelId: 'msteams' } as Activity, '');
  return auth.createConnectorFactory(claimsIdentity).create(serviceUrl, audience);
}

const CONVERSATION = 'a:1Bx-9@thread.skype;messageid=1700000000';

/** An answer as Baken sends it: text, citation entity, card, feedback loop, and what botbuilder adds from the turn. */
function answer(serviceUrl: string): Partial<Activity> {
  return {
    type: 'message',
    text: 'Registreer elk incident in ParnasSys. [1]',
    textFormat: 'markdown',
    entities: [{ type: 'https://schema.org/Message', '@type': 'Message', '@context': 'https://schema.org', '@id': '', citation: [{ '@type': 'Claim', position: 1 }] }],
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'ü & ${x}' }] } }],
    channelData: { feedbackLoopEnabled: true },
    ...personalReplyEnvelope(serviceUrl, CONVERSATION, 'f:1234;x=y'),
  };
}

describe('directSends: activities sent as one JSON POST, as botframework-connector sends them', () => {
  let stub: Awaited<ReturnType<typeof connector>>;
  beforeEach(async () => {
    stub = await connector();
  });
  afterEach(() => stub.stop());

  test('a reply and a new message reach the connector exactly as the library sends them: URL, body, headers', async () => {
    const library = await libraryClient(stub.url);
    const direct = directSends(await libraryClient(stub.url), stub.url);
    const typing = { ...answer(stub.url), type: 'typing', text: undefined, entities: undefined, attachments: undefined, channelData: undefined };
    const sent = [
      await library.conversations.replyToActivity(CONVERSATION, 'f:1234;x=y', answer(stub.url)),
      await direct.conversations.replyToActivity(CONVERSATION, 'f:1234;x=y', answer(stub.url)),
      await library.conversations.replyToActivity(CONVERSATION, 'f:1234;x=y', typing),
      await direct.conversations.replyToActivity(CONVERSATION, 'f:1234;x=y', typing),
      await library.conversations.sendToConversation(CONVERSATION, answer(stub.url)),
      await direct.conversations.sendToConversation(CONVERSATION, answer(stub.url)),
    ];
    expect(sent.map((r) => r.id)).toEqual(['reply-1', 'reply-2', 'reply-3', 'reply-4', 'reply-5', 'reply-6']);
    const [a, b, c, d, e, f] = stub.received;
    for (const [viaLibrary, viaDirect] of [[a, b], [c, d], [e, f]]) {
      expect(viaDirect.method).toBe(viaLibrary.method);
      expect(viaDirect.url).toBe(viaLibrary.url);
      expect(viaDirect.body).toEqual(viaLibrary.body);
      for (const name of ['content-type', 'accept', 'x-ms-conversation-id', 'authorization']) expect(viaDirect.headers[name]).toEqual(viaLibrary.headers[name]);
      expect(viaDirect.headers['user-agent']).toContain('Microsoft-BotFramework/3.1');
    }
    expect(a.url).toBe('/amer/v3/conversations/a%3A1Bx-9%40thread.skype%3Bmessageid%3D1700000000/activities/f%3A1234%3Bx%3Dy');
    expect(e.url).toBe('/amer/v3/conversations/a%3A1Bx-9%40thread.skype%3Bmessageid%3D1700000000/activities');
  });

  test("each send is signed by the client's credentials (the bot's token in production)", async () => {
    const library = await libraryClient(stub.url);
    const signed = Object.create(library, {
      credentials: { value: { signRequest: async (request: { headers: { set(n: string, v: string): void } }) => (request.headers.set('Authorization', 'Bearer token-1'), request) } },
    }) as ConnectorClient;
    await directSends(signed, stub.url).conversations.sendToConversation(CONVERSATION, answer(stub.url));
    expect(stub.received[0].headers.authorization).toBe('Bearer token-1');
  });

  test('503 with Retry-After is retried after it; then delivered once', async () => {
    stub.answers.push({ status: 503, headers: { 'Retry-After': '0' }, body: { error: { code: 'ServiceUnavailable', message: 'busy' } } });
    const direct = directSends(await libraryClient(stub.url), stub.url);
    await expect(direct.conversations.replyToActivity(CONVERSATION, 'x', answer(stub.url))).resolves.toEqual({ id: 'reply-2' });
    expect(stub.received).toHaveLength(2);
  });

  test('429 without Retry-After, 403: not retried; the error has the library\'s shape and the outbox classifies it', async () => {
    const direct = directSends(await libraryClient(stub.url), stub.url);
    stub.answers.push({ status: 429, body: { error: { code: 'Throttled', message: 'slow down' } } });
    const throttled = await direct.conversations.sendToConversation(CONVERSATION, answer(stub.url)).catch((e: unknown) => e);
    expect(throttled).toMatchObject({ name: 'RestError', statusCode: 429, code: 'Throttled', message: 'slow down' });
    expect(toDeliveryError(throttled).retryable).toBe(true);
    stub.answers.push({ status: 403, headers: { 'Retry-After': '5' }, body: { error: { code: 'BotDisabledByAdmin', message: 'no' } } });
    const refused = (await direct.conversations.sendToConversation(CONVERSATION, answer(stub.url)).catch((e: unknown) => e)) as {
      statusCode: number;
      response: { headers: { get(n: string): string | undefined } };
    };
    expect(refused).toMatchObject({ statusCode: 403, code: 'BotDisabledByAdmin' });
    expect(refused.response.headers.get('Retry-After')).toBe('5');
    expect(toDeliveryError(refused).retryable).toBe(false);
    expect(stub.received).toHaveLength(2);
  });

  test('5xx and a refused connection are retried 3 times with exponential back-off, like the library; then thrown', async () => {
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    stub.answers.push({ status: 500 }, { status: 502 }, { status: 504 }, { status: 500 });
    const direct = directSends(await libraryClient(stub.url), stub.url, { wait });
    await expect(direct.conversations.sendToConversation(CONVERSATION, answer(stub.url))).rejects.toMatchObject({ statusCode: 500 });
    expect(stub.received).toHaveLength(4);
    expect(waits).toHaveLength(3);
    waits.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(500 * 2 ** i);
      expect(ms).toBeLessThanOrEqual(1000 * 2 ** i);
    });

    const closed = await connector();
    await closed.stop();
    waits.length = 0;
    const unreachable = directSends(await libraryClient(closed.url), closed.url, { wait });
    const error = await unreachable.conversations.sendToConversation(CONVERSATION, answer(closed.url)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(waits).toHaveLength(3);
    expect(toDeliveryError(error).retryable).toBe(true);
  });

  test('501 is final at once', async () => {
    stub.answers.push({ status: 501 });
    const direct = directSends(await libraryClient(stub.url), stub.url, { wait: async () => undefined });
    await expect(direct.conversations.sendToConversation(CONVERSATION, answer(stub.url))).rejects.toMatchObject({ statusCode: 501 });
    expect(stub.received).toHaveLength(1);
  });

  test('other operations stay the library\'s; with a proxy configured the library sends everything', async () => {
    const library = await libraryClient(stub.url);
    const direct = directSends(library, stub.url);
    expect(direct.conversations.updateActivity).toBe(library.conversations.updateActivity);
    expect(direct.credentials).toBe(library.credentials);
    await direct.conversations.updateActivity(CONVERSATION, 'm-1', { ...answer(stub.url), id: 'm-1' });
    expect(stub.received[0]).toMatchObject({ method: 'PUT', url: expect.stringContaining('/activities/m-1') });
    expect(directSends(library, stub.url, { env: { HTTPS_PROXY: 'http://proxy:8080' } })).toBe(library);
    expect(directSends(library, stub.url, { env: { no_proxy: 'localhost' } })).toBe(library);
  });
});

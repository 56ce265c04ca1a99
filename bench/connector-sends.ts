/**
 * `npx tsx bench/connector-sends.ts`: the CPU one outgoing activity costs the bot's process, per way of sending it:
 *   library     botframework-connector's ConnectorClient as botbuilder builds it (core-client: the activity serialised
 *               against the Activity model, then the Azure core pipeline's 15 policies);
 *   direct      the same client through directSends (src/bot/connector-sends.ts: one JSON POST; what Baken runs);
 *   configured  the library's client kept, its pipeline trimmed (removePolicy on the client's core-client pipeline):
 *               tracing, logging, decompression, form data, multipart and abort-signal policies removed, the two
 *               core-http compat wrappers (accept header, signing) replaced by one small policy; serialisation,
 *               retries, redirects, proxy and errors stay the library's. No public option does this: the pipeline
 *               is reached through the client's private `client` field (connectorClientOptions' own
 *               requestPolicyFactories are overwritten by the connector factory and can only add a policy);
 *   request     the configured client's public sendRequest with the activity already a JSON string (no model
 *               serialisation or deserialisation; URL, status check and reply parsing by hand);
 *   pipeline    no ConnectorClient: @azure/core-rest-pipeline (installed with botbuilder, not a dependency of
 *               Baken's own) with an empty pipeline plus its proxy and default retry policies, the credentials'
 *               signRequest and its default HTTP client.
 * Each send goes to a loopback stand-in connector (a plain node http server in this process, answering 200
 * {"id":"1"}), one after another, alternating a typing indicator and an answer with a citation and a card (a turn
 * sends both). The sender runs in a child process. Instructions are counted there with valgrind's callgrind (this
 * machine's perf cannot count instructions): the whole child (node --predictable), for BENCH_SENDS_LOW and
 * BENCH_SENDS_HIGH sends after BENCH_WARMUP sends; the difference divided by the extra sends, BENCH_REPEATS times
 * (median and each run printed). Second, without valgrind: CPU time (user + system of the child) and wall time per
 * send over BENCH_TIMED sends, median of BENCH_REPEATS runs. Figures are printed, never asserted.
 * `-- --variants library,direct` chooses variants; `-- --no-callgrind` skips the instruction count (slow: about
 * two minutes per variant and repeat under valgrind; needs valgrind).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { execFile } from 'child_process';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { createDefaultHttpClient, createEmptyPipeline, createHttpHeaders, createPipelineRequest, defaultRetryPolicy, proxyPolicy, RestError, type PipelinePolicy } from '@azure/core-rest-pipeline';
import { directSends, type ConnectorClient } from '../src/bot/connector-sends';
import { keepEntityProperties } from '../src/bot/entity-serialization';
import { personalReplyEnvelope } from '../scripts/lib/reply-envelope';

const VARIANTS = ['library', 'direct', 'configured', 'request', 'pipeline'] as const;
type Variant = (typeof VARIANTS)[number];

const WARMUP = Number(process.env.BENCH_WARMUP ?? 400);
const SENDS_LOW = Number(process.env.BENCH_SENDS_LOW ?? 200);
const SENDS_HIGH = Number(process.env.BENCH_SENDS_HIGH ?? 1000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const TIMED = Number(process.env.BENCH_TIMED ?? 5000);

const CONVERSATION = 'a:1Bx-9@thread.skype;messageid=1700000000';

/** An answer as Baken sends it: text, citation entity, an Adaptive Card, the feedback loop, what botbuilder adds. */
function answer(serviceUrl: string, i: number): Partial<Activity> {
  return {
    type: 'message',
    text: `Registreer elk incident binnen 24 uur in ParnasSys en informeer de intern begeleider. [1] (${i})`,
    textFormat: 'markdown',
    entities: [
      {
        type: 'https://schema.org/Message',
        '@type': 'Message',
        '@context': 'https://schema.org',
        '@id': '',
        additionalType: ['AIGeneratedContent'],
        citation: [
          {
            '@type': 'Claim',
            position: 1,
            appearance: {
              '@type': 'DigitalDocument',
              name: '4.2 Registratie van incidenten',
              abstract: 'Elk incident wordt binnen 24 uur geregistreerd in ParnasSys door de leerkracht die het zag …',
              url: 'https://baken.example/kennis/de-campus/4.2',
            },
          },
        ],
      },
    ],
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          type: 'AdaptiveCard',
          version: '1.5',
          body: [
            { type: 'TextBlock', text: 'Veiligheidsplan De Campus, 4.2 Registratie van incidenten', wrap: true, size: 'Small', isSubtle: true },
            { type: 'TextBlock', text: 'Registreer elk incident binnen 24 uur in ParnasSys.', wrap: true },
          ],
          actions: [
            { type: 'Action.Submit', title: 'Hele paragraaf', data: { verb: 'section', doc: 'de-campus', section: '4.2' } },
            { type: 'Action.OpenUrl', title: 'Lees verder', url: 'https://baken.example/kennis/de-campus/4.2' },
          ],
        },
      },
    ],
    channelData: { feedbackLoopEnabled: true },
    ...personalReplyEnvelope(serviceUrl, CONVERSATION, 'f:1234'),
  };
}

function typing(serviceUrl: string): Partial<Activity> {
  const { channelId, locale, from, recipient, conversation, replyToId } = answer(serviceUrl, 0);
  return { type: 'typing', channelId, serviceUrl, locale, from, recipient, conversation, replyToId };
}

/** botframework-connector's own client for `serviceUrl`, as the adapter builds it in local (unauthenticated) mode. */
async function libraryClient(serviceUrl: string): Promise<ConnectorClient> {
  keepEntityProperties();
  const auth = new ConfigurationBotFrameworkAuthentication({});
  const { claimsIdentity, audience } = await auth.authenticateRequest({ type: 'message', serviceUrl, channelId: 'msteams' } as Activity, '');
  return auth.createConnectorFactory(claimsIdentity).create(serviceUrl, audience);
}

type Signable = Parameters<ConnectorClient['credentials']['signRequest']>[0];

/** The client's credentials sign a request (the bot's token in production; nothing in local mode). */
function signing(client: ConnectorClient, name: string): PipelinePolicy {
  const credentials = client.credentials;
  return {
    name,
    async sendRequest(request, next) {
      if (!request.headers.has('accept')) request.headers.set('accept', '*/*');
      const signable = { headers: { set: (n: string, v: string) => request.headers.set(n, v), get: (n: string) => request.headers.get(n) } };
      await credentials.signRequest(signable as unknown as Signable);
      return next(request);
    },
  };
}

/** The policies a send to the Bot Connector does not use. */
const REMOVED = [
  'tracingPolicy',
  'logPolicy',
  'decompressResponsePolicy',
  'formDataPolicy',
  'multipartPolicy',
  'wrapAbortSignalLikePolicy',
  'ServiceClientContext_RequestPolicyFactories',
  'ServiceClientContext_Credentials_SignRequest',
];

/** The library's client with its core-client pipeline trimmed. */
function configured(client: ConnectorClient): ConnectorClient {
  const pipeline = (client as unknown as { client: { pipeline: ReturnType<typeof createEmptyPipeline> } }).client.pipeline;
  for (const name of REMOVED) pipeline.removePolicy({ name });
  pipeline.addPolicy(signing(client, 'bakenSignRequest'), { afterPolicies: ['setClientRequestIdPolicy'] });
  return client;
}

type Send = (url: string, headers: Record<string, string>, body: string) => Promise<{ status: number; bodyAsText?: string | null }>;

/** A client whose replyToActivity POSTs the activity as JSON through `send` (for the request and pipeline variants). */
function replyingThrough(client: ConnectorClient, serviceUrl: string, send: Send): ConnectorClient {
  const base = serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
  const conversations = Object.create(client.conversations) as ConnectorClient['conversations'];
  conversations.replyToActivity = (async (conversationId: string, activityId: string, activity: Partial<Activity>) => {
    const url = `${base}v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`;
    const headers = { 'content-type': 'application/json; charset=utf-8', 'x-ms-conversation-id': conversationId };
    const response = await send(url, headers, JSON.stringify(activity));
    if (response.status >= 300) throw new Error(`connector answered ${response.status}`);
    return response.bodyAsText ? JSON.parse(response.bodyAsText) : {};
  }) as ConnectorClient['conversations']['replyToActivity'];
  return Object.create(client, { conversations: { value: conversations } }) as ConnectorClient;
}

const pipelineRequest = (url: string, headers: Record<string, string>, body: string) =>
  createPipelineRequest({ url, method: 'POST', body, headers: createHttpHeaders(headers), allowInsecureConnection: url.startsWith('http:') });

/** The configured client's public sendRequest, the activity already JSON. */
function viaSendRequest(client: ConnectorClient, serviceUrl: string): ConnectorClient {
  const sendRequest = client.sendRequest.bind(client) as unknown as (request: ReturnType<typeof createPipelineRequest>) => ReturnType<Send>;
  return replyingThrough(configured(client), serviceUrl, (url, headers, body) => sendRequest(pipelineRequest(url, headers, body)));
}

/** @azure/core-rest-pipeline alone: proxy, the default retry policy, signing, its default HTTP client. */
function viaCorePipeline(client: ConnectorClient, serviceUrl: string): ConnectorClient {
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(proxyPolicy());
  pipeline.addPolicy(defaultRetryPolicy(), { phase: 'Retry' });
  pipeline.addPolicy(signing(client, 'bakenSignRequest'));
  const httpClient = createDefaultHttpClient();
  const userAgent = `Microsoft-BotFramework/3.1 baken Node/${process.versions.node}`;
  return replyingThrough(client, serviceUrl, async (url, headers, body) => {
    const request = pipelineRequest(url, { ...headers, 'user-agent': userAgent }, body);
    const response = await pipeline.sendRequest(httpClient, request);
    if (response.status >= 300) throw new RestError(`connector answered ${response.status}`, { statusCode: response.status, request, response });
    return response;
  });
}

async function clientFor(variant: Variant, serviceUrl: string): Promise<ConnectorClient> {
  const client = await libraryClient(serviceUrl);
  if (variant === 'direct') return directSends(client, serviceUrl);
  if (variant === 'configured') return configured(client);
  if (variant === 'request') return viaSendRequest(client, serviceUrl);
  if (variant === 'pipeline') return viaCorePipeline(client, serviceUrl);
  return client;
}

async function sendMany(client: ConnectorClient, serviceUrl: string, count: number, offset: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const activity = (offset + i) % 2 === 0 ? typing(serviceUrl) : answer(serviceUrl, offset + i);
    const sent = await client.conversations.replyToActivity(CONVERSATION, 'f:1234', activity);
    if (sent.id !== '1') throw new Error(`unexpected reply ${JSON.stringify(sent)}`);
  }
}

/** The child: `--child <variant> <serviceUrl> <warmup> <sends>`; prints CPU and wall time of the measured sends. */
async function child(variant: Variant, serviceUrl: string, warmup: number, sends: number): Promise<void> {
  const client = await clientFor(variant, serviceUrl);
  await sendMany(client, serviceUrl, warmup, 0);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await sendMany(client, serviceUrl, sends, warmup);
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const { user, system } = process.cpuUsage(cpu);
  process.stdout.write(`${JSON.stringify({ cpuMs: (user + system) / 1000, wallMs })}\n`);
  http.globalAgent.destroy();
  process.exit(0);
}

async function startConnector(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id":"1"}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/amer/`,
    stop: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) =>
    execFile(command, args, { maxBuffer: 16 << 20, timeout: 600_000 }, (error, stdout, stderr) => (error ? reject(Object.assign(error, { stderr })) : resolve({ stdout, stderr }))),
  );
}

const nodeArgs = (variant: Variant, url: string, warmup: number, sends: number) => [...process.execArgv, __filename, '--child', variant, url, String(warmup), String(sends)];

/** Instructions executed by the whole child (all threads), from callgrind's summary line. */
async function instructions(variant: Variant, url: string, sends: number): Promise<number> {
  // --predictable: V8 single-threaded, fixed seeds and GC schedule: repeated counts differ by a few per cent at most.
  const { stderr } = await run('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--predictable', ...nodeArgs(variant, url, WARMUP, sends)]);
  const match = /Collected\s*:\s*(\d+)/.exec(stderr);
  if (!match) throw new Error(`no callgrind summary:\n${stderr.slice(-2000)}`);
  return Number(match[1]);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1] as Variant, args[2], Number(args[3]), Number(args[4]));
  const chosen = args.includes('--variants') ? (args[args.indexOf('--variants') + 1].split(',') as Variant[]) : [...VARIANTS];
  for (const variant of chosen) if (!VARIANTS.includes(variant)) throw new Error(`unknown variant ${variant}`);
  const callgrind = !args.includes('--no-callgrind');
  const connector = await startConnector();
  try {
    console.log(`per send (warm-up ${WARMUP}; typing indicator and answer alternating; loopback stand-in connector)`);
    for (const variant of chosen) {
      const timed: Array<{ cpuMs: number; wallMs: number }> = [];
      for (let r = 0; r < REPEATS; r++) timed.push(JSON.parse((await run(process.execPath, nodeArgs(variant, connector.url, WARMUP, TIMED))).stdout));
      const us = (ms: number) => `${((ms / TIMED) * 1000).toFixed(0)} µs`;
      let line = `${variant.padEnd(11)} CPU ${us(median(timed.map((t) => t.cpuMs)))}, wall ${us(median(timed.map((t) => t.wallMs)))} (median of ${REPEATS} × ${TIMED} sends)`;
      if (callgrind) {
        const perSend: number[] = [];
        for (let r = 0; r < REPEATS; r++) {
          const [low, high] = await Promise.all([instructions(variant, connector.url, SENDS_LOW), instructions(variant, connector.url, SENDS_HIGH)]);
          perSend.push((high - low) / (SENDS_HIGH - SENDS_LOW));
        }
        const k = (n: number) => `${(n / 1000).toFixed(0)}k`;
        line += `; instructions ${k(median(perSend))} (${perSend.map(k).join(', ')})`;
      }
      console.log(line);
    }
  } finally {
    await connector.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

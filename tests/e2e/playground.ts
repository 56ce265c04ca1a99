/**
 * End-to-end harness: Baken (as `npm start` runs it) behind the real Microsoft 365 Agents Playground,
 * driven through the playground's browserless API (the same HTTP + WebSocket calls its own UI makes).
 *
 *   const e2e = await startBakenPlayground();
 *   try {
 *     await e2e.client.install();
 *     const welcome = await e2e.client.waitForReply(hasAdaptiveCard);
 *     await e2e.client.submit('chooseSchool', { school: 'de-campus' }, welcome);
 *     await e2e.client.sendText('wie is de vertrouwenspersoon?');
 *     const reply = await e2e.client.waitForReply((m) => messageText(m).includes('…'));
 *   } finally {
 *     await e2e.stop();
 *   }
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import WebSocket from 'ws';
import { BotProcess, PlaygroundProcess, startBot, startPlayground } from '../../scripts/lib/baken-processes';
import { actionsIn, adaptiveCardsIn, Attachment, CardAction, CardChoiceSet, choiceSetsIn, stringsIn } from '../../scripts/lib/cards';

/** Default bound for one bot reply; replies take 15–50 ms here, so this only matters when something is wrong. */
export const DEFAULT_REPLY_TIMEOUT_MS = 15_000;
const API_TIMEOUT_MS = 20_000;

export type PlaygroundAttachment = Attachment;

/** A bot message as the playground's UI receives it (createMessage / updateMessage on its WebSocket). */
export interface PlaygroundMessage {
  messageId: string;
  conversationId: string;
  text: string;
  attachments: PlaygroundAttachment[];
  /** The Teams AI entity (citations live here) when the bot sent one. */
  aiEntity?: unknown;
  /** The whole message object from the WebSocket, for anything the fields above leave out. */
  raw: Record<string, unknown>;
  /** Order of arrival in this client, starting at 0. */
  seq: number;
  /**
   * How it arrived: `createMessage` (a new message) or `updateMessage` (the bot replaced one it sent before, PUT
   * /v3/conversations/{id}/activities/{id}). An Action.Execute invoke response is not on the WebSocket at all: the UI
   * swaps the card itself (playground 0.2.28).
   */
  action: 'createMessage' | 'updateMessage';
}

export interface PlaygroundUser {
  id: string;
  name?: string;
  aadObjectId?: string;
}

interface PlaygroundConfig {
  config: {
    tenantId: string;
    currentUser: PlaygroundUser & { userPrincipleName?: string; email?: string };
    users: PlaygroundUser[];
    personalChat: { id: string; name: string };
    groupChats?: Array<{ id: string; name: string }>;
  };
}

/** Custom activities the playground can synthesise (the "Mock an activity" menu of its UI). */
export type CustomActivityType = 'install' | 'uninstall' | 'botAdded' | 'userAdded' | 'botRemoved' | 'userRemoved';

export interface WaitOptions {
  timeoutMs?: number;
  /** Only consider messages with seq ≥ this; default: those that arrived after the last action of this client. */
  sinceSeq?: number;
}

async function requestJson(url: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(API_TIMEOUT_MS) });
  const body = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${response.status} ${body.slice(0, 500)}`);
  return body ? (JSON.parse(body) as unknown) : undefined;
}

function postJson(url: string, body: unknown): Promise<unknown> {
  return requestJson(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** A user in one playground conversation (the personal chat by default). */
export class PlaygroundClient {
  readonly messages: PlaygroundMessage[] = [];
  private readonly waiters = new Set<() => void>();
  /** seq of the first message that may answer the latest action. */
  private actionMark = 0;

  private constructor(
    readonly baseUrl: string,
    readonly conversationId: string,
    readonly user: PlaygroundUser,
    readonly config: PlaygroundConfig['config'],
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => this.onSocketMessage(data.toString()));
  }

  /** Loads the playground's config and subscribes to the conversation stream before anything is sent. */
  static async connect(baseUrl: string, options: { conversationId?: string } = {}): Promise<PlaygroundClient> {
    const { config } = (await requestJson(`${baseUrl}/_internal/v1/config`)) as PlaygroundConfig;
    const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`;
    const socket = new WebSocket(wsUrl);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`WebSocket ${wsUrl} did not open`)), API_TIMEOUT_MS);
      socket.once('open', () => (clearTimeout(timer), resolve()));
      socket.once('error', (error) => (clearTimeout(timer), reject(error)));
    });
    const user: PlaygroundUser = {
      id: config.currentUser.id,
      name: config.currentUser.name,
      aadObjectId: config.currentUser.aadObjectId,
    };
    return new PlaygroundClient(baseUrl, options.conversationId ?? config.personalChat.id, user, config, socket);
  }

  private onSocketMessage(data: string): void {
    let event: { action?: string; actionConversationId?: string; message?: Record<string, unknown> };
    try {
      event = JSON.parse(data) as typeof event;
    } catch {
      return;
    }
    if (!event.message || event.actionConversationId !== this.conversationId) return;
    if (event.action !== 'createMessage' && event.action !== 'updateMessage') return;
    const raw = event.message;
    const message: PlaygroundMessage = {
      messageId: String(raw.messageId ?? ''),
      conversationId: this.conversationId,
      text: typeof raw.text === 'string' ? raw.text : '',
      attachments: Array.isArray(raw.attachments) ? (raw.attachments as PlaygroundAttachment[]) : [],
      aiEntity: raw.aiEntity,
      raw,
      seq: this.messages.length,
      action: event.action,
    };
    // An update is recorded as a new arrival, so a waiter sees the replaced card.
    this.messages.push(message);
    for (const wake of this.waiters) wake();
  }

  private markAction(): void {
    this.actionMark = this.messages.length;
  }

  /**
   * For actions taken outside this client (typed or clicked in the playground's UI): the next waitForReply
   * considers only messages that arrive from now on. Returns the seq the next message will get.
   */
  mark(): number {
    this.markAction();
    return this.actionMark;
  }

  /** Sends a plain text message as the current user. The reply arrives on the WebSocket, not in the response. */
  async sendText(text: string): Promise<void> {
    this.markAction();
    await postJson(`${this.baseUrl}/_conversation/v1/conversations/${this.conversationId}/messages`, {
      type: 'text',
      text,
      textFormat: 'plain',
      from: { id: this.user.id },
    });
  }

  /**
   * Presses an Action.Submit whose data carries `verb`: the activity's value is `{ verb, ...data }`
   * (inputs and the action's data merged, as Teams does). `card` is the message holding the card;
   * default: the latest message with an Adaptive Card.
   */
  async submit(verb: string, data: Record<string, unknown> = {}, card?: PlaygroundMessage): Promise<void> {
    const replyTo = card ?? this.latestCard();
    this.markAction();
    await postJson(`${this.baseUrl}/_conversation/v1/submit`, {
      conversation: { id: this.conversationId },
      replyToId: replyTo?.messageId,
      value: { verb, ...data },
      from: this.user,
    });
  }

  /** Presses an Action.Execute; the bot's invoke response (usually the replacing card) is returned. */
  async execute(verb: string, data: Record<string, unknown> = {}, card?: PlaygroundMessage): Promise<unknown> {
    const replyTo = card ?? this.latestCard();
    this.markAction();
    return postJson(`${this.baseUrl}/_conversation/v1/invoke`, {
      name: 'adaptiveCard/action',
      conversation: { id: this.conversationId },
      replyToId: replyTo?.messageId,
      value: { action: { type: 'Action.Execute', verb, data } },
      from: this.user,
    });
  }

  /**
   * Sends one of the playground's synthesised activities. `install` is Teams' installationUpdate (add),
   * `botAdded` the conversationUpdate with the bot in membersAdded.
   */
  async sendCustomActivity(type: CustomActivityType): Promise<void> {
    const query = new URLSearchParams({ conversationId: this.conversationId, type });
    const activity = await requestJson(`${this.baseUrl}/_internal/v1/customActivities/template?${query}`);
    this.markAction();
    await postJson(`${this.baseUrl}/_internal/v1/customActivities`, activity);
  }

  /** What Teams sends when a user installs the app in a personal chat: installationUpdate, then the bot added as member. */
  async install(): Promise<void> {
    await this.sendCustomActivity('install');
    const mark = this.actionMark;
    await this.sendCustomActivity('botAdded');
    this.actionMark = mark;
  }

  /** The latest bot message carrying an Adaptive Card, if any. */
  latestCard(): PlaygroundMessage | undefined {
    return [...this.messages].reverse().find(hasAdaptiveCard);
  }

  /**
   * Resolves with the first message (since the last action, unless `sinceSeq` says otherwise) that satisfies
   * `predicate`. Rejects after a bounded wait, listing what did arrive.
   */
  waitForReply(predicate: (message: PlaygroundMessage) => boolean, options: WaitOptions = {}): Promise<PlaygroundMessage> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
    const since = options.sinceSeq ?? this.actionMark;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.messages.slice(since).find(predicate);
        if (!found) return false;
        finish();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        finish();
        const seen = this.messages.slice(since).map(describeMessage).join('\n  ') || '(nothing)';
        reject(new Error(`no matching bot message within ${timeoutMs} ms; received since the last action:\n  ${seen}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      if (!check()) this.waiters.add(check);
    });
  }

  /** Messages that arrived since the last action. */
  repliesSinceLastAction(): PlaygroundMessage[] {
    return this.messages.slice(this.actionMark);
  }

  close(): void {
    this.socket.close();
  }
}

// ── Message helpers ─────────────────────────────────────────────────────────

export function adaptiveCards(message: PlaygroundMessage): Array<Record<string, unknown>> {
  return adaptiveCardsIn(message.attachments);
}

export function hasAdaptiveCard(message: PlaygroundMessage): boolean {
  return adaptiveCards(message).length > 0;
}

/** All text a user could see in the message: its text, every string in its cards, and its citations. */
export function messageText(message: PlaygroundMessage): string {
  return [message.text, ...stringsIn(message.attachments.map((a) => a.content)), ...stringsIn(message.aiEntity)].join('\n');
}

/** Actions (any depth) of the message's cards whose data carries a verb, with their data. */
export function cardVerbs(message: PlaygroundMessage): CardAction[] {
  return actionsIn(message.attachments);
}

/** Input.ChoiceSet elements (any depth) of the message's cards: id and choice values. */
export function cardChoiceSets(message: PlaygroundMessage): CardChoiceSet[] {
  return choiceSetsIn(message.attachments);
}

export function describeMessage(message: PlaygroundMessage): string {
  const cards = adaptiveCards(message).length;
  const text = message.text.replace(/\s+/g, ' ').slice(0, 160);
  return `#${message.seq} ${message.messageId}: "${text}"${cards ? ` + ${cards} card(s) [verbs: ${cardVerbs(message).map((v) => v.verb).join(', ')}]` : ''}`;
}

// ── Baken + playground, started and torn down together ──────────────────────

export interface BakenPlayground {
  bot: BotProcess;
  playground: PlaygroundProcess;
  client: PlaygroundClient;
  /** The lowdb file of this run (inside a fresh temp dir). */
  dataFile: string;
  /** Output of bot and playground, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment for the bot (KNOWLEDGE_DIR, …). PORT and DATA_FILE are set by the harness. */
  botEnv?: NodeJS.ProcessEnv;
  /** Reuse a data file (e.g. to test a restart); default: a new temp dir. */
  dataFile?: string;
  /** Bot entry file; default src/index.ts (the harness's own test uses a stub bot). */
  botEntry?: string;
}

/** Starts the bot first (the playground drops messages when nothing listens), then the playground, then a client. */
export async function startBakenPlayground(options: StartOptions = {}): Promise<BakenPlayground> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-e2e-'));
  const dataFile = options.dataFile ?? path.join(tempDir, 'baken.json');
  const bot = await startBot({ dataFile, env: options.botEnv, entry: options.botEntry });
  let playground: PlaygroundProcess | undefined;
  try {
    playground = await startPlayground({ botEndpoint: bot.endpoint });
    const client = await PlaygroundClient.connect(playground.url);
    const started = playground;
    return {
      bot,
      playground: started,
      client,
      dataFile,
      logs: () => `── baken ──\n${bot.process.tail(60)}\n── playground ──\n${started.process.tail(30)}`,
      stop: async () => {
        client.close();
        await Promise.all([started.process.stop(), bot.process.stop()]);
        fs.rmSync(tempDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all([playground?.process.stop(), bot.process.stop()]);
    fs.rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
}

/** Runs one step; when it fails, the error carries the bot's and the playground's last output. */
export async function withLogs<T>(e2e: BakenPlayground, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${e2e.logs()}`);
  }
}

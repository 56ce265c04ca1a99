import type { TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai';
import type { School } from '../knowledge/types';
import type { UserProfile } from '../store';
import type { Lang } from '../i18n';
import { isPersonal } from './privacy';

/** One incoming text message, with what every intent needs already looked up. */
export interface MessageTurn {
  context: TurnContext;
  state: TurnState;
  /** The message text, bot mention removed, trimmed. */
  text: string;
  /** Lower case, punctuation removed, single spaces: for matching commands. */
  normalized: string;
  userKey: string;
  profile: UserProfile | undefined;
  /** The user's school, when chosen and still known. */
  school: School | undefined;
  lang: Lang;
}

/** Something Baken can do with a text message. */
export interface Intent {
  name: string;
  /** Whether this intent takes the message. Keep it cheap and side-effect free. */
  matches(turn: MessageTurn): boolean;
  /** Default true: without a chosen school the user gets the welcome card instead. */
  needsSchool?: boolean;
  /** Report content: only in the personal chat; elsewhere the one-line pointer to it (src/bot/privacy.ts). */
  personalOnly?: boolean;
  handle(turn: MessageTurn): Promise<void>;
}

/**
 * Routes text messages to intents: the highest priority match wins (equal priority: first added), the
 * fallback (asking the plans) takes everything else. Later capabilities (who-questions, reports) add
 * their intents here instead of registering their own message routes with teams-ai.
 */
export class MessageRouter {
  private readonly intents: Array<{ intent: Intent; priority: number; order: number }> = [];

  constructor(
    private readonly fallback: Intent,
    private readonly onSchoolMissing: (turn: MessageTurn) => Promise<void>,
    private readonly onNotPersonal: (turn: MessageTurn) => Promise<void>,
  ) {}

  add(intent: Intent, priority = 0): this {
    this.intents.push({ intent, priority, order: this.intents.length });
    this.intents.sort((a, b) => b.priority - a.priority || a.order - b.order);
    return this;
  }

  /** The intent that would take this turn (exposed for tests and logging). */
  select(turn: MessageTurn): Intent {
    return this.intents.find(({ intent }) => intent.matches(turn))?.intent ?? this.fallback;
  }

  async route(turn: MessageTurn): Promise<string> {
    const intent = this.select(turn);
    if (intent.personalOnly && !isPersonal(turn.context.activity)) {
      await this.onNotPersonal(turn);
      return `${intent.name} (refused outside the personal chat)`;
    }
    if (intent.needsSchool !== false && !turn.school) {
      await this.onSchoolMissing(turn);
      return 'welcome';
    }
    await intent.handle(turn);
    return intent.name;
  }
}

/** Lower-case, strip punctuation and emoji, collapse spaces. */
export function normalizeCommand(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A matcher for short commands: the whole message is one of `phrases`, give or take a polite word. */
export function commandMatcher(phrases: string[]): (turn: MessageTurn) => boolean {
  const set = new Set(phrases.map(normalizeCommand));
  const filler = /^(ik wil graag |ik wil |graag |please |i want to |kun je |can you )?(.*?)( graag| please| aub| alsjeblieft)?$/;
  return (turn) => {
    const core = turn.normalized.replace(filler, '$2');
    return set.has(turn.normalized) || set.has(core);
  };
}

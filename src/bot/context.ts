import type { TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { AskService } from '../ask/service';
import type { School } from '../knowledge/types';
import { FeedbackLog, UserProfiles, type Store, type UserProfile } from '../store';
import { detectLang, Lang, t } from '../i18n';
import { CardRenderer } from './cards';
import type { Clock } from '../time';

/** What the Teams edge needs from the rest of Baken. */
export interface BotDeps {
  store: Store;
  askService: AskService;
  schools: School[];
  /** Base URL for "lees verder" links, without trailing slash. */
  publicUrl: string;
  logger: Logger;
  /** The one clock of the process (tests pass a fixed one). */
  clock: Clock;
  cardsDir?: string;
  /**
   * The school people.json ties her to when it is exactly one (a director, an IB'er): she need not choose it.
   * Staff without a role, and people with roles at several schools, choose themselves.
   */
  homeSchool?: (context: TurnContext) => Promise<string | undefined>;
}

/** Services shared by every surface file (welcome, help, ask, feedback, …) and by later capabilities. */
export interface BotContext extends BotDeps {
  users: UserProfiles;
  feedback: FeedbackLog;
  cards: CardRenderer;
  schoolById(id: string): School | undefined;
  sectionUrl(doc: string, sectionId: string): string;
  t(lang: Lang, key: string, vars?: Record<string, string>): string;
}

export function createBotContext(deps: BotDeps): BotContext {
  const byId = new Map(deps.schools.map((s) => [s.id, s]));
  return {
    ...deps,
    users: new UserProfiles(deps.store.profiles, deps.clock),
    feedback: new FeedbackLog(deps.store.feedback, deps.clock),
    cards: new CardRenderer(deps.cardsDir),
    schoolById: (id) => byId.get(id),
    sectionUrl: (doc, sectionId) => `${deps.publicUrl}/kennis/${encodeURIComponent(doc)}/${encodeURIComponent(sectionId)}`,
    t: (lang, key, vars) => t(lang, key, vars, deps.cardsDir),
  };
}

/** Profiles are keyed by AAD object id when Teams sends one (stable across chats), else the channel user id. */
export function userKeyOf(activity: Partial<Activity>): string {
  return activity.from?.aadObjectId || activity.from?.id || 'unknown';
}

/** Reply language: what the text says, else the user's last language, else Dutch. */
export function replyLang(activity: Partial<Activity>, profile: UserProfile | undefined): Lang {
  const fromText = activity.text ? detectLang(activity.text) : undefined;
  if (fromText) return fromText;
  if (profile?.lang) return profile.lang;
  // Dutch first: many Dutch teachers run an English Teams client, so the client locale does not decide.
  return 'nl';
}

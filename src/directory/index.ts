/**
 * Who: the role directory per school and board. Public API for the bot router and the `ask` CLI.
 *
 * - {@link detectWho}: is this a who/contact question, about which role or person, how sure (0..1)?
 * - {@link answerWho}: the reply for the asker's school (named / unnamed / conflict / absent), with contacts.
 * - the contact card for a WhoAnswer is rendered by the Teams edge (src/bot/contact-card.ts).
 * - {@link DirectoryService}: loading, reload on file change, `rolesForSchool`.
 */
import type { Lang } from '../knowledge/answer';
import type { WhoAnswer } from './answer';
import type { WhoIntent } from './intent';
import type { DirectoryService } from './service';

export type { WhoAnswer, WhoHolder, WhoState } from './answer';
export type { WhoIntent, WhoCue, DetailKind } from './intent';
export type { SchoolRole } from './lookup';
export type { DirectoryData, DirectoryEntry, Holder, Role, Citation } from './schema';
export { DirectoryService, watchDirectory, type DirectoryServiceOptions, type DirectoryLogger, type WatchOptions } from './service';
export { loadDirectory, loadSchools, DirectoryLoadError } from './load';

/** Recommended threshold: at or above, answer with the directory (card); below, prefer the policy answer. */
export const WHO_CONFIDENCE_THRESHOLD = 0.6;

/**
 * Detects a who/contact question ("wie is onze ivp?", "telnr van de vertrouwenspersoon", "who do I contact at
 * board level about a data leak?"). Returns null for questions that name no role, role topic or person.
 * Pass `schoolId` so a bare first name ("mailadres van marieke") is looked up in the asker's school only.
 */
export function detectWho(question: string, schoolId: string | undefined, service: DirectoryService): WhoIntent | null {
  return service.detectWho(question, schoolId);
}

/** Answers a who-question for the asker's school; null when it is not a who-question. Never another school's person. */
export function answerWho(schoolId: string, question: string, lang: Lang, service: DirectoryService): WhoAnswer | null {
  return service.answerWho(schoolId, question, lang);
}

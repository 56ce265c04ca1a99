import type { TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { Lang } from '../i18n';
import type { Taxonomy } from '../reports/taxonomy';
import type { ReportRepository } from '../store';
import { schoolClock, type Clock } from '../time';
import { buildEvaluation, fileName, parseSchoolYear, schoolYearAt, type SchoolYear } from '../evaluation';
import { mayExportByKey, type ExportPeople } from '../evaluation/access';
import { DOWNLOAD_LIFETIME_MS, downloadSecret, signDownload, type DownloadGrant } from '../evaluation/download';
import { downloadUrl, registerDownloadRoute, type DownloadRouteDeps } from '../evaluation/download-route';
import { countText, et } from '../evaluation/labels';
import type { BotContext } from './context';
import type { Identify } from './identity';
import type { BotRegistry, Capability } from './registry';
import type { Intent, MessageTurn } from './router';

/**
 * The Teams edge of the annual evaluation (issue 9): "jaaroverzicht [2025-2026]" / "annual overview [2025-2026]"
 * in the personal chat gives the school's director (or the board) the chart as a card and the CSV as a signed,
 * expiring link. Everyone else gets the same polite refusal, whether or not there is anything to count.
 */

const COMMAND =
  /^(?:(?:toon|geef|laat|maak|het|mijn|ons|show|get|the|my|our) )*(jaaroverzicht|jaar overzicht|jaarlijkse evaluatie|jaarevaluatie|annual overview|annual evaluation|year overview)(?: (?:van de |van |of |of the )?(?:meldingen|reports))?(?: (?:van |voor |for |over )?(?:het |the )?(?:schooljaar |school year )?(\d[\d ]*))?$/;
const ENGLISH = new Set(['annual overview', 'annual evaluation', 'year overview']);

/** The parsed command: its language (from the wording) and the school year asked for ("" = none, the current one). */
export function parseOverviewCommand(normalized: string): { lang: Lang; year: string } | undefined {
  const m = COMMAND.exec(normalized);
  if (!m) return undefined;
  return { lang: ENGLISH.has(m[1]) ? 'en' : 'nl', year: m[2] ?? '' };
}

/** normalizeCommand made "2025-2026" "2025 2026": the school year, or undefined when the words are not one. */
function yearOf(words: string): SchoolYear | undefined {
  const m = /^(\d{4}) (\d{4})$/.exec(words);
  return m ? parseSchoolYear(`${m[1]}-${m[2]}`) : undefined;
}

export interface EvaluationEdgeDeps {
  reports: Pick<ReportRepository, 'list'>;
  tax: Taxonomy;
  clock: Clock;
  people: ExportPeople;
  /** Signs the links; undefined = downloads off (authentication on without BAKEN_DOWNLOAD_SECRET). */
  secret: string | undefined;
  /** The bot's public base URL (PUBLIC_URL), where GET /downloads/<file>?t=<token> answers. */
  publicUrl: string;
  /** Who is behind the activity (people.json by AAD id, or by UPN through the Teams roster). */
  identify: Identify;
}

/**
 * The key the download link carries, one the people directory resolves without the roster: her AAD id, or for an
 * entry people.json lists by UPN alone, `upn:<upn>` (her roles hang on that). Undefined for nobody known.
 */
async function personKeyOf(identify: Identify, context: TurnContext): Promise<string | undefined> {
  const person = await identify(context);
  return person ? (person.aliases?.find((k) => k.startsWith('upn:')) ?? person.key) : undefined;
}

async function sendText(turn: MessageTurn, text: string): Promise<void> {
  await turn.context.sendActivity({ type: 'message', text });
}

async function answer(deps: EvaluationEdgeDeps, ctx: BotContext, turn: MessageTurn, command: { lang: Lang; year: string }): Promise<void> {
  const { lang } = command;
  const school = turn.school!;
  const now = deps.clock.now();
  const example = schoolYearAt(now).label;
  // Server-side, before anything is read: the same refusal whether or not the school has reports.
  const personKey = await personKeyOf(deps.identify, turn.context);
  if (!personKey || !mayExportByKey(deps.people, personKey, school.id)) return sendText(turn, et(lang, 'chat.refused'));
  const year = command.year ? yearOf(command.year) : schoolYearAt(now);
  if (!year) return sendText(turn, et(lang, 'chat.badYear', { example }));
  const secret = deps.secret;
  if (!secret) return sendText(turn, et(lang, 'chat.unavailable'));
  let total: string;
  let threshold: number;
  try {
    const evaluation = await buildEvaluation(deps, school.id, year, now);
    total = countText(evaluation.total, evaluation.threshold, lang);
    threshold = evaluation.threshold;
  } catch (err) {
    ctx.logger.error({ err, school: school.id, year: year.label }, 'annual overview failed');
    return sendText(turn, et(lang, 'chat.failed'));
  }
  const expiresAt = now.getTime() + DOWNLOAD_LIFETIME_MS;
  const link = (kind: DownloadGrant['kind']): string =>
    downloadUrl(deps.publicUrl, fileName(school.id, year, kind), signDownload({ school: school.id, year: year.label, kind, personKey, lang, expiresAt }, secret));
  const vars = { school: school.name, year: year.label, threshold, max: threshold - 1 };
  const card = ctx.cards.render('evaluation', lang, {
    title: et(lang, 'card.title', vars),
    school: et(lang, 'card.school', vars),
    imageUrl: link('png'),
    altText: et(lang, 'chart.alt', vars),
    total: et(lang, 'card.total', { total }),
    anonymous: et(lang, 'card.anonymous', vars),
    expires: et(lang, 'card.expires', { time: schoolClock(new Date(expiresAt)).time }),
    otherYear: et(lang, 'card.otherYear', { example: schoolYearAt(new Date(Date.parse(year.fromInstant) - 1)).label }),
    download: et(lang, 'card.download'),
    csvUrl: link('csv'),
  });
  await turn.context.sendActivity({ attachments: [card] });
  ctx.logger.info({ school: school.id, year: year.label }, 'annual overview sent');
}

export function evaluationCapability(deps: EvaluationEdgeDeps): Capability {
  return ({ ctx, router }: BotRegistry) => {
    const intent: Intent = {
      name: 'evaluation.overview',
      // Counts of reports: only in the personal chat (a group gets the pointer to it).
      personalOnly: true,
      matches: (turn) => parseOverviewCommand(turn.normalized) !== undefined,
      handle: (turn) => answer(deps, ctx, turn, parseOverviewCommand(turn.normalized)!),
    };
    router.add(intent, 10);
  };
}

/**
 * Everything src/index.ts wires for the annual evaluation: the chat capability and the download route, sharing
 * one signing secret (BAKEN_DOWNLOAD_SECRET, or a random one per process in local mode; none = off, logged once).
 */
export function evaluationWiring(deps: Omit<EvaluationEdgeDeps, 'secret'> & {
  config: { downloadSecret?: string; bot?: unknown };
  schoolName(school: string): string | undefined;
  logger: DownloadRouteDeps['logger'];
}): { capability: Capability; routes: (server: Server) => void } {
  const secret = downloadSecret(deps.config);
  if (!secret) deps.logger.warn({}, 'BAKEN_DOWNLOAD_SECRET is not set: "jaaroverzicht" and its downloads are off');
  const mayExport = (personKey: string, school: string): boolean => mayExportByKey(deps.people, personKey, school);
  return {
    capability: evaluationCapability({ ...deps, secret }),
    routes: (server) => registerDownloadRoute(server, { ...deps, secret, mayExport }),
  };
}

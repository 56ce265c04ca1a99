import { startTestBot, type RunningBot, type TestBotOptions } from '../support/bot-harness';
import { actionsOf, cardsOf, type BotActivity, type TurnResult } from '../support/recording-connector';


export type ReportBot = RunningBot;

/** The real bot with the Report capability, wired as src/index.ts wires it, on 127.0.0.1:0, files under dataFile. */
export function startReportBot(options: TestBotOptions): Promise<ReportBot> {
  return startTestBot(options);
}

export type Card = Record<string, unknown>;

/** The one Adaptive Card the turn answered with. */
export function onlyCard(turn: TurnResult): Card {
  const cards = turn.replies.flatMap((r: BotActivity) => cardsOf(r));
  if (cards.length !== 1) throw new Error(`expected one card, got ${cards.length}: ${JSON.stringify(turn.replies).slice(0, 500)}`);
  return cards[0];
}

export const cardText = (card: Card): string => JSON.stringify(card);

/** What Teams posts back for the card's Action.Submit with this verb (data merged with the inputs). */
export function submitValue(card: Card, verb: string, inputs: Record<string, string> = {}, match: Record<string, unknown> = {}): Record<string, unknown> {
  const action = actionsOf(card).find((a) => a.data?.verb === verb && Object.entries(match).every(([k, v]) => a.data?.[k] === v));
  if (!action?.data) throw new Error(`no ${verb} on card: ${cardText(card).slice(0, 400)}`);
  return { ...action.data, ...inputs };
}

/** The value of Input.* `id` as the card shows it. */
export function inputValue(card: Card, id: string): unknown {
  let found: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && o.id === id) found = o.value;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Step inputs of a full, valid incident (dates fixed in the past). */
export const INCIDENT_STEPS: Array<Record<string, string>> = [
  { type: 'incident' },
  { category: 'weglopen' },
  { date: '2026-01-12', time: '10:15', location: 'schoolplein' },
  { involvedRoles: 'leerling', pupils: '5B J.d.V.' },
  { facts: 'J. liep tijdens het buitenspelen het hek uit. ${niet evalueren}' },
  { parentsInformed: 'ja', parentsInformedAt: '2026-01-12', firstAid: 'false', separated: 'true' },
];

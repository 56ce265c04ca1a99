/** Reading Adaptive Cards the bot sent (from any client: playground, recording connector), as a user would see them. */

export interface Attachment {
  contentType: string;
  content?: unknown;
}

export interface CardAction {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

export interface CardChoiceSet {
  id: string;
  choices: Array<{ title: string; value: string }>;
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export function adaptiveCardsIn(attachments: Attachment[] | undefined): Array<Record<string, unknown>> {
  return (attachments ?? [])
    .filter((a) => a.contentType === ADAPTIVE_CARD && a.content && typeof a.content === 'object')
    .map((a) => a.content as Record<string, unknown>);
}

function walk(node: unknown, visit: (record: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) return node.forEach((item) => walk(item, visit));
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  visit(record);
  Object.values(record).forEach((value) => walk(value, visit));
}

/** Actions (any depth, including ShowCard sub-cards) that carry a verb: Action.Execute's own, or Action.Submit's data.verb. */
export function actionsIn(attachments: Attachment[] | undefined): CardAction[] {
  const found: CardAction[] = [];
  for (const card of adaptiveCardsIn(attachments)) {
    walk(card, (record) => {
      if (typeof record.type !== 'string' || !record.type.startsWith('Action.')) return;
      const data = (record.data && typeof record.data === 'object' ? record.data : {}) as Record<string, unknown>;
      const verb = typeof record.verb === 'string' ? record.verb : typeof data.verb === 'string' ? data.verb : undefined;
      if (verb) found.push({ title: String(record.title ?? ''), verb, data });
    });
  }
  return found;
}

/** Input.ChoiceSet elements (any depth): id and choices. */
export function choiceSetsIn(attachments: Attachment[] | undefined): CardChoiceSet[] {
  const found: CardChoiceSet[] = [];
  for (const card of adaptiveCardsIn(attachments)) {
    walk(card, (record) => {
      if (record.type !== 'Input.ChoiceSet' || typeof record.id !== 'string') return;
      const choices = Array.isArray(record.choices) ? (record.choices as Array<{ title: string; value: string }>) : [];
      found.push({ id: record.id, choices });
    });
  }
  return found;
}

/** Every string value inside a JSON value, depth first. */
export function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => stringsIn(item, into));
  return into;
}

// The package's ESM entry (lib/) has extension-less imports that neither node nor jest resolve; the UMD
// bundle is the same library as CommonJS and parses and validates cards without a DOM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Every problem the adaptivecards library finds parsing and validating a card, as Teams' renderer would. */
export function cardParseErrors(card: object): string[] {
  const adaptiveCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptiveCard.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of adaptiveCard.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

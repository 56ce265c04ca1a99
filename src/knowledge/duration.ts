/**
 * A question that asks for a time span ("hoe lang worden de beelden bewaard?", "binnen hoeveel uur melden?") is
 * only answered by a passage that states one. Without this, a plan that covers the topic but never names the term
 * gets quoted as if it did: every other word of the question matches, only the number is missing.
 */

/** Number words a plan or a question writes out; "een" counts ("een week" is a time span). */
const NUMBER =
  '(?:\\d+(?:[.,]\\d+)?|één|een|eén|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|vijftien|twintig|dertig|' +
  'veertig|vijftig|zestig|honderd|anderhalf|anderhalve|half|halve|enkele|paar|a|an|one|two|three|four|five|six|seven|' +
  'eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|few|several)';

/** Time units, Dutch and English, with the compounds plans use (werkdagen, schooljaar). */
const UNIT =
  '(?:(?:werk|school|les|kalender)?(?:dag|dagen|week|weken|jaar|jaren)|maand|maanden|uur|uren|minuut|minuten|kwartier|' +
  '(?:working |school |calendar )?(?:day|days|week|weeks)|months?|years?|hours?|minutes?)';

/** \b is ASCII-only in JavaScript; plans write "één dag". */
const SPAN = new RegExp(`(?<![\\p{L}\\d])${NUMBER}[\\s-]+(?:\\p{L}+\\s+)?${UNIT}(?![\\p{L}])`, 'iu');

/** A term that is a time span without a number: now, the same day, as soon as possible. */
const IMMEDIATE =
  /(?<![\p{L}])(?:direct|onmiddellijk|meteen|per omgaande|dezelfde dag|zelfde dag|zo snel mogelijk|zo spoedig mogelijk|z\.s\.m\.|zonder uitstel|terstond|immediately|straight away|right away|the same day|as soon as possible)(?![\p{L}])/iu;

/** How often something recurs: yearly, once a year, every week. */
const PERIOD =
  /(?<![\p{L}])(?:(?:twee|drie|vier)?(?:jaarlijks|maandelijks|wekelijks|dagelijks)|(?:per|elke?|iedere?|eens per) (?:dag|week|maand|jaar|schooljaar)|(?:every|each|per|once a) (?:day|week|month|year|school year)|annually|yearly|monthly|weekly|daily)(?![\p{L}])/iu;

/** How long, how soon, within which term, or how many hours/days/weeks. */
const ASKS_SPAN =
  /(?<![\p{L}])(?:hoe lang|hoelang|how long|hoe snel|how soon|how quickly|binnen welke termijn|welke termijn|what deadline|which deadline|(?:hoeveel|how many)(?:\s+\p{L}+)?\s+(?:(?:werk|school|les)?(?:dagen|weken|jaar|jaren|uur|uren|minuten|maanden)|(?:working |school )?(?:days|weeks|years|hours|minutes|months)))(?![\p{L}])/iu;

/** Every how many years/months: a recurrence, answered by a period too ("jaarlijks", "eens per vier jaar"). */
const ASKS_INTERVAL = /(?<![\p{L}])(?:om de hoeveel|every how many)(?![\p{L}])/iu;

/** The kind of term a question asks for: a span (how long, how soon, within how many days), an interval, or none. */
export type TermAsked = 'span' | 'interval';

export function termAsked(question: string): TermAsked | null {
  if (ASKS_INTERVAL.test(question)) return 'interval';
  return ASKS_SPAN.test(question) ? 'span' : null;
}

/** Whether a passage states a term of that kind: a span is a number with a time unit or "direct"; an interval may also be a period. */
export function statesTerm(text: string, kind: TermAsked): boolean {
  return SPAN.test(text) || (kind === 'span' ? IMMEDIATE.test(text) : PERIOD.test(text));
}

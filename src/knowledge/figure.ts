/**
 * A question that asks for a figure — a time span ("hoe lang worden de beelden bewaard?", "binnen hoeveel uur
 * melden?"), a count or amount ("hoeveel begeleiders?", "how much do parents pay?"), or the name of a tool, method or
 * system ("met welk instrument meten we de veiligheid?") — is only answered by sentences that state one. Without
 * this, a plan that covers the topic but never names the figure gets quoted as if it did: every other word of the
 * question matches, only the number or name is missing.
 */

import { sentencesOf } from './compose';

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

/** How many or how much of anything else (people, percent, money). */
const ASKS_COUNT = /(?<![\p{L}])(?:hoeveel|how many|how much)(?![\p{L}])/iu;

/**
 * A count: digits, a number word, a share or an amount. Not "een"/"a": in a sentence it is mostly the article
 * ("een leerkracht"), so a sentence with only that states no number.
 */
const COUNT =
  /(?<![\p{L}\d])(?:\d+|één|eén|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|honderd|procent|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|hundred|percent)(?![\p{L}])|%|€/iu;

/** The kind of figure a question asks for: a span (how long, how soon, within how many days), an interval, a count, a name. */
export type FigureAsked = 'span' | 'interval' | 'count' | 'name';

/** Which tool, method, questionnaire or system ("met welk instrument meten we …?", "what's the name of the survey?"). */
const ASKS_NAME = /(?<![\p{L}])(?:(?:welke|welk|which|what)(?:\s+\S+){0,2}?\s+(?:\S*methode|methods?|\S*vragenlijst(?:en)?|enqu[eê]tes?|surveys?|questionnaires?|instrument(?:en)?|tools?|programma'?s?|programs?|programmes?|\S*monitor\S*|\S*systeem|systems?|apps?|platform|software|methodiek)(?![\p{L}])|(?:naam|name) (?:van|of) (?:de|het|die|dat|the|our)\s)/iu;
/** A name inside a sentence: a capitalised or all-capitals word after the sentence's first word, or a quoted name. */
const NAME = /^\S+.*?(?:\s|\()(?:\p{Lu}\p{Ll}{2,}|\p{Lu}{2,}\p{Ll}*|\p{Lu}\p{Ll}+\p{Lu}\S*)|[‘'“"]\p{Lu}/u;

export function figureAsked(question: string): FigureAsked | null {
  if (ASKS_INTERVAL.test(question)) return 'interval';
  if (ASKS_SPAN.test(question)) return 'span';
  return ASKS_COUNT.test(question) ? 'count' : null;
}

/** Every kind of figure the question asks for: a term or count, and the name of a tool or method ("… en in welk systeem?"). */
export function figuresAsked(question: string): FigureAsked[] {
  const figure = figureAsked(question);
  return [...(figure ? [figure] : []), ...(ASKS_NAME.test(question) ? (['name'] as const) : [])];
}

/**
 * Whether a text states a figure of that kind: a span is a number with a time unit or "direct"; an interval may also
 * be a period; a count is any number, share or amount; a name is a capitalised or quoted word inside a sentence (not
 * its first word, which every sentence capitalises).
 */
export function statesFigure(text: string, kind: FigureAsked): boolean {
  if (kind === 'count') return COUNT.test(text);
  if (kind === 'name') return sentencesOf(text).some((sentence) => NAME.test(sentence));
  return SPAN.test(text) || (kind === 'span' ? IMMEDIATE.test(text) : PERIOD.test(text));
}

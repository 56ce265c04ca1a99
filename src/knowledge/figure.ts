/**
 * A question that asks for a figure — a time span ("hoe lang worden de beelden bewaard?", "binnen hoeveel uur
 * melden?"), a count or amount ("hoeveel begeleiders?"), the name of a tool or system ("met welk instrument meten we
 * de veiligheid?"), a time of day ("hoe laat gaat de deur open?"), how often ("hoe vaak oefenen we de ontruiming?"),
 * a date or week, which groups, a phone number or e-mail address, where exactly something is kept, or which steps to
 * take — is only answered by sentences that state one. Without this, a plan that covers the topic but never names the
 * figure gets quoted as if it did: every other word of the question matches, only the asked-for detail is missing.
 */

import { numberWordsPattern } from './analysis/numbers';
import { sentencesOf } from './compose';

/** A number as a plan or a question writes it, also vague or a half ("een week", "anderhalve dag", "a few days"). */
const NUMBER = `(?:\\d+(?:[.,]\\d+)?|${numberWordsPattern()}|anderhalf|anderhalve|half|halve|enkele|paar|a|an|few|several)`;

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

/** The time units a question counts in ("hoeveel werkdagen", "how many weeks"). */
const UNITS_ASKED =
  '(?:(?:werk|school|les)?(?:dagen|weken|jaar|jaren|uur|uren|minuten|maanden)|(?:working |school )?(?:days|weeks|years|hours|minutes|months))';

/** How soon, within which term, within how many hours/days: "direct" answers it too. */
const ASKS_SPAN = new RegExp(
  `(?<![\\p{L}])(?:hoe snel|how soon|how quickly|binnen welke termijn|welke termijn|what deadline|which deadline|(?:binnen|within|in) (?:hoeveel|how many)(?:\\s+\\p{L}+)?\\s+${UNITS_ASKED})(?![\\p{L}])`,
  'iu',
);

/** How long, how many hours/days/weeks: only a number of them answers ("direct" is how soon, not how long). */
const ASKS_DURATION = new RegExp(`(?<![\\p{L}])(?:hoe lang|hoelang|how long|(?:hoeveel|how many)(?:\\s+\\p{L}+)?\\s+${UNITS_ASKED})(?![\\p{L}])`, 'iu');

/** Every how many years/months: a recurrence, answered by a period too ("jaarlijks", "eens per vier jaar"). */
const ASKS_INTERVAL = /(?<![\p{L}])(?:om de hoeveel|every how many)(?![\p{L}])/iu;

/** How many or how much of anything else (people, percent, money); also "the maximum number of …", "wat kost …?". */
const ASKS_COUNT =
  /(?<![\p{L}])(?:hoeveel|hoe veel|how many|how much|(?:het|the)\s+(?:\p{L}+\s+)?(?:aantal|number of)|wat (?:kost|kosten)|what (?:does|do|will) (?:\p{L}+\s+){1,4}?cost|what(?:'s| is) the (?:cost|price|fee))(?![\p{L}])/iu;

/**
 * A count: digits, a number word, a share or an amount. Not "een"/"a": in a sentence it is mostly the article
 * ("een leerkracht"), so a sentence with only that states no number.
 */
const COUNT = new RegExp(`(?<![\\p{L}\\d])(?:\\d+|${numberWordsPattern(['een'])}|procent|percent)(?![\\p{L}])|%|€`, 'iu');

/** Which tool, method, questionnaire or system ("met welk instrument meten we …?", "what's the name of the survey?"). */
const ASKS_NAME = /(?<![\p{L}])(?:(?:welke|welk|which|what)(?:\s+\S+){0,2}?\s+(?:\S*methode|methods?|\S*vragenlijst(?:en)?|enqu[eê]tes?|surveys?|questionnaires?|instrument(?:en)?|tools?|programma'?s?|programs?|programmes?|\S*monitor\S*|\S*systeem|systems?|apps?|platform|software|methodiek)(?![\p{L}])|(?:naam|name) (?:van|of) (?:de|het|die|dat|the|our)\s)/iu;
/** A name inside a sentence: a capitalised or all-capitals word after the sentence's first word, or a quoted name. */
const NAME = /^\S+.*?(?:\s|\()(?:\p{Lu}\p{Ll}{2,}|\p{Lu}{2,}\p{Ll}*|\p{Lu}\p{Ll}+\p{Lu}\S*)|[‘'“"]\p{Lu}/u;

/** What time of day: "hoe laat", "om hoe laat", "before what time". */
const ASKS_CLOCK = /(?<![\p{L}])(?:hoe laat|welk tijdstip|what time|which time)(?![\p{L}])/iu;
/** A time of day: 8.30, 14:00, 8 uur, half negen, kwart over acht, 3 pm, noon. */
const CLOCK =
  /(?<![\p{L}\d])(?:\d{1,2}[.:]\d{2}(?:\s*uur)?|\d{1,2}\s*uur(?!\p{L})|(?:half|kwart over|kwart voor)\s+(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf)|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|o'clock|noon|middernacht|midnight)(?![\p{L}])/iu;

/** How often: "hoe vaak", "hoeveel keer", "how many times". */
const ASKS_FREQUENCY = /(?<![\p{L}])(?:hoe vaak|hoe regelmatig|hoeveel keer|hoeveel maal|how often|how frequently|how many times)(?![\p{L}])/iu;
/** A frequency: a period (jaarlijks, per jaar), a number of times a period ("twee keer per jaar", "1 maal per jaar"), every n years. */
const FREQUENCY = new RegExp(
  [
    PERIOD.source,
    `(?<![\\p{L}])(?:${NUMBER}|eens|once|twice)\\s*(?:keer|maal|x|times)?\\s*(?:per|a|in|elk|ieder|every)\\s+(?:\\p{L}+\\s+)?(?:dag|week|maand|jaar|schooljaar|periode|day|month|year|term)`,
    '(?<![\\p{L}])(?:\\d+|twee|drie|vier|vijf)\\s*(?:keer|maal|x)(?![\\p{L}])',
    '(?:ieder|iedere|elke|elk|every|each)\\s+(?:\\p{L}+\\s+)?(?:jaar|jaren|weken|maanden|years|weeks|months)',
    '\\p{L}*(?:jaarlijks|wekelijks|maandelijks|dagelijks)\\p{L}*',
  ].join('|'),
  'iu',
);

/**
 * On which day, in which week, from what date; and when an event is ("wanneer is de volgende studiedag?", "when is the
 * photographer coming?"), not when one must act ("wanneer moet ik melden?", "wanneer is het pesten?": a condition).
 */
const ASKS_DATE =
  /(?<![\p{L}])(?:welke (?:dag|dagen|datum|week|maand)|(?:what|which) (?:day|days|date|dates|week|month)|sinds wanneer|since when|wanneer (?:is|zijn|wordt|worden|begint|beginnen|start|starten|valt|vallen|komt|komen|gaat|gaan) (?:de|die|dit|deze|onze|groep)|when (?:is|are) the next|when (?:is|are|will|does|do) (?:the|our) (?:\p{L}+\s+){1,4}?(?:planned|scheduled|coming|held|due|ready|take place|taking place|start|begin))(?![\p{L}])/iu;
/** A date, a weekday, a month, a numbered or first/last week, a school holiday, a year. */
const DATE =
  /(?<![\p{L}\d])(?:\d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?|(?:\d{1,2}\s+)?(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|february|march|june|july|august|october)(?:\s+\d{4})?|(?:maan|dins|woens|donder|vrij|zater|zon)dag(?:en|s)?|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|week\s+\d+|(?:eerste|laatste|tweede|derde)\s+(?:school)?week|(?:begin|eind|start|einde)\s+(?:van\s+)?(?:het\s+)?(?:school)?jaar|(?:herfst|kerst|voorjaars|krokus|mei|zomer)vakantie|(?:19|20)\d{2})(?![\p{L}\d])/iu;

/** Which group(s) or grade of pupils. */
const ASKS_GROUP = /(?<![\p{L}])(?:welke (?:groep|groepen|klas|klassen|leerjaren|leerjaar)|which (?:group|groups|grade|grades|year group|year groups|class|classes))(?![\p{L}])/iu;
/** Groups named: "groep 3", "groepen 5 t/m 8", "klassen 3 t/m 8", the infants, all groups. */
const GROUP =
  /(?<![\p{L}])(?:groep(?:en)?\s*\d|klas(?:sen)?\s*\d|\d\s*(?:t\/m|tot en met|-)\s*\d|kleuters?|onderbouw|middenbouw|bovenbouw|alle (?:groepen|klassen|leerlingen|stamgroepen)|grades?\s*\d|groups?\s*\d)(?![\p{L}])/iu;

/** A phone number or e-mail address ("wat is haar nummer?", "what's their email address?"); not the verb "bellen". */
const ASKS_REACH =
  /(?<![\p{L}])(?:telefoonnummer|telefoonnr|(?:welk|het|zijn|haar|hun|jouw|je) nummer|\S*mailadres|phone number|(?:e-?mail|mail) address|(?:the|his|her|their|which|what) number|(?:his|her|their) (?:e-?mail|phone))(?![\p{L}])/iu;
const REACH = /\S+@\S+\.\p{L}{2,}|(?<!\d)\+?\d[\d\s-]{7,}\d(?!\d)/u;

/**
 * Where exactly a thing is kept or hangs ("waar hangt de AED?", "where are the first aid kits kept?"); not "waar ligt
 * de grens", "waar kan ik terecht" or "moet ik dat ergens melden" (a person or a procedure answers those).
 */
const ASKS_PLACE =
  /(?<![\p{L}])(?:waar precies|waar (?:hangt|hangen|ligt|liggen|bevindt|bevinden|bewaren|bewaar|verzamelen)(?!(?:\s+\p{L}+){0,3}\s+(?:grens|grenzen|verschil|nadruk|probleem|oorzaak|verantwoordelijkheid))|waar is de verzamel\p{L}*|where exactly|where (?:is|are) (?:the|our) (?:\p{L}+\s+){0,3}?(?:kept|stored|located|hanging)|where do we (?:keep|store|gather|assemble))(?![\p{L}])/iu;
/** A place: a room, cupboard, hall or spot in the building or yard, or a drive, folder or site where a file is kept. */
const PLACE =
  /(?<![\p{L}])(?:in|op|bij|naast|achter|onder|boven|tegenover|at|on|next to|near|behind)\s+(?:de|het|een|onze|the|our|a)?\s*(?:\p{L}+\s+)?\p{L}*(?:kast|kasten|lokaal|lokalen|ruimte|gang|hal|ingang|entree|plein|kamer|kantoor|keuken|administratie|balie|receptie|gymzaal|speelzaal|zaal|verzamelplaats|verzamelpunt|schijf|map|intranet|website|portaal|kluis|archief|dossier|systeem|cupboard|room|hall|office|entrance|playground|drive|folder|file|system)(?![\p{L}])|\p{Lu}-schijf/iu;
/** A named system or site a thing is kept in ("in ParnasSys", "in het LVS", "via Teams"): capitals decide, so not case-folded. */
const PLACE_NAMED = /(?<![\p{L}])(?:[Ii]n|[Oo]p|[Vv]ia)\s+(?:het\s+|de\s+)?(?:\p{Lu}\p{Ll}+(?:\p{Lu}\p{L}*)?|\p{Lu}{2,})(?![\p{L}])/u;

/** Which steps to take ("welke stappen volg ik?", "what are the steps of the meldcode?"); not "het stappenplan" as a thing. */
const ASKS_STEPS = /(?<![\p{L}])(?:welke stappen|wat zijn de stappen|(?:what|which) (?:are the |are our )?steps|what steps)(?![\p{L}])/iu;
/**
 * Steps stated: a list item, a numbered or named step, or words of sequence. A list of annexes or protocols a plan must
 * have names the protocol, not its steps (its lines are bare, without a list mark).
 */
const STEPS = /(?<![\p{L}])(?:stap|stappen|stappenplan|step|steps|eerst|daarna|vervolgens|ten slotte|tot slot|first|then|next|finally)(?![\p{L}])|^\s*(?:\d+[.)]|[-•–])\s/imu;

/** The kinds of figure a question may ask for. */
export const FIGURE_KINDS = ['span', 'duration', 'interval', 'count', 'name', 'clock', 'frequency', 'date', 'group', 'reach', 'place', 'steps'] as const;
export type FigureAsked = (typeof FIGURE_KINDS)[number];

/** Per kind: how a question asks for it, and whether a text states one. A span is a number with a time unit or "direct". */
const FIGURES: Record<FigureAsked, { asks: RegExp; states: (text: string) => boolean }> = {
  span: { asks: ASKS_SPAN, states: (text) => SPAN.test(text) || IMMEDIATE.test(text) },
  duration: { asks: ASKS_DURATION, states: (text) => SPAN.test(text) },
  interval: { asks: ASKS_INTERVAL, states: (text) => SPAN.test(text) || PERIOD.test(text) },
  count: { asks: ASKS_COUNT, states: (text) => COUNT.test(text) },
  // Not a sentence's first word, which every sentence capitalises.
  name: { asks: ASKS_NAME, states: (text) => sentencesOf(text).some((sentence) => NAME.test(sentence)) },
  clock: { asks: ASKS_CLOCK, states: (text) => CLOCK.test(text) },
  frequency: { asks: ASKS_FREQUENCY, states: (text) => FREQUENCY.test(text) },
  date: { asks: ASKS_DATE, states: (text) => DATE.test(text) },
  group: { asks: ASKS_GROUP, states: (text) => GROUP.test(text) },
  reach: { asks: ASKS_REACH, states: (text) => REACH.test(text) },
  place: { asks: ASKS_PLACE, states: (text) => PLACE.test(text) || PLACE_NAMED.test(text) },
  steps: { asks: ASKS_STEPS, states: (text) => STEPS.test(text) },
};

/**
 * The kinds of time or number, in the order they are tried: a question asks at most one of them ("om de hoeveel jaar"
 * is an interval, not also a count; "hoeveel keer" how often, not a count).
 */
const TIME_OR_NUMBER: readonly FigureAsked[] = ['interval', 'span', 'duration', 'frequency', 'count'];

/** The one figure of time or number a question asks: every how many years, how soon, how long, how often, how many. */
export function figureAsked(question: string): FigureAsked | null {
  return TIME_OR_NUMBER.find((kind) => FIGURES[kind].asks.test(question)) ?? null;
}

/** Every kind of figure the question asks for: one of time or number, and any of the others ("binnen hoeveel uur … en in welk systeem?"). */
export function figuresAsked(question: string): FigureAsked[] {
  const figure = figureAsked(question);
  const others = FIGURE_KINDS.filter((kind) => !TIME_OR_NUMBER.includes(kind) && FIGURES[kind].asks.test(question));
  return [...(figure ? [figure] : []), ...others];
}

/** Whether a text states a figure of that kind. */
export function statesFigure(text: string, kind: FigureAsked): boolean {
  return FIGURES[kind].states(text);
}

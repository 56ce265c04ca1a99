/**
 * English word forms and function words for English questions. The plans are Dutch, so an English question
 * reaches them only through the thesaurus (`knowledge/thesaurus.json`, English → Dutch); these tables let its
 * base-form entries meet the forms staff type (brought → bring, told → tell, happend → happen) and keep English
 * words that are never what a question is about (within, always, everyone, yesterday) from counting as a topic
 * that no plan has — which would raise the bar for answering and refuse an answerable question.
 */

/** Irregular past tenses and participles → the base form (general English grammar, not domain words). */
export const IRREGULAR_VERBS: Readonly<Record<string, string>> = Object.fromEntries(
  (
    [
      ['bring', 'brought'], ['buy', 'bought'], ['catch', 'caught'], ['teach', 'taught'], ['think', 'thought'], ['fight', 'fought'],
      ['seek', 'sought'], ['tell', 'told'], ['sell', 'sold'], ['keep', 'kept'], ['sleep', 'slept'], ['feel', 'felt'],
      ['mean', 'meant'], ['meet', 'met'], ['send', 'sent'], ['spend', 'spent'], ['build', 'built'], ['lend', 'lent'], ['lose', 'lost'],
      ['find', 'found'], ['hold', 'held'], ['stand', 'stood'], ['understand', 'understood'], ['hear', 'heard'], ['say', 'said'],
      ['pay', 'paid'], ['lay', 'laid'], ['make', 'made'], ['have', 'had'], ['get', 'got gotten'], ['forget', 'forgot forgotten'],
      ['give', 'gave given'], ['forgive', 'forgave forgiven'], ['take', 'took taken'], ['mistake', 'mistook mistaken'],
      ['shake', 'shook shaken'], ['write', 'wrote written'], ['ride', 'rode ridden'], ['hide', 'hid hidden'], ['bite', 'bitten'],
      ['drive', 'drove driven'], ['rise', 'rose risen'], ['arise', 'arose arisen'], ['speak', 'spoke spoken'], ['break', 'broke broken'],
      ['steal', 'stole stolen'], ['choose', 'chose chosen'], ['freeze', 'froze frozen'], ['wake', 'woke woken'], ['see', 'saw seen'],
      ['go', 'went gone'], ['do', 'did done'], ['come', 'came'], ['become', 'became'], ['run', 'ran'], ['begin', 'began begun'],
      ['drink', 'drank drunk'], ['sing', 'sang sung'], ['swim', 'swam swum'], ['ring', 'rang rung'], ['sink', 'sank sunk'],
      ['know', 'knew known'], ['grow', 'grew grown'], ['throw', 'threw thrown'], ['blow', 'blew blown'], ['draw', 'drew drawn'],
      ['show', 'showed shown'], ['fly', 'flew flown'], ['wear', 'wore worn'], ['tear', 'tore torn'], ['swear', 'swore sworn'],
      ['bear', 'bore born borne'], ['eat', 'ate eaten'], ['fall', 'fell fallen'], ['beat', 'beaten'], ['hit', 'hit'], ['hurt', 'hurt'],
      ['cut', 'cut'], ['put', 'put'], ['let', 'let'], ['set', 'set'], ['shut', 'shut'], ['spread', 'spread'], ['quit', 'quit'],
      ['read', 'read'], ['lead', 'led'], ['feed', 'fed'], ['flee', 'fled'], ['bleed', 'bled'], ['shoot', 'shot'], ['win', 'won'],
      ['sit', 'sat'], ['spit', 'spat'], ['dig', 'dug'], ['stick', 'stuck'], ['strike', 'struck'], ['hang', 'hung'], ['light', 'lit'],
      ['slide', 'slid'], ['deal', 'dealt'], ['learn', 'learnt'], ['burn', 'burnt'], ['spell', 'spelt'], ['spill', 'spilt'],
      ['withdraw', 'withdrew withdrawn'], ['undergo', 'underwent undergone'], ['overhear', 'overheard'], ['oversee', 'oversaw overseen'],
      ['die', 'dying'], ['lie', 'lying lay lain'], ['tie', 'tying'],
    ] as [string, string][]
  ).flatMap(([base, forms]) => forms.split(' ').map((f) => [f, base])),
);

/**
 * English words that are never the topic of a question: prepositions, adverbs of time and frequency, quantifiers,
 * pronouns and the verbs that only frame a question (want, wonder, try). They are dropped from English questions
 * like the stop words in `knowledge/analysis/stopwords.json`, which lists the commonest ones.
 */
export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'within without through throughout across around among amongst between against behind beyond above below beneath ' +
    'toward towards onto via per since because though although whether unless else either neither both few many much ' +
    'according regarding concerning except besides along amid unlike ' +
    'such whose whoever whatever whenever wherever whichever however therefore thus hence otherwise instead ' +
    'anyway anyhow meanwhile always never often sometimes usually already soon now then today tonight tomorrow ' +
    'yesterday yesterdays todays tomorrows morning afternoon night ' +
    'everyone everybody everything everywhere nothing nowhere somebody somewhere anybody anywhere ' +
    'myself yourself himself herself itself ourselves yourselves themselves mine yours ours theirs ' +
    'yes yeah yep ok okay sure etc maybe perhaps probably possibly basically quite rather pretty fairly ' +
    'even still again away back off ago almost lot lots bit thing things kind sort like another keeps ' +
    'want wants wanted wanting wanna gonna gotta wonder wondering wondered guess think thinking thought ' +
    'try tries tried trying going goes went come comes coming came know knows knew known say says said ' +
    'need needs seem seems seemed look looks looked looking ' +
    'would should could shall might must ought cannot'
  ).split(' '),
);

/** Base forms an inflected English word may come from (threatens → threaten, bullying → bully, brought → bring). */
export function englishBaseForms(word: string): string[] {
  const out: string[] = [];
  const irregular = IRREGULAR_VERBS[word];
  if (irregular) out.push(irregular);
  const undouble = (s: string): string => s.replace(/([bdfgklmnprtz])\1$/, '$1');
  if (word.length < 4) return out;
  if (word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) out.push(word.slice(0, -1));
  if (word.endsWith('ied')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('ed')) out.push(word.slice(0, -2), word.slice(0, -1), undouble(word.slice(0, -2)));
  if (word.endsWith('ing')) out.push(word.slice(0, -3), `${word.slice(0, -3)}e`, undouble(word.slice(0, -3)));
  if (word.endsWith('ly')) out.push(word.slice(0, -2));
  if (word.endsWith('ily')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('er')) out.push(word.slice(0, -2), word.slice(0, -1));
  // A possessive typed without its apostrophe (childs, parents, schools) is taken by the -s rule above.
  return out.filter((b) => b.length >= 2);
}

/**
 * Forms of an English base word (threaten → threatens, threatened, threatening), for repairing a typed form that
 * is one letter off (threatend, happend, bulying) back to an entry of the thesaurus.
 */
export function englishInflections(base: string): string[] {
  const out = [base];
  if (base.includes(' ')) return out;
  const consonantY = /[^aeiou]y$/.test(base);
  const stem = base.endsWith('e') ? base.slice(0, -1) : base;
  out.push(consonantY ? `${base.slice(0, -1)}ies` : /(?:s|x|z|ch|sh)$/.test(base) ? `${base}es` : `${base}s`);
  out.push(consonantY ? `${base.slice(0, -1)}ied` : base.endsWith('e') ? `${base}d` : `${base}ed`);
  out.push(`${stem}ing`);
  return out;
}

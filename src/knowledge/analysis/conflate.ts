/**
 * Word forms Snowball leaves apart, as related stems a question term also searches (query side, so a
 * plan that only has one form is still found from the other): law noun vs legal adjective (wet ↔
 * wettelijk), -ief/-ieve vs -ie (preventief ↔ preventieve ↔ preventie), verb vs -ing noun (meld ↔
 * melding), -eren vs -atie (registreren ↔ registratie), a verb's -t (meldt ↔ meld). The caller keeps only
 * stems the plans contain.
 *
 * @param fromVerbForm whether the typed word can be a verb form (see {@link looksLikeVerbForm}): only a verb
 *   has an -ing noun (melden → melding); a noun does not reach one of another meaning (school ↛ scholing).
 */
export function formVariants(stem: string, fromVerbForm = true): string[] {
  const out = new Set<string>();
  const undouble = (s: string): string => s.replace(/([bdfgklmnprst])\1$/, '$1');
  if (stem.length < 3) return [];
  if (/e?lijk$/.test(stem)) {
    const base = stem.replace(/e?lijk$/, '');
    if (base.length >= 2) {
      out.add(base);
      out.add(undouble(base));
    }
  } else if (/(?:^|[^aeiou])[aeiou][bdfgklmnprst]$/.test(stem)) {
    // Only the doubled form (wet → wettelijk): tijd → tijdelijk, reden → redelijk are other words.
    out.add(`${stem}${stem[stem.length - 1]}elijk`);
  }
  if (/ie[fv]$/.test(stem)) {
    out.add(stem.slice(0, -1));
    out.add(`${stem.slice(0, -1)}f`);
    out.add(`${stem.slice(0, -1)}v`);
  } else if (/ie$/.test(stem)) {
    out.add(`${stem}f`);
    out.add(`${stem}v`);
  }
  if (/ing$/.test(stem) && stem.length >= 6) out.add(stem.slice(0, -3));
  else if (stem.length >= 3 && fromVerbForm) out.add(`${stem}ing`);
  if (/atie$/.test(stem) && stem.length >= 7) out.add(`${stem.slice(0, -4)}er`);
  else if (/er$/.test(stem) && stem.length >= 5) out.add(`${stem.slice(0, -2)}atie`);
  if (/[^t]t$/.test(stem) && stem.length >= 4) out.add(stem.slice(0, -1));
  out.delete(stem);
  return [...out];
}

/**
 * Whether a typed Dutch word can be a verb form: an infinitive or plural (-en), a present or past form
 * (-t, -d, -de, -te) or a participle (ge-…). A bare noun ("school", "regel", "werk") cannot.
 */
export function looksLikeVerbForm(word: string): boolean {
  return /(?:en|[^aeiou]t|d|de|te)$/.test(word) || /^ge.{3,}/.test(word);
}

/**
 * Bases a diminutive may come from, most likely first (kamertje → kamer, briefje → brief, balletje → bal,
 * boompje → boom, autootje → auto, kindjes → kind). Staff talk in diminutives, plans hardly ever do; the
 * caller keeps a base only when the plans use it.
 */
export function diminutiveBases(word: string): string[] {
  const out: string[] = [];
  for (const suffix of ['etjes', 'etje', 'tjes', 'tje', 'pjes', 'pje', 'jes', 'je']) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    // ball-etje → bal; auto-otje → auto; brief-je stays.
    if (suffix.startsWith('e')) out.push(stem.replace(/([bdfgklmnprst])\1$/, '$1'));
    else out.push(stem, stem.replace(/([aeou])\1$/, '$1'));
  }
  return [...new Set(out)].filter((b) => b.length >= 3);
}

/**
 * Present-tense forms whose infinitive no suffix rule reaches (heeft → hebben, slaat → slaan, ziet →
 * zien), as infinitive candidates. Grammar, not domain vocabulary.
 */
const IRREGULAR: Record<string, string> = {
  heeft: 'hebben', hebt: 'hebben', mag: 'mogen', kan: 'kunnen', kun: 'kunnen', kunt: 'kunnen', wil: 'willen', wilt: 'willen',
  zal: 'zullen', zult: 'zullen', is: 'zijn', ben: 'zijn', bent: 'zijn', was: 'zijn', waren: 'zijn', had: 'hebben',
  deed: 'doen', ging: 'gaan', sloeg: 'slaan', zag: 'zien', stond: 'staan', kwam: 'komen', nam: 'nemen', gaf: 'geven',
  bracht: 'brengen', dacht: 'denken', zocht: 'zoeken', kocht: 'kopen', vond: 'vinden', liep: 'lopen', schopte: 'schoppen',
  // Strong past tenses staff use when they tell what happened (sprak … aan, viel, riep, kreeg, zei).
  sprak: 'spreken', spraken: 'spreken', viel: 'vallen', vielen: 'vallen', riep: 'roepen', kreeg: 'krijgen', kregen: 'krijgen',
  zei: 'zeggen', zeiden: 'zeggen', schreef: 'schrijven', bleef: 'blijven', bleven: 'blijven', hield: 'houden', gooide: 'gooien',
  trok: 'trekken', greep: 'grijpen', beet: 'bijten', stal: 'stelen', liet: 'laten', wist: 'weten', moest: 'moeten', kon: 'kunnen',
  vroegen: 'vragen', sloegen: 'slaan', gingen: 'gaan', liepen: 'lopen', namen: 'nemen', kwamen: 'komen', lag: 'liggen',
  zat: 'zitten', zaten: 'zitten', stak: 'steken', brak: 'breken', vocht: 'vechten', vochten: 'vechten', dreigde: 'dreigen',
};

export function presentTenseInfinitives(word: string): string[] {
  const out: string[] = [];
  if (IRREGULAR[word]) out.push(IRREGULAR[word]);
  // Monosyllabic verbs: slaat → slaan, gaat → gaan, ziet → zien, doet → doen.
  const m = /^(.*(?:aa|ie|oe|ee))t$/.exec(word);
  if (m) out.push(`${m[1].endsWith('aa') ? m[1] : m[1]}n`);
  // Regular present: schopt → schoppen, meldt → melden, slaat handled above.
  if (/[^aeiou]t$/.test(word) && word.length >= 4) {
    const base = word.slice(0, -1);
    out.push(`${base}en`, `${base}${base[base.length - 1]}en`);
    if (/([^aeiou])([aeiou])\2([^aeiou])$/.test(base)) out.push(`${base.replace(/([aeiou])\1([^aeiou])$/, '$1$2')}en`);
  }
  // Regular past (weak verbs, -de/-te, plural -den/-ten): pakte → pakken, belde → bellen, meldde → melden,
  // duwde → duwen, haalden → halen.
  const past = /^(.{2,}?)(?:de|te|den|ten)$/.exec(word);
  if (past && word.length >= 5) {
    const base = past[1];
    out.push(`${base}en`, `${base}${base[base.length - 1]}en`);
    if (/([^aeiou])([aeiou])\2([^aeiou])$/.test(base)) out.push(`${base.replace(/([aeiou])\1([^aeiou])$/, '$1$2')}en`);
  }
  // Voiced again before -en: wijst → wijzen, leeft → leven, geeft → geven.
  for (const f of [...out]) if (/[^s][sf]en$/.test(f)) out.push(`${f.slice(0, -3)}${f[f.length - 3] === 's' ? 'z' : 'v'}en`);
  return out;
}

/**
 * Strong participles of the verbs staff use when they tell what happened, with their infinitive: their ge- form
 * read as a weak participle lands on another word (gescholden → "schol", school; geslagen → "slag", gestolen →
 * "stol"). Grammar, not domain vocabulary.
 */
export const STRONG_PARTICIPLES: Readonly<Record<string, string>> = {
  gescholden: 'schelden', uitgescholden: 'uitschelden', geslagen: 'slaan', gevochten: 'vechten', gebeten: 'bijten',
  gestolen: 'stelen', gebroken: 'breken', gestoken: 'steken', gesmeten: 'smijten', geschreven: 'schrijven',
  gesproken: 'spreken', aangesproken: 'aanspreken', gekregen: 'krijgen', gebleven: 'blijven', geroepen: 'roepen',
  gelopen: 'lopen', weggelopen: 'weglopen', gevallen: 'vallen', getrokken: 'trekken', gegrepen: 'grijpen',
  gevonden: 'vinden', genomen: 'nemen', meegenomen: 'meenemen', opgenomen: 'opnemen', afgenomen: 'afnemen',
  aangenomen: 'aannemen', besproken: 'bespreken', afgesproken: 'afspreken', gebracht: 'brengen', gedacht: 'denken',
  gezocht: 'zoeken', gekocht: 'kopen', gehouden: 'houden', vastgehouden: 'vasthouden', geholpen: 'helpen',
  gesloten: 'sluiten', uitgesloten: 'uitsluiten', buitengesloten: 'buitensluiten', verwezen: 'verwijzen',
  doorverwezen: 'doorverwijzen', gekozen: 'kiezen', besloten: 'besluiten', gebleken: 'blijken', gedwongen: 'dwingen',
  gelogen: 'liegen', geknepen: 'knijpen', gesprongen: 'springen', gezwommen: 'zwemmen', gegeten: 'eten',
  gedronken: 'drinken', gestorven: 'sterven', verdwenen: 'verdwijnen', geschonden: 'schenden', aangeboden: 'aanbieden',
  toegelaten: 'toelaten', geschoten: 'schieten', gewezen: 'wijzen',
};

/**
 * The five monosyllabic verbs whose present tense Snowball stems apart from their infinitive (slaat → "slat", slaan
 * → "slan"), also after a prefix (voldoet, misgaat, bestaat, toeziet): the infinitive they come from. Grammar, not
 * domain vocabulary; a closed list, because a rule on -aat/-oet/-iet/-eet would turn nouns into other words
 * (baat → baan, groet → groen, beet → been).
 */
const MONOSYLLABIC_PRESENT = /^(.*?)(gaat|staat|slaat|doet|ziet)$/;
const MONOSYLLABIC_INFINITIVE: Readonly<Record<string, string>> = { gaat: 'gaan', staat: 'staan', slaat: 'slaan', doet: 'doen', ziet: 'zien' };

export function monosyllabicInfinitive(word: string): string | undefined {
  const m = MONOSYLLABIC_PRESENT.exec(word);
  return m ? `${m[1]}${MONOSYLLABIC_INFINITIVE[m[2]]}` : undefined;
}

/** Whether a word is one of the irregular verb forms above (ging, heeft, sloeg). */
export function isIrregularVerbForm(word: string): boolean {
  return Object.prototype.hasOwnProperty.call(IRREGULAR, word) || Object.prototype.hasOwnProperty.call(STRONG_PARTICIPLES, word);
}

/**
 * Strong verbs whose noun changes its vowel (kiezen → keuze, helpen → hulp, toezien → toezicht, inzien → inzage):
 * Snowball keeps them apart, and no suffix rule reaches them. Grammar, not domain vocabulary; a closed list of the verbs
 * staff use about school matters. Both directions: a plan that writes "vrij in de keuze" answers "mogen we zelf kiezen".
 */
const ABLAUT_PAIRS: readonly (readonly [string, string])[] = [
  ['kiezen', 'keuze'], ['helpen', 'hulp'], ['toezien', 'toezicht'], ['inzien', 'inzage'], ['afspreken', 'afspraak'],
  ['verbieden', 'verbod'], ['ingrijpen', 'ingreep'], ['opnemen', 'opname'], ['afnemen', 'afname'], ['aanbieden', 'aanbod'],
  ['begrijpen', 'begrip'], ['vechten', 'gevecht'], ['dwingen', 'dwang'], ['verliezen', 'verlies'], ['spreken', 'gesprek'],
  ['bevelen', 'bevel'],
];

/** The vowel-changed counterpart of a typed word (kiezen → keuze, keuze or keuzes → kiezen), or none. */
export function ablautCounterparts(word: string): string[] {
  return ABLAUT_PAIRS.flatMap(([verb, noun]) => (word === verb ? [noun] : word === noun || word === `${noun}s` || word === `${noun}n` ? [verb] : []));
}

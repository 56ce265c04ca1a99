import * as fs from 'fs';
import * as path from 'path';
import type { Lang } from '../knowledge/answer';

export type { Lang };

/** A strings file: nested groups of plain strings with `{name}` placeholders. */
export type Strings = { [key: string]: string | Strings };

/** Where the card templates and strings files live (cards/ at the project root). */
export const DEFAULT_CARDS_DIR = path.resolve(__dirname, '..', '..', 'cards');

const cache = new Map<string, Strings>();

/** The whole strings tree for `lang` (cards/strings.<lang>.json), read once. */
export function stringsFor(lang: Lang, cardsDir = DEFAULT_CARDS_DIR): Strings {
  const file = path.join(cardsDir, `strings.${lang}.json`);
  let strings = cache.get(file);
  if (!strings) {
    strings = JSON.parse(fs.readFileSync(file, 'utf8')) as Strings;
    cache.set(file, strings);
  }
  return strings;
}

/** Look up `key` ("welcome.title") and fill `{name}` placeholders; a missing key is a programming error. */
export function t(lang: Lang, key: string, vars: Record<string, string> = {}, cardsDir = DEFAULT_CARDS_DIR): string {
  let node: string | Strings | undefined = stringsFor(lang, cardsDir);
  for (const part of key.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  if (typeof node !== 'string') throw new Error(`Missing string "${key}" for ${lang}`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? vars[name] : whole));
}

const ENGLISH = new Set(
  'the a an what who whom how when where why which do does did i if are was my our your should can could may must to and or on at for with about this that it be have has child pupil student teacher parent bullying suspect abuse report please there any'.split(' '),
);
const DUTCH = new Set(
  'de het een wat wie hoe wanneer waar waarom welke doe ik als mijn onze je jouw moet kan mag kun mogen van en op bij voor met over dit dat er zijn heb heeft kind leerling leerkracht ouder ouders pesten vermoeden melden niet wel ook nog naar hij zij wordt'.split(' '),
);

/**
 * Guess whether a staff member wrote English or Dutch from function words. Undefined when the text
 * gives no signal (a single ambiguous word such as "help").
 */
export function detectLang(text: string): Lang | undefined {
  const words = text.toLowerCase().match(/[a-zà-ÿ']+/g) ?? [];
  let en = 0;
  let nl = 0;
  for (const w of words) {
    if (ENGLISH.has(w)) en += 1;
    if (DUTCH.has(w)) nl += 1;
  }
  if (en === nl) return undefined;
  return en > nl ? 'en' : 'nl';
}

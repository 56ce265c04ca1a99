import * as fs from 'fs';
import * as path from 'path';
import i18next, { type i18n } from 'i18next';
import type { Lang } from '../knowledge/answer';

export type { Lang };

/**
 * The one strings module: every user-facing text lives in cards/*.json, per language, and is looked up here
 * with i18next. Namespaces are the files: `common` (strings.<lang>.json: welcome, help, ask, errors),
 * `reports` (reports.strings.<lang>.json) and `directory` (directory.strings.<lang>.json, flat dotted keys).
 * Keys are "ns:key" ("reports:card.title"); without a namespace, `common`. Placeholders are `{name}`; a
 * placeholder without a value becomes empty. One rule for a missing key, everywhere: it throws
 * MissingStringError (a programming error; tests/i18n checks both languages have the same keys).
 */

/** A strings file: nested groups of plain strings with `{name}` placeholders. */
export type StringTree = { [key: string]: string | StringTree };

export type Namespace = 'common' | 'reports' | 'directory';
export const NAMESPACES: Namespace[] = ['common', 'reports', 'directory'];
export const LANGS: Lang[] = ['nl', 'en'];

/** Where the card templates and strings files live (cards/ at the project root). */
export const DEFAULT_CARDS_DIR = path.resolve(__dirname, '..', '..', 'cards');

export function stringsFile(cardsDir: string, ns: Namespace, lang: Lang): string {
  const name = ns === 'common' ? `strings.${lang}.json` : `${ns}.strings.${lang}.json`;
  return path.join(cardsDir, name);
}

export class MissingStringError extends Error {
  constructor(readonly key: string, readonly lang: Lang) {
    super(`Missing string "${key}" for ${lang}`);
    this.name = 'MissingStringError';
  }
}

export type Vars = Record<string, string | number | undefined>;

export interface Strings {
  /** The text for `key` in `lang` with `{name}` placeholders filled; throws MissingStringError when absent. */
  t(lang: Lang, key: string, vars?: Vars): string;
  /** Whether `key` exists (for the few texts a schema marks optional, such as a field's hint). */
  has(lang: Lang, key: string): boolean;
  /** A namespace's whole tree, read-only (card templates bind `s` to the common tree). */
  bundle(lang: Lang, ns: Namespace): StringTree;
}

function split(key: string): { ns: Namespace; key: string } {
  const i = key.indexOf(':');
  if (i < 0) return { ns: 'common', key };
  const ns = key.slice(0, i) as Namespace;
  if (!NAMESPACES.includes(ns)) throw new Error(`Unknown strings namespace in "${key}"`);
  return { ns, key: key.slice(i + 1) };
}

function load(cardsDir: string): i18n {
  const resources: Record<string, Record<string, StringTree>> = {};
  for (const lang of LANGS) {
    resources[lang] = {};
    for (const ns of NAMESPACES) {
      const file = stringsFile(cardsDir, ns, lang);
      try {
        resources[lang][ns] = JSON.parse(fs.readFileSync(file, 'utf8')) as StringTree;
      } catch (err) {
        throw new Error(`Strings file ${file} cannot be read: ${(err as Error).message}`);
      }
    }
  }
  const instance = i18next.createInstance();
  // initAsync is false and the resources are inline: init completes synchronously.
  void instance.init({
    resources,
    lng: 'nl',
    fallbackLng: false,
    ns: NAMESPACES,
    defaultNS: 'common',
    initAsync: false,
    returnNull: false,
    returnObjects: false,
    interpolation: { prefix: '{', suffix: '}', escapeValue: false, skipOnVariables: true },
    showSupportNotice: false,
  });
  return instance;
}

const instances = new Map<string, Strings>();

/** The strings of a cards folder (cached per folder). */
export function strings(cardsDir: string = DEFAULT_CARDS_DIR): Strings {
  const dir = path.resolve(cardsDir);
  let found = instances.get(dir);
  if (found) return found;
  const i18n = load(dir);
  // The directory's keys are flat with dots in them ("detail.phone"): no nesting there.
  const options = (ns: Namespace, lang: Lang) => ({ lng: lang, ns, ...(ns === 'directory' ? { keySeparator: false as const } : {}) });
  const exists = (lang: Lang, full: string): boolean => {
    const { ns, key } = split(full);
    return i18n.exists(key, options(ns, lang)) && typeof i18n.getResource(lang, ns, key, ns === 'directory' ? { keySeparator: false } : {}) === 'string';
  };
  found = {
    has: exists,
    t(lang, full, vars = {}) {
      if (!exists(lang, full)) throw new MissingStringError(full, lang);
      const { ns, key } = split(full);
      const values: Record<string, string> = {};
      // i18next leaves `{name}` as is when name has no value: give every placeholder one, empty when absent.
      const raw = i18n.getResource(lang, ns, key, ns === 'directory' ? { keySeparator: false } : {}) as string;
      let emptied = false;
      for (const m of raw.matchAll(/\{(\w+)\}/g)) {
        values[m[1]] = vars[m[1]] === undefined ? '' : String(vars[m[1]]);
        emptied ||= values[m[1]] === '';
      }
      const text = i18n.t(key, { ...options(ns, lang), ...values });
      // An emptied placeholder leaves a double space behind: close it up.
      return emptied ? text.replace(/[ \t]{2,}/g, ' ').trim() : text;
    },
    bundle: (lang, ns) => i18n.getResourceBundle(lang, ns) as StringTree,
  };
  instances.set(dir, found);
  return found;
}

/** The strings tree of the common namespace, for card templates (`${s.welcome.title}`). */
export function stringsFor(lang: Lang, cardsDir = DEFAULT_CARDS_DIR): StringTree {
  return strings(cardsDir).bundle(lang, 'common');
}

/** Shorthand for strings(cardsDir).t. */
export function t(lang: Lang, key: string, vars: Vars = {}, cardsDir = DEFAULT_CARDS_DIR): string {
  return strings(cardsDir).t(lang, key, vars);
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

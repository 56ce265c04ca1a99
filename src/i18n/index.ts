import * as fs from 'fs';
import * as path from 'path';
import i18next, { type i18n } from 'i18next';
import type { Lang } from '../knowledge/answer';

export type { Lang };

/**
 * The one strings module: every user-facing text lives in cards/*.json, per language, and is looked up here
 * with i18next. Namespaces are the files: `common` (strings.<lang>.json: welcome, help, ask, errors),
 * `reports` (reports.strings.<lang>.json), `directory` (directory.strings.<lang>.json, flat dotted keys) and
 * `evaluation` (evaluation.strings.<lang>.json: the annual evaluation's CSV, chart, card and download page).
 * Keys are "ns:key" ("reports:card.title"); without a namespace, `common`. Placeholders are `{name}`; a
 * placeholder without a value becomes empty. One rule for a missing key, everywhere: it throws
 * MissingStringError (a programming error; tests/i18n checks both languages have the same keys).
 */

/** A strings file: nested groups of plain strings with `{name}` placeholders. */
export type StringTree = { [key: string]: string | StringTree };

export type Namespace = 'common' | 'reports' | 'directory' | 'evaluation';
export const NAMESPACES: Namespace[] = ['common', 'reports', 'directory', 'evaluation'];
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
    // Baken fills {name} placeholders itself (strings() below); i18next loads, namespaces and resolves keys.
    interpolation: { escapeValue: false },
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
  const lookup = (lang: Lang, full: string): string | undefined => {
    const { ns, key } = split(full);
    const value: unknown = i18n.getResource(lang, ns, key, ns === 'directory' ? { keySeparator: false } : {});
    return typeof value === 'string' ? value : undefined;
  };
  // Texts are looked up many times per card: each key is resolved once (the files do not change while running).
  const cache = new Map<string, string | null>();
  const text = (lang: Lang, full: string): string | undefined => {
    const cacheKey = `${lang}\u0000${full}`;
    let hit = cache.get(cacheKey);
    if (hit === undefined) {
      hit = lookup(lang, full) ?? null;
      cache.set(cacheKey, hit);
    }
    return hit ?? undefined;
  };
  found = {
    has: (lang, full) => text(lang, full) !== undefined,
    t(lang, full, vars = {}) {
      const raw = text(lang, full);
      if (raw === undefined) throw new MissingStringError(full, lang);
      if (!raw.includes('{')) return raw;
      // A placeholder without a value becomes empty, and the double space it leaves is closed up.
      let emptied = false;
      const filled = raw.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const value = vars[name];
        if (value === undefined || value === '') {
          emptied = true;
          return '';
        }
        return String(value);
      });
      return emptied ? filled.replace(/[ \t]{2,}/g, ' ').trim() : filled;
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

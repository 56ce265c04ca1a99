/** Reply texts of the Who capability: the `directory` namespace of the one strings module (cards/directory.strings.<lang>.json). */
import type { Lang } from '../knowledge/answer';
import { DEFAULT_CARDS_DIR, strings } from '../i18n';

/** The language (and cards folder) the texts of one answer are taken from. */
export interface Strings {
  lang: Lang;
  cardsDir: string;
}

export function loadStrings(lang: Lang, cardsDir = DEFAULT_CARDS_DIR): Strings {
  return { lang, cardsDir };
}

/** The text for `key` with {name} placeholders filled; a missing key throws, as everywhere (src/i18n). */
export function format(s: Strings, key: string, vars: Record<string, string> = {}): string {
  return strings(s.cardsDir).t(s.lang, `directory:${key}`, vars);
}

/** "a", "a en b", "a, b en c". */
export function joinList(s: Strings, items: string[], conj: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${format(s, conj)}${items[items.length - 1]}`;
}

/** Reply texts of the Who capability, read from cards/directory.strings.<lang>.json (never written in code). */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Lang } from '../knowledge/answer';
import { DirectoryLoadError, defaultKnowledgeDir } from './load';

export type Strings = Record<string, string>;

const stringsSchema = z.record(z.string());

export function defaultCardsDir(): string {
  return path.join(path.dirname(defaultKnowledgeDir()), 'cards');
}

const cache = new Map<string, Strings>();

/** Loads the strings for a language (cached per file). Throws {@link DirectoryLoadError} on a bad file. */
export function loadStrings(lang: Lang, cardsDir = defaultCardsDir()): Strings {
  const file = path.join(cardsDir, `directory.strings.${lang}.json`);
  const hit = cache.get(file);
  if (hit) return hit;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DirectoryLoadError(file, [(err as Error).message]);
  }
  const parsed = stringsSchema.safeParse(raw);
  if (!parsed.success) throw new DirectoryLoadError(file, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  cache.set(file, parsed.data);
  return parsed.data;
}

/** Fills {name} placeholders. A missing key yields the key itself so a gap is visible, not a crash. */
export function format(strings: Strings, key: string, vars: Record<string, string> = {}): string {
  const template = strings[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? vars[name] : m));
}

/** "a", "a en b", "a, b en c". */
export function joinList(strings: Strings, items: string[], conj: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${strings[conj] ?? ' & '}${items[items.length - 1]}`;
}

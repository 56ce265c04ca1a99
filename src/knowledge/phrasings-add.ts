/**
 * Adding one reviewed phrasing to a plan's phrasings file (`<knowledgeDir>/phrasings/<doc>.json`), as
 * `npm run feedback -- review --accept <id>` does. The file is edited, not regenerated: members keep their order
 * (section ids such as "1", "2" are not hoisted before "1.1" as a plain JS object would do), the file keeps its
 * indentation and final newline, and a phrasing the section already has (case, accents, spacing and outer
 * punctuation aside) is not added twice. The result is checked with the loader's own schema before it is written.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PhrasingsFileSchema, phrasingsDir } from './phrasings';

/** A phrasing folded for comparing: case, diacritics, spacing and outer punctuation do not count. */
export function foldPhrasing(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

export interface NewPhrasing {
  doc: string;
  sectionId: string;
  /** The section's display title, used when the file has no entry for the section yet. */
  heading: string;
  lang: 'nl' | 'en';
  text: string;
}

export interface AddPhrasingResult {
  /** False when the section already had this phrasing (nothing written). */
  added: boolean;
  file: string;
}

/** Adds the phrasing to its section (creating the section's entry, or the file, when missing). */
export function addPhrasing(knowledgeDir: string, phrasing: NewPhrasing): AddPhrasingResult {
  const text = phrasing.text.replace(/\s+/g, ' ').trim();
  if (!foldPhrasing(text)) throw new Error('Een lege formulering voeg ik niet toe. / An empty phrasing is not added.');
  const file = fileFor(knowledgeDir, phrasing.doc);
  const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  const root = original === undefined ? new JsonObject([['doc', phrasing.doc], ['sections', new JsonObject([])]]) : parseOrdered(original, file);
  if (original !== undefined) assertValid(original, file);
  if (!(root instanceof JsonObject)) throw new Error(`${file}: geen JSON-object / not a JSON object`);
  const sections = root.get('sections');
  if (!(sections instanceof JsonObject)) throw new Error(`${file}: "sections" ontbreekt / "sections" is missing`);
  let section = sections.get(phrasing.sectionId);
  if (section === undefined) {
    section = new JsonObject([['heading', phrasing.heading], ['nl', []], ['en', []]]);
    sections.set(phrasing.sectionId, section);
  }
  if (!(section instanceof JsonObject)) throw new Error(`${file}: sectie ${phrasing.sectionId} is geen object / is not an object`);
  const known = ['nl', 'en'].flatMap((lang) => {
    const list = (section as JsonObject).get(lang);
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string').map(foldPhrasing) : [];
  });
  if (known.includes(foldPhrasing(text))) return { added: false, file };
  let list = section.get(phrasing.lang);
  if (!Array.isArray(list)) {
    list = [];
    section.set(phrasing.lang, list);
  }
  list.push(text);

  const indent = original === undefined ? 2 : detectIndent(original);
  const trailingNewline = original === undefined || original.endsWith('\n');
  const output = `${stringifyOrdered(root, indent)}${trailingNewline ? '\n' : ''}`;
  assertValid(output, file);
  writeAtomically(file, output);
  return { added: true, file };
}

/** The phrasings file of a plan: the one whose "doc" names it, else `<doc>.json`. */
function fileFor(knowledgeDir: string, doc: string): string {
  const dir = phrasingsDir(knowledgeDir);
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      try {
        if ((JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { doc?: unknown }).doc === doc) return path.join(dir, name);
      } catch {
        // A file that does not parse belongs to no plan here; knowledge:lint reports it.
      }
    }
  }
  return path.join(dir, `${doc}.json`);
}

function assertValid(text: string, file: string): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: geen geldige JSON / not valid JSON (${(err as Error).message})`);
  }
  const result = PhrasingsFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${file}: ${issue.path.join('.') || '/'}: ${issue.message}`);
  }
}

function detectIndent(text: string): number {
  const m = /\n( +)\S/.exec(text);
  return m ? m[1].length : 2;
}

function writeAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

// -------------------------------------------------------------------------------------------------------------
// JSON with object members in file order

type Ordered = string | number | boolean | null | Ordered[] | JsonObject;

/** A JSON object whose members keep their order, whatever their names. */
class JsonObject {
  constructor(readonly members: Array<[string, Ordered]>) {}

  get(key: string): Ordered | undefined {
    return this.members.find(([k]) => k === key)?.[1];
  }

  set(key: string, value: Ordered): void {
    const member = this.members.find(([k]) => k === key);
    if (member) member[1] = value;
    else this.members.push([key, value]);
  }
}

const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SPACE = /[ \t\n\r]*/y;

function parseOrdered(text: string, file: string): Ordered {
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`${file}: geen geldige JSON bij positie ${at} / not valid JSON at position ${at} (${what})`);
  };
  const skip = (): void => {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    at = SPACE.lastIndex;
  };
  const token = (re: RegExp): string | undefined => {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return undefined;
    at = re.lastIndex;
    return m[0];
  };
  const expect = (ch: string): void => {
    skip();
    if (text[at] !== ch) fail(`"${ch}" expected`);
    at++;
  };
  const value = (): Ordered => {
    skip();
    const ch = text[at];
    if (ch === '{') {
      at++;
      const members: Array<[string, Ordered]> = [];
      skip();
      if (text[at] === '}') {
        at++;
        return new JsonObject(members);
      }
      for (;;) {
        skip();
        const key = token(STRING) ?? fail('member name expected');
        expect(':');
        members.push([JSON.parse(key) as string, value()]);
        skip();
        if (text[at] === ',') at++;
        else if (text[at] === '}') {
          at++;
          return new JsonObject(members);
        } else fail('"," or "}" expected');
      }
    }
    if (ch === '[') {
      at++;
      const items: Ordered[] = [];
      skip();
      if (text[at] === ']') {
        at++;
        return items;
      }
      for (;;) {
        items.push(value());
        skip();
        if (text[at] === ',') at++;
        else if (text[at] === ']') {
          at++;
          return items;
        } else fail('"," or "]" expected');
      }
    }
    if (ch === '"') return JSON.parse(token(STRING) ?? fail('bad string')) as string;
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return v;
      }
    }
    return Number(token(NUMBER) ?? fail('value expected'));
  };
  const root = value();
  skip();
  if (at !== text.length) fail('text after the end');
  return root;
}

/** As JSON.stringify(value, null, indent) would write it, with object members in their order. */
function stringifyOrdered(value: Ordered, indent: number, depth = 0): string {
  const pad = (d: number): string => ' '.repeat(indent * d);
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((v) => pad(depth + 1) + stringifyOrdered(v, indent, depth + 1)).join(',\n')}\n${pad(depth)}]`;
  }
  if (value instanceof JsonObject) {
    if (!value.members.length) return '{}';
    const lines = value.members.map(([k, v]) => `${pad(depth + 1)}${JSON.stringify(k)}: ${stringifyOrdered(v, indent, depth + 1)}`);
    return `{\n${lines.join(',\n')}\n${pad(depth)}}`;
  }
  return JSON.stringify(value);
}


/**
 * The one place card templates (cards/*.json) are read and parsed. Parsing a template with
 * adaptivecards-templating is costly (an expression parser per `${…}`), so each file is parsed once per
 * process; expanding binds the data, user text included, as data: a `${…}` inside data is never evaluated.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ACData from 'adaptivecards-templating';

export type CardJson = Record<string, unknown>;

const parsed = new Map<string, ACData.Template>();
const TEMPLATE_NAME = /^[a-z0-9-]+$/;

function template(cardsDir: string, name: string): ACData.Template {
  if (!TEMPLATE_NAME.test(name)) throw new Error(`Invalid card template name: ${name}`);
  const file = path.resolve(cardsDir, `${name}.json`);
  let parsedTemplate = parsed.get(file);
  if (!parsedTemplate) {
    parsedTemplate = new ACData.Template(JSON.parse(fs.readFileSync(file, 'utf8')) as object);
    parsed.set(file, parsedTemplate);
  }
  return parsedTemplate;
}

export function expandCard(cardsDir: string, name: string, data: object): CardJson {
  return template(cardsDir, name).expand({ $root: data }) as CardJson;
}

/** Names of the templates in a cards folder (the strings files, named with a dot, are not templates). */
export function cardTemplateNames(cardsDir: string): string[] {
  return fs
    .readdirSync(cardsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((name) => TEMPLATE_NAME.test(name));
}

/**
 * Parses every template of the folder now. A template's first parse takes 2–70 ms on the event loop; done at start,
 * before the bot listens, it is not in a user's turn. Returns the number of templates.
 */
export function parseCardTemplates(cardsDir: string): number {
  const names = cardTemplateNames(cardsDir);
  for (const name of names) template(cardsDir, name);
  return names.length;
}

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

export function expandCard(cardsDir: string, name: string, data: object): CardJson {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Invalid card template name: ${name}`);
  const file = path.resolve(cardsDir, `${name}.json`);
  let template = parsed.get(file);
  if (!template) {
    template = new ACData.Template(JSON.parse(fs.readFileSync(file, 'utf8')) as object);
    parsed.set(file, template);
  }
  return template.expand({ $root: data }) as CardJson;
}

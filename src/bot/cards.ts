import * as fs from 'fs';
import { Attachment, CardFactory } from 'botbuilder';
import { expandCard } from '../card-templates';
import { DEFAULT_CARDS_DIR, Lang, stringsFor } from '../i18n';

/**
 * Renders the templates in cards/ with adaptivecards-templating. Every value, user text included, is
 * bound as data (`${...}` inside data is never evaluated); the strings of the user's language are
 * available to every template as `s` (`${s.welcome.title}`).
 */
export class CardRenderer {
  constructor(private readonly cardsDir = DEFAULT_CARDS_DIR) {}

  /** The expanded card JSON (for tests and for callers that post-process it). */
  renderJson(name: string, lang: Lang, data: Record<string, unknown> = {}): Record<string, unknown> {
    const root = { ...data, s: stringsFor(lang, this.cardsDir) };
    return expandCard(this.cardsDir, name, root);
  }

  render(name: string, lang: Lang, data: Record<string, unknown> = {}): Attachment {
    return CardFactory.adaptiveCard(this.renderJson(name, lang, data));
  }

  /** Names of every template in the cards folder (strings files excluded). */
  templateNames(): string[] {
    return fs
      .readdirSync(this.cardsDir)
      .filter((f) => f.endsWith('.json') && !f.startsWith('strings.'))
      .map((f) => f.slice(0, -'.json'.length));
  }

}

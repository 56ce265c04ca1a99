import { Attachment, CardFactory } from 'botbuilder';
import { cardTemplateNames, expandCard } from '../card-templates';
import { DEFAULT_CARDS_DIR, Lang, stringsFor } from '../i18n';

/**
 * Renders the templates in cards/ with adaptivecards-templating. Every value, user text included, is
 * bound as data (`${...}` inside data is never evaluated); the strings of the user's language are
 * available to every template as `s` (`${s.welcome.title}`).
 */
/** Expanded cards kept by `render(…, { memo: true })` (oldest dropped first). */
const MAX_MEMO = 1000;

export class CardRenderer {
  /** Expanded card JSON text by template, language and data: the same data always expands to the same card. */
  private readonly memo = new Map<string, string>();

  constructor(private readonly cardsDir = DEFAULT_CARDS_DIR) {}

  /** The expanded card JSON (for tests and for callers that post-process it). */
  renderJson(name: string, lang: Lang, data: Record<string, unknown> = {}): Record<string, unknown> {
    const root = { ...data, s: stringsFor(lang, this.cardsDir) };
    return expandCard(this.cardsDir, name, root);
  }

  /**
   * The card as an attachment. `memo`: for a card rendered again and again from a few shapes of data (the answer
   * card: one per cited section, with or without contacts), the expansion is kept and each call gets its own copy.
   * Expanding depends only on the template, the strings and the data, which do not change while running. Not for
   * cards that carry user content (reports): such content is not to be kept in memory.
   */
  render(name: string, lang: Lang, data: Record<string, unknown> = {}, options: { memo?: boolean } = {}): Attachment {
    if (!options.memo) return CardFactory.adaptiveCard(this.renderJson(name, lang, data));
    const key = JSON.stringify([name, lang, data]);
    let json = this.memo.get(key);
    if (json === undefined) {
      json = JSON.stringify(this.renderJson(name, lang, data));
      if (this.memo.size >= MAX_MEMO) this.memo.delete(this.memo.keys().next().value as string);
      this.memo.set(key, json);
    }
    return CardFactory.adaptiveCard(JSON.parse(json) as Record<string, unknown>);
  }

  /** Names of every template in the cards folder (strings files excluded). */
  templateNames(): string[] {
    return cardTemplateNames(this.cardsDir);
  }

}

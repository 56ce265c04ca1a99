/**
 * The Teams edge's renderer of the contact card for a {@link WhoAnswer} (data from src/directory):
 * cards/contact.json expanded with adaptivecards-templating. Plan and user text are passed as template
 * data only, never spliced into the template.
 */
import { expandCard } from '../card-templates';
import type { WhoAnswer } from '../directory/answer';
import { format, loadStrings } from '../directory/strings';
import { DEFAULT_CARDS_DIR } from '../i18n';
import type { Lang } from '../knowledge/answer';

/** Adaptive Card JSON as produced by the templating library. */
export type AdaptiveCardJson = Record<string, unknown>;

const STATE_COLOR: Record<WhoAnswer['state'], string> = { named: 'Good', unnamed: 'Attention', conflict: 'Warning', absent: 'Attention' };

/** Teams deep link to a 1:1 chat with this user (UPN or e-mail). */
export function teamsChatUrl(upnOrEmail: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(upnOrEmail)}`;
}

/** tel: link keeping only digits and a leading +. */
export function telUrl(phone: string): string {
  const trimmed = phone.trim();
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/\D/g, '')}`;
}

/** The data object the template binds to (exported for tests and for other cards that want the same fields). */
export function contactCardData(answer: WhoAnswer, lang: Lang, cardsDir = DEFAULT_CARDS_DIR) {
  const s = loadStrings(lang, cardsDir);
  const label = (key: string) => format(s, `card.${key}`);
  const showHolders = answer.state === 'named' || answer.state === 'conflict';
  return {
    title: format(s, 'card.title', { role: answer.role.name.charAt(0).toUpperCase() + answer.role.name.slice(1) }),
    state: answer.state,
    stateLabel: label(`state.${answer.state}`),
    stateColor: STATE_COLOR[answer.state],
    labels: {
      email: label('email'),
      phone: label('phone'),
      website: label('website'),
      does: label('does'),
      source: label('source'),
      conflictIntro: label('conflictIntro'),
    },
    holders: showHolders
      ? answer.holders.map((h) => ({
          name: h.name,
          organisation: h.organisation && h.organisation !== h.name ? h.organisation : '',
          email: h.email ?? '',
          emailUrl: h.email ? `mailto:${h.email}` : '',
          phone: h.phone ?? '',
          phoneUrl: h.phone ? telUrl(h.phone) : '',
          url: h.url ?? '',
          source: `${h.citation.section}: '${h.citation.quote}'`,
        }))
      : [],
    // For unnamed/absent the reply text itself is the message (what the plan says, whom to ask).
    message: showHolders ? (answer.exception ? format(s, 'named.exception', { school: answer.exception.schoolName, quote: answer.exception.quote }) : '') : answer.text,
    does: answer.does ?? '',
    citation: answer.citation ? `${answer.citation.docTitle}, ${answer.citation.section}: '${answer.citation.quote}'` : '',
    chatActions: showHolders
      ? answer.holders
          .filter((h) => h.chatUpn)
          .map((h) => ({
            title: answer.holders.length > 1 ? format(s, 'card.chatTo', { name: h.name }) : label('chat'),
            url: teamsChatUrl(h.chatUpn as string),
          }))
      : [],
  };
}

/** Renders the contact card (Adaptive Card 1.5 JSON) for a who-answer in the given language. */
export function renderContactCard(answer: WhoAnswer, lang: Lang = answer.lang, cardsDir = DEFAULT_CARDS_DIR): AdaptiveCardJson {
  return expandCard(cardsDir, 'contact', contactCardData(answer, lang, cardsDir)) as AdaptiveCardJson;
}

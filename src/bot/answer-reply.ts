import type { Activity, Attachment, Entity } from 'botbuilder';
import type { Answer, AnswerSource } from '../knowledge/answer';
import type { BotContext } from './context';

/** Teams' native citation entity (https://schema.org/Message with `citation` claims), as teams-ai v1 sends it. */
export interface CitationEntity {
  type: 'https://schema.org/Message';
  '@type': 'Message';
  '@context': 'https://schema.org';
  '@id': '';
  citation: Array<{
    '@type': 'Claim';
    position: number;
    appearance: { '@type': 'DigitalDocument'; name: string; abstract: string; url: string; keywords?: string[] };
  }>;
}

const MAX_CITATIONS = 3;

/**
 * `text` on one line (whitespace runs as one space), cut to `max` characters with an ellipsis. Only the start is shown,
 * and a cited section's text runs to 1,500 characters: a prefix of 4 × `max` is flattened first; it decides when it
 * flattens to at least `max` + 2 characters (flattening a prefix gives a prefix of the flattened text, and `max` + 2
 * characters leave the cut and the trimmed end unchanged), otherwise the whole text is.
 */
export function clip(text: string, max: number): string {
  if (text.length > 4 * max) {
    const start = text.slice(0, 4 * max).replace(/\s+/g, ' ').trimStart();
    if (start.length >= max + 2) return `${start.slice(0, max - 1).trimEnd()}…`;
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export function citationEntity(ctx: BotContext, sources: AnswerSource[]): CitationEntity {
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    citation: sources.map((source, i) => ({
      '@type': 'Claim',
      position: i + 1,
      appearance: {
        '@type': 'DigitalDocument',
        name: clip(`${source.section} · ${source.docTitle}`, 80),
        abstract: clip(source.text, 160),
        url: ctx.sectionUrl(source.doc, source.sectionId),
      },
    })),
  };
}

export interface AnswerReplyInput {
  answer: Answer;
  /** Extra cards from other capabilities (e.g. the directory's contact card). */
  extraCards?: Attachment[];
}

/** The section an answer cites first (what a rating of it is about); undefined when it abstained. */
export function citedSection(answer: Answer): AnswerSource | undefined {
  return answer.abstained ? undefined : answer.sources[0];
}

/**
 * The answer message: the 1–3 sentences with `[n]` markers and a source line, the citations as a Teams citation
 * entity, a card with the contacts, "toon hele sectie" and "lees verder" (when there is any of these), and Teams'
 * own 👍/👎 feedback loop under the message (`channelData.feedbackLoopEnabled`; a rating arrives as a
 * `message/submitAction` invoke naming this message, see feedback.ts). The card carries no question.
 */
export function buildAnswerReply(ctx: BotContext, input: AnswerReplyInput): Partial<Activity> {
  const { answer } = input;
  const lang = answer.lang;
  const cited = answer.abstained ? [] : answer.sources.slice(0, MAX_CITATIONS);
  const top = citedSection(answer);

  const extraCards = input.extraCards ?? [];
  let text: string;
  // Abstentions and contact replies come worded (and sourced) by the core; a policy answer gets its markers here.
  if (!top || extraCards.length > 0) {
    text = answer.answer;
  } else {
    const lines = [`${answer.answer} [1]`, `${ctx.t(lang, 'answer.source')}: ${top.section} – ${top.docTitle}`];
    if (cited.length > 1) {
      lines.push(`${ctx.t(lang, 'answer.alsoSee')}: ${cited.slice(1).map((s, i) => `[${i + 2}] ${s.section}`).join(', ')}`);
    }
    text = lines.join('\n\n');
  }

  // A contact card above already shows the people; the answer card then only carries the actions.
  const contacts = (extraCards.length > 0 ? [] : answer.contacts).map((c) => ({
    role: c.role,
    details: [c.name ?? c.organisation, c.email, c.phone].filter((v): v is string => Boolean(v)).join(' · ') || '–',
  }));
  // The section an answer cites, or the one an abstention names as covering the topic without the detail asked.
  const shown = top ?? answer.seeSection;
  // Nothing to show or do (an abstention without contacts nor a section): no empty card.
  const card =
    shown || contacts.length > 0
      ? ctx.cards.render(
          'answer',
          lang,
          {
            doc: shown?.doc ?? '',
            sectionId: shown?.sectionId ?? '',
            url: shown ? ctx.sectionUrl(shown.doc, shown.sectionId) : '',
            contacts,
          },
          // The same few shapes again and again (per cited section): expanded once. It holds no question.
          { memo: true },
        )
      : undefined;
  const attachments = card ? [...extraCards, card] : extraCards;

  return {
    type: 'message',
    text,
    textFormat: 'markdown',
    entities: cited.length > 0 ? [citationEntity(ctx, cited) as unknown as Entity] : undefined,
    attachments: attachments.length > 0 ? attachments : undefined,
    channelData: { feedbackLoopEnabled: true },
  };
}

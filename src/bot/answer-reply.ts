import type { Activity, Attachment, Entity } from 'botbuilder';
import type { Answer, AnswerSource } from '../knowledge/answer';
import type { School } from '../knowledge/types';
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
/** The feedback card carries the question back; Teams' own input limit is far above this. */
const MAX_QUESTION_IN_CARD = 1000;

function clip(text: string, max: number): string {
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
  question: string;
  school: School;
  answer: Answer;
  /** Extra cards from other capabilities (e.g. the directory's contact card). */
  extraCards?: Attachment[];
}

/**
 * The answer message: the 1–3 sentences with `[n]` markers and a source line, the citations as a
 * Teams citation entity, and a card with "toon hele sectie", "lees verder" and 👍/👎 with a comment.
 */
export function buildAnswerReply(ctx: BotContext, input: AnswerReplyInput): Partial<Activity> {
  const { answer, school, question } = input;
  const lang = answer.lang;
  const cited = answer.abstained ? [] : answer.sources.slice(0, MAX_CITATIONS);
  const top = cited[0];

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

  const card = ctx.cards.render('answer', lang, {
    question: question.slice(0, MAX_QUESTION_IN_CARD),
    school: school.id,
    doc: top?.doc ?? '',
    sectionId: top?.sectionId ?? '',
    url: top ? ctx.sectionUrl(top.doc, top.sectionId) : '',
    // A contact card above already shows the people; the answer card then only carries the actions.
    contacts: (extraCards.length > 0 ? [] : answer.contacts).map((c) => ({
      role: c.role,
      details: [c.name, c.email, c.phone].filter((v): v is string => Boolean(v)).join(' · ') || '–',
    })),
  });

  return {
    type: 'message',
    text,
    textFormat: 'markdown',
    entities: cited.length > 0 ? [citationEntity(ctx, cited) as unknown as Entity] : undefined,
    attachments: [...extraCards, card],
  };
}

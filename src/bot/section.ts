import { z } from 'zod';
import { idString, onCardAction } from './card-actions';
import { replyLang, userKeyOf } from './context';
import type { BotRegistry } from './registry';

/** Cards have no hard size limit in Teams below ~28 KB per message; keep well under it. */
const MAX_SECTION_CHARS = 6000;

const ShowSection = z.object({ verb: z.literal('showSection'), doc: idString, section: idString });

/** "Toon hele sectie": the whole plan section in the chat. */
export function registerSection({ app, ctx }: BotRegistry): void {
  onCardAction(app, ctx, 'showSection', ShowSection, async (context, _state, data) => {
    const profile = await ctx.users.get(userKeyOf(context.activity));
    const lang = replyLang(context.activity, profile);
    // Only the plans of the user's own school and board, whatever the card says.
    const inScope = profile?.schoolId !== undefined && (await ctx.askService.planAppliesTo(data.doc, profile.schoolId));
    const view = inScope ? await ctx.askService.section(data.doc, data.section) : undefined;
    if (!view) {
      await context.sendActivity(ctx.t(lang, 'errors.unknownSection'));
      return;
    }
    const truncated = view.text.length > MAX_SECTION_CHARS;
    const text = truncated ? `${view.text.slice(0, MAX_SECTION_CHARS).trimEnd()}…` : view.text;
    const card = ctx.cards.render('section', lang, {
      title: view.section,
      from: ctx.t(lang, 'section.from', { doc: view.docTitle }),
      paragraphs: text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
      truncated,
      url: ctx.sectionUrl(data.doc, data.section),
    });
    await context.sendActivity({ attachments: [card] });
  });
}

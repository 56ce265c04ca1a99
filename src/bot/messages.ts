import { ActivityTypes } from 'botbuilder';
import { replyInvalidAction } from './card-actions';
import { replyLang, userKeyOf } from './context';
import type { BotRegistry } from './registry';
import { normalizeCommand } from './router';

/**
 * The single text-message route. Registered last, after every card verb, so that a submit nobody
 * claimed (unknown verb, tampered data, card from an old version) is answered instead of treated as text.
 */
export function registerMessages({ app, ctx, router }: BotRegistry): void {
  app.activity(ActivityTypes.Message, async (context, state) => {
    const activity = context.activity;
    const userKey = userKeyOf(activity);
    const profile = await ctx.users.get(userKey);
    const text = (activity.text ?? '').trim();
    if (!text) {
      if (activity.value && typeof activity.value === 'object') {
        // Card values are user input and may be report content: log the shape only, never the values.
        ctx.logger.warn({ verb: typeof (activity.value as { verb?: unknown }).verb === 'string' ? String((activity.value as { verb: string }).verb).slice(0, 40) : undefined, fields: Object.keys(activity.value).length }, 'card submit without a known verb');
        await replyInvalidAction(context, ctx);
      } else {
        await context.sendActivity(ctx.t(replyLang(activity, profile), 'errors.empty'));
      }
      return;
    }
    let school = profile?.schoolId ? ctx.schoolById(profile.schoolId) : undefined;
    let known = profile;
    if (!school && ctx.homeSchool) {
      // Someone people.json ties to one school gets it without the welcome card's question (and keeps it).
      const home = await ctx.homeSchool(context);
      school = home ? ctx.schoolById(home) : undefined;
      if (school) known = await ctx.users.set(userKey, { schoolId: school.id });
    }
    const intent = await router.route({
      context,
      state,
      text,
      normalized: normalizeCommand(text),
      userKey,
      profile: known,
      school,
      lang: replyLang(activity, profile),
    });
    ctx.logger.debug({ intent, conversation: activity.conversation?.id }, 'message routed');
  });
}

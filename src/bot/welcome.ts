import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Lang } from '../i18n';
import { idString, onCardAction } from './card-actions';
import { replyLang, userKeyOf, type BotContext } from './context';
import type { BotRegistry } from './registry';
import { commandMatcher } from './router';
import { answerQuestion } from './ask';

/** Send the card that asks which school the user works at; `prompt` is an extra line above the choice. */
export async function sendSchoolChoice(context: TurnContext, ctx: BotContext, lang: Lang, prompt = '', current = ''): Promise<void> {
  const card = ctx.cards.render('welcome', lang, {
    prompt,
    current,
    schools: ctx.schools.map((s) => ({ id: s.id, name: s.name })),
  });
  await context.sendActivity({ attachments: [card] });
}

const ChooseSchool = z.object({ verb: z.literal('chooseSchool'), schoolId: idString });

/** Install/welcome, the school choice and "wissel van school". */
export function registerWelcome({ app, ctx, router }: BotRegistry): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const humans = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
    // Installing the app in a personal chat adds only the bot: that is the moment to welcome the user.
    const installedPersonally = humans.length === 0 && context.activity.conversation?.conversationType === 'personal';
    if (humans.length === 0 && !installedPersonally) return;
    const profile = await ctx.users.get(userKeyOf(context.activity));
    await sendSchoolChoice(context, ctx, replyLang(context.activity, profile), '', profile?.schoolId ?? '');
  });

  onCardAction(app, ctx, 'chooseSchool', ChooseSchool, async (context, _state, data) => {
    const userKey = userKeyOf(context.activity);
    const lang = replyLang(context.activity, await ctx.users.get(userKey));
    const school = ctx.schoolById(data.schoolId);
    if (!school) {
      await sendSchoolChoice(context, ctx, lang, ctx.t(lang, 'errors.unknownSchool'));
      return;
    }
    const pending = (await ctx.users.get(userKey))?.pendingQuestion;
    const profile = await ctx.users.set(userKey, { schoolId: school.id, locale: context.activity.locale, pendingQuestion: undefined });
    await context.sendActivity(ctx.t(lang, 'welcome.saved', { school: school.name }));
    if (pending) await answerQuestion(ctx, context, { userKey, profile }, school, pending);
  });

  const showSwitch = async (context: TurnContext, lang: Lang): Promise<void> => {
    const profile = await ctx.users.get(userKeyOf(context.activity));
    const current = profile?.schoolId ? ctx.schoolById(profile.schoolId) : undefined;
    const prompt = current ? ctx.t(lang, 'switch.current', { school: current.name }) : '';
    await sendSchoolChoice(context, ctx, lang, prompt, current?.id ?? '');
  };

  onCardAction(app, ctx, 'switchSchool', z.object({ verb: z.literal('switchSchool') }), async (context) => {
    await showSwitch(context, replyLang(context.activity, await ctx.users.get(userKeyOf(context.activity))));
  });

  router.add({
    name: 'switchSchool',
    needsSchool: false,
    matches: commandMatcher([
      'wissel van school', 'wissel school', 'andere school', 'school wisselen', 'school wijzigen', 'verander school',
      'switch school', 'change school', 'change my school', 'switch schools',
    ]),
    handle: (turn) => showSwitch(turn.context, turn.lang),
  });
}

import type { Activity, TurnContext } from 'botbuilder';
import type { Lang } from '../i18n';
import type { BotContext } from './context';

/**
 * Private by construction: report flows, "mijn meldingen" and every card with report content exist only in the
 * personal chat. Anywhere else (group chat, channel, or an activity that does not say it is personal) Baken
 * answers with one line and a button that opens the personal chat; nothing of the report is posted there.
 */
export function isPersonal(activity: Partial<Activity>): boolean {
  return activity.conversation?.conversationType === 'personal';
}

/** Teams deep link that opens the 1:1 chat with the bot (its id is the activity's recipient). */
export function personalChatUrl(activity: Partial<Activity>): string {
  const botId = activity.recipient?.id ?? '';
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(botId)}`;
}

export async function sendPersonalOnly(context: TurnContext, ctx: BotContext, lang: Lang): Promise<void> {
  await context.sendActivity({ attachments: [ctx.cards.render('personal-only', lang, { chatUrl: personalChatUrl(context.activity) })] });
}

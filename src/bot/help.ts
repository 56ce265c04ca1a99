import { rt } from '../reports/strings';
import type { BotRegistry } from './registry';
import { commandMatcher } from './router';

/** "help" → the card listing what Baken can do. */
export function registerHelp({ ctx, router }: BotRegistry): void {
  router.add({
    name: 'help',
    needsSchool: false,
    matches: commandMatcher(['help', 'hulp', 'menu', 'start', 'wat kun je', 'wat kan je', 'wat kun je allemaal', 'wat kan baken', 'what can you do', 'commands', 'hallo', 'hoi', 'hello', 'hi']),
    async handle(turn) {
      const schoolLine = turn.school ? ctx.t(turn.lang, 'help.school', { school: turn.school.name }) : '';
      await turn.context.sendActivity({ attachments: [ctx.cards.render('help', turn.lang, { schoolLine, reportButton: rt(turn.lang, 'card.title') })] });
    },
  });
}

import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../config';
import { replyLang, userKeyOf, type BotContext } from './context';
import { shareConnectorClients } from './connector-clients';
import { keepEntityProperties } from './entity-serialization';

/** TeamsAdapter whose outbound Connector and user-token clients are reused across turns. */
class BakenAdapter extends TeamsAdapter {
  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    shareConnectorClients(this.botFrameworkAuthentication);
  }
}

/**
 * The Bot Framework adapter. With credentials every inbound activity's JWT is verified (a POST without
 * a valid token gets 401); without them the adapter accepts unauthenticated calls, as the Agents
 * Playground needs. A failing turn is logged in full and answered with a short apology.
 */
export function createAdapter(auth: Config['bot'], ctx: BotContext): TeamsAdapter {
  keepEntityProperties();
  const adapter = new BakenAdapter(
    auth
      ? {
          MicrosoftAppId: auth.appId,
          MicrosoftAppPassword: auth.appPassword,
          MicrosoftAppTenantId: auth.tenantId,
          MicrosoftAppType: auth.multiTenant ? 'MultiTenant' : 'SingleTenant',
        }
      : {},
  );
  adapter.onTurnError = async (context, error) => {
    const a = context.activity;
    ctx.logger.error(
      { err: error, activity: { type: a.type, id: a.id, conversation: a.conversation?.id, verb: (a.value as { verb?: unknown } | undefined)?.verb } },
      'turn failed',
    );
    try {
      const lang = replyLang(a, await ctx.users.get(userKeyOf(a)));
      await context.sendActivity(ctx.t(lang, 'errors.turn'));
    } catch (sendError) {
      ctx.logger.error({ err: sendError }, 'could not send the apology');
    }
  };
  return adapter;
}

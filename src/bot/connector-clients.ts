import type { CloudAdapter } from 'botbuilder';
import { directSends } from './connector-sends';

// botbuilder does not re-export botframework-connector's auth types; take them from CloudAdapter's signature.
type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;

type ConnectorFactory = ReturnType<BotFrameworkAuthentication['createConnectorFactory']>;
type ClaimsIdentity = Parameters<BotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<BotFrameworkAuthentication['createUserTokenClient']>>;

/** Distinct (app id, service URL, audience) triples kept; Teams uses a handful of regional service URLs. */
const MAX_CLIENTS = 64;

/** The claims botbuilder takes the bot's app id from: 'aud' for channel requests, 'appid' for the emulator. */
function appIdOf(claims: ClaimsIdentity | undefined): string {
  return claims?.getClaimValue('aud') ?? claims?.getClaimValue('appid') ?? '';
}

/** Memoises `create` per key (bounded, oldest dropped first); a rejected creation is not kept. */
function memo<T>(create: () => Promise<T>, key: string, cache: Map<string, Promise<T>>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    if (cache.size >= MAX_CLIENTS) cache.delete(cache.keys().next().value as string);
    value = create();
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }
  return value;
}

/**
 * botbuilder's CloudAdapter builds, for every turn, a new ConnectorClient and a new UserTokenClient, each
 * with its own freshly assembled HTTP pipeline (the socket pool itself is shared already): a measurable
 * share of a turn's CPU. Neither client holds anything per turn (credentials fetch and cache their tokens
 * themselves), so one of each per (app id, service URL, audience) is reused, as botbuilder's older
 * BotFrameworkAdapter did. Clients are still created by botbuilder's own factories (which check the app
 * id) the first time; a failed creation is not kept. Inbound authentication (the JWT check) is untouched
 * and still runs for every request. The shared client sends activities directly (connector-sends.ts).
 */
export function shareConnectorClients(auth: BotFrameworkAuthentication): void {
  const clients = new Map<string, Promise<ConnectorClient>>();
  const sharing = (factory: ConnectorFactory | undefined, claims: ClaimsIdentity | undefined): ConnectorFactory | undefined => {
    if (!factory) return factory;
    const appId = appIdOf(claims);
    return {
      create: (serviceUrl: string, audience?: string) =>
        memo(
          () => factory.create(serviceUrl, audience).then((client) => directSends(client, serviceUrl)),
          JSON.stringify([appId, serviceUrl, audience ?? null]),
          clients,
        ),
    };
  };
  const authenticateRequest = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticateRequest(activity, authHeader);
    return { ...result, connectorFactory: sharing(result.connectorFactory, result.claimsIdentity) as ConnectorFactory };
  };
  const createConnectorFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (claimsIdentity) => sharing(createConnectorFactory(claimsIdentity), claimsIdentity) as ConnectorFactory;
  // The same holds for the user-token client CloudAdapter builds for every turn (a second HTTP pipeline).
  const userTokenClients = new Map<string, Promise<UserTokenClient>>();
  const createUserTokenClient = auth.createUserTokenClient.bind(auth);
  auth.createUserTokenClient = (claimsIdentity) =>
    memo(() => createUserTokenClient(claimsIdentity), appIdOf(claimsIdentity), userTokenClients);
}

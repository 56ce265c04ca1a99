import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { shareConnectorClients } from '../../src/bot/connector-clients';

/** Unauthenticated (local) mode, as the tests and the Agents Playground run the bot. */
function sharedAuth(): ConfigurationBotFrameworkAuthentication {
  const auth = new ConfigurationBotFrameworkAuthentication({});
  shareConnectorClients(auth);
  return auth;
}

const activity = (serviceUrl: string) => ({ type: 'message', serviceUrl, channelId: 'msteams' }) as Activity;

describe('shareConnectorClients', () => {
  test('turns on the same service URL get the same connector client; another URL gets its own', async () => {
    const auth = sharedAuth();
    const first = await auth.authenticateRequest(activity('http://127.0.0.1:1/'), '');
    const second = await auth.authenticateRequest(activity('http://127.0.0.1:1/'), '');
    const a = await first.connectorFactory!.create('http://127.0.0.1:1/', first.audience);
    const b = await second.connectorFactory!.create('http://127.0.0.1:1/', second.audience);
    const other = await second.connectorFactory!.create('http://127.0.0.1:2/', second.audience);
    expect(b).toBe(a);
    expect(other).not.toBe(a);
  });

  test('proactive connector factories share the clients too', async () => {
    const auth = sharedAuth();
    const { claimsIdentity, audience } = await auth.authenticateRequest(activity('http://127.0.0.1:1/'), '');
    const a = await auth.createConnectorFactory(claimsIdentity).create('http://127.0.0.1:1/', audience);
    const b = await auth.createConnectorFactory(claimsIdentity).create('http://127.0.0.1:1/', audience);
    expect(b).toBe(a);
  });

  test('the user-token client is built once per app id', async () => {
    const auth = sharedAuth();
    const { claimsIdentity } = await auth.authenticateRequest(activity('http://127.0.0.1:1/'), '');
    const a = await auth.createUserTokenClient(claimsIdentity);
    const b = await auth.createUserTokenClient(claimsIdentity);
    expect(b).toBe(a);
  });

  test('inbound authentication still runs for every request', async () => {
    const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: 'baken-app', MicrosoftAppPassword: 'secret' });
    shareConnectorClients(auth);
    await expect(auth.authenticateRequest(activity('http://127.0.0.1:1/'), '')).rejects.toThrow();
    await expect(auth.authenticateRequest(activity('http://127.0.0.1:1/'), 'Bearer not-a-token')).rejects.toThrow();
  });
});

import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { FakeAskService, RunningBot, startTestBot } from '../support/bot-harness';
import { actionsOf, cardsOf, postJson, RecordingConnector, TestUser } from '../support/recording-connector';
import { makeTempDir } from '../support/temp-dir';
import { TYPING_AFTER_MS } from '../../src/bot/ask';
import type { AskService } from '../../src/ask/service';

function get(url: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), type: String(res.headers['content-type']) }));
    }).on('error', reject);
  });
}

describe('Baken through POST /api/messages (recording connector)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let dataFile: string;
  let connector: RecordingConnector;
  let running: RunningBot;
  let ask: FakeAskService;

  /** The data file as JSON; {} while nothing has been written yet. */
  const readData = (): Record<string, Record<string, unknown> | undefined> =>
    fs.existsSync(dataFile) ? JSON.parse(fs.readFileSync(dataFile, 'utf8')) : {};

  const newUser = (extra: Partial<ConstructorParameters<typeof TestUser>[0]> = {}) =>
    new TestUser({ botEndpoint: running.endpoint, connector, ...extra });

  async function userWithSchool(school = 'de-campus'): Promise<TestUser> {
    const user = newUser();
    await user.submit({ verb: 'chooseSchool', schoolId: school });
    return user;
  }

  beforeEach(async () => {
    tmp = makeTempDir();
    dataFile = path.join(tmp.dir, 'data', 'baken.json');
    connector = await RecordingConnector.start();
    ask = new FakeAskService();
    running = await startTestBot({ dataFile, askService: ask });
  });
  afterEach(async () => {
    await running.stop();
    await connector.stop();
    tmp.cleanup();
  });

  test('install sends the welcome card with every school as a choice and a chooseSchool submit', async () => {
    const turn = await newUser().install();
    expect(turn.status).toBe(200);
    expect(turn.replies).toHaveLength(1);
    const [card] = cardsOf(turn.replies[0]);
    expect(JSON.stringify(card)).toContain('Welkom bij Baken');
    const choiceSet = (card.body as Array<Record<string, unknown>>).find((e) => e.type === 'Input.ChoiceSet')!;
    expect((choiceSet.choices as Array<{ value: string }>).map((c) => c.value)).toEqual(['conexus', 'de-campus', 'de-nieuwe-kring', 'wij-de-venen', 'sooog']);
    expect(actionsOf(card)).toEqual([expect.objectContaining({ type: 'Action.Submit', data: { verb: 'chooseSchool' } })]);
  });

  test('installing in a personal chat (only the bot is added) also welcomes; a team install adding only the bot stays quiet', async () => {
    const personal = await newUser().send({ type: 'conversationUpdate', membersAdded: [{ id: '28:baken-bot' }] });
    expect(JSON.stringify(cardsOf(personal.replies[0])[0])).toContain('Welkom bij Baken');
    const before = connector.activities.length;
    const team = await newUser().send({
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:baken-bot' }],
      conversation: { id: 'team-channel-1', conversationType: 'channel', tenantId: 'tenant-1' },
    });
    expect(team.status).toBe(200);
    expect(connector.activities.length).toBe(before);
  });

  test('Dutch first: an English Teams client gets Dutch until the user writes English', async () => {
    const user = newUser({ locale: 'en-US' });
    const install = await user.install();
    expect(JSON.stringify(cardsOf(install.replies[0])[0])).toContain('Welkom bij Baken');
  });

  test('a question before choosing a school gets the welcome card, and its answer right after the choice', async () => {
    const user = newUser();
    const turn = await user.say('Wat doe ik bij pesten?');
    expect(ask.asked).toHaveLength(0);
    expect(JSON.stringify(cardsOf(turn.replies[0])[0])).toContain('Vertel me eerst op welke school je werkt');
    const chosen = await user.submit({ verb: 'chooseSchool', schoolId: 'conexus' });
    expect(ask.asked).toEqual([{ schoolId: 'conexus', question: 'Wat doe ik bij pesten?' }]);
    expect(chosen.replies.map((r) => r.text).join('\n')).toContain('Registreer elk incident in ParnasSys.');
    // Answered once, then forgotten: the next school change does not repeat it.
    await user.submit({ verb: 'chooseSchool', schoolId: 'conexus' });
    expect(ask.asked).toHaveLength(1);
    expect(readData().users?.[user.aadObjectId]).not.toHaveProperty('pendingQuestion');
  });

  test('the school choice is stored per AAD object id in the data file', async () => {
    const user = newUser();
    const turn = await user.submit({ verb: 'chooseSchool', schoolId: 'de-nieuwe-kring' });
    expect(turn.replies[0].text).toContain('Jenaplanschool De Nieuwe Kring');
    const data = JSON.parse(fs.readFileSync(dataFile, 'utf8'));
    expect(data.users[user.aadObjectId]).toMatchObject({ schoolId: 'de-nieuwe-kring' });
  });

  test('an unknown school in the submit is refused and the choice asked again', async () => {
    const user = newUser();
    const turn = await user.submit({ verb: 'chooseSchool', schoolId: 'hogwarts' });
    expect(JSON.stringify(cardsOf(turn.replies[0])[0])).toContain('Die school ken ik niet');
    expect(readData().users?.[user.aadObjectId]).toBeUndefined();
  });

  /** As the bot's Ask worker thread: the answer comes after `ms`, the event loop stays free meanwhile. */
  const answeringAfter = (ms: number): AskService => {
    const fake = new FakeAskService();
    return {
      ask: (schoolId, question) => new Promise((resolve) => setTimeout(() => resolve(fake.ask(schoolId, question)), ms)),
      section: (docId, sectionId) => fake.section(docId, sectionId),
      planAppliesTo: (docId, schoolId) => fake.planAppliesTo(docId, schoolId),
    };
  };

  test('a slow answer gets one typing activity first, also when answering takes over a second (teams-ai\'s own typing timer is off)', async () => {
    await running.stop();
    running = await startTestBot({ dataFile, askService: answeringAfter(1200) });
    const user = await userWithSchool('conexus');
    const turn = await user.say('Waar registreer ik een incident?');
    expect(turn.sent.map((a) => a.type)).toEqual(['typing', 'message']);
  });

  test('an answer ready within the typing delay comes without a typing activity', async () => {
    await running.stop();
    running = await startTestBot({ dataFile, askService: answeringAfter(TYPING_AFTER_MS / 5) });
    const user = await userWithSchool('conexus');
    const turn = await user.say('Waar registreer ik een incident?');
    expect(turn.sent.map((a) => a.type)).toEqual(['message']);
  });

  test('a question gets the answer with a native citation and the answer card', async () => {
    const user = await userWithSchool('conexus');
    const turn = await user.say('Waar registreer ik een incident?');
    expect(ask.asked).toEqual([{ schoolId: 'conexus', question: 'Waar registreer ik een incident?' }]);
    expect(turn.sent.map((a) => a.type)).toEqual(['message']);
    const reply = turn.replies[0];
    expect(reply.text).toContain('Registreer elk incident in ParnasSys. [1]');
    expect(reply.text).toContain('Bron: 2.7 Incidentenregistratie – Sociaal veiligheidsbeleid Conexus');
    expect(reply.text).toContain('[2] 4.1 Taken en rollen');
    const entity = reply.entities!.find((e) => e.type === 'https://schema.org/Message')!;
    expect(entity).toMatchObject({ '@type': 'Message', '@context': 'https://schema.org', '@id': '' });
    expect(entity.citation).toEqual([
      expect.objectContaining({
        '@type': 'Claim',
        position: 1,
        appearance: expect.objectContaining({
          '@type': 'DigitalDocument',
          name: '2.7 Incidentenregistratie · Sociaal veiligheidsbeleid Conexus',
          url: 'https://baken.example/kennis/conexus/2.7',
        }),
      }),
      expect.objectContaining({ position: 2 }),
    ]);
    const actions = actionsOf(cardsOf(reply)[0]);
    expect(actions.map((a) => a.title)).toEqual(['Toon hele sectie', 'Lees verder']);
    expect(actions[0].data).toEqual({ verb: 'showSection', doc: 'conexus', section: '2.7' });
    expect(actions[1].url).toBe('https://baken.example/kennis/conexus/2.7');
  });

  test('an English question is answered in English', async () => {
    const user = await userWithSchool('conexus');
    const turn = await user.say('What do I do with an incident?');
    expect(turn.replies[0].text).toContain('Source: 2.7 Incidentenregistratie');
    expect(actionsOf(cardsOf(turn.replies[0])[0]).map((a) => a.title)).toContain('Show whole section');
  });

  test('an abstained answer says the plans do not cover it and whom to ask, without citation', async () => {
    const user = await userWithSchool('sooog');
    const turn = await user.say('Iets onbekends over de schoolreis?');
    const reply = turn.replies[0];
    expect(reply.text).toContain('Dat staat niet in de plannen van School van SOOOG');
    expect(reply.text).toContain('intern begeleider');
    expect(reply.entities ?? []).toEqual([]);
    // Nothing to show or do: no card (the rating is Teams' own, under the message; tests/bot/feedback.test.ts).
    expect(cardsOf(reply)).toEqual([]);
  });

  test('showSection sends the whole section; user-controlled text in the data is shown literally', async () => {
    const user = await userWithSchool('conexus');
    const turn = await user.submit({ verb: 'showSection', doc: 'conexus', section: '2.7' });
    const card = cardsOf(turn.replies[0])[0];
    const texts = JSON.stringify(card);
    expect(texts).toContain('2.7 Incidentenregistratie');
    expect(texts).toContain('Alle incidenten worden geregistreerd in ParnasSys.');
    expect(texts).toContain('${niet evalueren}');
  });

  test('showSection with an unknown or tampered section gets a clear Dutch message', async () => {
    const user = await userWithSchool('conexus');
    const unknown = await user.submit({ verb: 'showSection', doc: 'conexus', section: '9.9' });
    expect(unknown.status).toBe(200);
    expect(unknown.replies[0].text).toContain('Die sectie kan ik niet (meer) vinden');
    const tampered = await user.submit({ verb: 'showSection', doc: { $gt: '' }, section: '<script>' });
    expect(tampered.replies[0].text).toContain('Deze knop werkt niet (meer)');
    const unknownVerb = await user.submit({ verb: 'deleteEverything' });
    expect(unknownVerb.replies[0].text).toContain('Deze knop werkt niet (meer)');
  });

  test('a section of a plan that does not apply to the user\'s school is refused, whatever the card says', async () => {
    const user = await userWithSchool('de-campus');
    const turn = await user.submit({ verb: 'showSection', doc: 'conexus', section: '2.7' });
    expect(turn.replies[0].text).toContain('Die sectie kan ik niet (meer) vinden');
    expect(JSON.stringify(turn.replies)).not.toContain('ParnasSys');
  });

  test('"wissel van school" shows the choice again with the current school, and help lists the capabilities', async () => {
    const user = await userWithSchool('de-campus');
    const change = await user.say('Wissel van school');
    const card = JSON.stringify(cardsOf(change.replies[0])[0]);
    expect(card).toContain('Je staat nu ingesteld op Montessorischool De Campus');
    expect(card).toContain('"value":"de-campus"');
    const help = await user.say('help');
    const helpCard = JSON.stringify(cardsOf(help.replies[0])[0]);
    expect(helpCard).toContain('Wie-vragen');
    expect(helpCard).toContain('Een melding maken');
    expect(helpCard).toContain('"verb":"switchSchool"');
    expect(ask.asked).toHaveLength(0);
  });

  test('a restart (new server, reopened store on the same file) keeps the chosen school', async () => {
    const user = await userWithSchool('wij-de-venen');
    await running.stop();
    running = await startTestBot({ dataFile, askService: ask });
    const again = new TestUser({ botEndpoint: running.endpoint, connector, userId: user.userId, aadObjectId: user.aadObjectId, conversationId: user.conversationId });
    const turn = await again.say('Waar registreer ik een incident?');
    expect(ask.asked).toEqual([{ schoolId: 'wij-de-venen', question: 'Waar registreer ik een incident?' }]);
    expect(turn.replies[0].text).toContain('[1]');
  });

  test('conversation state is persisted through the DataStore-backed botbuilder Storage', async () => {
    const user = await userWithSchool('conexus');
    running.bot.app.activity('event', async (_context, state) => {
      const conversation = state.conversation as { visits?: number };
      conversation.visits = (conversation.visits ?? 0) + 1;
    });
    await user.send({ type: 'event', name: 'ping' });
    await user.send({ type: 'event', name: 'ping' });
    const data = JSON.parse(fs.readFileSync(dataFile, 'utf8'));
    const key = Object.keys(data.conversationState).find((k) => k.includes(`/conversations/${user.conversationId}`))!;
    expect(data.conversationState[key]).toMatchObject({ visits: 2 });
  });

  test('an error in a turn reaches the user as a short Dutch apology and the server stays up', async () => {
    const user = await userWithSchool('conexus');
    const turn = await user.say('Dit laat alles crashen');
    expect(turn.replies.map((r) => r.text)).toContain('Sorry, er ging bij mij iets mis. Probeer het over een paar tellen nog eens.');
    expect((await get(`${running.baseUrl}/healthz`)).status).toBe(200);
    const next = await user.say('Waar registreer ik een incident?');
    expect(next.replies[0].text).toContain('[1]');
  });

  test('GET /healthz reports ok, version and document count', async () => {
    const res = await get(`${running.baseUrl}/healthz`);
    expect(JSON.parse(res.body)).toEqual({ ok: true, version: require('../../package.json').version, documents: 5 });
  });

  test('GET /healthz answers 503 when the store cannot take writes (the load balancer routes around it)', async () => {
    await running.store.close();
    const res = await get(`${running.baseUrl}/healthz`);
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, store: 'closed' });
  });

  test('GET /kennis/:doc/:section serves the section as escaped HTML; unknown → 404', async () => {
    ask.sections['conexus/2.7'].text = 'Regel <script>alert(1)</script> & meer';
    const page = await get(`${running.baseUrl}/kennis/conexus/2.7`);
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.body).toContain('<h1>2.7 Incidentenregistratie</h1>');
    expect(page.body).toContain('Regel &lt;script&gt;alert(1)&lt;/script&gt; &amp; meer');
    expect(page.body).not.toContain('<script>');
    expect((await get(`${running.baseUrl}/kennis/conexus/nope`)).status).toBe(404);
  });

  test('a malformed activity is rejected with 400', async () => {
    expect((await postJson(running.endpoint, { hello: 'world' })).status).toBe(400);
  });
});

describe('Baken with Bot Framework credentials (fail closed)', () => {
  const TENANT = '00000000-0000-0000-0000-0000000000bb';
  let tmp: ReturnType<typeof makeTempDir>;
  let connector: RecordingConnector;
  let ask: FakeAskService;
  let running: RunningBot;
  let errorSpy: jest.SpyInstance;

  beforeEach(async () => {
    tmp = makeTempDir();
    connector = await RecordingConnector.start();
    ask = new FakeAskService();
    running = await startTestBot({
      dataFile: path.join(tmp.dir, 'baken.json'),
      askService: ask,
      auth: { appId: '00000000-0000-0000-0000-0000000000aa', appPassword: 'secret', tenantId: TENANT },
    });
    errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    errorSpy.mockRestore();
    await running.stop();
    await connector.stop();
    tmp.cleanup();
  });

  test('an unauthenticated POST /api/messages from the right tenant gets 401 and no turn runs', async () => {
    const user = new TestUser({ botEndpoint: running.endpoint, connector, tenantId: TENANT });
    const anonymous = await user.say('Waar registreer ik een incident?');
    expect(anonymous.status).toBe(401);
    const forged = await new TestUser({ botEndpoint: running.endpoint, connector, tenantId: TENANT, authorization: 'Bearer not.a.jwt' }).say('hoi');
    expect(forged.status).toBe(401);
    expect(connector.activities).toHaveLength(0);
    expect(ask.asked).toHaveLength(0);
  });

  test('another tenant, or a channel other than msteams, is refused with 403 before anything runs or is stored', async () => {
    const foreign = new TestUser({ botEndpoint: running.endpoint, connector, tenantId: '00000000-0000-0000-0000-0000000000cc' });
    expect((await foreign.say('mijn meldingen')).status).toBe(403);
    expect((await foreign.submit({ verb: 'chooseSchool', schoolId: 'de-campus' })).status).toBe(403);
    const webchat = new TestUser({ botEndpoint: running.endpoint, connector, tenantId: TENANT });
    expect((await webchat.send({ type: 'message', text: 'hoi', channelId: 'webchat' })).status).toBe(403);
    expect(connector.activities).toHaveLength(0);
    expect(ask.asked).toHaveLength(0);
    expect(await running.store.profiles.get(foreign.aadObjectId)).toBeUndefined();
  });
});

describe('unauthenticated local mode (BAKEN_AUTH=off)', () => {
  test('answers loopback service URLs only: a caller-chosen serviceUrl elsewhere gets 403 and no request is made', async () => {
    const tmp = makeTempDir();
    const ask = new FakeAskService();
    const running = await startTestBot({ dataFile: path.join(tmp.dir, 'baken.json'), askService: ask });
    try {
      const res = await postJson(running.endpoint, {
        type: 'message', id: 'x', channelId: 'msteams', serviceUrl: 'https://attacker.example/', text: 'hoi',
        from: { id: '29:a', aadObjectId: 'a' }, recipient: { id: '28:baken' }, conversation: { id: 'c', conversationType: 'personal' },
      });
      expect(res.status).toBe(403);
      expect(ask.asked).toHaveLength(0);
    } finally {
      await running.stop();
      tmp.cleanup();
    }
  });
});

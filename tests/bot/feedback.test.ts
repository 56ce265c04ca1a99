import * as fs from 'fs';
import * as path from 'path';
import { Writable } from 'stream';
import { main as feedbackCli } from '../../src/cli/feedback';
import { createLogger } from '../../src/logging';
import type { AnswerRecord } from '../../src/store';
import { FakeAskService, RunningBot, startTestBot } from '../support/bot-harness';
import { actionsOf, cardsOf, RecordingConnector, TestUser, type TurnResult } from '../support/recording-connector';
import { makeTempDir } from '../support/temp-dir';

/**
 * Learning from use through POST /api/messages: Teams' own 👍/👎 under the answer message (feedbackLoopEnabled),
 * rated with a `message/submitAction` invoke naming the answer, tied to the question server-side.
 */
describe('rating an answer with Teams\' feedback loop (recording connector)', () => {
  const PROJECT_KNOWLEDGE = path.resolve(__dirname, '..', '..', 'knowledge');
  let tmp: ReturnType<typeof makeTempDir>;
  let dataFile: string;
  let knowledgeDir: string;
  let connector: RecordingConnector;
  let running: RunningBot | undefined;
  let logLines: string[];
  /** Every answer record the bot stored, in order: how a test learns the answer message's activity id. */
  let recorded: AnswerRecord[];
  /** While set, the store's answer-record writes wait for it (a slow disk or database). */
  let holdRecords: Promise<void> | undefined;

  const bot = (): RunningBot => running!;
  const newUser = (extra: Partial<ConstructorParameters<typeof TestUser>[0]> = {}) => new TestUser({ botEndpoint: bot().endpoint, connector, ...extra });

  async function userWithSchool(school = 'conexus', extra: Partial<ConstructorParameters<typeof TestUser>[0]> = {}): Promise<TestUser> {
    const user = newUser(extra);
    await user.submit({ verb: 'chooseSchool', schoolId: school });
    return user;
  }

  /** Asks and returns the turn with the id the connector gave the answer message. */
  async function ask(user: TestUser, question: string): Promise<{ turn: TurnResult; activityId: string }> {
    const before = recorded.length;
    const turn = await user.say(question);
    expect(recorded).toHaveLength(before + 1);
    return { turn, activityId: recorded[before].activityId };
  }

  function rate(user: TestUser, replyToId: string, reaction: string, feedbackText = ''): Promise<TurnResult> {
    return user.send({
      type: 'invoke',
      name: 'message/submitAction',
      replyToId,
      value: { actionName: 'feedback', actionValue: { reaction, feedback: JSON.stringify({ feedbackText }) } },
    });
  }

  beforeEach(async () => {
    tmp = makeTempDir();
    dataFile = path.join(tmp.dir, 'data', 'baken.json');
    knowledgeDir = path.join(tmp.dir, 'knowledge');
    fs.cpSync(PROJECT_KNOWLEDGE, knowledgeDir, { recursive: true });
    connector = await RecordingConnector.start();
    logLines = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    running = await startTestBot({ dataFile, askService: new FakeAskService(), knowledgeDir, logger: createLogger('debug', sink) });
    recorded = [];
    holdRecords = undefined;
    const repo = running.store.feedback;
    const record = repo.recordAnswer.bind(repo);
    jest.spyOn(repo, 'recordAnswer').mockImplementation(async (answer) => {
      recorded.push(answer);
      await holdRecords;
      return record(answer);
    });
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await connector.stop();
    tmp.cleanup();
  });

  test('the answer message carries Teams\' feedback loop; its card has no rating buttons, no text box and no question', async () => {
    const user = await userWithSchool();
    const { turn } = await ask(user, 'Waar registreer ik een incident?');
    const reply = turn.replies[0];
    expect(reply.channelData).toEqual({ feedbackLoopEnabled: true });
    const [card] = cardsOf(reply);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Toon hele sectie', 'Lees verder']);
    expect(JSON.stringify(card)).not.toContain('Input.Text');
    expect(JSON.stringify(reply.attachments)).not.toContain('registreer ik');
    // The old buttons' verb is gone: a click on a card from before is answered as a stale button, nothing stored.
    const stale = await user.submit({ verb: 'feedback', vote: 'up', q: 'x', school: 'conexus', doc: 'conexus', section: '2.7' });
    expect(stale.replies[0].text).toContain('Deze knop werkt niet (meer)');
    expect(await bot().store.feedback.list()).toEqual([]);
  });

  test('👍 on her own answer: invoke answered 200, the rating stored with question and section from the server, a candidate made', async () => {
    const user = await userWithSchool();
    const { activityId } = await ask(user, 'Waar   zet ik een incident in?');
    const turn = await rate(user, activityId, 'like', '  Precies wat ik zocht  ');
    expect(turn.status).toBe(200);
    expect(turn.replies).toEqual([]);
    expect(await bot().store.feedback.list()).toEqual([
      expect.objectContaining({
        userKey: user.aadObjectId,
        schoolId: 'conexus',
        question: 'Waar zet ik een incident in?',
        doc: 'conexus',
        sectionId: '2.7',
        abstained: false,
        vote: 'up',
        comment: 'Precies wat ik zocht',
        lang: 'nl',
        at: '2026-03-10T09:00:00.000Z',
      }),
    ]);
    expect(await bot().store.feedback.listCandidates()).toEqual([
      expect.objectContaining({ doc: 'conexus', sectionId: '2.7', question: 'Waar zet ik een incident in?', lang: 'nl', status: 'candidate' }),
    ]);
  });

  test('the answer and its turn do not wait for the answer record to be stored; a rating sent meanwhile waits for it', async () => {
    const user = await userWithSchool();
    let release!: () => void;
    holdRecords = new Promise<void>((resolve) => (release = resolve));
    // The turn ends (POST answered) with the record's write still held.
    const { turn, activityId } = await ask(user, 'Waar zet ik een incident in?');
    expect(turn.status).toBe(200);
    expect(turn.replies[0].channelData).toEqual({ feedbackLoopEnabled: true });
    const rating = rate(user, activityId, 'like');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await bot().store.feedback.list()).toEqual([]);
    release();
    const rated = await rating;
    expect(rated.status).toBe(200);
    expect(rated.replies).toEqual([]);
    expect(await bot().store.feedback.list()).toEqual([expect.objectContaining({ vote: 'up', sectionId: '2.7', question: 'Waar zet ik een incident in?' })]);
  });

  test('an answer record begun before Baken stops is stored', async () => {
    const user = await userWithSchool();
    await ask(user, 'Waar zet ik een incident in?');
    const [record] = recorded;
    await bot().stop();
    running = await startTestBot({ dataFile, knowledgeDir });
    expect(await running.store.feedback.getAnswer(record.id)).toMatchObject({ question: 'Waar zet ik een incident in?', sectionId: '2.7' });
  });

  test('👎 is stored (a second rating of the same answer replaces the first) and never makes a candidate', async () => {
    const user = await userWithSchool();
    const { activityId } = await ask(user, 'Waar zet ik een incident in?');
    expect((await rate(user, activityId, 'dislike')).status).toBe(200);
    expect(await bot().store.feedback.list()).toEqual([expect.objectContaining({ vote: 'down', sectionId: '2.7' })]);
    expect(await bot().store.feedback.listCandidates()).toEqual([]);
    // Changing her mind: one rating per answer, the last one.
    await rate(user, activityId, 'like');
    expect((await bot().store.feedback.list()).map((f) => f.vote)).toEqual(['up']);
  });

  test('👍 on an abstention is stored but proposes nothing (no section was cited)', async () => {
    const user = await userWithSchool();
    const { turn, activityId } = await ask(user, 'Iets onbekends over de schoolreis?');
    expect(turn.replies[0].channelData).toEqual({ feedbackLoopEnabled: true });
    expect((await rate(user, activityId, 'like')).status).toBe(200);
    const [entry] = await bot().store.feedback.list();
    expect(entry).toMatchObject({ abstained: true, vote: 'up', question: 'Iets onbekends over de schoolreis?' });
    expect(entry).not.toHaveProperty('doc');
    expect(await bot().store.feedback.listCandidates()).toEqual([]);
  });

  test('someone else rating her answer (a group chat) is refused clearly and nothing is stored', async () => {
    const conversationId = 'a:group-chat-1';
    const anna = await userWithSchool('conexus', { conversationId, conversationType: 'groupChat' });
    const { activityId } = await ask(anna, 'Waar zet ik een incident in?');
    const bram = await userWithSchool('conexus', { conversationId, conversationType: 'groupChat' });
    const turn = await rate(bram, activityId, 'like');
    expect(turn.status).toBe(200);
    expect(turn.replies).toHaveLength(1);
    expect(turn.replies[0].text).toContain('Deze beoordeling is niet opgeslagen');
    expect(turn.replies[0].text).toContain('30 dagen');
    expect(await bot().store.feedback.list()).toEqual([]);
    expect(await bot().store.feedback.listCandidates()).toEqual([]);
  });

  test('in a channel the rating may name the channel without the thread the question was asked in', async () => {
    const thread = '19:veiligheid@thread.tacv2;messageid=1712345600000';
    const inThread = await userWithSchool('conexus', { conversationId: thread, conversationType: 'channel' });
    const { activityId } = await ask(inThread, 'Waar zet ik een incident in?');
    const inChannel = new TestUser({ botEndpoint: bot().endpoint, connector, conversationId: '19:veiligheid@thread.tacv2', conversationType: 'channel', userId: inThread.userId, aadObjectId: inThread.aadObjectId });
    const turn = await rate(inChannel, activityId, 'like');
    expect(turn.replies).toEqual([]);
    expect(await bot().store.feedback.list()).toEqual([expect.objectContaining({ vote: 'up', sectionId: '2.7' })]);
  });

  test('a rating of an unknown message, of her answer in another chat, or after 30 days is refused; tampered data too', async () => {
    const user = await userWithSchool();
    const { activityId } = await ask(user, 'How do I log an incident?');
    const unknown = await rate(user, 'not-an-answer', 'like');
    expect(unknown.replies[0].text).toContain('This rating was not saved');
    // The same message id in another conversation is another message.
    const elsewhere = new TestUser({ botEndpoint: bot().endpoint, connector, userId: user.userId, aadObjectId: user.aadObjectId });
    expect((await rate(elsewhere, activityId, 'like')).replies[0].text).toContain('This rating was not saved');
    const tampered = await user.send({ type: 'invoke', name: 'message/submitAction', replyToId: activityId, value: { actionName: 'feedback', actionValue: { reaction: 'love' } } });
    expect(tampered.status).toBe(200);
    expect(tampered.replies[0].text).toContain('This button no longer works');
    bot().clock.advance(31 * 24 * 60 * 60 * 1000);
    expect((await rate(user, activityId, 'like')).replies[0].text).toContain('up to 30 days');
    expect(await bot().store.feedback.list()).toEqual([]);
  });

  test('logs carry neither the question nor the rating\'s text', async () => {
    const user = await userWithSchool();
    const { activityId } = await ask(user, 'Waar zet ik MARKER-VRAAG-7 in?');
    await rate(user, activityId, 'like', 'MARKER-TOELICHTING-7');
    await rate(newUser(), activityId, 'dislike', 'MARKER-TOELICHTING-8');
    expect(logLines.join('')).toContain('answer rated');
    expect(logLines.join('')).not.toMatch(/MARKER-/);
  });

  test('end to end: 👍 → npm run feedback -- review lists it → --accept adds it to the plan\'s phrasings (a copy), --reject marks another', async () => {
    const user = await userWithSchool();
    const first = await ask(user, 'Waar zet ik een incident in?');
    await rate(user, first.activityId, 'like');
    const second = await ask(user, 'Hoe noteer ik een vechtpartij?');
    await rate(user, second.activityId, 'like');
    const [accept, reject] = await bot().store.feedback.listCandidates();
    // Accepting writes: the lowdb store must not be in use by the bot.
    await bot().stop();
    running = undefined;
    const env = { DATA_FILE: dataFile, KNOWLEDGE_DIR: knowledgeDir };
    const listing: string[] = [];
    expect(await feedbackCli(['review'], (s) => listing.push(s), env)).toBe(0);
    expect(listing.join('\n')).toContain(`${accept.id}  conexus › 2.7 Incidentenregistratie en -curatie  [nl]  stemmen: 1`);
    expect(listing.join('\n')).toContain('Hoe noteer ik een vechtpartij?');
    const file = path.join(knowledgeDir, 'phrasings', 'conexus.json');
    expect(await feedbackCli(['review', '--accept', accept.id], () => undefined, env)).toBe(0);
    const nl = (JSON.parse(fs.readFileSync(file, 'utf8')) as { sections: Record<string, { nl: string[] }> }).sections['2.7'].nl;
    expect(nl[nl.length - 1]).toBe('Waar zet ik een incident in?');
    expect(await feedbackCli(['review', '--reject', reject.id], () => undefined, env)).toBe(0);
    expect(JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')))).not.toContain('vechtpartij?');
    // The repository's own knowledge folder is never touched.
    expect(fs.readFileSync(path.join(PROJECT_KNOWLEDGE, 'phrasings', 'conexus.json'), 'utf8')).not.toContain('Waar zet ik een incident in?');
    running = await startTestBot({ dataFile, knowledgeDir });
    expect(await running.store.feedback.getCandidate(accept.id)).toMatchObject({ status: 'accepted' });
    expect(await running.store.feedback.getCandidate(reject.id)).toMatchObject({ status: 'rejected' });
  });
});

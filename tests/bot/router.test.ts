import type { TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai';
import { commandMatcher, MessageRouter, normalizeCommand, type Intent, type MessageTurn } from '../../src/bot/router';

function turn(text: string, withSchool = true): MessageTurn {
  return {
    context: {} as TurnContext,
    state: {} as TurnState,
    text,
    normalized: normalizeCommand(text),
    userKey: 'u1',
    profile: undefined,
    school: withSchool ? { id: 'conexus', name: 'Conexus', board: 'conexus', code: 'CNX' } : undefined,
    lang: 'nl',
  };
}

describe('MessageRouter', () => {
  const handled: string[] = [];
  const intent = (name: string, matches: (t: MessageTurn) => boolean, needsSchool?: boolean): Intent => ({
    name, matches, needsSchool, handle: async () => { handled.push(name); },
  });
  let router: MessageRouter;

  beforeEach(() => {
    handled.length = 0;
    router = new MessageRouter(intent('ask', () => true), async () => { handled.push('welcome'); }, async () => { handled.push('personal-only'); });
  });

  test('unmatched text goes to the fallback; a matching intent takes it instead', async () => {
    router.add(intent('help', commandMatcher(['help', 'hulp']), false));
    expect(await router.route(turn('Wat doe ik bij pesten?'))).toBe('ask');
    expect(await router.route(turn('Hulp!'))).toBe('help');
    expect(handled).toEqual(['ask', 'help']);
  });

  test('higher priority wins; equal priority keeps registration order', () => {
    router.add(intent('first', (t) => t.text.startsWith('wie')));
    router.add(intent('second', (t) => t.text.startsWith('wie')));
    expect(router.select(turn('wie is de IB')).name).toBe('first');
    router.add(intent('urgent', (t) => t.text.includes('wie')), 10);
    expect(router.select(turn('wie is de IB')).name).toBe('urgent');
  });

  test('intents that need a school show the welcome card when none is chosen', async () => {
    router.add(intent('help', commandMatcher(['help']), false));
    expect(await router.route(turn('vraag', false))).toBe('welcome');
    expect(await router.route(turn('help', false))).toBe('help');
  });

  test('commands match whole short messages only, not questions that contain the word', () => {
    const isSwitch = commandMatcher(['wissel van school']);
    expect(isSwitch(turn('Wissel van school'))).toBe(true);
    expect(isSwitch(turn('ik wil graag wissel van school'))).toBe(true);
    expect(isSwitch(turn('Mag een leerling wissel van school als hij gepest wordt?'))).toBe(false);
  });
});

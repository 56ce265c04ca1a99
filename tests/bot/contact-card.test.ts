/** Contact cards for every state parse without errors in the adaptivecards library. */

import { cardParseErrors } from '../support/adaptive-cards';
import type { WhoAnswer } from '../../src/directory';
import { renderContactCard, teamsChatUrl, telUrl } from '../../src/bot/contact-card';
import { schoolsWithExtras, service, tempDir } from '../directory/helpers';

const svc = service({ schoolsFile: schoolsWithExtras(tempDir()) });
const ask = (school: string, q: string, lang: 'nl' | 'en' = 'nl') => svc.answerWho(school, q, lang) as WhoAnswer;


const samples: [string, string, string, 'nl' | 'en'][] = [
  ['named person', 'de-nieuwe-kring', 'telnr van de vertrouwenspersoon?', 'nl'],
  ['named, two holders', 'conexus', 'wie is de externe vertrouwenspersoon?', 'nl'],
  ['named organisation', 'wij-de-venen', 'who is the external confidential adviser?', 'en'],
  ['unnamed', 'conexus', 'wie is de anti-pestcoördinator?', 'nl'],
  ['conflict', 'de-nieuwe-kring', 'wie is de pestcoördinator?', 'nl'],
  ['absent', 'wij-de-venen', 'wie is de pestcoördinator?', 'nl'],
  ['exception', 'het-talent', 'wie is de externe vertrouwenspersoon?', 'en'],
];

describe('renderContactCard', () => {
  for (const [label, school, q, lang] of samples) {
    it(`${label}: parses in adaptivecards without errors and binds everything`, () => {
      const json = renderContactCard(ask(school, q, lang), lang);
      expect(cardParseErrors(json)).toEqual([]);
      expect(JSON.stringify(json)).not.toContain('${');
    });
  }

  it('the checker itself reports a broken card', () => {
    expect(cardParseErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok' }], actions: [{ type: 'Action.OpenUrl', title: 'x' }] }).length).toBe(2);
  });

  it('named: mailto and tel links and a Teams chat action per person', () => {
    const text = JSON.stringify(renderContactCard(ask('de-nieuwe-kring', 'telnr van de vertrouwenspersoon?'), 'nl'));
    expect(text).toContain('(mailto:lvancappellen@hetabc.nl)');
    expect(text).toContain('(tel:0630308715)');
    const card = renderContactCard(ask('de-nieuwe-kring', 'telnr van de vertrouwenspersoon?'), 'nl') as { actions: { type: string; title: string; url: string }[] };
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Stuur een chatbericht', url: 'https://teams.microsoft.com/l/chat/0/0?users=lvancappellen%40hetabc.nl' }]);
  });

  it('conflict: every name with its place in the plan; no chat action without an address', () => {
    const card = renderContactCard(ask('de-nieuwe-kring', 'wie is de pestcoördinator?'), 'nl') as { actions: { title: string }[] };
    const text = JSON.stringify(card);
    expect(text).toContain('Plan niet eenduidig');
    expect(text).toContain('Nancy Knaven');
    expect(text).toContain('Aanpak (digitaal) pesten');
    expect(card.actions.map((a) => a.title)).toEqual(['Stuur Linde Rabbeljee een chatbericht']);
  });

  it('unnamed and absent: no holders, no chat action, the plan\'s words', () => {
    const unnamed = renderContactCard(ask('conexus', 'wie is de anti-pestcoördinator?'), 'nl') as { actions: unknown[] };
    expect(JSON.stringify(unnamed)).toContain('1 per school');
    expect(unnamed.actions).toEqual([]);
    const absent = JSON.stringify(renderContactCard(ask('wij-de-venen', 'wie is de pestcoördinator?'), 'en'));
    expect(absent).toContain("Not in your school's plan");
  });

  it('plan text is bound as data, not template code', () => {
    const a = ask('conexus', 'wie is de anti-pestcoördinator?');
    const json = renderContactCard({ ...a, description: '${title}', text: 'x ${role.name} ${$root.title}', does: '${labels.email}' }, 'nl');
    const text = JSON.stringify(json);
    expect(text).toContain('x ${role.name} ${$root.title}');
    expect(text).toContain('${labels.email}');
  });

  it('builds links', () => {
    expect(telUrl('+31 6 12 34')).toBe('tel:+3161234');
    expect(teamsChatUrl('a.b@school.nl')).toBe('https://teams.microsoft.com/l/chat/0/0?users=a.b%40school.nl');
  });
});

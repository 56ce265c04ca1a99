import { cardParseErrors } from '../support/adaptive-cards';
import { CardRenderer } from '../../src/bot/cards';
import type { Lang } from '../../src/i18n';

const renderer = new CardRenderer();
const hostile = 'Wat als ${s.welcome.title} of ${evil} in de tekst staat? <b>"quote"</b>';

/** Sample data for every template this edge owns, including the variants selected by $when. */
const samples: Array<[name: string, data: Record<string, unknown>]> = [
  ['welcome', { prompt: '', current: '', schools: [{ id: 'conexus', name: 'Conexus' }, { id: 'de-campus', name: hostile }] }],
  ['welcome', { prompt: 'Je staat nu ingesteld op X', current: 'conexus', schools: [{ id: 'conexus', name: 'Conexus' }] }],
  ['help', { schoolLine: '' }],
  ['help', { schoolLine: 'Je school: De Campus' }],
  ['answer', { doc: 'conexus', sectionId: '2.7', url: 'https://baken.example/kennis/conexus/2.7', contacts: [] }],
  ['answer', { doc: '', sectionId: '', url: '', contacts: [{ role: hostile, details: 'A. de Vries · a@example.nl' }] }],
  ['section', { title: '2.7 Incidentenregistratie', from: 'Uit: Conexus', paragraphs: ['Eén', hostile], truncated: true, url: 'https://baken.example/kennis/conexus/2.7' }],
];


describe('card templates', () => {
  test.each(samples.flatMap(([name, data]) => (['nl', 'en'] as Lang[]).map((lang) => [name, lang, data] as const)))(
    '%s (%s) renders and parses without errors in the adaptivecards library',
    (name, lang, data) => {
      const card = renderer.renderJson(name, lang, data);
      expect(cardParseErrors(card)).toEqual([]);
      // Every template binding was filled: the only ${…} left is the user text bound as data.
      const text = JSON.stringify(card).split(JSON.stringify(hostile).slice(1, -1)).join('');
      expect(text).not.toContain('${');
    },
  );

  test('user text bound as data is shown literally, never evaluated', () => {
    const card = renderer.renderJson('section', 'nl', { title: hostile, from: '', paragraphs: [], truncated: false, url: 'https://x' });
    expect((card.body as Array<{ text: string }>)[0].text).toBe(hostile);
  });

  test('a broken card is caught by the same check (the test can fail)', () => {
    expect(cardParseErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text' }] })).not.toEqual([]);
  });

  test('every template this edge owns is covered by a sample', () => {
    const owned = ['welcome', 'help', 'answer', 'section'];
    expect(renderer.templateNames()).toEqual(expect.arrayContaining(owned));
    expect(new Set(samples.map(([name]) => name))).toEqual(new Set(owned));
  });
});

describe('memoised rendering (the answer card)', () => {
  test('gives the same card as rendering afresh, and every call its own copy', () => {
    const memoised = new CardRenderer();
    const data = { doc: 'conexus', sectionId: '2.7', url: 'https://baken.example/kennis/conexus/2.7', contacts: [{ role: 'IB', details: 'A. de Vries' }] };
    const first = memoised.render('answer', 'nl', data, { memo: true });
    expect(first.content).toEqual(renderer.renderJson('answer', 'nl', data));
    (first.content as { actions: unknown[] }).actions.length = 0;
    const second = memoised.render('answer', 'nl', data, { memo: true });
    expect(second.content).toEqual(renderer.renderJson('answer', 'nl', data));
    expect(memoised.render('answer', 'en', data, { memo: true }).content).toEqual(renderer.renderJson('answer', 'en', data));
    expect(memoised.render('answer', 'nl', { ...data, contacts: [] }, { memo: true }).content).toEqual(renderer.renderJson('answer', 'nl', { ...data, contacts: [] }));
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { detectLang, DEFAULT_CARDS_DIR, t, type Strings } from '../../src/i18n';

describe('strings', () => {
  test('t fills placeholders and refuses missing keys', () => {
    expect(t('nl', 'welcome.saved', { school: 'De Campus' })).toContain('je werkt op De Campus');
    expect(t('en', 'welcome.saved', { school: 'De Campus' })).toContain('you work at De Campus');
    expect(() => t('nl', 'welcome.nope')).toThrow(/Missing string/);
  });

  test('Dutch and English strings files have exactly the same keys', () => {
    const keys = (node: Strings, prefix = ''): string[] =>
      Object.entries(node).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
    const read = (lang: string) => JSON.parse(fs.readFileSync(path.join(DEFAULT_CARDS_DIR, `strings.${lang}.json`), 'utf8')) as Strings;
    expect(keys(read('en')).sort()).toEqual(keys(read('nl')).sort());
  });
});

describe('detectLang', () => {
  test.each([
    ['What do I do if I suspect abuse at home?', 'en'],
    ['who is the confidential adviser', 'en'],
    ['Mag ik een kind vastpakken als hij doordraait?', 'nl'],
    ['hoe lang mag een schorsing duren zonder bestuur', 'nl'],
    ['wissel van school', 'nl'],
  ])('%s → %s', (text, lang) => {
    expect(detectLang(text)).toBe(lang);
  });

  test('no signal gives undefined', () => {
    expect(detectLang('help')).toBeUndefined();
    expect(detectLang('pestprotocol')).toBeUndefined();
  });
});

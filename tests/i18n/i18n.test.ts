import * as fs from 'fs';
import * as path from 'path';
import { detectLang, DEFAULT_CARDS_DIR, MissingStringError, NAMESPACES, stringsFile, t, type StringTree } from '../../src/i18n';
import { REPORT_TYPES } from '../../src/reports/types';
import { loadReportKnowledge } from '../../src/reports/taxonomy';
import { rolesFor, nextStepsFor } from '../../src/reports/taxonomy';

describe('strings: one module, one rule for a missing key', () => {
  test('t fills placeholders in every namespace and throws on a missing key', () => {
    expect(t('nl', 'welcome.saved', { school: 'De Campus' })).toContain('je werkt op De Campus');
    expect(t('en', 'welcome.saved', { school: 'De Campus' })).toContain('you work at De Campus');
    expect(t('nl', 'reports:card.confirmationTitle', { id: 'CMP-2026-0007' })).toBe('Melding CMP-2026-0007 is opgeslagen');
    expect(t('nl', 'directory:detail.phone', { phone: '0297 123' })).toContain('0297 123');
    for (const key of ['welcome.nope', 'reports:card.nope', 'directory:nope']) {
      expect(() => t('nl', key)).toThrow(MissingStringError);
    }
  });

  test('a placeholder without a value becomes empty, never "{name}" on screen', () => {
    expect(t('nl', 'reports:card.confirmationTitle')).toBe('Melding is opgeslagen');
  });

  test.each(NAMESPACES)('%s: Dutch and English have exactly the same keys', (ns) => {
    const keys = (node: StringTree, prefix = ''): string[] =>
      Object.entries(node).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
    const read = (lang: 'nl' | 'en') => JSON.parse(fs.readFileSync(stringsFile(DEFAULT_CARDS_DIR, ns, lang), 'utf8')) as StringTree;
    expect(keys(read('en')).sort()).toEqual(keys(read('nl')).sort());
  });

  test('every step, field, option, role and plan the report data names has its texts in both languages', () => {
    const { flows, tax, schools } = loadReportKnowledge(path.join(__dirname, '..', '..', 'knowledge'));
    const keys: string[] = [];
    for (const step of Object.values(flows.steps)) {
      keys.push(`steps.${step.id}.title`, `steps.${step.id}.intro`);
      for (const f of step.fields) {
        keys.push(`fields.${f.id}.label`);
        for (const o of f.options ?? []) keys.push(`options.${f.id}.${o}`);
      }
    }
    for (const school of schools) {
      for (const type of REPORT_TYPES) {
        for (const lang of ['nl', 'en'] as const) {
          const steps = nextStepsFor(tax, school.id, type, lang, { fields: {} });
          keys.push(...rolesFor(steps).map((r) => `roles.${r}`), ...steps.flatMap((st) => (st.citation ? [`docs.${st.citation.doc}`] : [])));
        }
      }
    }
    for (const lang of ['nl', 'en'] as const) {
      const missing = [...new Set(keys)].filter((k) => {
        try {
          t(lang, `reports:${k}`);
          return false;
        } catch {
          return true;
        }
      });
      expect({ lang, missing }).toEqual({ lang, missing: [] });
    }
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

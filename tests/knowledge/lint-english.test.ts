/**
 * knowledge:lint lists a plan's topic words that no English word leads to: what an English question cannot find
 * until someone adds the word to knowledge/analysis/english-lexicon.json.
 */
import { englishReach, formatLint, lintPlan } from '../../src/knowledge/lint';
import { stemDutch } from '../../src/knowledge/analysis/stemmer';
import type { AnalysisResources } from '../../src/knowledge/analysis/resources';
import type { WordList } from '../../src/knowledge/analysis/wordlist';
import type { PlanDocument } from '../../src/knowledge/types';

const resources: AnalysisResources = {
  stopwords: { nl: ['zaken'], en: [] },
  synonyms: [],
  english: { bullying: 'pesten', safety: 'veiligheid', policy: 'beleid', behaviour: 'gedrag' },
  englishLexicon: { suspicion: 'vermoeden', protocol: 'protocol' },
};
const nouns = new Set(['https', 'pestgedrag', 'veiligheidsbeleid', 'vermoeden', 'protocol', 'schoolplein', 'zaken', 'klimrek', 'pesten']);
const wordList = { isNoun: (w: string) => nouns.has(w) } as unknown as WordList;
const analyzer = {
  termOf: (w: string) => stemDutch(w),
  splitCompound: (w: string) => (w === 'veiligheidsbeleid' ? ['veiligheid', 'beleid'] : w === 'pestgedrag' ? ['pest', 'gedrag'] : null),
};
const doc: PlanDocument = {
  id: 'alpha', title: 'Plan Alpha', scope: { level: 'school', board: 'b', schools: ['alpha'] }, source: 'a.txt',
  sections: [
    { id: '1', number: '1', title: 'Pesten', level: 1, parents: [], isTemplate: false,
      text: 'Pesten op het schoolplein melden we. Het schoolplein heeft een klimrek. Het veiligheidsbeleid en het protocol. Bij een vermoeden van pestgedrag. Zaken en zaken.' },
    { id: '2', number: '2', title: 'Buiten', level: 1, parents: [], isTemplate: false,
      text: 'Op het schoolplein geldt het veiligheidsbeleid. Het protocol en het vermoeden, pestgedrag, pesten.\nLink: https://www.example.nl/pesten\nLink: https://www.example.nl/beleid' },
  ],
};

describe('topic words no English word leads to', () => {
  const english = englishReach(resources, analyzer, wordList);
  test('are the plan\'s nouns, occurring twice or more, that neither the thesaurus nor the lexicon reaches', () => {
    const lint = lintPlan(doc, new Map(), [], english);
    // schoolplein: three times, no English; klimrek: once (not listed); zaken: a stop word; https: part of a link.
    expect(lint.withoutEnglish).toEqual(['schoolplein']);
  });

  test('a word reached through its form, its compound parts or as an English entry itself is not listed', () => {
    expect(english.reaches('pesten')).toBe(true);
    expect(english.reaches('vermoeden')).toBe(true);
    expect(english.reaches('veiligheidsbeleid')).toBe(true);
    expect(english.reaches('protocol')).toBe(true);
    expect(english.reaches('schoolplein')).toBe(false);
  });

  test('the report names them per plan, without counting them as problems (it is advice for a new plan)', () => {
    const report = formatLint([lintPlan(doc, new Map([['alpha', new Map([['1', { nl: ['a'], en: ['b'], draft: false }], ['2', { nl: ['c'], en: [], draft: false }]])]]), [], english)]);
    expect(report.text).toContain('topic words no English word leads to (1):');
    expect(report.text).toContain('schoolplein');
    expect(report.problems).toBe(0);
  });
});

/** Thesaurus hygiene (knowledge/thesaurus.json): general vocabulary only, no function words. */
import * as path from 'path';
import { words } from '../../src/knowledge/analysis/normalize';
import { loadAnalysisResources } from '../../src/knowledge/analysis/resources';

const resources = loadAnalysisResources(path.resolve(__dirname, '../../knowledge'));
const stopNl = new Set(resources.stopwords.nl);

describe('thesaurus hygiene', () => {
  test('no synonym is a function word (elkaar, waar, binnen would join every sentence to a notion)', () => {
    const offenders = resources.synonyms.flatMap((g) => g.filter((m) => words(m).every((w) => stopNl.has(w) || w === 'elkaar')));
    expect(offenders).toEqual([]);
  });
  test('every English entry maps to at least one content word', () => {
    const empty = Object.entries(resources.english).filter(([, nl]) => words(nl).every((w) => stopNl.has(w)));
    expect(empty).toEqual([]);
  });
});

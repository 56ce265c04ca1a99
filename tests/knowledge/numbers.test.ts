/**
 * One table of number words for the analyser, the figure tests and composition: each reads the same words.
 */
import { cardinalOf, numberWordsPattern } from '../../src/knowledge/analysis/numbers';
import { statesFigure } from '../../src/knowledge/figure';
import { Analyzer } from '../../src/knowledge/analysis/analyzer';
import { loadAnalysisResources } from '../../src/knowledge/analysis/resources';
import * as path from 'path';

describe('number words', () => {
  test('a number word or a number of one or two digits has its value, other words none', () => {
    expect(cardinalOf('twee')).toBe(2);
    expect(cardinalOf('zeventien')).toBe(17);
    expect(cardinalOf('twelve')).toBe(12);
    expect(cardinalOf('12')).toBe(12);
    expect(cardinalOf('toestemming')).toBeUndefined();
    expect(cardinalOf('constructor')).toBeUndefined();
  });

  test('the longer word wins in a pattern (zeventien is not zeven)', () => {
    const re = new RegExp(`^(?:${numberWordsPattern()})`);
    expect(re.exec('zeventien')?.[0]).toBe('zeventien');
    expect(new RegExp(`^(?:${numberWordsPattern(['een'])})$`).test('een')).toBe(false);
  });

  test('the figure tests and the analyser read the same words: "veertig" is a count and no topic word', () => {
    expect(statesFigure('Er zijn veertig leerlingen in de groep.', 'count')).toBe(true);
    expect(statesFigure('Een leerkracht is aanwezig.', 'count')).toBe(false);
    expect(statesFigure('binnen dertien dagen', 'duration')).toBe(true);
    const resources = loadAnalysisResources(path.resolve(__dirname, '../../knowledge'));
    const a = new Analyzer(resources, ['Er zijn veertig leerlingen.'], () => null);
    const concepts = a.analyseQuery('mogen er veertig kinderen mee?', 'nl', new Set(a.documentTerms('Er zijn veertig leerlingen.'))).concepts;
    expect(concepts.find((c) => c.word === 'veertig')?.content).toBe(false);
  });
});

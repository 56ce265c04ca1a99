/**
 * Abstention: one topic word that carries half the question or more must be in the answer's section (or a stand-in
 * of it). A section that matches only the question's side words ("na de vakantie") does not answer it.
 */
import { ABSTAIN } from '../../src/knowledge/ask';
import { ALPHA, alphaPlan, section, smallKnowledge } from '../support/small-plan';

const beta = { id: 'beta', name: 'School Beta', board: 'b2', code: 'BET' };
const documents = [
  alphaPlan([
    section('1', 'Pauze', 'Tijdens de pauze houden twee leerkrachten pleinwacht. De pleinwacht let op het spel en grijpt in bij ruzie.'),
    section('2', 'Verzuim', 'Verlof buiten de schoolvakanties vragen ouders schriftelijk aan bij de directeur.'),
  ]),
  {
    id: 'beta', title: 'Veiligheidsplan Beta', scope: { level: 'school' as const, board: 'b2', schools: ['beta'] }, source: 'b.txt',
    sections: [section('1', 'Rooster', 'Het rooster van de gymlessen hangt in de teamkamer.')],
  },
];
const build = (mainTopicShare: number | undefined) => smallKnowledge(documents, [ALPHA, beta], { ...ABSTAIN, mainTopicShare });

describe('the question\'s main topic must be in the answer\'s section', () => {
  const withRule = build(ABSTAIN.mainTopicShare);
  const without = build(undefined);

  test('a section matching only the side word does not answer (the topic word is known elsewhere, so not "unknown")', () => {
    expect(without.answerPolicy('alpha', 'rooster pleinwacht').answer.abstained).toBe(false);
    expect(withRule.answerPolicy('alpha', 'rooster pleinwacht').answer.abstained).toBe(true);
  });

  test('a question whose topic the section has is still answered', () => {
    const { answer } = withRule.answerPolicy('alpha', 'wie houdt pleinwacht in de pauze?');
    expect(answer.abstained).toBe(false);
    expect(answer.sources[0].section).toContain('Pauze');
  });

  test('a topic shared among several words is no main topic: the section need not have each', () => {
    expect(withRule.answerPolicy('alpha', 'vragen ouders verlof schriftelijk aan bij de directeur of bij de leerkracht?').answer.abstained).toBe(false);
  });
});

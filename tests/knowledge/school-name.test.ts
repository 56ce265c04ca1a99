/**
 * A question that names its school or board ("mogen leerlingen op de Campus hun telefoon meenemen?") is about the
 * topic, not the school: the name is in many of the plan's passages and must not count as evidence that one answers.
 */
import { alphaPlan, section, smallKnowledge } from '../support/small-plan';
import type { School } from '../../src/knowledge/types';

const REGENBOOG: School = { id: 'alpha', name: 'Basisschool De Regenboog', board: 'b1', code: 'RGB' };
const service = smallKnowledge(
  [
    alphaPlan([
      section('1', 'Preventie op De Regenboog', 'Op De Regenboog werken alle leerlingen in hun klas aan een veilig klimaat. De Regenboog kiest voor preventie.'),
      section('2', 'Pesten', 'Bij pesten op De Regenboog neemt de leerkracht contact op met de ouders van de leerlingen in de klas.'),
      section('3', 'Toezicht', 'De leerkrachten van De Regenboog houden toezicht op het plein.'),
    ]),
  ],
  [REGENBOOG],
);

test('the school\'s own name is no topic word: a question about something the plan lacks is not answered because the name matches', () => {
  const r = service.answerPolicy('alpha', 'Mogen leerlingen op De Regenboog hun telefoon mee de klas in nemen?');
  expect(r.query.concepts.map((c) => c.word)).not.toContain('regenboog');
  expect(r.answer.abstained).toBe(true);
});

test('a question that names its school is still answered from the section about its topic', () => {
  const r = service.answerPolicy('alpha', 'wat doet de leerkracht bij pesten op De Regenboog?');
  expect(r.answer.abstained).toBe(false);
  expect(r.answer.sources[0].section).toBe('2 Pesten');
});

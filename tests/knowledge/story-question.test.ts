/**
 * Abstention on a question told as a story: the scenery (weather, a coat, the plants) is words no plan has and
 * dilutes the evidence, but a last sentence that is a question of its own may carry the answer's passage through the
 * same checks. Not when that question itself names a word no plan has: then that word is what it is about.
 */
import { alphaPlan, section, smallKnowledge } from '../support/small-plan';

const knowledge = smallKnowledge([
  alphaPlan([
    section('1', 'Verlof', 'Verlof buiten de schoolvakanties vragen ouders schriftelijk aan bij de directeur. De leerkracht beslist hier niet over.'),
    section('2', 'Pauze', 'Tijdens de pauze houden twee leerkrachten pleinwacht. De pleinwacht let op het spel en grijpt in bij ruzie.'),
    section('3', 'Gezondheid', 'Bij hoofdpijn of koorts bellen we de ouders. Medicijnen geven we alleen met schriftelijke toestemming van de ouders.'),
  ]),
]);

const story =
  'Vanochtend stond ik met mijn natte jas en paraplu nog bij de planten in de gang, het stormde buiten flink en de kapstok hing vol sjaals, toen een moeder naar me toe kwam';
const question = 'Beslis ik als leerkracht zelf over verlof of vragen ouders dat aan bij de directeur?';

describe('a question told as a story', () => {
  test('is answered when its last sentence is a question of its own; the same words as one sentence are not', () => {
    const asStory = knowledge.answerPolicy('alpha', `${story}. ${question}`);
    expect(asStory.answer.abstained).toBe(false);
    expect(asStory.answer.sources[0].section).toContain('Verlof');
    // Control: without a sentence of its own, the scenery dilutes the evidence below the bar.
    expect(knowledge.answerPolicy('alpha', `${story} en vroeg of ik als leerkracht zelf over verlof beslis of dat ouders dat aanvragen bij de directeur`).answer.abstained).toBe(true);
  });

  test('is not rescued when the question itself names a word no plan has', () => {
    const own = 'Vragen ouders verlof voor de luizenkam schriftelijk aan bij de directeur?';
    // Alone, the question passes (the word no plan has is outweighed by the rest) …
    expect(knowledge.answerPolicy('alpha', own).answer.abstained).toBe(false);
    // … but after a story it is not carried by its own sentence: luizenkam is what it asks about, not scenery.
    expect(knowledge.answerPolicy('alpha', `${story}. ${own}`).answer.abstained).toBe(true);
  });
});

/**
 * How the asker introduces herself ("ik ben invaller", "I'm a student teacher") is no topic of the question: a
 * word there that no plan has must not make an answerable question look off-topic.
 */
import { markAskerDescription, type QueryConcept } from '../../src/knowledge/analysis/analyzer';

const concepts = (...ws: string[]): QueryConcept[] => ws.map((word) => ({ word, terms: new Map([[word, 1]]), content: true }));
const topics = (cs: QueryConcept[]) => cs.filter((c) => c.content !== false).map((c) => c.word);

describe('the asker describing herself', () => {
  it('takes the words after "ik ben / ik werk (sinds kort) als" up to the next small word', () => {
    const cs = concepts('invaller', 'vrijdag', 'bhv');
    markAskerDescription('Ik werk sinds kort als invaller en op vrijdag is er geen bhv', 'nl', cs);
    expect(topics(cs)).toEqual(['vrijdag', 'bhv']);
    const cs2 = concepts('stagiair', 'leerling', 'papa');
    markAskerDescription('Een leerling zegt dat papa slaat. Ik ben stagiair en schrok ervan.', 'nl', cs2);
    expect(topics(cs2)).toEqual(['leerling', 'papa']);
  });
  it('in English too, a two-word role included', () => {
    const cs = concepts('student', 'teacher', 'staff', 'pupil');
    markAskerDescription("I'm a student teacher and a staff member touched a pupil", 'en', cs);
    expect(topics(cs)).toEqual(['staff', 'pupil']);
  });
  it('stops at the end of the clause and leaves questions without an introduction alone', () => {
    const cs = concepts('iber', 'taken');
    markAskerDescription("ik ben de ib'er, wat zijn de taken", 'nl', cs);
    expect(topics(cs)).toEqual(['taken']);
    const cs2 = concepts('invaller', 'regels');
    markAskerDescription('welke regels gelden voor een invaller?', 'nl', cs2);
    expect(topics(cs2)).toEqual(['invaller', 'regels']);
  });
});

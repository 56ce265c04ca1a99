/** The Ask worker's warm-up: a sample of the shipped phrasings, every plan in turn, asked one per event-loop turn. */
import * as path from 'path';
import { warmUp, warmUpQuestions } from '../../src/ask/warm-up';
import { loadKnowledge } from '../../src/knowledge/load';
import { planAppliesTo } from '../../src/knowledge/scope';

const knowledgeDir = path.resolve(__dirname, '../../knowledge');
const kb = loadKnowledge(knowledgeDir);

describe('warm-up questions', () => {
  const questions = warmUpQuestions(knowledgeDir, kb.schools, kb.documents, 300);

  test('are staff phrasings, as many as asked for, each asked by a school the plan applies to', () => {
    expect(questions).toHaveLength(300);
    for (const q of questions) expect(q.question.length).toBeGreaterThan(5);
    const docs = new Set(questions.map((q) => kb.documents.find((d) => planAppliesTo(d, kb.schools.find((s) => s.id === q.schoolId)!))?.id));
    expect(docs.size).toBeGreaterThan(1);
  });

  test('a short sample still reaches every plan (plans take turns)', () => {
    const few = warmUpQuestions(knowledgeDir, kb.schools, kb.documents, kb.documents.length);
    const schools = new Set(few.map((q) => q.schoolId));
    expect(few).toHaveLength(kb.documents.length);
    expect(schools.size).toBeGreaterThan(1);
  });
});

describe('warm-up run', () => {
  test('asks one question per event-loop turn, so that work arriving meanwhile goes in between', async () => {
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      warmUp(
        [
          { schoolId: 's', question: 'q1' },
          { schoolId: 's', question: 'q2' },
          { schoolId: 's', question: 'q3' },
        ],
        (_school, question) => {
          order.push(question);
          // A request that arrives while q1 is answered is handled before q2.
          if (question === 'q1') setImmediate(() => order.push('request'));
        },
        resolve,
      );
    });
    expect(order).toEqual(['q1', 'request', 'q2', 'q3']);
  });

  test('goes on after a question that fails', async () => {
    const asked: string[] = [];
    await new Promise<void>((resolve) =>
      warmUp(
        [
          { schoolId: 's', question: 'bad' },
          { schoolId: 's', question: 'good' },
        ],
        (_school, question) => {
          asked.push(question);
          if (question === 'bad') throw new Error('broken');
        },
        resolve,
      ),
    );
    expect(asked).toEqual(['bad', 'good']);
  });
});

/**
 * Ask's first few hundred questions cost two to three times what later ones do: V8 is still compiling the analyser's
 * and the index's code, and the caches of word forms fill (measured: about 3.5 ms a question over the first 550,
 * 1.4 ms after a thousand). The worker therefore asks itself a sample of the staff phrasings once it is ready, one
 * question per turn of its event loop, so that a real question waits for at most one of them.
 */
import { loadPhrasings } from '../knowledge/phrasings';
import { planAppliesTo } from '../knowledge/scope';
import type { PlanDocument, School } from '../knowledge/types';

export interface WarmUpQuestion {
  schoolId: string;
  question: string;
}

/** Up to `count` phrasings (the first Dutch and the first English one of each section), each asked by a school its plan applies to. */
export function warmUpQuestions(knowledgeDir: string, schools: readonly School[], documents: readonly PlanDocument[], count: number): WarmUpQuestion[] {
  const { phrasings } = loadPhrasings(knowledgeDir);
  const perDoc: WarmUpQuestion[][] = [];
  for (const doc of documents) {
    const school = schools.find((s) => planAppliesTo(doc, s));
    const sections = phrasings.get(doc.id);
    if (!school || !sections) continue;
    perDoc.push([...sections.values()].flatMap((p) => [...p.nl.slice(0, 1), ...p.en.slice(0, 1)]).map((question) => ({ schoolId: school.id, question })));
  }
  // Plans in turn, so that a short sample still has every plan's words.
  const out: WarmUpQuestion[] = [];
  for (let i = 0; out.length < count && perDoc.some((list) => i < list.length); i++) for (const list of perDoc) if (i < list.length && out.length < count) out.push(list[i]);
  return out;
}

/** Asks the questions one per event-loop turn (setImmediate), so that messages that arrive meanwhile go first. */
export function warmUp(questions: readonly WarmUpQuestion[], ask: (schoolId: string, question: string) => unknown, done: () => void = () => {}): void {
  let next = 0;
  const step = (): void => {
    if (next >= questions.length) return done();
    const { schoolId, question } = questions[next++];
    try {
      ask(schoolId, question);
    } catch {
      // A question that fails here fails for a user too, and is reported then; the warm-up goes on.
    }
    setImmediate(step);
  };
  setImmediate(step);
}

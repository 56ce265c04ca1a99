import { MAX_PASSAGE, passagesOf } from '../../src/knowledge/passages';
import type { PlanDocument } from '../../src/knowledge/types';

function plan(text: string): PlanDocument {
  return {
    id: 'p',
    title: 'Plan',
    scope: { level: 'board', board: 'b' },
    source: 'p.pdf',
    sections: [{ id: '1', number: '1', title: 'Acties', level: 1, parents: [], text, isTemplate: false }],
  };
}

describe('passages', () => {
  test('a list longer than a passage is cut between its items, and every item stays on its own line', () => {
    const items = Array.from({ length: 12 }, (_, i) => `- Actie ${i + 1}: afspraken maken over het monitoren van de sociale veiligheid op school, met de ouders en het team.`);
    const passages = passagesOf(plan(`Daarbij zijn de volgende acties van belang:\n${items.join('\n')}`));
    expect(passages.length).toBeGreaterThan(1);
    for (const p of passages) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE);
      for (const line of p.text.split('\n').filter((l) => l.startsWith('-'))) expect(items).toContain(line);
    }
    expect(passages.flatMap((p) => p.text.split('\n')).filter((l) => l.startsWith('-')).length).toBeGreaterThanOrEqual(items.length);
  });

  test('a long line without line breaks is cut at sentence ends', () => {
    const sentence = 'De school maakt afspraken over het toezicht op het plein tijdens de pauzes en bij het halen en brengen.';
    const passages = passagesOf(plan(Array.from({ length: 30 }, () => sentence).join(' ')));
    expect(passages.length).toBeGreaterThan(1);
    for (const p of passages) expect(p.text.endsWith('brengen.')).toBe(true);
  });
});

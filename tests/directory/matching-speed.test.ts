/**
 * The shortcuts of role matching must not change what it finds: the banded edit-distance check against the full
 * one, and reading a question once for the school's people and everyone's against asking twice.
 */
import { editDistance, withinEdits } from '../../src/directory/text';
import { matchWhoIntent, matchWhoIntentForSchool } from '../../src/directory/intent';
import { service } from './helpers';

/** A small fixed-seed generator, so a failure repeats. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('withinEdits', () => {
  it('answers as editDistance(a, b, max) <= max, for typos, transpositions and unrelated words', () => {
    const r = random(7);
    const pick = (letters: string, length: number) => Array.from({ length }, () => letters[Math.floor(r() * letters.length)]).join('');
    const typo = (w: string, edits: number) => {
      for (let e = 0; e < edits; e++) {
        const p = Math.floor(r() * (w.length + 1));
        const op = Math.floor(r() * 4);
        if (op === 0) w = w.slice(0, p) + w.slice(p + 1);
        else if (op === 1) w = `${w.slice(0, p)}x${w.slice(p + 1)}`;
        else if (op === 2 && p + 1 < w.length) w = w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2);
        else w = `${w.slice(0, p)}e${w.slice(p)}`;
      }
      return w;
    };
    const mismatches: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const letters = ['ab', 'abcde', 'abcdefghijklmnopqrstuvwxyz0123456789'][i % 3];
      const a = pick(letters, Math.floor(r() * 24));
      const b = r() < 0.7 ? typo(a, Math.floor(r() * 5)) : pick(letters, Math.floor(r() * 24));
      for (const max of [0, 1, 2, 3, 4]) if (withinEdits(a, b, max) !== editDistance(a, b, max) <= max) mismatches.push(`${a}|${b}|${max}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('handles the words staff mistype, and long words after short ones', () => {
    expect(withinEdits('vertrouwenspersoon', 'vetrouwenspersoon', 2)).toBe(true);
    expect(withinEdits('coordinator', 'coordinatr', 1)).toBe(true);
    expect(withinEdits('aandachtsfunctionaris', 'aandachtsfucntionaris', 1)).toBe(true);
    expect(withinEdits('preventiemedewerker', 'preventie', 3)).toBe(false);
    expect(withinEdits('x'.repeat(300), `${'x'.repeat(299)}y`, 1)).toBe(true);
    expect(withinEdits('ab', 'ba', 1)).toBe(true);
    expect(withinEdits('ab', 'ba', 0)).toBe(false);
  });
});

describe('matchWhoIntentForSchool', () => {
  const svc = service();
  const data = svc.data;
  const questions = [
    'wie is onze ivp?',
    'mailadres van marieke?',
    'mailadres van marieke van de directie?',
    'wie is de vetrouwenspersoon',
    'wie belt Veilig Thuis?',
    'who is the external confidential adviser outside the school',
    'Moet ik een melding doen bij vermoedens van kindermishandeling?',
    '',
    '?!',
  ];
  it('gives what asking with the school\'s people and then with everyone gives', () => {
    for (const school of ['de-campus', 'de-nieuwe-kring', 'conexus'])
      for (const q of questions) {
        const people = svc.rolesForSchool(school).flatMap((r) => r.holders);
        expect([school, q, matchWhoIntentForSchool(q, data, people, school)]).toEqual([school, q, matchWhoIntent(q, data, people, school) ?? matchWhoIntent(q, data, undefined, school)]);
      }
  });
});

import { clip } from '../../src/bot/answer-reply';

/** The definition: the whole text on one line, cut to `max` characters with an ellipsis. */
function reference(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

describe('clip (citation names and abstracts)', () => {
  test('gives what flattening the whole text gives, for long texts, whitespace runs and cuts at a space', () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const pieces = ['a', 'bb', 'woord', ' ', '  ', '\n\n', '\t', ' \n ', 'ü', '…'];
    for (let i = 0; i < 3000; i++) {
      const max = [1, 2, 3, 10, 80, 160][i % 6];
      const length = Math.floor(random() * 1200);
      let text = '';
      // Some texts are mostly whitespace, so that the prefix alone cannot decide.
      const spaceBias = i % 5 === 0 ? 0.9 : 0.3;
      while (text.length < length) text += random() < spaceBias ? pieces[3 + Math.floor(random() * 4)] : pieces[Math.floor(random() * 3)];
      expect(clip(text, max)).toBe(reference(text, max));
    }
  });

  test('a 1,500-character section becomes a 160-character abstract', () => {
    const section = `  Alle incidenten\n\nworden geregistreerd in ParnasSys. ${'De directeur evalueert de registratie.   '.repeat(40)}`;
    expect(clip(section, 160)).toBe(reference(section, 160));
    expect(clip(section, 160)).toHaveLength(160);
  });
});

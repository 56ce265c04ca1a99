/**
 * Number words, Dutch and English, with their value: one table for the analyser (a number is no topic word; "stap
 * twee"), the figure tests (a count, a time span) and composition (a list announced by its count).
 */
export const CARDINALS: Readonly<Record<string, number>> = {
  een: 1, één: 1, eén: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9, tien: 10,
  elf: 11, twaalf: 12, dertien: 13, veertien: 14, vijftien: 15, zestien: 16, zeventien: 17, achttien: 18, negentien: 19,
  twintig: 20, dertig: 30, veertig: 40, vijftig: 50, zestig: 60, zeventig: 70, tachtig: 80, negentig: 90, honderd: 100, duizend: 1000,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1000,
};

/** The value of a number word or a number of one or two digits ("twee", "two", "12"), or undefined. */
export function cardinalOf(word: string | undefined): number | undefined {
  if (!word) return undefined;
  if (/^\d{1,2}$/.test(word)) return Number(word);
  return Object.prototype.hasOwnProperty.call(CARDINALS, word) ? CARDINALS[word] : undefined;
}

/**
 * The number words as a regular-expression alternation, longest first (so "zeventien" is not read as "zeven").
 * @param without words left out: "een" is mostly the article in a sentence ("een leerkracht"), no count.
 */
export function numberWordsPattern(without: readonly string[] = []): string {
  return Object.keys(CARDINALS)
    .filter((w) => !without.includes(w))
    .sort((a, b) => b.length - a.length)
    .join('|');
}

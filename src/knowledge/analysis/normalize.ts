/** Lower case, diacritics folded (coördinator → coordinator, geëvalueerd → geevalueerd). */
export function fold(text: string): string {
  // Plain ASCII (most words, and many whole sentences) needs no decomposition.
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Letters and digits only, folded, single spaces: a quote is found in a text whatever its line breaks and punctuation. */
export function plainText(text: string): string {
  return fold(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A quote from a plan as it is looked for in the plan's text: up to its first ellipsis (the rest is elided), plain. */
export function plainQuote(quote: string): string {
  return plainText(quote.split(/…|\.\.\./)[0]);
}

/**
 * Words of a text, folded. Apostrophes inside a word are dropped (bhv'ers → bhvers, zn → zn); an
 * abbreviation joined by an ampersand is one word (RI&E → rie, O&K → ok), as it is spoken and looked up;
 * hyphenated words yield their parts and the joined form (anti-pestcoördinator → anti, pestcoordinator,
 * antipestcoordinator) so both spellings meet.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  const folded = fold(text).replace(/['’‘`´]/g, '').replace(/\b([a-z]{1,3})\s?&\s?([a-z]{1,3})\b/g, '$1$2');
  for (const raw of folded.split(/[^a-z0-9-]+/)) {
    if (!raw) continue;
    if (!raw.includes('-')) {
      out.push(raw);
      continue;
    }
    const parts = raw.split('-').filter(Boolean);
    if (parts.length > 1) {
      out.push(...parts);
      out.push(parts.join(''));
    } else if (parts.length === 1) {
      out.push(parts[0]);
    }
  }
  return out;
}

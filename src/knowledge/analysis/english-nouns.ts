import nlp from 'compromise';
import { words } from './normalize';

interface TaggedTerm {
  text: string;
  tags: string[];
}

/**
 * The words an English question's grammar makes nouns ("head lice", "my car", "the school trip"), by compromise's
 * part-of-speech tagger: what the question can be about. English has no word list here, and a noun's length or
 * ending says little (lice, car, aunt are nouns; calling, local are not).
 */
export function englishNouns(text: string): Set<string> {
  const out = new Set<string>();
  for (const sentence of nlp(text).json() as { terms: TaggedTerm[] }[]) {
    for (const term of sentence.terms) {
      if (!term.tags.includes('Noun') || term.tags.includes('Pronoun') || term.tags.includes('Possessive')) continue;
      for (const w of words(term.text)) out.add(w);
    }
  }
  return out;
}

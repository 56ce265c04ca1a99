import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';

/** The analysis data kept in knowledge/: stop words, the domain thesaurus and the English lexicon under it. */
export interface AnalysisResources {
  stopwords: { nl: string[]; en: string[] };
  synonyms: string[][];
  /** English word or phrase → Dutch words (space separated). */
  english: Record<string, string>;
  /**
   * The broad English lexicon of the plans' notions (single English word → Dutch words): a fallback for an English
   * word nothing else knows (see Analyzer.translateEnglish).
   */
  englishLexicon?: Record<string, string>;
}

const stopwordsSchema = z.object({ nl: z.array(z.string()), en: z.array(z.string()) });
const thesaurusSchema = z.object({
  synonyms: z.array(z.array(z.string()).min(2)),
  english: z.record(z.string()),
});
const lexiconSchema = z.object({ english: z.record(z.string()) });

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Kan ${file} niet lezen / cannot read ${file}: ${(err as Error).message}`);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`Ongeldig bestand ${file} (${issue.path.join('.') || '/'}: ${issue.message})`);
  }
  return result.data;
}

export function loadAnalysisResources(knowledgeDir: string): AnalysisResources {
  const stopwordsFile = path.join(knowledgeDir, 'analysis', 'stopwords.json');
  const thesaurusFile = path.join(knowledgeDir, 'thesaurus.json');
  const stopwords = parse(stopwordsSchema, readJson(stopwordsFile), stopwordsFile);
  const thesaurus = parse(thesaurusSchema, readJson(thesaurusFile), thesaurusFile);
  const lexiconFile = path.join(knowledgeDir, 'analysis', 'english-lexicon.json');
  const englishLexicon = fs.existsSync(lexiconFile) ? parse(lexiconSchema, readJson(lexiconFile), lexiconFile).english : undefined;
  return { stopwords, synonyms: thesaurus.synonyms, english: thesaurus.english, ...(englishLexicon ? { englishLexicon } : {}) };
}

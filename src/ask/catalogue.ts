import * as path from 'path';
import { DirectoryService } from '../directory';
import { loadKnowledge } from '../knowledge/load';
import type { School } from '../knowledge/types';
import type { AskOptions } from './index';

/**
 * What the bot needs of the knowledge folder besides the answers (those come from the Ask worker, remote.ts): the
 * schools, how many plans there are, and the directory for report contacts. Cheap: no index is built.
 */
export interface AskCatalogue {
  schools: School[];
  documentCount: number;
  directory: DirectoryService;
}

export function askCatalogue(options: AskOptions): AskCatalogue {
  const kb = loadKnowledge(options.knowledgeDir);
  const directory = new DirectoryService({
    file: path.join(options.knowledgeDir, 'directory.json'),
    schoolsFile: path.join(options.knowledgeDir, 'schools.json'),
    cardsDir: options.cardsDir,
    logger: options.logger,
  });
  return { schools: kb.schools, documentCount: kb.documents.length, directory };
}

/** The directory as a long-lived service: loaded once, reloaded on file change without restart. */
import path from 'node:path';
import pino from 'pino';
import type { Lang } from '../knowledge/answer';
import { composeRoleAnswer, composeWhoAnswer, type WhoAnswer } from './answer';
import { asksForSomeone, matchWhoIntent, matchWhoIntentForSchool, roleMentions, type WhoIntent } from './intent';
import { defaultKnowledgeDir, loadDirectory, loadSchools, type SchoolsFile } from './load';
import { rolesForSchool, type SchoolRole } from './lookup';
import type { DirectoryData } from './schema';
import { DEFAULT_CARDS_DIR } from '../i18n';
import { loadStrings } from './strings';
import { watchFile } from '../files/watch';

/** The subset of a pino logger the directory uses. */
export interface DirectoryLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface WatchOptions {
  /** Wait this long after the last file event before reloading (editors write in bursts). Default 200 ms. */
  debounceMs?: number;
  logger?: DirectoryLogger;
  /** Called with the error when the changed file does not load; the previous data stays in use. */
  onError?: (err: unknown) => void;
}

export interface DirectoryWatcher {
  close(): void;
}

/**
 * Watches a directory file and calls `onChange` with freshly validated data after each change (debounced).
 * A bad file is logged and ignored, so the caller keeps its old data. Watches the folder, so editors that
 * replace the file (write-and-rename) are seen too.
 */
export function watchDirectory(file: string, onChange: (data: DirectoryData) => void, options: WatchOptions = {}): DirectoryWatcher {
  const { debounceMs = 200, logger, onError } = options;
  const abs = path.resolve(file);
  const stop = watchFile(
    abs,
    () => {
      try {
        const data = loadDirectory(abs);
        logger?.info({ file: abs }, 'directory reloaded');
        onChange(data);
      } catch (err) {
        logger?.error({ file: abs, err: (err as Error).message }, 'directory file invalid; keeping the previous data');
        onError?.(err);
      }
    },
    { debounceMs, onWatchError: (err) => logger?.warn({ file: abs, err: err.message }, 'directory watcher error') },
  );
  return { close: stop };
}

export interface DirectoryServiceOptions {
  /** Directory data file; default knowledge/directory.json. */
  file?: string;
  /** Boards and schools; default knowledge/schools.json. */
  schoolsFile?: string;
  /** Folder with directory.strings.<lang>.json; default cards/. */
  cardsDir?: string;
  logger?: DirectoryLogger;
}

/**
 * Role directory for all schools. Construction loads and validates the files (throws `DirectoryLoadError`);
 * `watch()` keeps it current; lookups always use the latest valid data.
 */
export class DirectoryService {
  readonly file: string;
  readonly schoolsFile: string;
  readonly cardsDir: string;
  private readonly logger: DirectoryLogger;
  private current: DirectoryData;
  private schools: SchoolsFile;
  private watcher: DirectoryWatcher | null = null;

  constructor(options: DirectoryServiceOptions = {}) {
    const knowledge = defaultKnowledgeDir();
    this.file = path.resolve(options.file ?? path.join(knowledge, 'directory.json'));
    this.schoolsFile = path.resolve(options.schoolsFile ?? path.join(knowledge, 'schools.json'));
    this.cardsDir = path.resolve(options.cardsDir ?? DEFAULT_CARDS_DIR);
    this.logger = options.logger ?? pino({ name: 'directory' });
    this.current = loadDirectory(this.file);
    this.schools = loadSchools(this.schoolsFile);
  }

  /** The current validated data. */
  get data(): DirectoryData {
    return this.current;
  }

  /** The boards and schools the directory resolves against. */
  get schoolList(): SchoolsFile {
    return this.schools;
  }

  /** Re-reads both files now. On a bad file it throws `DirectoryLoadError` and keeps the previous data. */
  reload(): DirectoryData {
    const data = loadDirectory(this.file);
    const schools = loadSchools(this.schoolsFile);
    this.current = data;
    this.schools = schools;
    return data;
  }

  /** Starts watching the data file; changes reload without restart. Returns a stop function. Idempotent. */
  watch(options: Omit<WatchOptions, 'logger'> & { onChange?: (data: DirectoryData) => void } = {}): () => void {
    if (!this.watcher) {
      this.watcher = watchDirectory(
        this.file,
        (data) => {
          this.current = data;
          options.onChange?.(data);
        },
        { ...options, logger: this.logger },
      );
    }
    return () => this.close();
  }

  /** Stops the watcher, if any. */
  close(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  /** The school's roles: its own plans and its board's, with the plans' exceptions applied. Unknown school → []. */
  rolesForSchool(schoolId: string): SchoolRole[] {
    return rolesForSchool(this.current, this.schools, schoolId);
  }

  /** Who/contact intent of a question; with a school, person names are only looked up in that school. */
  detectWho(question: string, schoolId?: string): WhoIntent | null {
    const people = schoolId ? this.rolesForSchool(schoolId).flatMap((r) => r.holders) : undefined;
    const schoolName = schoolId ? (this.schools.schools.find((s) => s.id === schoolId)?.name ?? schoolId) : undefined;
    return people ? matchWhoIntentForSchool(question, this.current, people, schoolName) : matchWhoIntent(question, this.current);
  }

  /** Whether the question asks for someone (wie/who/bij wie/contact, a number or e-mail), with or without a role. */
  asksForSomeone(question: string): boolean {
    return asksForSomeone(question, this.current);
  }

  /** The one role a text (a section's title) names explicitly, or null when it names none or several. */
  roleNamedIn(text: string): string | null {
    const explicit = roleMentions(text, this.current).filter((m) => m.explicit);
    const ids = [...new Set(explicit.flatMap((m) => m.roleIds))];
    return ids.length === 1 ? ids[0] : null;
  }

  /** Who holds `roleId` at the school, as for a question naming that role; null when the school's plans lack it. */
  answerRole(schoolId: string, roleId: string, lang: Lang): WhoAnswer | null {
    return composeRoleAnswer({ data: this.current, schools: this.schools, strings: loadStrings(lang, this.cardsDir) }, schoolId, roleId, lang);
  }

  /** The reply for the asker's school, or null when the question names no role or person. */
  answerWho(schoolId: string, question: string, lang: Lang): WhoAnswer | null {
    return composeWhoAnswer({ data: this.current, schools: this.schools, strings: loadStrings(lang, this.cardsDir) }, schoolId, question, lang);
  }
}


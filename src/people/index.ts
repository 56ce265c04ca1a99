/**
 * Who is who: Teams identity → person → roles per school or board, from the admin-maintained knowledge/people.json.
 * Pure core: no Teams types. The only I/O is reading (and watching) that one file.
 */
import path from 'node:path';
import pino from 'pino';
import type { SchoolList } from '../knowledge/schools';
import { peopleFileSchema, type PeopleFile, type Role } from './schema';

import { DataFileError, formatIssuePath, readJsonFile } from '../files/data-file';
import { watchFile } from '../files/watch';
export { ROLES, peopleFileSchema, type Role, type PeopleFile, type PersonEntry, type GrantEntry } from './schema';

/** A role at one school, at every school of one board, or (admin only) at neither. */
export interface Grant {
  role: Role;
  school?: string;
  board?: string;
}

export interface Person {
  /** Stable key: the AAD object id in lower case (`upn:<upn>` only for a file entry known by upn alone). */
  key: string;
  name?: string;
  /** From the file; board grants stay board grants (they cover every school of the board). */
  grants: Grant[];
  /** The school she chose herself (a known school id), when the file gives her no school or board grant. */
  staffSchool?: string;
  /** True when her school comes from her own choice, not from the file ("school self-declared"). */
  selfDeclared: boolean;
  /** `upn:<upn>` when the file lists her by UPN alone: the key its role lists use for her (see holdersOf). */
  aliases?: string[];
}

export interface Identity {
  aadObjectId?: string;
  upn?: string;
  chosenSchool?: string;
}

/** School → board. The access policy's context has the same shape. */
export interface BoardLookup {
  boardOf(school: string): string | undefined;
}

/** School → board and board → schools, built from schools.json by {@link schoolIndex}. */
export interface SchoolIndex extends BoardLookup {
  schoolsOfBoard(board: string): readonly string[];
}

export function schoolIndex(list: SchoolList): SchoolIndex {
  const boardBySchool = new Map(list.schools.map((s) => [s.id, s.board]));
  const schoolsByBoard = new Map<string, string[]>();
  for (const s of list.schools) schoolsByBoard.set(s.board, [...(schoolsByBoard.get(s.board) ?? []), s.id]);
  return {
    boardOf: (school) => boardBySchool.get(school),
    schoolsOfBoard: (board) => schoolsByBoard.get(board) ?? [],
  };
}

/** The subset of a pino logger the people directory uses. */
export interface PeopleLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export class PeopleLoadError extends DataFileError {
  constructor(file: string, issues: string[]) {
    super(file, issues);
    this.name = 'PeopleLoadError';
  }
}

/** Reads and validates a people file against the school list. Throws {@link PeopleLoadError} naming every problem. */
export function loadPeople(file: string, schools: SchoolList): PeopleFile {
  const raw = readJsonFile(file, (f, issues) => new PeopleLoadError(f, issues));
  const result = peopleFileSchema(schools).safeParse(raw);
  if (!result.success) {
    // Cross-reference messages already name the entry; zod's own ones get the path in front.
    throw new PeopleLoadError(
      file,
      result.error.issues.map((i) => (i.code === 'custom' ? i.message : `${formatIssuePath(i.path)}: ${i.message}`)),
    );
  }
  return result.data;
}

const lower = (s: string | undefined): string | undefined => (s ? s.trim().toLowerCase() : undefined);

/**
 * Finds the file entry for an identity: aadObjectId first, then upn, both case-insensitive. An entry found by upn
 * that carries a different aadObjectId does not match (stale or reused account: fail closed, she is staff).
 */
export function resolvePerson(data: PeopleFile, schools: SchoolList, identity: Identity): Person {
  const aad = lower(identity.aadObjectId);
  const upn = lower(identity.upn);
  if (!aad && !upn) throw new Error('resolvePerson: identity needs an aadObjectId or a upn');
  let entry = aad ? data.people.find((p) => lower(p.aadObjectId) === aad) : undefined;
  if (!entry && upn) {
    entry = data.people.find((p) => lower(p.upn) === upn && (!p.aadObjectId || !aad || lower(p.aadObjectId) === aad));
  }
  const grants: Grant[] = entry ? entry.grants.map((g) => ({ ...g })) : [];
  const key = aad ?? lower(entry?.aadObjectId) ?? `upn:${upn}`;
  // An entry without an AAD id is keyed by its UPN in holdersOf/staffOf (and so in a report's `concerns`).
  const alias = entry && !entry.aadObjectId && entry.upn ? `upn:${lower(entry.upn)}` : undefined;
  const aliases = alias && alias !== key ? { aliases: [alias] } : {};
  // The file ties her to a school only through a school or board grant; otherwise her own choice counts.
  if (grants.some((g) => g.school !== undefined || g.board !== undefined)) return { key, name: entry?.name, grants, selfDeclared: false, ...aliases };
  const chosen = identity.chosenSchool && schools.schools.some((s) => s.id === identity.chosenSchool) ? identity.chosenSchool : undefined;
  return { key, name: entry?.name, grants, staffSchool: chosen, selfDeclared: chosen !== undefined, ...aliases };
}

function covers(grant: Grant, school: string, lookup: BoardLookup): boolean {
  if (grant.school !== undefined) return grant.school === school;
  if (grant.board !== undefined) return grant.board === lookup.boardOf(school);
  return false;
}

/** True when the person holds the role at that school, directly or through a board grant. Admin holds everywhere. */
export function hasRole(person: { grants: readonly Grant[] }, role: Role, school: string, lookup: BoardLookup): boolean {
  return person.grants.some((g) => g.role === role && (role === 'admin' || covers(g, school, lookup)));
}

/**
 * The schools where the person holds a grant (board grants expanded), sorted. Not her self-declared staffSchool:
 * that gives no role.
 */
export function schoolsOf(person: { grants: readonly Grant[] }, index: SchoolIndex): string[] {
  const out = new Set<string>();
  for (const g of person.grants) {
    if (g.school !== undefined) out.add(g.school);
    else if (g.board !== undefined) index.schoolsOfBoard(g.board).forEach((s) => out.add(s));
  }
  return [...out].sort();
}

export interface PeopleWatchOptions {
  /** Wait this long after the last file event before reloading (editors write in bursts). Default 200 ms. */
  debounceMs?: number;
  onChange?: (data: PeopleFile) => void;
  /** Called when the changed file does not load; the previous data stays in use. */
  onError?: (err: unknown) => void;
}

/**
 * knowledge/people.json as a long-lived service: loaded on construction (throws {@link PeopleLoadError}),
 * `watch()` keeps it current without restart, lookups always use the latest valid data.
 */
export class PeopleDirectory {
  readonly file: string;
  private current: PeopleFile;
  /** School ↔ board lookups for hasRole/schoolsOf and the access policy's context. */
  readonly index: SchoolIndex;
  private readonly logger: PeopleLogger;
  private stopWatching: (() => void) | null = null;

  constructor(
    file: string,
    private readonly schools: SchoolList,
    options: { logger?: PeopleLogger } = {},
  ) {
    this.file = path.resolve(file);
    this.index = schoolIndex(schools);
    this.logger = options.logger ?? pino({ name: 'people' });
    this.current = loadPeople(this.file, schools);
  }

  get data(): PeopleFile {
    return this.current;
  }

  /** Re-reads the file now. On a bad file it throws {@link PeopleLoadError} and keeps the previous data. */
  reload(): PeopleFile {
    const data = loadPeople(this.file, this.schools);
    this.current = data;
    return data;
  }

  /**
   * Reloads on every change of the file (debounced). An invalid edit is logged and the last good version kept.
   * Watches the folder, so editors that save by write-and-rename are seen too. Returns a stop function; idempotent.
   */
  watch(options: PeopleWatchOptions = {}): () => void {
    if (!this.stopWatching) {
      const { debounceMs = 200, onChange, onError } = options;
      this.stopWatching = watchFile(
        this.file,
        () => {
          try {
            const data = this.reload();
            this.logger.info({ file: this.file, people: data.people.length }, 'people file reloaded');
            onChange?.(data);
          } catch (err) {
            this.logger.error({ file: this.file, err: (err as Error).message }, 'people file invalid; keeping the previous version');
            onError?.(err);
          }
        },
        { debounceMs, onWatchError: (err) => this.logger.warn({ file: this.file, err: err.message }, 'people watcher error') },
      );
    }
    return () => this.close();
  }

  close(): void {
    this.stopWatching?.();
    this.stopWatching = null;
  }

  /** The person behind an authenticated identity; not in the file → staff of her chosen school, no grants. */
  resolve(identity: Identity): Person {
    return resolvePerson(this.current, this.schools, identity);
  }

  /**
   * Keys of the people who are directeur of the school (directly or through a board grant). The access policy
   * uses this to route a report about the director to the board only.
   */
  directorsOf(school: string): string[] {
    return this.holdersOf('directeur', school).map((h) => h.key);
  }

  /**
   * The school's staff Baken knows by name: everyone with a role there (not the admin, not board-only grants), for
   * "over wie gaat de melding?". Staff without a role are not in people.json: they are "another staff member".
   */
  staffOf(school: string): { key: string; name: string }[] {
    return this.current.people
      .filter((p) => p.grants.some((g) => g.role !== 'admin' && g.school === school))
      .map((p) => ({ key: lower(p.aadObjectId) ?? `upn:${lower(p.upn)}`, name: p.name }));
  }

  /** Whether an admin listed someone by UPN alone (then the edge looks the UPN up with the Teams roster). */
  hasUpnOnlyEntries(): boolean {
    return this.current.people.some((p) => !p.aadObjectId && p.upn);
  }

  /** The people who hold `role` for `school` (a board grant covers every school of the board). */
  holdersOf(role: Role, school: string): { key: string; name: string; aadObjectId?: string }[] {
    return this.current.people
      .filter((p) => hasRole(p, role, school, this.index))
      .map((p) => ({ key: lower(p.aadObjectId) ?? `upn:${lower(p.upn)}`, name: p.name, ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}) }));
  }
}

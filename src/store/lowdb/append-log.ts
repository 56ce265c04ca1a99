import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { fsyncDir, mkdirDurable } from '../durable-json-file';

/**
 * An append-only collection of the lowdb store: records (objects with a string `id`) as JSON lines in files
 * `<folder>/<YYYY-MM-DD>.jsonl`, one file per UTC day of writing (a file is never written to again once a
 * later one exists, so file order, then line order, is write order; a later line for an id replaces an earlier one).
 *
 * Writing a record appends one line to the newest file and fsyncs it: the cost of a write does not depend on how
 * many records are kept (a JSON document of the collection would be rewritten whole on every write). FileEngine
 * drives it: a unit of work applies its records here at once (`apply`, visible to every later read, undone if the
 * unit throws), the engine's group commit writes them (`take`, `commit`).
 *
 * Reading: an in-memory index (id → file, byte offset, length and one field of the record, e.g. `at`) is built
 * lazily by `ready()`, which reads every file once (the lines' first bytes, not whole records); a record is read
 * from its file when asked for. Records this process wrote are indexed as they are written, so they can be read
 * before the index is built.
 *
 * Deleting records (`apply(id, undefined)`, e.g. the daily prune) rewrites the files that hold them without them,
 * oldest file first, each atomically (temp file, fsync, rename, folder fsync); a file left without live records
 * is removed. Superseded lines and torn lines in a file being rewritten are dropped too.
 *
 * A crash can leave a torn last line (a write that never completed, so never acknowledged): it is ignored when
 * reading, and cut off (truncated) at open before anything is appended after it.
 */

const open = promisify(fs.open);
const close = promisify(fs.close);
const read = promisify(fs.read);
const write = promisify(fs.write);
const fdatasync = promisify(fs.fdatasync);
const ftruncate = promisify(fs.ftruncate);
const fstat = promisify(fs.fstat);
const rename = promisify(fs.rename);
const unlink = promisify(fs.unlink);

const SEGMENT = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const CLOSE_BRACE = 0x7d;
const ID_PREFIX = Buffer.from('{"id":"');
const DELETED: unique symbol = Symbol('deleted');
let tmpCounter = 0;

export interface AppendLogOptions {
  /** The folder holding the log's files. */
  dir: string;
  /** A string field of the records kept in the index, to select records without reading them (`select`). */
  field: string;
  /** Look only: nothing is created, truncated or written. */
  readOnly?: boolean;
  /** The wall clock that names the file a write goes to (UTC day); default Date.now. */
  now?: () => number;
}

/** One record applied by a unit of work and not yet committed; `value` DELETED for a delete. */
export interface LogEntry {
  readonly id: string;
  readonly value: unknown;
  /** Committed (and indexed), or its unit of work was undone. */
  done: boolean;
}

/** One file of the log. Replaced by a new Segment when a prune rewrites the file. */
class Segment {
  /** Whole lines that parse, live or superseded. */
  lines = 0;
  /** Index entries pointing here. */
  live = 0;
  /** Lines that are not whole records (torn by a crash). */
  garbage = 0;
  /** Reads in flight on `fd`: a replaced segment's descriptor is closed only after them. */
  readers = 0;
  retired = false;
  /** Created by this process and not yet made durable in its folder (folder fsync after its first write). */
  unlisted = false;

  constructor(
    readonly name: string,
    readonly day: string,
    /** Position in write order. */
    readonly order: number,
    readonly fd: number,
    /** Bytes that were in the file when this process opened it: read by `ready()`; later bytes this process wrote. */
    readonly base: number,
    /** Bytes of whole lines in the file. */
    public size: number,
  ) {}
}

interface Loc {
  seg: Segment;
  off: number;
  /** Bytes of the line, newline included. */
  len: number;
  /** The record's indexed field, when it is a string. */
  key: string | undefined;
}

export class AppendLog {
  private segments: Segment[] = [];
  private readonly index = new Map<string, Loc>();
  /** Records applied and not yet committed, newest per id: reads see them first. */
  private readonly pending = new Map<string, LogEntry>();
  /** Applied and not yet taken by a commit, in order. */
  private queue: LogEntry[] = [];
  private building: Promise<void> | undefined;
  private built = false;
  private order = 0;
  /** `","<field>":"` between the id and the field's value in a line this log wrote. */
  private readonly fieldPrefix: Buffer;
  private readonly now: () => number;

  private constructor(private readonly options: AppendLogOptions) {
    this.fieldPrefix = Buffer.from(`",${JSON.stringify(options.field)}:"`);
    this.now = options.now ?? Date.now;
  }

  /** Lists the files; in write mode creates the folder and cuts a torn last line off the newest file. */
  static async open(options: AppendLogOptions): Promise<AppendLog> {
    const log = new AppendLog(options);
    const { dir, readOnly } = options;
    if (!readOnly) await mkdirDurable(dir);
    const names = (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => SEGMENT.test(n)) : []).sort();
    try {
      for (const [i, name] of names.entries()) {
        const newest = i === names.length - 1;
        const fd = await open(path.join(dir, name), readOnly || !newest ? 'r' : 'a+');
        let size = (await fstat(fd)).size;
        if (newest && !readOnly) size = await cutTornTail(fd, size);
        log.segments.push(new Segment(name, SEGMENT.exec(name)![1], ++log.order, fd, size, size));
      }
    } catch (err) {
      await log.close();
      throw err;
    }
    return log;
  }

  /** Applies a put (`value` a record with this id) or a delete (undefined) in memory; returns its undo. */
  apply(id: string, value: unknown): () => void {
    if (value !== undefined && (typeof value !== 'object' || value === null || (value as { id?: unknown }).id !== id)) {
      throw new Error(`A record of an append-only collection must be an object whose id is its key (${id})`);
    }
    const previous = this.pending.get(id);
    const entry: LogEntry = { id, value: value === undefined ? DELETED : value, done: false };
    this.pending.set(id, entry);
    this.queue.push(entry);
    return () => {
      entry.done = true;
      const i = this.queue.lastIndexOf(entry);
      if (i >= 0) this.queue.splice(i, 1);
      if (this.pending.get(id) !== entry) return;
      if (previous && !previous.done) this.pending.set(id, previous);
      else this.pending.delete(id);
    };
  }

  /** The entries applied since the last call, for a commit (taken at the moment the engine cuts its snapshot). */
  take(): LogEntry[] {
    const entries = this.queue;
    this.queue = [];
    return entries;
  }

  static isDelete(entry: LogEntry): boolean {
    return entry.value === DELETED;
  }

  /** The record (a copy), as applied so far. */
  async get(id: string): Promise<unknown> {
    const p = this.pending.get(id);
    if (p) return p.value === DELETED ? undefined : structuredClone(p.value);
    const loc = this.index.get(id);
    // Before the index is built only a record this process wrote is known to be the newest of its id.
    if (!this.built && !(loc && loc.off >= loc.seg.base)) {
      await this.ready();
      return this.get(id);
    }
    return loc ? this.readRecord(loc) : undefined;
  }

  /** Ids of the records whose indexed field passes `keep` (undefined when the record has no such string field). */
  async select(keep: (key: string | undefined) => boolean): Promise<string[]> {
    await this.ready();
    const ids: string[] = [];
    for (const [id, loc] of this.index) if (!this.pending.has(id) && keep(loc.key)) ids.push(id);
    for (const [id, p] of this.pending) if (p.value !== DELETED && keep(this.keyOf(p.value))) ids.push(id);
    return ids;
  }

  /** Builds the index (once): reads the files that were there at open, one at a time. */
  ready(): Promise<void> {
    this.building ??= this.build().catch((err: unknown) => {
      this.building = undefined;
      throw err;
    });
    return this.building;
  }

  /** Writes taken entries: appended (one write, one fsync), or with deletes the affected files rewritten. */
  async commit(entries: LogEntry[]): Promise<void> {
    if (this.options.readOnly) throw new Error('append log opened read-only');
    const last = new Map<string, LogEntry>();
    for (const e of entries) last.set(e.id, e);
    const puts = entries.filter((e) => e.value !== DELETED && last.get(e.id) === e);
    const deletes = [...last.values()].filter((e) => e.value === DELETED);
    if (puts.length > 0) await this.append(puts);
    if (deletes.length > 0) await this.compact(deletes);
    for (const e of entries) this.settle(e);
  }

  async close(): Promise<void> {
    await this.building?.catch(() => undefined);
    const segments = this.segments;
    this.segments = [];
    await Promise.all(segments.map((s) => close(s.fd).catch(() => undefined)));
  }

  private keyOf(value: unknown): string | undefined {
    const key = (value as Record<string, unknown>)[this.options.field];
    return typeof key === 'string' ? key : undefined;
  }

  private line(value: unknown): string {
    const record = value as Record<string, unknown>;
    // id and the indexed field first, so the index is built from the lines' first bytes.
    return `${JSON.stringify({ id: record.id, [this.options.field]: record[this.options.field], ...record })}\n`;
  }

  private settle(entry: LogEntry): void {
    entry.done = true;
    if (this.pending.get(entry.id) === entry) this.pending.delete(entry.id);
  }

  private setLoc(id: string, loc: Loc | undefined): void {
    const previous = this.index.get(id);
    if (previous) previous.seg.live--;
    if (loc) {
      this.index.set(id, loc);
      loc.seg.live++;
    } else {
      this.index.delete(id);
    }
  }

  private async build(): Promise<void> {
    // Files created later by this process hold only lines it wrote (indexed as written).
    for (const seg of [...this.segments]) {
      if (seg.base === 0) continue;
      seg.readers++;
      try {
        const buf = Buffer.allocUnsafe(seg.base);
        await readFully(seg.fd, buf, 0);
        this.scan(seg, buf);
      } finally {
        this.release(seg);
      }
      // One file at a time: other work runs between files.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.built = true;
  }

  private scan(seg: Segment, buf: Buffer): void {
    let start = 0;
    while (start < buf.length) {
      const nl = buf.indexOf(NEWLINE, start);
      if (nl < 0) {
        seg.garbage++; // a torn last line
        break;
      }
      const parsed = this.parseLine(buf, start, nl);
      if (!parsed) {
        seg.garbage++;
      } else {
        seg.lines++;
        const previous = this.index.get(parsed.id);
        // A line replaces the index entry of an earlier line (this process's own writes are all later).
        if (!previous || previous.seg.order < seg.order || (previous.seg === seg && previous.off < start)) {
          this.setLoc(parsed.id, { seg, off: start, len: nl + 1 - start, key: parsed.key });
        }
      }
      start = nl + 1;
    }
  }

  private parseLine(buf: Buffer, start: number, nl: number): { id: string; key: string | undefined } | undefined {
    if (nl === start) return undefined;
    // A line this log wrote begins {"id":"<id>","<field>":"<value>", — read from the bytes, not parsed whole.
    if (buf[nl - 1] === CLOSE_BRACE && bytesAt(buf, start, ID_PREFIX)) {
      const idStart = start + ID_PREFIX.length;
      const idEnd = plainString(buf, idStart, nl);
      const keyStart = idEnd + this.fieldPrefix.length;
      if (idEnd > 0 && bytesAt(buf, idEnd, this.fieldPrefix)) {
        const keyEnd = plainString(buf, keyStart, nl);
        if (keyEnd > 0 && (buf[keyEnd + 1] === COMMA || buf[keyEnd + 1] === CLOSE_BRACE)) {
          return { id: buf.toString('utf8', idStart, idEnd), key: buf.toString('utf8', keyStart, keyEnd) };
        }
      }
    }
    try {
      const value = JSON.parse(buf.toString('utf8', start, nl)) as Record<string, unknown> | null;
      if (value && typeof value === 'object' && typeof value.id === 'string') return { id: value.id, key: this.keyOf(value) };
    } catch {
      // not a whole record
    }
    return undefined;
  }

  private async readRecord(loc: Loc): Promise<unknown> {
    const seg = loc.seg;
    seg.readers++;
    let text: string;
    try {
      const buf = Buffer.allocUnsafe(loc.len);
      await readFully(seg.fd, buf, loc.off);
      text = buf.toString('utf8', 0, loc.len - 1);
    } finally {
      this.release(seg);
    }
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new Error(`Append log ${path.join(this.options.dir, seg.name)} holds a line that is not valid JSON at byte ${loc.off} (${(err as Error).message})`);
    }
  }

  private release(seg: Segment): void {
    seg.readers--;
    if (seg.retired && seg.readers === 0) void close(seg.fd).catch(() => undefined);
  }

  private retire(seg: Segment): void {
    seg.retired = true;
    if (seg.readers === 0) void close(seg.fd).catch(() => undefined);
  }

  /** The file today's writes go to: the newest one, or a new one when the UTC day moved on. */
  private async active(): Promise<Segment> {
    const today = new Date(this.now()).toISOString().slice(0, 10);
    const newest = this.segments[this.segments.length - 1];
    // A clock set back never writes to an older file than the newest: file order stays write order.
    if (newest && newest.day >= today) return newest;
    const name = `${today}.jsonl`;
    const fd = await open(path.join(this.options.dir, name), 'a+');
    const size = (await fstat(fd)).size;
    const seg = new Segment(name, today, ++this.order, fd, size, size);
    seg.unlisted = true;
    this.segments.push(seg);
    return seg;
  }

  private async append(entries: LogEntry[]): Promise<void> {
    const seg = await this.active();
    const lines = entries.map((e) => this.line(e.value));
    const buf = Buffer.from(lines.join(''), 'utf8');
    await writeFully(seg.fd, buf);
    await fdatasync(seg.fd);
    if (seg.unlisted) {
      await fsyncDir(this.options.dir);
      seg.unlisted = false;
    }
    let off = seg.size;
    for (const [i, e] of entries.entries()) {
      const len = Buffer.byteLength(lines[i], 'utf8');
      this.setLoc(e.id, { seg, off, len, key: this.keyOf(e.value) });
      off += len;
    }
    seg.size = off;
    seg.lines += entries.length;
  }

  /**
   * Removes `deletes` from disk: every file holding a deleted record, a superseded line or a torn line is
   * rewritten without them (or removed when nothing live is left), oldest file first, each made durable before
   * the next (so an older copy of a record is always gone before its newest one: nothing deleted comes back).
   */
  private async compact(deletes: LogEntry[]): Promise<void> {
    await this.ready();
    const gone = new Set(deletes.map((e) => e.id));
    const live = new Map<Segment, [string, Loc][]>();
    for (const [id, loc] of this.index) {
      if (gone.has(id)) continue;
      let list = live.get(loc.seg);
      if (!list) live.set(loc.seg, (list = []));
      list.push([id, loc]);
    }
    const { dir } = this.options;
    for (const seg of [...this.segments]) {
      const keep = live.get(seg) ?? [];
      if (keep.length === seg.lines && seg.garbage === 0 && seg.size > 0) continue;
      if (keep.length === 0) {
        // Only deleted records were here (their index entries go below).
        await unlink(path.join(dir, seg.name));
        await fsyncDir(dir);
        this.segments = this.segments.filter((s) => s !== seg);
        this.retire(seg);
        continue;
      }
      keep.sort((a, b) => a[1].off - b[1].off);
      const old = Buffer.allocUnsafe(seg.size);
      seg.readers++;
      try {
        await readFully(seg.fd, old, 0);
      } finally {
        this.release(seg);
      }
      const parts = keep.map(([, loc]) => old.subarray(loc.off, loc.off + loc.len));
      const tmp = path.join(dir, `.${seg.name}.tmp-${process.pid}-${++tmpCounter}`);
      const fd = await open(tmp, 'a+');
      let replacement: Segment;
      try {
        const buf = Buffer.concat(parts);
        await writeFully(fd, buf);
        await fdatasync(fd);
        await rename(tmp, path.join(dir, seg.name));
        replacement = new Segment(seg.name, seg.day, seg.order, fd, 0, buf.length);
      } catch (err) {
        await close(fd).catch(() => undefined);
        await fs.promises.rm(tmp, { force: true });
        throw err;
      }
      await fsyncDir(dir);
      this.segments = this.segments.map((s) => (s === seg ? replacement : s));
      let off = 0;
      for (const [id, loc] of keep) {
        this.setLoc(id, { seg: replacement, off, len: loc.len, key: loc.key });
        off += loc.len;
      }
      replacement.lines = keep.length;
      this.retire(seg);
    }
    for (const id of gone) if (this.index.has(id)) this.setLoc(id, undefined);
  }
}

function bytesAt(buf: Buffer, at: number, bytes: Buffer): boolean {
  if (at + bytes.length > buf.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
}

/** The closing quote of a JSON string starting at `from` that has no escapes, or -1 (then the line is parsed). */
function plainString(buf: Buffer, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = buf[i];
    if (c === QUOTE) return i;
    if (c === BACKSLASH) return -1;
  }
  return -1;
}

/** Truncates a last line without its newline (a write a crash cut off); returns the new size. */
async function cutTornTail(fd: number, size: number): Promise<number> {
  if (size === 0) return 0;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await read(fd, chunk, 0, end - start, start);
    const nl = chunk.subarray(0, bytesRead).lastIndexOf(NEWLINE);
    if (nl >= 0) {
      const whole = start + nl + 1;
      if (whole === size) return size;
      await ftruncate(fd, whole);
      await fdatasync(fd);
      return whole;
    }
    end = start;
  }
  await ftruncate(fd, 0);
  await fdatasync(fd);
  return 0;
}

async function readFully(fd: number, buf: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesRead } = await read(fd, buf, done, buf.length - done, position + done);
    if (bytesRead === 0) throw new Error(`append log: file ended early at byte ${position + done}`);
    done += bytesRead;
  }
}

async function writeFully(fd: number, buf: Buffer): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesWritten } = await write(fd, buf, done, buf.length - done, null);
    done += bytesWritten;
  }
}

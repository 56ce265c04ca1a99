import * as path from 'path';

/**
 * The on-disk layout of the report store (see docs/reports.md):
 *   <dir>/writer.lock/                         proper-lockfile: one writing process at a time
 *   <dir>/counters.json                        last sequence number per school code and year
 *   <dir>/drafts/shard-NN.json                 drafts (open and recently closed), by a hash of the user id
 *   <dir>/<school>/<year>/segment-0001.json    reports 1..S of that school and year, S = segment size
 * A report id names its own file: DNK-2026-0207 with S = 200 lives in de-nieuwe-kring/2026/segment-0002.json.
 */

export const SEGMENT_PATTERN = /^segment-(\d{4,})\.json$/;

export function segmentNumber(seq: number, segmentSize: number): number {
  return Math.floor((seq - 1) / segmentSize) + 1;
}

export function segmentFile(dir: string, school: string, year: number, segment: number): string {
  return path.join(dir, school, String(year), `segment-${String(segment).padStart(4, '0')}.json`);
}

export function countersFile(dir: string): string {
  return path.join(dir, 'counters.json');
}

/** The single drafts file of earlier versions; migrated into the shards at open. */
export function legacyDraftsFile(dir: string): string {
  return path.join(dir, 'drafts.json');
}

export const DRAFTS_DIR = 'drafts';
/** Drafts are spread over this many files, so saving one rewrites about 1/DRAFT_SHARDS of them. */
export const DRAFT_SHARDS = 32;
export const DRAFT_SHARD_PATTERN = /^shard-(\d{2,})\.json$/;

export function draftShardFile(dir: string, shard: number): string {
  return path.join(dir, DRAFTS_DIR, `shard-${String(shard).padStart(2, '0')}.json`);
}

/** A user's drafts all live in one shard (FNV-1a of the user id). */
export function draftShardOf(userId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % DRAFT_SHARDS;
}

export function lockPath(dir: string): string {
  return path.join(dir, 'writer.lock');
}

const ID = /^([A-Z]{2,5})-(\d{4})-(\d{4,})$/;

export function formatReportId(code: string, year: number, seq: number): string {
  return `${code}-${year}-${String(seq).padStart(4, '0')}`;
}

export function parseReportId(id: string): { code: string; year: number; seq: number } | null {
  const m = ID.exec(id);
  return m ? { code: m[1], year: Number(m[2]), seq: Number(m[3]) } : null;
}

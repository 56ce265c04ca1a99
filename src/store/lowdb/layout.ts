import { createHash } from 'crypto';
import * as path from 'path';

/**
 * Where the lowdb store keeps what (names are documents under `<DATA_FILE without .json>.d/`, see docs/reports.md):
 *   DATA_FILE                                  profiles, bot state, feedback, conversation references
 *   reports/counters.json                      last sequence number per school code and year
 *   reports/drafts/shard-NN.json               drafts, by a hash of the user id (one step rewrites one shard)
 *   reports/<school>/<year>/segment-0001.json  reports 1..S of that school code and year, S = segment size
 *   outbox/jobs.json                           jobs for the outbox worker (done ones pruned)
 *   feedback/answers/YYYY-MM-DD.jsonl          answer messages that may be rated: one JSON line per answer, appended
 *                                              to the file of the UTC day it was written (append-log.ts; pruned)
 *   feedback/candidates.json                   phrasing candidates from 👍 ratings, for the admin's review
 *   journal.json                               only while a commit that spans several files is being written
 * A report id names its own file: DNK-2026-0207 with S = 200 lives in de-nieuwe-kring/2026/segment-0002.json.
 */

export const COUNTERS = 'reports/counters';
export const OUTBOX = 'outbox/jobs';
export const SEGMENT_DOC = /^reports\/[^/]+\/\d{4}\/segment-\d{4,}$/;

export const CANDIDATES = 'feedback/candidates';

/**
 * The append-only answer log (a folder of JSON-lines files, see append-log.ts): recording an answer appends one
 * line, whatever the number of answers kept; the daily prune rewrites the files holding expired ones.
 */
export const ANSWERS = 'feedback/answers';

/** The answer shards of earlier versions (`feedback/answers-NN.json`): moved into the answer log once at open. */
export const ANSWER_DOC = /^feedback\/answers-\d{2}$/;
const LEGACY_ANSWER_SHARDS = 16;

/** The earlier versions' shard of an answer record, from a hash of its id. */
export function legacyAnswerShardOf(id: string): string {
  return `feedback/answers-${String(createHash('sha1').update(id).digest()[0] % LEGACY_ANSWER_SHARDS).padStart(2, '0')}`;
}

export function legacyAnswerShards(): string[] {
  return Array.from({ length: LEGACY_ANSWER_SHARDS }, (_, i) => `feedback/answers-${String(i).padStart(2, '0')}`);
}

/** Drafts are spread over this many files, so saving one rewrites about 1/DRAFT_SHARDS of them. */
export const DRAFT_SHARDS = 32;

/** A user's drafts all live in one shard (FNV-1a of the user id). */
export function draftShardOf(userId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 0x01000193);
  return `reports/drafts/shard-${String((h >>> 0) % DRAFT_SHARDS).padStart(2, '0')}`;
}

export function segmentNumber(seq: number, segmentSize: number): number {
  return Math.floor((seq - 1) / segmentSize) + 1;
}

export function segmentDoc(school: string, year: number, seq: number, segmentSize: number): string {
  return `reports/${school}/${year}/segment-${String(segmentNumber(seq, segmentSize)).padStart(4, '0')}`;
}

/** The initial content of a segment document, from its name; undefined for other names. */
export function segmentDefaults(name: string): Record<string, unknown> | undefined {
  const m = /^reports\/([^/]+)\/(\d{4})\/segment-(\d{4,})$/.exec(name);
  return m ? { schemaVersion: 1, school: m[1], year: Number(m[2]), segment: Number(m[3]), reports: [] } : undefined;
}

/** The single drafts file of earlier versions; migrated into the shards at open. */
export function legacyDraftsFile(filesDir: string): string {
  return path.join(filesDir, 'reports', 'drafts.json');
}

const ID = /^([A-Z]{2,5})-(\d{4})-(\d{4,})$/;

export function formatReportId(code: string, year: number, seq: number): string {
  return `${code}-${year}-${String(seq).padStart(4, '0')}`;
}

export function parseReportId(id: string): { code: string; year: number; seq: number } | null {
  const m = ID.exec(id);
  return m ? { code: m[1], year: Number(m[2]), seq: Number(m[3]) } : null;
}

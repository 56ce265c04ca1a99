import * as path from 'path';

/**
 * The on-disk layout of the report store (see docs/reports.md):
 *   <dir>/writer.lock/                         proper-lockfile: one writing process at a time
 *   <dir>/counters.json                        last sequence number per school code and year
 *   <dir>/drafts.json                          open drafts (and recently closed ones)
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

export function draftsFile(dir: string): string {
  return path.join(dir, 'drafts.json');
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

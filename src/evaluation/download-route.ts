/**
 * GET /downloads/<file name>?t=<token>: the annual evaluation's CSV or chart (PNG), made from the store when the
 * signed link is opened. The token rides in the query (restify's router caps a path parameter at 100 characters; a
 * token is longer), the path carries the file name a browser saves it under, and it must match the token. A forged or unknown link, or one for someone who may no longer export, is "not found" (404); an expired
 * one is 403. Nothing is cached (Cache-Control: no-store), and nothing of the file or the token is logged.
 */
import type { Server } from 'restify';
import type { Logger } from 'pino';
import type { Taxonomy } from '../reports/taxonomy';
import type { ReportRepository } from '../store';
import type { Clock } from '../time';
import { buildEvaluation, CONTENT_TYPES, fileName, renderFile } from './index';
import { verifyDownload } from './download';
import { et } from './labels';
import { parseSchoolYear } from '../time/school-year';

export const DOWNLOAD_PATH = '/downloads';

export interface DownloadRouteDeps {
  /** Undefined: downloads are off (authentication on without BAKEN_DOWNLOAD_SECRET); every link is "not found". */
  secret: string | undefined;
  clock: Clock;
  reports: Pick<ReportRepository, 'list'>;
  tax: Taxonomy;
  schoolName(school: string): string | undefined;
  /** The access policy's answer for this person and school, asked on every download. */
  mayExport(personKey: string, school: string): boolean;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** The link for a signed grant on the bot's public URL. */
export const downloadUrl = (publicUrl: string, file: string, token: string): string =>
  `${publicUrl}${DOWNLOAD_PATH}/${encodeURIComponent(file)}?t=${token}`;

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

export function registerDownloadRoute(server: Server, deps: DownloadRouteDeps): void {
  server.get(`${DOWNLOAD_PATH}/:file`, async (req, res) => {
    const refuse = (status: number, key: string): void => {
      res.sendRaw(status, et('nl', key), { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8' });
    };
    const token = new URL(req.url ?? '', 'http://localhost').searchParams.get('t');
    const verdict = token && deps.secret ? verifyDownload(token, deps.secret, deps.clock.now()) : undefined;
    if (!verdict || !verdict.ok) {
      if (verdict?.reason === 'expired') return refuse(403, 'download.expired');
      deps.logger.warn({ reason: verdict?.reason ?? (deps.secret ? 'no token' : 'downloads off') }, 'refused a download link');
      return refuse(404, 'download.notFound');
    }
    const { grant } = verdict;
    const year = parseSchoolYear(grant.year);
    const schoolName = deps.schoolName(grant.school);
    const file = (req.params as { file?: unknown }).file;
    if (!year || !schoolName || file !== fileName(grant.school, year, grant.kind) || !deps.mayExport(grant.personKey, grant.school)) {
      deps.logger.warn({ school: grant.school, year: grant.year }, 'refused a download link: not allowed (any more), or not this file');
      return refuse(404, 'download.notFound');
    }
    try {
      const evaluation = await buildEvaluation(deps, grant.school, year, deps.clock.now());
      const body = await renderFile(evaluation, grant.kind, deps.tax, schoolName, grant.lang);
      const disposition = `${grant.kind === 'csv' ? 'attachment' : 'inline'}; filename="${fileName(grant.school, year, grant.kind)}"`;
      res.sendRaw(200, body, { ...NO_STORE, 'Content-Type': CONTENT_TYPES[grant.kind], 'Content-Disposition': disposition });
      deps.logger.info({ school: grant.school, year: grant.year, kind: grant.kind }, 'evaluation downloaded');
    } catch (err) {
      deps.logger.error({ err, school: grant.school, year: grant.year, kind: grant.kind }, 'evaluation download failed');
      refuse(500, 'download.failed');
    }
  });
}

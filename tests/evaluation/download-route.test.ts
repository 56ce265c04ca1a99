import * as http from 'http';
import type { AddressInfo } from 'net';
import * as restify from 'restify';
import { signDownload, type DownloadGrant } from '../../src/evaluation/download';
import { downloadUrl, registerDownloadRoute, type DownloadRouteDeps } from '../../src/evaluation/download-route';
import { testClock } from '../support/clock';
import { incident, tax } from './support';

const SECRET = 'route-test-secret-of-at-least-32-chars';
const clock = testClock();

/** The route alone on restify, with a store of 6 reports and a switch for the policy's answer. */
async function serve(over: Partial<DownloadRouteDeps> = {}): Promise<{ base: string; allowed: { value: boolean }; logs: string[]; close(): Promise<void> }> {
  const allowed = { value: true };
  const logs: string[] = [];
  const log = (obj: object, msg?: string): void => void logs.push(`${msg} ${JSON.stringify(obj)}`);
  const server = restify.createServer();
  const reports = Array.from({ length: 6 }, (_, i) => ({ ...incident('2025-09-10', { location: 'gang' }), id: `CMP-2026-000${i}` }));
  registerDownloadRoute(server, {
    secret: SECRET,
    clock,
    // The route reads only what the evaluation counts; these stand-ins have no more than that (hence the cast).
    reports: { list: async (q) => ({ reports: (q.offset ?? 0) > 0 ? [] : (reports as never), total: reports.length }) },
    tax,
    schoolName: (s) => (s === 'de-campus' ? 'De Campus' : undefined),
    mayExport: () => allowed.value,
    logger: { info: log, warn: log, error: log },
    ...over,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, allowed, logs, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const get = (url: string): Promise<{ status: number; type?: string; body: string }> =>
  new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    }).on('error', reject);
  });

const grant = (over: Partial<DownloadGrant> = {}): DownloadGrant => ({
  school: 'de-campus', year: '2025-2026', kind: 'csv', personKey: 'k-dirk', lang: 'nl', expiresAt: clock.now().getTime() + 60_000, ...over,
});
const link = (base: string, g: DownloadGrant, secret = SECRET): string => downloadUrl(base, `evaluatie-${g.school}-${g.year}.${g.kind}`, signDownload(g, secret));

describe('GET /downloads/<file>?t=<token>', () => {
  test('serves the CSV; a role taken away since, or an unknown school, is "not found"; the log has no token', async () => {
    const s = await serve();
    try {
      const url = link(s.base, grant());
      const ok = await get(url);
      expect(ok.status).toBe(200);
      expect(ok.body).toContain('per categorie;Incident;(Digitaal) pesten');
      expect(ok.body).not.toContain('CMP-2026');
      s.allowed.value = false;
      expect(await get(url)).toMatchObject({ status: 404, body: 'Niet gevonden.' });
      s.allowed.value = true;
      expect((await get(link(s.base, grant({ school: 'onbekend' })))).status).toBe(404);
      expect(s.logs.join('\n')).not.toContain(url.split('?t=')[1]);
    } finally {
      await s.close();
    }
  });

  test('without a secret (authentication on, BAKEN_DOWNLOAD_SECRET unset) every link is "not found"', async () => {
    const s = await serve({ secret: undefined });
    try {
      expect((await get(link(s.base, grant()))).status).toBe(404);
      expect(s.logs.join('\n')).toContain('downloads off');
    } finally {
      await s.close();
    }
  });

  test('a render that fails is a 500 with a short Dutch text, logged without content', async () => {
    const s = await serve({ reports: { list: async () => Promise.reject(new Error('store down')) } });
    try {
      expect(await get(link(s.base, grant()))).toMatchObject({ status: 500, body: 'Het jaaroverzicht kan nu niet worden gemaakt. Probeer het later opnieuw.' });
      expect(s.logs.join('\n')).toContain('evaluation download failed');
    } finally {
      await s.close();
    }
  });
});

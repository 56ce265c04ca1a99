import { createHmac } from 'crypto';
import { DOWNLOAD_LIFETIME_MS, downloadSecret, signDownload, verifyDownload, type DownloadGrant } from '../../src/evaluation/download';
import { testClock } from '../support/clock';

const SECRET = 'a-test-secret-of-at-least-32-characters!!';
const clock = testClock();
const grant = (over: Partial<DownloadGrant> = {}): DownloadGrant => ({
  school: 'de-campus',
  year: '2025-2026',
  kind: 'csv',
  personKey: '00000000-0000-0000-0000-0000000000d1',
  lang: 'nl',
  expiresAt: clock.now().getTime() + DOWNLOAD_LIFETIME_MS,
  ...over,
});
const at = (ms: number): Date => new Date(clock.now().getTime() + ms);

/** The token with its payload replaced by `payload` (JSON), the signature kept. */
function withPayload(token: string, payload: object): string {
  return `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${token.split('.')[1]}`;
}

describe('signed, expiring download links', () => {
  test('a fresh token verifies and gives back exactly what was signed', () => {
    const token = signDownload(grant(), SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyDownload(token, SECRET, clock.now())).toEqual({ ok: true, grant: grant() });
  });

  test.each([
    [0, true],
    [DOWNLOAD_LIFETIME_MS - 1, true],
    [DOWNLOAD_LIFETIME_MS, false],
    [DOWNLOAD_LIFETIME_MS + 60_000, false],
  ])('%i ms after signing: valid = %s (lifetime 15 minutes)', (later, valid) => {
    const result = verifyDownload(signDownload(grant(), SECRET), SECRET, at(later));
    expect(result.ok).toBe(valid);
    if (!valid) expect(result).toEqual({ ok: false, reason: 'expired' });
  });

  test('15 minutes is the lifetime', () => {
    expect(DOWNLOAD_LIFETIME_MS).toBe(15 * 60_000);
  });

  const token = signDownload(grant(), SECRET);
  const payload = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as Record<string, unknown>;
  test.each([
    ['another school', withPayload(token, { ...payload, s: 'de-nieuwe-kring' })],
    ['another year', withPayload(token, { ...payload, y: '2024-2025' })],
    ['another kind', withPayload(token, { ...payload, k: 'png' })],
    ['another person', withPayload(token, { ...payload, p: '00000000-0000-0000-0000-0000000000aa' })],
    ['a later expiry', withPayload(token, { ...payload, e: (payload.e as number) + 3_600_000 })],
    ['a changed signature', `${token.split('.')[0]}.${token.split('.')[1].replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`],
    ['a shortened signature', token.slice(0, -4)],
    ['another secret', signDownload(grant(), 'another-secret-of-at-least-32-characters')],
  ])('forged: %s → refused', (_what, forged) => {
    expect(verifyDownload(forged, SECRET, clock.now())).toEqual({ ok: false, reason: 'forged' });
  });

  test.each(['', 'abc', 'a.b.c', 'not base64!.x', `${token}.`, '..'])('malformed %j → refused', (bad) => {
    expect(verifyDownload(bad, SECRET, clock.now())).toEqual({ ok: false, reason: 'malformed' });
  });

  test('a correctly signed payload of the wrong shape is still refused', () => {
    const body = Buffer.from(JSON.stringify({ s: '../etc', y: '2025', k: 'exe', p: '', l: 'fr', e: 'soon' })).toString('base64url');
    const signed = `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
    expect(verifyDownload(signed, SECRET, clock.now())).toEqual({ ok: false, reason: 'malformed' });
  });

  test('the secret: BAKEN_DOWNLOAD_SECRET when set; random per process in local mode; none (downloads off) with authentication', () => {
    expect(downloadSecret({ downloadSecret: SECRET, bot: { appId: 'x' } })).toBe(SECRET);
    const a = downloadSecret({});
    const b = downloadSecret({});
    expect(a).toHaveLength(43);
    expect(a).not.toBe(b);
    expect(downloadSecret({ bot: { appId: 'x' } })).toBeUndefined();
  });
});

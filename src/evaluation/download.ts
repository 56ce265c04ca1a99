/**
 * Signed, expiring download links for the annual evaluation. A token is `<payload>.<signature>`, both base64url:
 * the payload names the school, the school year, the file kind, the person it was made for, her language and the
 * expiry; the signature is HMAC-SHA256 over the payload with the server's download secret (BAKEN_DOWNLOAD_SECRET),
 * compared in constant time. The token carries no report content; the download route builds the file on request
 * and checks again that the person may still export for the school.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import { z } from 'zod';
import type { Lang } from '../i18n';
import type { FileKind } from './index';

/** How long a link works: long enough to open the card and click, short enough that a forwarded link is dead. */
export const DOWNLOAD_LIFETIME_MS = 15 * 60_000;

/** What a link gives access to. */
export interface DownloadGrant {
  school: string;
  /** "2025-2026". */
  year: string;
  kind: Extract<FileKind, 'csv' | 'png'>;
  /** The person the link was made for (Person.key): the route checks her rights again. */
  personKey: string;
  lang: Lang;
  /** Epoch milliseconds after which the link no longer works. */
  expiresAt: number;
}

const payloadSchema = z
  .object({
    s: z.string().regex(/^[a-z0-9-]+$/),
    y: z.string().regex(/^\d{4}-\d{4}$/),
    k: z.enum(['csv', 'png']),
    p: z.string().min(1).max(200),
    l: z.enum(['nl', 'en']),
    e: z.number().int().positive(),
  })
  .strict();

export type VerifyResult = { ok: true; grant: DownloadGrant } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

const sign = (secret: string, payload: string): Buffer => createHmac('sha256', secret).update(payload).digest();

export function signDownload(grant: DownloadGrant, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({ s: grant.school, y: grant.year, k: grant.kind, p: grant.personKey, l: grant.lang, e: grant.expiresAt }),
    'utf8',
  ).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

/** The grant of a token signed with `secret` that has not expired at `now`; why not otherwise. */
export function verifyDownload(token: string, secret: string, now: Date): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]) || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts;
  const expected = sign(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  // timingSafeEqual needs equal lengths; the length of an HMAC-SHA256 is public, so checking it first leaks nothing.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  let parsed: z.infer<typeof payloadSchema>;
  try {
    const result = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!result.success) return { ok: false, reason: 'malformed' };
    parsed = result.data;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (now.getTime() >= parsed.e) return { ok: false, reason: 'expired' };
  return { ok: true, grant: { school: parsed.s, year: parsed.y, kind: parsed.k, personKey: parsed.p, lang: parsed.l, expiresAt: parsed.e } };
}

/**
 * The secret links are signed with: BAKEN_DOWNLOAD_SECRET when set. Without it, in unauthenticated local mode, a
 * random secret for this process (links die with a restart, and a second instance cannot verify them: several
 * instances need the same BAKEN_DOWNLOAD_SECRET). With authentication on and no secret: undefined, downloads off.
 */
export function downloadSecret(config: { downloadSecret?: string; bot?: unknown }): string | undefined {
  if (config.downloadSecret) return config.downloadSecret;
  return config.bot ? undefined : randomBytes(32).toString('base64url');
}

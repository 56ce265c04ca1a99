import type { Config } from '../config';

/**
 * Who may talk to Baken at all, decided on the inbound activity before any turn runs (and before anything is
 * stored): with credentials only Teams (channel msteams) and only the configured tenant(s); without them
 * (BAKEN_AUTH=off, local development) only a loopback service URL, so the bot never posts to an address a
 * caller chose. The JWT check of the Bot Framework adapter runs after this, for every request that passes.
 */
export interface GateDecision {
  ok: boolean;
  /** For the log only: never the activity's text or values. */
  reason?: string;
}

interface InboundActivity {
  channelId?: unknown;
  serviceUrl?: unknown;
  conversation?: { tenantId?: unknown };
  channelData?: { tenant?: { id?: unknown } };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

export function createGate(config: Pick<Config, 'bot' | 'allowedTenants'>): (body: unknown) => GateDecision {
  const tenants = new Set(config.allowedTenants.map((t) => t.toLowerCase()));
  return (body) => {
    const activity = (body && typeof body === 'object' ? body : {}) as InboundActivity;
    if (!config.bot) {
      // No serviceUrl at all is a malformed activity: the adapter answers 400 and can post nowhere.
      if (activity.serviceUrl === undefined || (typeof activity.serviceUrl === 'string' && isLoopbackUrl(activity.serviceUrl))) return { ok: true };
      return { ok: false, reason: 'local mode answers loopback service URLs only' };
    }
    if (activity.channelId !== 'msteams') return { ok: false, reason: 'channel is not msteams' };
    const tenant = activity.conversation?.tenantId ?? activity.channelData?.tenant?.id;
    if (typeof tenant !== 'string' || !tenants.has(tenant.toLowerCase())) return { ok: false, reason: 'tenant not allowed' };
    return { ok: true };
  };
}

import type { AddressInfo } from 'net';
import * as restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { AskService } from './ask/service';
import { t } from './i18n';

export interface ServerDeps {
  adapter: CloudAdapter;
  /** Runs one turn: the bot's `run`. */
  runTurn(context: TurnContext): Promise<void>;
  askService: Pick<AskService, 'section'>;
  logger: Logger;
  version: string;
  /** Number of loaded plan documents, for /healthz. */
  documentCount(): number;
  /** Refuses activities from outside the allowed tenants/channel (403, no turn runs, nothing stored). */
  gate?: (body: unknown) => { ok: boolean; reason?: string };
  /** The store's state, for /healthz (503 when it cannot take writes: the load balancer routes around it). */
  storeHealth?: () => Promise<{ ok: boolean; reason?: string }>;
  cardsDir?: string;
  /** More routes, each added by its capability (e.g. the evaluation's signed downloads, GET /downloads/<file>?t=<token>). */
  routes?: Array<(server: restify.Server) => void>;
}

export interface BakenServer {
  readonly server: restify.Server;
  /** Listen on `port` (0 = any free port) on `host`; resolves with the bound port and base URL. */
  start(port: number, host?: string): Promise<{ port: number; url: string }>;
  stop(): Promise<void>;
}

/** restify with POST /api/messages (Bot Framework), GET /healthz and GET /kennis/:doc/:section. */
export function createServer(deps: ServerDeps): BakenServer {
  const server = restify.createServer({ name: 'baken' });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }));

  server.post('/api/messages', async (req, res) => {
    const decision = deps.gate?.(req.body) ?? { ok: true };
    if (!decision.ok) {
      deps.logger.warn({ reason: decision.reason }, 'refused an inbound activity');
      res.send(403, { error: 'forbidden' });
      return;
    }
    try {
      await deps.adapter.process(req, res, (context) => deps.runTurn(context));
    } catch (err) {
      // Turn errors are handled by adapter.onTurnError inside process(); what escapes is botbuilder
      // rejecting the request body (validateAndFixActivity) before any turn started.
      deps.logger.warn({ err }, 'rejected an inbound request');
      if (!res.headersSent) res.send(400, { error: 'malformed activity' });
    }
  });

  server.get('/healthz', async (_req, res) => {
    const store = deps.storeHealth ? await deps.storeHealth() : { ok: true };
    res.send(store.ok ? 200 : 503, { ok: store.ok, version: deps.version, documents: deps.documentCount(), ...(store.ok ? {} : { store: store.reason }) });
  });

  server.get('/kennis/:doc/:section', async (req, res) => {
    const params = req.params as { doc?: string; section?: string };
    const view = params.doc && params.section ? await deps.askService.section(params.doc, params.section) : undefined;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    if (!view) {
      res.sendRaw(404, page(t('nl', 'page.notFound', {}, deps.cardsDir), `<p>${escapeHtml(t('nl', 'page.notFound', {}, deps.cardsDir))}</p>`));
      return;
    }
    const body = view.text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`)
      .join('\n');
    res.sendRaw(200, page(`${view.section} – ${view.docTitle}`, `<p class="doc">${escapeHtml(view.docTitle)}</p>\n<h1>${escapeHtml(view.section)}</h1>\n${body}`));
  });

  for (const addRoutes of deps.routes ?? []) addRoutes(server);

  return {
    server,
    start: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.removeListener('error', reject);
          const bound = (server.server.address() as AddressInfo).port;
          resolve({ port: bound, url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${bound}` });
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections from the connector would hold close() open.
        server.server.closeAllConnections?.();
      }),
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}.doc{color:#666;margin-bottom:0}h1{font-size:1.4rem;margin-top:.2rem}</style>
</head>
<body>
${content}
</body>
</html>
`;
}

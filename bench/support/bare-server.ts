/**
 * The floor for the HTTP benchmark: a bare restify endpoint with the same shape of work as the bot minus the bot
 * (parse the activity, POST one reply to the serviceUrl, answer 200). Started as a child process like the bot.
 */
import * as http from 'http';
import * as restify from 'restify';

interface InboundActivity {
  id?: string;
  serviceUrl: string;
  conversation: { id: string };
  from: { id: string };
  recipient: { id: string };
}

const agent = new http.Agent({ keepAlive: true });

function postReply(activity: InboundActivity): Promise<void> {
  const url = new URL(`v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${encodeURIComponent(activity.id ?? '')}`, activity.serviceUrl);
  const body = JSON.stringify({ type: 'message', text: 'ok', from: activity.recipient, recipient: activity.from, replyToId: activity.id });
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => resolve());
    });
    request.on('error', reject);
    request.end(body);
  });
}

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.get('/healthz', (_req, res, next) => {
  res.send(200, { ok: true });
  next();
});
server.post('/api/messages', async (req, res) => {
  await postReply(req.body as InboundActivity);
  res.send(200);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)));

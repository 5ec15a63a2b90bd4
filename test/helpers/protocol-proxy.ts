// A loopback HTTP proxy on 127.0.0.1 that can make the phone look like another build of the app:
// while a protocol is announced, the `protocol` field of every `POST /api/sync` body is rewritten
// to it on the way up, exactly what a build speaking that version would send. Nothing else in the
// body changes. The app gzips larger bodies (Content-Encoding: gzip), so a sync body is buffered,
// inflated, rewritten and sent gzipped again with its length fixed; every other request (the app
// shell, sign-in, tus uploads) and every response are streamed through untouched.
//
// A separate helper rather than a fault of fault-proxy.ts: that proxy streams bodies and never
// looks inside them; this one has to read them.
import http from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';

/** Just what the proxy reads of a sync body; every other field is kept as it came. */
const SyncBody = z.looseObject({
  protocol: z.number(),
  mutations: z.array(z.looseObject({ id: z.string() })),
});

/** One `POST /api/sync` as it crossed the proxy. */
export interface SyncExchange {
  /** The protocol the app put in the request, and the one the server was shown. */
  sent: number;
  forwarded: number;
  /** Ids of the mutations the request carried, in order. */
  mutationIds: string[];
  /** Whether the app sent the body gzipped (and so the proxy inflated and recompressed it). */
  gzip: boolean;
  /** The server's status; absent until it answered. */
  status?: number;
}

export interface ProtocolProxy {
  /** `http://127.0.0.1:<port>`: point the phone here instead of at the server. */
  url: string;
  /** From the next sync request on, show the server this protocol; `null`: the app's own. */
  announce(protocol: number | null): void;
  /** Every sync request so far, in the order they arrived. */
  readonly exchanges: readonly SyncExchange[];
  close(): Promise<void>;
}

// They describe one connection, not the message (RFC 9110 §7.6.1); the proxy has its own.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding']);

function endToEnd(
  headers: http.IncomingHttpHeaders,
  drop: readonly string[] = [],
): http.OutgoingHttpHeaders {
  const kept: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name) && !drop.includes(name)) kept[name] = value;
  return kept;
}

function readAll(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The body as the server should see it, and what the exchange log records of it. */
function rewrite(
  raw: Buffer,
  gzip: boolean,
  announced: number | null,
): { body: Buffer; exchange: SyncExchange } | null {
  let parsed: z.infer<typeof SyncBody>;
  try {
    const checked = SyncBody.safeParse(JSON.parse((gzip ? gunzipSync(raw) : raw).toString()));
    if (!checked.success) return null;
    parsed = checked.data;
  } catch {
    return null;
  }
  const forwarded = announced ?? parsed.protocol;
  const exchange: SyncExchange = {
    sent: parsed.protocol,
    forwarded,
    mutationIds: parsed.mutations.map((mutation) => mutation.id),
    gzip,
  };
  if (forwarded === parsed.protocol) return { body: raw, exchange };
  const json = Buffer.from(JSON.stringify({ ...parsed, protocol: forwarded }));
  return { body: gzip ? gzipSync(json) : json, exchange };
}

export async function startProtocolProxy(upstream: string): Promise<ProtocolProxy> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true });
  const exchanges: SyncExchange[] = [];
  let announced: number | null = null;

  const send = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    headers: http.OutgoingHttpHeaders,
    onStatus?: (status: number) => void,
  ): http.ClientRequest => {
    const up = http.request({
      host: target.hostname,
      port: Number(target.port || 80),
      method: req.method,
      path: req.url,
      headers: { ...headers, host: target.host },
      agent,
    });
    up.on('response', (answer) => {
      onStatus?.(answer.statusCode ?? 502);
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
      answer.pipe(res);
    });
    up.on('error', (error) => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { 'content-type': 'text/plain' }).end(`protocol-proxy: ${error}`);
    });
    return up;
  };

  const server = http.createServer((req, res) => {
    const isSync = req.method === 'POST' && (req.url ?? '').split('?')[0] === '/api/sync';
    if (!isSync) {
      req.pipe(send(req, res, endToEnd(req.headers)));
      return;
    }
    void (async () => {
      const raw = await readAll(req);
      const gzip = /\bgzip\b/i.test(req.headers['content-encoding'] ?? '');
      const rewritten = rewrite(raw, gzip, announced);
      // A body the proxy cannot read goes up as it came: the server's answer tells the test.
      const body = rewritten?.body ?? raw;
      if (rewritten) exchanges.push(rewritten.exchange);
      const headers = {
        ...endToEnd(req.headers, ['content-length']),
        'content-length': body.length,
      };
      send(req, res, headers, (status) => {
        if (rewritten) rewritten.exchange.status = status;
      }).end(body);
    })().catch(() => res.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('protocol-proxy: no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    announce(protocol) {
      announced = protocol;
    },
    exchanges,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

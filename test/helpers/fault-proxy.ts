// A fault-injecting HTTP/1.1 reverse proxy on 127.0.0.1 for integration tests.
//
// The project rule is that network faults are made on the wire, never by mocking fetch: point the
// client at `proxy.url` instead of the server, and choose per request what the network does with
// `setPolicy`. The proxy also counts the raw bytes that cross the client's link, so tests can make
// claims about bandwidth (headers included) without trusting any library's own accounting.
//
// Design: a plain `net` server accepts client connections (so the proxy can count raw socket bytes
// and refuse connections when offline) and hands each socket to an unlistened `http.Server` for
// parsing, which gives keep-alive and pipelining for free. Requests go upstream through `node:http`
// with a private keep-alive agent. Bodies are streamed untouched in both directions (gzip, tus
// `application/offset+octet-stream`, anything); only `replay` buffers the request body, capped.
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export type Fault =
  /** Forward normally. */
  | { kind: 'pass' }
  /** Wait `ms`, then forward normally (the request body stays in the kernel buffers meanwhile). */
  | { kind: 'delay'; ms: number }
  /** Destroy the client socket before anything is sent upstream: the server never sees it. */
  | { kind: 'dropRequest' }
  /**
   * Forward upstream, let the server process it and read its whole response, then destroy the
   * client socket without sending a byte of it: the client cannot know the request was applied.
   */
  | { kind: 'dropResponse' }
  /**
   * Forward, send the status line, the headers and only `afterBytes` bytes of the response body
   * (payload bytes, before any chunked framing the proxy adds), then destroy the client socket.
   */
  | { kind: 'cutResponse'; afterBytes: number }
  /**
   * Forward the request head and only the first `afterBytes` bytes of the request body upstream,
   * then destroy both sides. If the body is not longer than `afterBytes` the server may still see
   * a complete request (for example with `Content-Length`); the client never gets a response.
   */
  | { kind: 'cutRequest'; afterBytes: number }
  /**
   * Send the request upstream `1 + times` times (default `times`: 1), one after the other with the
   * same head and body bytes, and return only the last response to the client: a retransmitting
   * middlebox or duplicate delivery. The request body is buffered, up to `REPLAY_BODY_CAP`.
   */
  | { kind: 'replay'; times?: number };

export type FaultKind = Fault['kind'];

export interface FaultContext {
  method: string;
  /** The request target as the client sent it: path and query. */
  url: string;
  /**
   * How many requests reached the proxy under the current policy before this one: 0 for the first
   * request after `setPolicy` (or after start), so `({ index }) => index === 0 ? fault : pass`
   * means "only the next request". Not affected by `resetStats`.
   */
  index: number;
}

export interface FaultStats {
  /** Requests that reached the proxy (whatever their fault), since start or `resetStats`. */
  requests: number;
  faults: Record<FaultKind, number>;
  /** Raw bytes the proxy read from clients: request lines, headers, bodies, chunk framing. */
  bytesUp: number;
  /** Raw bytes the proxy wrote to clients: status lines, headers, bodies, chunk framing. */
  bytesDown: number;
  /** Client connections open right now, so a test can wait for the proxy's side to close. */
  openConnections: number;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  port: number;
  /** The `seedLabel` option (default `fault-proxy`); print it when a randomised policy fails. */
  label: string;
  /**
   * A deterministic pseudo-random number in [0, 1), seeded from `label`: use it in randomised
   * policies so that a failure replays with the same label.
   */
  random(): number;
  /** Decides the fault of every following request; the default always passes. */
  setPolicy(policy: (ctx: FaultContext) => Fault): void;
  /**
   * Offline: every new connection is destroyed as soon as it is accepted, and the open ones
   * (including idle keep-alive connections) are destroyed at once.
   */
  setOffline(offline: boolean): void;
  /**
   * Counts since start or `resetStats`. Bytes are counted on the client-facing sockets only,
   * including sockets that are still open, each socket once however many requests it carried.
   */
  stats(): FaultStats;
  resetStats(): void;
  /** Destroys every open socket (client and upstream), cancels pending delays and stops listening. */
  close(): Promise<void>;
}

/** `replay` buffers the request body to send it again; larger bodies get a 413 from the proxy. */
export const REPLAY_BODY_CAP = 32 * 1024 * 1024;

const FAULT_KINDS = Object.keys({
  pass: true,
  delay: true,
  dropRequest: true,
  dropResponse: true,
  cutResponse: true,
  cutRequest: true,
  replay: true,
} satisfies Record<FaultKind, true>) as FaultKind[];

// Hop-by-hop headers describe one connection, not the message (RFC 9110 §7.6.1): the proxy manages
// its own connections on each side, so these are dropped, together with any header that a
// `Connection` header names. `transfer-encoding` is kept on requests (Node re-frames the body with
// it) and dropped on responses (Node frames the response for the client by itself).
const REQUEST_HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection'];
const RESPONSE_HOP_BY_HOP = [...REQUEST_HOP_BY_HOP, 'transfer-encoding'];

const noop = (): void => undefined;

function zeroFaults(): Record<FaultKind, number> {
  return Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
}

/** Mulberry32 seeded with the FNV-1a hash of `label`. */
function seededRandom(label: string): () => number {
  let seed = 0x811c9dc5;
  for (const char of label) {
    seed = Math.imul(seed ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  }
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Copies raw `[name, value, name, value…]` headers without the hop-by-hop ones. */
function withoutHopByHop(raw: readonly string[], hopByHop: readonly string[]): string[] {
  const drop = new Set(hopByHop);
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() === 'connection') {
      for (const token of (raw[i + 1] ?? '').split(',')) drop.add(token.trim().toLowerCase());
    }
  }
  const kept: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    if (!drop.has(name.toLowerCase())) kept.push(name, raw[i + 1] ?? '');
  }
  return kept;
}

/**
 * Resolves once everything written so far has been handed to the kernel, or the stream failed or
 * closed (a destroyed stream may never call back).
 */
function flushed(stream: net.Socket | http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed) {
      resolve();
      return;
    }
    stream.once('close', () => resolve());
    try {
      stream.write(Buffer.alloc(0), () => resolve());
    } catch {
      resolve();
    }
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function startFaultProxy(
  upstream: string,
  options: { seedLabel?: string } = {},
): Promise<FaultProxy> {
  const target = new URL(upstream);
  if (target.protocol !== 'http:') {
    throw new Error(`fault-proxy: only http:// upstreams are supported, got ${upstream}`);
  }
  const upstreamHost = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const upstreamPort = Number(target.port || 80);
  const basePath = target.pathname.replace(/\/+$/, '');
  const label = options.seedLabel ?? 'fault-proxy';
  const random = seededRandom(label);

  const agent = new http.Agent({ keepAlive: true });
  const shutdown = new AbortController();
  const upstreamRequests = new Set<http.ClientRequest>();

  let policy: (ctx: FaultContext) => Fault = () => ({ kind: 'pass' });
  let policyIndex = 0;
  let offline = false;
  let closing = false;

  // Byte accounting: totals of closed sockets plus, for open ones, what they carried since their
  // baseline (0, or their counts at the last `resetStats`).
  const openSockets = new Map<net.Socket, { read: number; written: number }>();
  let closedUp = 0;
  let closedDown = 0;
  let requests = 0;
  let faults = zeroFaults();

  const readCount = (socket: net.Socket): number => socket.bytesRead;
  const writtenCount = (socket: net.Socket): number => socket.bytesWritten ?? 0;

  function upstreamHeaders(rawHeaders: readonly string[]): string[] {
    const headers = withoutHopByHop(rawHeaders, REQUEST_HOP_BY_HOP);
    let hasHost = false;
    for (let i = 0; i < headers.length; i += 2) {
      if (headers[i]?.toLowerCase() === 'host') {
        headers[i + 1] = target.host;
        hasHost = true;
      }
    }
    if (!hasHost) headers.unshift('Host', target.host);
    return headers;
  }

  function openUpstream(req: http.IncomingMessage): http.ClientRequest {
    const proxyReq = http.request({
      host: upstreamHost,
      port: upstreamPort,
      method: req.method,
      path: basePath + (req.url ?? '/'),
      headers: upstreamHeaders(req.rawHeaders),
      setHost: false,
      agent,
    });
    // Errors also reach the response or the exchange; this keeps a late one from crashing the run.
    proxyReq.on('error', noop);
    upstreamRequests.add(proxyReq);
    proxyReq.on('close', () => upstreamRequests.delete(proxyReq));
    return proxyReq;
  }

  /** Sends `body` (or streams the client's body when absent) and waits for the response head. */
  function exchange(
    req: http.IncomingMessage,
    proxyReq: http.ClientRequest,
    body?: Buffer,
  ): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      proxyReq.once('response', resolve);
      proxyReq.once('error', reject);
      if (body) {
        proxyReq.end(body);
      } else {
        req.pipe(proxyReq);
        req.once('close', () => {
          if (!req.complete) proxyReq.destroy();
        });
      }
    });
  }

  function failUpstream(res: http.ServerResponse, error: unknown): void {
    if (res.headersSent || res.destroyed) {
      res.socket?.destroy();
      return;
    }
    const text = `fault-proxy (${label}): upstream request failed: ${errorMessage(error)}\n`;
    res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(text);
  }

  function writeResponseHead(res: http.ServerResponse, up: http.IncomingMessage): void {
    res.writeHead(
      up.statusCode ?? 502,
      up.statusMessage,
      withoutHopByHop(up.rawHeaders, RESPONSE_HOP_BY_HOP),
    );
  }

  function relay(up: http.IncomingMessage, res: http.ServerResponse): void {
    writeResponseHead(res, up);
    up.on('error', noop);
    up.on('close', () => {
      if (!up.complete) res.destroy();
    });
    up.pipe(res);
  }

  async function destroyWhenFlushed(socket: net.Socket): Promise<void> {
    await flushed(socket);
    socket.destroy();
  }

  function relayCut(
    up: http.IncomingMessage,
    res: http.ServerResponse,
    socket: net.Socket,
    afterBytes: number,
  ): void {
    writeResponseHead(res, up);
    up.on('error', noop);
    let remaining = Math.max(0, Math.floor(afterBytes));
    let done = false;
    const cut = (): void => {
      if (done) return;
      done = true;
      up.removeAllListeners('data');
      up.destroy();
      void destroyWhenFlushed(socket);
    };
    if (remaining === 0) {
      res.flushHeaders();
      cut();
      return;
    }
    up.on('data', (chunk: Buffer) => {
      if (chunk.length < remaining) {
        remaining -= chunk.length;
        if (!res.write(chunk)) {
          up.pause();
          res.once('drain', () => up.resume());
        }
        return;
      }
      res.write(chunk.subarray(0, remaining));
      remaining = 0;
      cut();
    });
    // A body no longer than `afterBytes` went through whole; the response is still not finished.
    up.on('end', cut);
    up.on('close', cut);
  }

  async function forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    onResponse: (up: http.IncomingMessage) => void,
  ): Promise<void> {
    const proxyReq = openUpstream(req);
    res.on('close', () => {
      if (!res.writableFinished) proxyReq.destroy();
    });
    let up: http.IncomingMessage;
    try {
      up = await exchange(req, proxyReq);
    } catch (error) {
      failUpstream(res, error);
      return;
    }
    onResponse(up);
  }

  async function cutRequest(
    req: http.IncomingMessage,
    socket: net.Socket,
    afterBytes: number,
  ): Promise<void> {
    const proxyReq = openUpstream(req);
    proxyReq.on('response', (up) => up.resume());
    let remaining = Math.max(0, Math.floor(afterBytes));
    let done = false;
    const cut = async (last?: Buffer): Promise<void> => {
      if (done) return;
      done = true;
      req.removeAllListeners('data');
      req.pause();
      if (last) proxyReq.write(last);
      await flushed(proxyReq); // the head and the allowed bytes have reached the upstream socket
      proxyReq.destroy();
      socket.destroy();
    };
    if (remaining === 0) {
      await cut();
      return;
    }
    req.on('data', (chunk: Buffer) => {
      if (chunk.length < remaining) {
        remaining -= chunk.length;
        if (!proxyReq.write(chunk)) {
          req.pause();
          proxyReq.once('drain', () => req.resume());
        }
        return;
      }
      const last = chunk.subarray(0, remaining);
      remaining = 0;
      void cut(last);
    });
    req.on('end', () => void cut());
    req.on('close', () => void cut());
  }

  async function replay(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    times: number,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > REPLAY_BODY_CAP) {
        res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
        res.end(`fault-proxy (${label}): replay buffers at most ${REPLAY_BODY_CAP} bytes\n`);
        return;
      }
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks);
    for (let attempt = 0; attempt <= times; attempt += 1) {
      if (res.destroyed) return;
      const proxyReq = openUpstream(req);
      let up: http.IncomingMessage;
      try {
        up = await exchange(req, proxyReq, body);
      } catch (error) {
        failUpstream(res, error);
        return;
      }
      if (attempt === times) {
        relay(up, res);
        return;
      }
      // Earlier copies: read their responses to the end, as the middlebox would, and drop them.
      await new Promise<void>((resolve) => {
        up.on('error', noop);
        up.on('close', resolve);
        up.resume();
      });
    }
  }

  async function handle(
    fault: Fault,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const socket = req.socket;
    switch (fault.kind) {
      case 'pass':
        return forward(req, res, (up) => relay(up, res));
      case 'delay':
        await sleep(Math.max(0, fault.ms), undefined, { signal: shutdown.signal });
        if (socket.destroyed) return;
        return forward(req, res, (up) => relay(up, res));
      case 'dropRequest':
        socket.destroy();
        return;
      case 'dropResponse':
        return forward(req, res, (up) => {
          up.on('error', noop);
          up.on('close', () => socket.destroy());
          up.resume();
        });
      case 'cutResponse':
        return forward(req, res, (up) => relayCut(up, res, socket, fault.afterBytes));
      case 'cutRequest':
        return cutRequest(req, socket, fault.afterBytes);
      case 'replay':
        return replay(req, res, Math.max(0, Math.floor(fault.times ?? 1)));
    }
  }

  const httpServer = http.createServer((req, res) => {
    if (offline || closing) {
      req.socket.destroy();
      return;
    }
    req.on('error', noop);
    res.on('error', noop);
    // Send the upstream's headers only: Node would otherwise add a Date header of its own.
    res.sendDate = false;
    requests += 1;
    const ctx: FaultContext = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      index: policyIndex,
    };
    policyIndex += 1;
    let fault: Fault;
    try {
      fault = policy(ctx);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(`fault-proxy (${label}): the policy threw: ${errorMessage(error)}\n`);
      return;
    }
    faults[fault.kind] += 1;
    handle(fault, req, res).catch(() => req.socket.destroy());
  });
  httpServer.on('clientError', (_error, socket) => socket.destroy());

  const netServer = net.createServer((socket) => {
    socket.on('error', noop);
    openSockets.set(socket, { read: 0, written: 0 });
    socket.on('close', () => {
      const baseline = openSockets.get(socket);
      if (!baseline) return;
      openSockets.delete(socket);
      closedUp += readCount(socket) - baseline.read;
      closedDown += writtenCount(socket) - baseline.written;
    });
    if (offline || closing) {
      socket.destroy();
      return;
    }
    httpServer.emit('connection', socket);
  });

  await new Promise<void>((resolve, reject) => {
    netServer.once('error', reject);
    netServer.listen(0, '127.0.0.1', () => {
      netServer.off('error', reject);
      resolve();
    });
  });
  const address = netServer.address();
  if (typeof address !== 'object' || !address) throw new Error('fault-proxy: no address');
  const port = address.port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    label,
    random,
    setPolicy(next) {
      policy = next;
      policyIndex = 0;
    },
    setOffline(next) {
      offline = next;
      if (next) for (const socket of openSockets.keys()) socket.destroy();
    },
    stats() {
      let bytesUp = closedUp;
      let bytesDown = closedDown;
      for (const [socket, baseline] of openSockets) {
        bytesUp += readCount(socket) - baseline.read;
        bytesDown += writtenCount(socket) - baseline.written;
      }
      return {
        requests,
        faults: { ...faults },
        bytesUp,
        bytesDown,
        openConnections: openSockets.size,
      };
    },
    resetStats() {
      requests = 0;
      faults = zeroFaults();
      closedUp = 0;
      closedDown = 0;
      for (const socket of openSockets.keys()) {
        openSockets.set(socket, { read: readCount(socket), written: writtenCount(socket) });
      }
    },
    async close() {
      closing = true;
      shutdown.abort();
      const closed = new Promise<void>((resolve) => netServer.close(() => resolve()));
      for (const socket of openSockets.keys()) socket.destroy();
      for (const request of upstreamRequests) request.destroy();
      agent.destroy();
      await closed;
    },
  };
}

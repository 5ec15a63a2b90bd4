// A tiny TCP proxy on 127.0.0.1 that can cut the connection mid-request, for resumable-upload
// tests. It forwards bytes untouched and parses just enough HTTP/1.1 on the way up (request line
// and Content-Length) to count request *body* bytes per method, so a test can say exactly how
// many bytes the client sent in PATCH bodies, including those of a request that was cut. It can
// also stall the link: every connection stays open and nothing moves either way until resumed.
import net from 'node:net';

export interface CutProxy {
  /** `http://127.0.0.1:<port>`: point the client here instead of at the server. */
  url: string;
  /** Request-body bytes forwarded upstream so far, per HTTP method (and path prefix). */
  bodyBytes(method: string, pathPrefix?: string): number;
  /**
   * After `bytes` more body bytes of `method` requests have gone upstream, forward nothing more
   * on that connection and destroy both of its sockets (once).
   */
  cutAfter(method: string, bytes: number, pathPrefix?: string): void;
  /**
   * After `bytes` more body bytes of `method` requests whose path starts with `pathPrefix` have
   * gone upstream, stall the whole link: connections stay open (new ones are accepted), but no
   * byte is forwarded in either direction until `resume()`. What a dead radio link or a NAT that
   * lost its mapping looks like to both ends.
   */
  stallAfter(method: string, bytes: number, pathPrefix?: string): void;
  /** Whether the link is stalled now. */
  stalled(): boolean;
  /** Ends a stall: everything held is forwarded and the link carries bytes again. */
  resume(): void;
  close(): Promise<void>;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** Follows the request framing on one client connection. */
class RequestCounter {
  private head = Buffer.alloc(0);
  private method = '';
  private path = '';
  private bodyLeft = 0;

  /**
   * Accounts for `chunk` and returns how many of its bytes may be forwarded before the cut
   * (all of them when no cut is due).
   */
  feed(chunk: Buffer, count: (method: string, bytes: number, path: string) => number): number {
    let at = 0;
    while (at < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - at);
        const allowed = count(this.method, take, this.path);
        this.bodyLeft -= allowed;
        at += allowed;
        if (allowed < take) return at;
        continue;
      }
      this.head = Buffer.concat([this.head, chunk.subarray(at)]);
      const end = this.head.indexOf(HEAD_END);
      if (end === -1) return chunk.length;
      const headText = this.head.subarray(0, end).toString('latin1');
      const consumed = end + HEAD_END.length - (this.head.length - (chunk.length - at));
      at += consumed;
      this.head = Buffer.alloc(0);
      this.method = headText.slice(0, headText.indexOf(' '));
      this.path = headText.slice(this.method.length + 1).split(' ')[0] ?? '';
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(headText)?.[1];
      this.bodyLeft = length ? Number(length) : 0;
    }
    return chunk.length;
  }
}

export async function startCutProxy(upstreamPort: number): Promise<CutProxy> {
  /** Body bytes by method, then by request path. */
  const counts = new Map<string, Map<string, number>>();
  let cut: { method: string; remaining: number; pathPrefix: string } | null = null;
  let stall: { method: string; remaining: number; pathPrefix: string } | null = null;
  let isStalled = false;
  const sockets = new Set<net.Socket>();
  /** Per connection: what to do when a stall ends (forward the held bytes, resume reading). */
  const onResume = new Set<() => void>();

  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const counter = new RequestCounter();
    let held: Buffer | null = null;
    const destroyBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    const pause = () => {
      client.pause();
      upstream.pause();
    };
    const resume = () => {
      const rest = held;
      held = null;
      if (heldDown) client.write(heldDown);
      heldDown = null;
      client.resume();
      upstream.resume();
      if (rest) forward(rest);
    };
    onResume.add(resume);
    client.on('close', () => {
      sockets.delete(client);
      onResume.delete(resume);
    });
    upstream.on('close', () => sockets.delete(upstream));
    client.on('error', destroyBoth);
    upstream.on('error', destroyBoth);
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    let heldDown: Buffer | null = null;
    upstream.on('data', (chunk: Buffer) => {
      if (isStalled) heldDown = heldDown ? Buffer.concat([heldDown, chunk]) : chunk;
      else client.write(chunk);
    });
    if (isStalled) pause();

    const forward = (chunk: Buffer) => {
      if (isStalled) {
        // Read before the pause took effect: hold it, request heads included.
        held = held ? Buffer.concat([held, chunk]) : chunk;
        return;
      }
      let cutNow = false;
      let stallNow = false;
      const forwardable = counter.feed(chunk, (method, bytes, path) => {
        if (isStalled) return 0;
        let allowed = bytes;
        if (cut && cut.method === method && path.startsWith(cut.pathPrefix)) {
          allowed = Math.min(allowed, cut.remaining);
          cut.remaining -= allowed;
          if (cut.remaining === 0) cutNow = true;
        }
        if (stall && stall.method === method && path.startsWith(stall.pathPrefix)) {
          allowed = Math.min(allowed, stall.remaining);
          stall.remaining -= allowed;
          if (stall.remaining === 0) stallNow = true;
        }
        const byPath = counts.get(method) ?? new Map<string, number>();
        counts.set(method, byPath.set(path, (byPath.get(path) ?? 0) + allowed));
        if (stallNow) {
          stall = null;
          isStalled = true;
        }
        return allowed;
      });
      if (forwardable > 0) upstream.write(chunk.subarray(0, forwardable));
      if (cutNow) {
        cut = null;
        // Let the forwarded bytes reach the server before the connection goes.
        upstream.once('drain', destroyBoth);
        if (upstream.writableLength === 0) destroyBoth();
        return;
      }
      if (forwardable < chunk.length) {
        const rest = chunk.subarray(forwardable);
        held = held ? Buffer.concat([held, rest]) : rest;
      }
      if (isStalled) for (const socket of sockets) socket.pause();
    };
    client.on('data', forward);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    bodyBytes: (method, pathPrefix = '') =>
      [...(counts.get(method) ?? new Map<string, number>())]
        .filter(([path]) => path.startsWith(pathPrefix))
        .reduce((sum, [, bytes]) => sum + bytes, 0),
    cutAfter(method, bytes, pathPrefix = '') {
      cut = { method, remaining: bytes, pathPrefix };
    },
    stallAfter(method, bytes, pathPrefix = '') {
      stall = { method, remaining: bytes, pathPrefix };
    },
    stalled: () => isStalled,
    resume() {
      isStalled = false;
      for (const resumeOne of [...onResume]) resumeOne();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

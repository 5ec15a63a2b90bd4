// @vitest-environment node
// The fault proxy against a tiny real upstream on 127.0.0.1: every fault is observed on the wire,
// from the client (fetch or a raw socket) and from the upstream's own record of what it received.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';

interface Seen {
  method: string;
  url: string;
  rawHeaders: string[];
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The whole request arrived (its `end` fired). */
  complete: boolean;
  /** The request is over on the upstream: completed and answered, or aborted. */
  settled: Promise<void>;
}

interface Upstream {
  url: string;
  host: string;
  seen: Seen[];
  close(): Promise<void>;
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Deterministic bytes, so a response body can be checked without shipping it around. */
function pattern(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
}

/**
 * Records every request it receives. Routes: `/big?n=` answers n pattern bytes with a
 * Content-Length, `/chunked` answers in chunks, anything else echoes a JSON summary of the request.
 */
async function startUpstream(): Promise<Upstream> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let settle = (): void => undefined;
    const record: Seen = {
      method: req.method ?? '',
      url: req.url ?? '',
      rawHeaders: req.rawHeaders,
      headers: req.headers,
      body: Buffer.alloc(0),
      complete: false,
      settled: new Promise<void>((resolve) => (settle = resolve)),
    };
    seen.push(record);
    const count = seen.length;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      record.body = Buffer.concat(chunks);
    });
    req.on('error', () => undefined);
    res.on('close', settle);
    req.on('close', () => {
      if (!req.complete) settle();
    });
    req.on('end', () => {
      record.complete = true;
      const url = new URL(record.url, 'http://upstream');
      if (url.pathname === '/big') {
        const body = pattern(Number(url.searchParams.get('n')));
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': body.length,
        });
        res.end(body);
        return;
      }
      if (url.pathname === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('one,');
        setTimeout(() => res.end('two,three'), 10);
        return;
      }
      const summary = JSON.stringify({
        count,
        bytes: record.body.length,
        sha: sha256(record.body),
      });
      res.writeHead(201, 'Made It', [
        'Content-Type',
        'application/json',
        'X-Upstream',
        'yes',
        'Set-Cookie',
        'a=1',
        'Set-Cookie',
        'b=2',
        'Content-Length',
        String(Buffer.byteLength(summary)),
      ]);
      res.end(summary);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no upstream address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    host: `127.0.0.1:${address.port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Collects everything a raw client socket reads until the peer closes or `done` says stop. */
function rawExchange(
  port: number,
  request: Buffer,
  done: (received: Buffer) => boolean = () => false,
): Promise<{ socket: net.Socket; received: Buffer }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      resolve({ socket, received: Buffer.concat(chunks) });
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (done(Buffer.concat(chunks))) finish();
    });
    socket.on('error', (error) => (chunks.length > 0 ? finish() : reject(error)));
    socket.on('close', finish);
    socket.write(request);
  });
}

/** Splits raw HTTP/1.1 responses that carry a Content-Length; returns the complete ones. */
function splitResponses(data: Buffer): { head: string; body: Buffer }[] {
  const responses: { head: string; body: Buffer }[] = [];
  let offset = 0;
  for (;;) {
    const headEnd = data.indexOf('\r\n\r\n', offset);
    if (headEnd < 0) return responses;
    const head = data.subarray(offset, headEnd).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const bodyStart = headEnd + 4;
    if (data.length < bodyStart + length) return responses;
    responses.push({ head, body: data.subarray(bodyStart, bodyStart + length) });
    offset = bodyStart + length;
  }
}

/** Reads a whole response body, so that truncation surfaces as a rejection. */
async function fetchAll(url: string, init?: RequestInit): Promise<Buffer> {
  const response = await fetch(url, init);
  return Buffer.from(await response.arrayBuffer());
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('fault proxy on 127.0.0.1', () => {
  let upstream: Upstream;
  let proxy: FaultProxy;

  beforeAll(async () => {
    upstream = await startUpstream();
    proxy = await startFaultProxy(upstream.url, { seedLabel: 'fault-proxy-test' });
  });

  afterAll(async () => {
    await proxy?.close();
    await upstream?.close();
  });

  beforeEach(() => {
    proxy.setOffline(false);
    proxy.setPolicy(() => ({ kind: 'pass' }));
    proxy.resetStats();
    upstream.seen.length = 0;
  });

  describe('pass', () => {
    it('forwards method, path, query, headers and body untouched, and relays the response', async () => {
      const body = JSON.stringify({ hello: 'Minh Chứng' });
      const response = await fetch(`${proxy.url}/api/things/42?x=1&y=%C3%A9&x=2`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer t0ken',
          'x-custom': 'a  b, c; d="e" é',
          'idempotency-key': '01J0000000000000000000000',
        },
        body,
      });
      expect(response.status).toBe(201);
      expect(response.statusText).toBe('Made It');
      expect(response.headers.get('x-upstream')).toBe('yes');
      expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
      const summary = (await response.json()) as { count: number; bytes: number; sha: string };
      expect(summary).toEqual({
        count: 1,
        bytes: Buffer.byteLength(body),
        sha: sha256(Buffer.from(body)),
      });

      expect(upstream.seen).toHaveLength(1);
      const [seen] = upstream.seen;
      expect(seen?.method).toBe('PUT');
      expect(seen?.url).toBe('/api/things/42?x=1&y=%C3%A9&x=2');
      expect(seen?.headers.host).toBe(upstream.host);
      expect(seen?.headers['content-type']).toBe('application/json');
      expect(seen?.headers.authorization).toBe('Bearer t0ken');
      expect(seen?.headers['x-custom']).toBe('a  b, c; d="e" é');
      expect(seen?.headers['idempotency-key']).toBe('01J0000000000000000000000');
      expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
      expect(seen?.body.toString()).toBe(body);
      expect(proxy.stats()).toMatchObject({ requests: 1, faults: { pass: 1 } });
    });

    it('forwards a gzip-encoded body byte for byte, with its content-encoding', async () => {
      const json = JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => `mục ${i}`) });
      const gzipped = gzipSync(json);
      const response = await fetch(`${proxy.url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipped,
      });
      expect(response.status).toBe(201);
      const seen = upstream.seen[0];
      expect(seen?.headers['content-encoding']).toBe('gzip');
      expect(seen?.body.equals(gzipped)).toBe(true);
      expect(gunzipSync(seen?.body ?? Buffer.alloc(0)).toString()).toBe(json);
    });

    it('streams a 3 MB binary tus PATCH body and a 3 MB response untouched', async () => {
      const chunk = randomBytes(3 * 1024 * 1024);
      const response = await fetch(`${proxy.url}/files/abc`, {
        method: 'PATCH',
        headers: {
          'content-type': 'application/offset+octet-stream',
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
        },
        body: chunk,
      });
      const summary = (await response.json()) as { bytes: number; sha: string };
      expect(summary).toMatchObject({ bytes: chunk.length, sha: sha256(chunk) });
      expect(upstream.seen[0]?.headers['upload-offset']).toBe('0');
      expect(upstream.seen[0]?.headers['content-type']).toBe('application/offset+octet-stream');

      const big = await fetchAll(`${proxy.url}/big?n=${3 * 1024 * 1024}`);
      expect(big.equals(pattern(3 * 1024 * 1024))).toBe(true);
      const stats = proxy.stats();
      expect(stats.bytesUp).toBeGreaterThan(chunk.length);
      expect(stats.bytesDown).toBeGreaterThan(big.length);
    });

    it('forwards a chunked request body, keeping its transfer-encoding', async () => {
      const request = Buffer.from(
        'POST /stream HTTP/1.1\r\nHost: client\r\nTransfer-Encoding: chunked\r\n' +
          'Connection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n',
      );
      const { received } = await rawExchange(proxy.port, request);
      expect(received.toString('latin1')).toMatch(/^HTTP\/1\.1 201 Made It\r\n/);
      expect(upstream.seen[0]?.headers['transfer-encoding']).toBe('chunked');
      expect(upstream.seen[0]?.body.toString()).toBe('hello world');
    });

    it('prefixes the path of an upstream base URL', async () => {
      const prefixed = await startFaultProxy(`${upstream.url}/base/`);
      await fetchAll(`${prefixed.url}/api/x?y=1`);
      await prefixed.close();
      expect(upstream.seen[0]?.url).toBe('/base/api/x?y=1');
    });

    it('relays a chunked upstream response', async () => {
      const text = await fetchAll(`${proxy.url}/chunked`);
      expect(text.toString()).toBe('one,two,three');
    });
  });

  it('delay: adds latency, then forwards normally', async () => {
    await fetchAll(`${proxy.url}/fast`);

    // Only a lower bound: the injected delay is the least the request can take, whereas how much
    // longer a loaded machine adds (compared with the undelayed request) is not the proxy's doing.
    proxy.setPolicy(() => ({ kind: 'delay', ms: 300 }));
    const delayedStart = Date.now();
    const body = await fetchAll(`${proxy.url}/slow`, { method: 'POST', body: 'late' });
    const elapsed = Date.now() - delayedStart;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(JSON.parse(body.toString())).toMatchObject({ bytes: 4 });
    expect(upstream.seen.map((seen) => seen.body.toString())).toEqual(['', 'late']);
    expect(proxy.stats().faults).toMatchObject({ pass: 1, delay: 1 });
  });

  it('dropRequest: fetch rejects and the upstream never sees the request', async () => {
    proxy.setPolicy(() => ({ kind: 'dropRequest' }));
    await expect(
      fetch(`${proxy.url}/api/sync/push`, { method: 'POST', body: 'never' }),
    ).rejects.toThrow();
    // A request passed afterwards is a barrier: once the upstream has seen it, a dropped request
    // that had been forwarded after all would have been seen first.
    proxy.setPolicy(() => ({ kind: 'pass' }));
    await fetchAll(`${proxy.url}/after-drop`);
    expect(upstream.seen.map((seen) => seen.url)).toEqual(['/after-drop']);
    expect(proxy.stats()).toMatchObject({ requests: 2, faults: { dropRequest: 1, pass: 1 } });
  });

  it('dropResponse: fetch rejects although the upstream processed the request fully', async () => {
    proxy.setPolicy(() => ({ kind: 'dropResponse' }));
    await expect(
      fetch(`${proxy.url}/api/sync/push`, { method: 'POST', body: 'applied' }),
    ).rejects.toThrow();
    expect(upstream.seen).toHaveLength(1);
    expect(upstream.seen[0]?.complete).toBe(true);
    expect(upstream.seen[0]?.body.toString()).toBe('applied');
    expect(proxy.stats().faults.dropResponse).toBe(1);
  });

  describe('cutResponse', () => {
    it('fetch gets the head but the body read fails', async () => {
      proxy.setPolicy(() => ({ kind: 'cutResponse', afterBytes: 1000 }));
      const response = await fetch(`${proxy.url}/big?n=100000`);
      expect(response.status).toBe(200);
      await expect(response.arrayBuffer()).rejects.toThrow();
    });

    it('sends exactly the head and afterBytes body bytes on the wire, then closes', async () => {
      proxy.setPolicy(() => ({ kind: 'cutResponse', afterBytes: 1000 }));
      const request = Buffer.from('GET /big?n=100000 HTTP/1.1\r\nHost: client\r\n\r\n');
      const { received } = await rawExchange(proxy.port, request);
      const headEnd = received.indexOf('\r\n\r\n');
      const head = received.subarray(0, headEnd).toString('latin1');
      expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(head).toMatch(/\r\ncontent-length: 100000/i);
      const body = received.subarray(headEnd + 4);
      expect(body.equals(pattern(100000).subarray(0, 1000))).toBe(true);
    });

    it('afterBytes 0 sends the head only', async () => {
      proxy.setPolicy(() => ({ kind: 'cutResponse', afterBytes: 0 }));
      const request = Buffer.from('GET /big?n=5000 HTTP/1.1\r\nHost: client\r\n\r\n');
      const { received } = await rawExchange(proxy.port, request);
      expect(received.toString('latin1')).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\n$/);
    });
  });

  it('cutRequest: the upstream sees at most afterBytes of the body and no complete request', async () => {
    proxy.setPolicy(() => ({ kind: 'cutRequest', afterBytes: 1000 }));
    const body = randomBytes(200_000);
    await expect(
      fetch(`${proxy.url}/files/abc`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
        body,
      }),
    ).rejects.toThrow();
    await waitFor(() => upstream.seen.length === 1);
    const [seen] = upstream.seen;
    await seen?.settled;
    expect(seen?.complete).toBe(false);
    // In practice exactly 1000: the proxy waits for the allowed bytes to be flushed before the cut.
    expect(seen?.body.length).toBeLessThanOrEqual(1000);
    expect(seen?.body.equals(body.subarray(0, seen.body.length))).toBe(true);
    expect(proxy.stats().faults.cutRequest).toBe(1);
  });

  describe('replay', () => {
    it('delivers the request twice by default and returns the last response', async () => {
      proxy.setPolicy(() => ({ kind: 'replay' }));
      const response = await fetch(`${proxy.url}/api/sync/push?batch=7`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' },
        body: '{"op":"create"}',
      });
      expect(((await response.json()) as { count: number }).count).toBe(2);
      expect(upstream.seen).toHaveLength(2);
      const [first, second] = upstream.seen;
      for (const seen of [first, second]) {
        expect(seen?.complete).toBe(true);
        expect(seen?.method).toBe('POST');
        expect(seen?.url).toBe('/api/sync/push?batch=7');
        expect(seen?.body.toString()).toBe('{"op":"create"}');
      }
      expect(second?.rawHeaders).toEqual(first?.rawHeaders);
      expect(first?.headers['idempotency-key']).toBe('k-1');
    });

    it('delivers times + 1 copies', async () => {
      proxy.setPolicy(({ index }) =>
        index === 0 ? { kind: 'replay', times: 2 } : { kind: 'pass' },
      );
      const response = await fetch(`${proxy.url}/again`, { method: 'POST', body: 'x' });
      expect(((await response.json()) as { count: number }).count).toBe(3);
      await fetchAll(`${proxy.url}/after`);
      expect(upstream.seen.map((seen) => seen.url)).toEqual([
        '/again',
        '/again',
        '/again',
        '/after',
      ]);
      expect(proxy.stats()).toMatchObject({ requests: 2, faults: { replay: 1, pass: 1 } });
    });
  });

  it('setOffline: connections are refused at once, and come back when online again', async () => {
    await fetchAll(`${proxy.url}/warm`); // leaves an idle keep-alive connection in fetch's pool
    proxy.setOffline(true);
    // "At once" is what the calls below show without a clock: they end without an answer instead
    // of hanging (a hang would run into the test's timeout).
    await expect(fetch(`${proxy.url}/offline`)).rejects.toThrow();
    const { received } = await rawExchange(
      proxy.port,
      Buffer.from('GET /raw HTTP/1.1\r\nHost: client\r\n\r\n'),
    );
    expect(received.length).toBe(0);
    expect(upstream.seen.map((seen) => seen.url)).toEqual(['/warm']);

    proxy.setOffline(false);
    await fetchAll(`${proxy.url}/online`);
    expect(upstream.seen.map((seen) => seen.url)).toEqual(['/warm', '/online']);
  });

  it('index counts requests under the current policy', async () => {
    const indexes: number[] = [];
    proxy.setPolicy(({ index }) => {
      indexes.push(index);
      return index === 1 ? { kind: 'dropRequest' } : { kind: 'pass' };
    });
    await fetchAll(`${proxy.url}/a`);
    await expect(fetchAll(`${proxy.url}/b`)).rejects.toThrow();
    await fetchAll(`${proxy.url}/c`);
    expect(indexes).toEqual([0, 1, 2]);
    expect(upstream.seen.map((seen) => seen.url)).toEqual(['/a', '/c']);
  });
});

describe('fault proxy byte counting', () => {
  let upstream: Upstream;
  let proxy: FaultProxy;

  beforeAll(async () => {
    upstream = await startUpstream();
    proxy = await startFaultProxy(upstream.url);
  });

  afterAll(async () => {
    await proxy?.close();
    await upstream?.close();
  });

  it('counts exactly the raw bytes a client wrote and read', async () => {
    proxy.resetStats();
    const request = Buffer.from(
      'POST /count?q=1 HTTP/1.1\r\nHost: client\r\nContent-Type: text/plain\r\n' +
        'Content-Length: 11\r\nConnection: close\r\n\r\nhello world',
    );
    const { received } = await rawExchange(proxy.port, request);
    expect(splitResponses(received)).toHaveLength(1);
    await waitFor(() => proxy.stats().bytesDown === received.length);
    expect(proxy.stats()).toMatchObject({
      requests: 1,
      bytesUp: request.length,
      bytesDown: received.length,
    });
  });

  it('counts a keep-alive socket once, while open and after it closes, and from resetStats', async () => {
    proxy.resetStats();
    upstream.seen.length = 0;
    const one = Buffer.from('GET /one HTTP/1.1\r\nHost: client\r\n\r\n');
    const two = Buffer.from('GET /two HTTP/1.1\r\nHost: client\r\n\r\n');
    const { socket, received } = await rawExchange(
      proxy.port,
      Buffer.concat([one, two]),
      (data) => splitResponses(data).length === 2,
    );
    expect(socket.destroyed).toBe(false);
    expect(proxy.stats()).toMatchObject({
      requests: 2,
      bytesUp: one.length + two.length,
      bytesDown: received.length,
    });

    // A reset while the socket is open counts only what crosses it afterwards.
    proxy.resetStats();
    const three = Buffer.from('GET /three HTTP/1.1\r\nHost: client\r\n\r\n');
    const third = new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (splitResponses(Buffer.concat(chunks)).length === 1) resolve(Buffer.concat(chunks));
      });
    });
    socket.write(three);
    const thirdResponse = await third;
    expect(proxy.stats()).toMatchObject({
      requests: 1,
      bytesUp: three.length,
      bytesDown: thirdResponse.length,
    });

    const openBefore = proxy.stats().openConnections;
    socket.destroy();
    await waitFor(() => socket.closed);
    // The proxy's side closes too (other, idle keep-alive connections may stay open).
    await waitFor(() => proxy.stats().openConnections < openBefore);
    expect(proxy.stats()).toMatchObject({
      bytesUp: three.length,
      bytesDown: thirdResponse.length,
    });
    expect(upstream.seen.map((seen) => seen.url)).toEqual(['/one', '/two', '/three']);
  });

  it('random() is a deterministic sequence per seedLabel', async () => {
    const [a, b, c] = await Promise.all([
      startFaultProxy(upstream.url, { seedLabel: 'run-7' }),
      startFaultProxy(upstream.url, { seedLabel: 'run-7' }),
      startFaultProxy(upstream.url, { seedLabel: 'run-8' }),
    ]);
    const draw = (p: FaultProxy): number[] => Array.from({ length: 5 }, () => p.random());
    const first = draw(a);
    expect(a.label).toBe('run-7');
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('close() resolves promptly with open connections and a pending delay', async () => {
    const closable = await startFaultProxy(upstream.url);
    // The delay outlasts the test's timeout, so a close() that waited for it fails the test
    // without the test having to time close() itself.
    closable.setPolicy(() => ({ kind: 'delay', ms: 600_000 }));
    const pending = fetch(`${closable.url}/never`);
    const idle = net.connect(closable.port, '127.0.0.1');
    await new Promise((resolve) => idle.once('connect', resolve));
    await waitFor(() => closable.stats().requests === 1);
    await closable.close();
    await expect(pending).rejects.toThrow();
    await waitFor(() => idle.closed);
  });
});

import { z } from 'zod';
import { SyncResponse, type SyncRequest } from '../../shared/protocol/sync';
import { TransportError } from './transport-error';

export { TransportError, type TransportFailure } from './transport-error';

export interface SyncTransport {
  sync(request: SyncRequest): Promise<SyncResponse>;
}

/**
 * An error body read tolerantly: a code this build does not know (a newer server's) is kept as a
 * string and handled by its status, rather than making the whole answer unreadable.
 */
const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Gzip pays for itself only above a few hundred bytes; below that its header is overhead. */
const GZIP_THRESHOLD = 600;

async function gzip(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

export interface HttpTransportOptions {
  baseUrl: string;
  getToken: () => string | null | Promise<string | null>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** `POST /api/sync` over fetch: gzip up, gzip down (the browser inflates), every answer checked. */
export class HttpSyncTransport implements SyncTransport {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HttpTransportOptions) {
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async sync(request: SyncRequest): Promise<SyncResponse> {
    const token = await this.options.getToken();
    if (!token)
      throw new TransportError({
        kind: 'unauthenticated',
        message: 'not signed in',
        code: 'UNAUTHENTICATED',
      });
    const json = JSON.stringify(request);
    const compressed = json.length > GZIP_THRESHOLD && typeof CompressionStream !== 'undefined';
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    };
    if (compressed) headers['content-encoding'] = 'gzip';
    const body = compressed ? await gzip(json) : json;

    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(`${this.options.baseUrl}/api/sync`, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
      // Read the whole body inside the try: a connection cut mid-body is a network failure too.
      text = await response.text();
    } catch (error) {
      throw new TransportError({
        kind: 'retryable',
        message: `network: ${(error as Error).message}`,
      });
    }

    if (response.ok) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new TransportError({
          kind: 'retryable',
          message: 'the answer was cut off or garbled',
          status: response.status,
        });
      }
      const checked = SyncResponse.safeParse(parsed);
      if (!checked.success)
        throw new TransportError({
          kind: 'retryable',
          message: 'unexpected answer from the server',
          status: response.status,
        });
      return checked.data;
    }

    const error = (() => {
      try {
        return ErrorBody.safeParse(JSON.parse(text)).data?.error;
      } catch {
        return undefined;
      }
    })();
    const message = error?.message ?? `HTTP ${response.status}`;
    if (response.status === 401)
      throw new TransportError({
        kind: 'unauthenticated',
        message,
        code: error?.code ?? 'UNAUTHENTICATED',
      });
    if (response.status === 426) throw new TransportError({ kind: 'outdated', message });
    if (error?.code === 'PROTOCOL_TOO_NEW')
      throw new TransportError({ kind: 'serverOutdated', message });
    if (response.status >= 500 || response.status === 429 || response.status === 408 || !error) {
      throw new TransportError({ kind: 'retryable', message, status: response.status });
    }
    throw new TransportError({
      kind: 'refused',
      message,
      status: response.status,
      code: error.code,
      details: error.details,
    });
  }
}

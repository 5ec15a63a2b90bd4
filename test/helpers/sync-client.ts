import { gzipSync } from 'node:zlib';
import { createUlidFactory } from '../../src/shared/ids';
import { PROTOCOL_VERSION, type Mutation, type SyncResponse } from '../../src/shared/protocol/sync';

/** Seeded ULIDs and a fixed clock: mutation ids in tests are reproducible. */
export function seededIds(seed = 1) {
  let state = seed >>> 0;
  const random = () => {
    // xorshift32: deterministic and good enough for ids in tests.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  let time = Date.UTC(2026, 0, 1);
  return createUlidFactory({ now: () => (time += 1), random });
}

export interface RawResult {
  status: number;
  body: unknown;
}

export async function postSync(
  url: string,
  token: string | null,
  body: unknown,
  options: { gzip?: boolean } = {},
): Promise<RawResult> {
  const json = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${url}/api/sync`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.gzip ? { 'content-encoding': 'gzip' } : {}),
    },
    body: options.gzip ? gzipSync(json) : json,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // leave as text: the test will say what came back
  }
  return { status: response.status, body: parsed };
}

/** A minimal device for server tests: a deviceId, a cursor, and mutations to push. */
export class TestDevice {
  cursor = 0;
  constructor(
    private readonly url: string,
    private readonly token: string,
    readonly deviceId: string,
  ) {}

  async sync(mutations: Mutation[] = [], limit?: number): Promise<SyncResponse> {
    const result = await postSync(this.url, this.token, {
      protocol: PROTOCOL_VERSION,
      deviceId: this.deviceId,
      cursor: this.cursor,
      mutations,
      ...(limit ? { limit } : {}),
    });
    if (result.status !== 200)
      throw new Error(`sync failed: ${result.status} ${JSON.stringify(result.body)}`);
    const response = result.body as SyncResponse;
    this.cursor = response.cursor;
    return response;
  }

  /** Pulls until there is nothing more. */
  async pullAll(): Promise<SyncResponse['changes']> {
    const changes: SyncResponse['changes'] = [];
    for (;;) {
      const response = await this.sync();
      changes.push(...response.changes);
      if (!response.hasMore) return changes;
    }
  }
}

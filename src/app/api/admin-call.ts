import type { z } from 'zod';
import { ApiErrorBody } from '../../shared/errors';

/**
 * A refused or failed administration call: the server's stable code (or `offline`, or `INTERNAL`
 * for an answer that does not fit its schema) and the refusal's details, which the screens put in
 * words — an import's problems, a merge's reason.
 */
export class AdminCallError extends Error {
  constructor(
    readonly code: string,
    /** As the server sent it; a screen reads what it expects with a schema. */
    readonly details: unknown = undefined,
  ) {
    super(code);
  }
}

export interface Connection {
  baseUrl: string;
  token: string;
}

/** One JSON call to the server's administration API, the answer checked with the shared schema.
 * Administration is done online: nothing here is queued, so a refusal is shown at once. */
export async function adminCall<T>(
  schema: z.ZodType<T>,
  connection: Connection,
  path: string,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${connection.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${connection.token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new AdminCallError('offline');
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const refusal = ApiErrorBody.safeParse(answer);
    if (!refusal.success) throw new AdminCallError('INTERNAL');
    throw new AdminCallError(refusal.data.error.code, refusal.data.error.details);
  }
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new AdminCallError('INTERNAL');
  return parsed.data;
}

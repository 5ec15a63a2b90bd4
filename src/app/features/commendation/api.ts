import { z } from 'zod';
import { Nomination, PublicComment } from '../../../shared/commendation/schemas';
import { ApiErrorBody } from '../../../shared/errors';

/** A refused or failed call: its stable code (or `offline`), which the screen puts in words. */
export class CommendationError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

async function call<T>(
  schema: z.ZodType<T>,
  request: { baseUrl: string; token: string; path: string; body?: unknown },
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${request.baseUrl}${request.path}`, {
      method: request.body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${request.token}`,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: request.body === undefined ? null : JSON.stringify(request.body),
    });
  } catch {
    throw new CommendationError('offline');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const refusal = ApiErrorBody.safeParse(body);
    throw new CommendationError(refusal.success ? refusal.data.error.code : 'INTERNAL');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new CommendationError('INTERNAL');
  return parsed.data;
}

export interface Connection {
  baseUrl: string;
  token: string;
}

export const listNominations = (c: Connection, campaignId: string) =>
  call(z.array(Nomination), {
    ...c,
    path: `/api/nominations?campaign=${encodeURIComponent(campaignId)}`,
  });

export const proposeNomination = (c: Connection, body: Record<string, unknown>) =>
  call(Nomination, { ...c, path: '/api/nominations', body });

export const stepNomination = (c: Connection, id: string, body: Record<string, unknown>) =>
  call(Nomination, { ...c, path: `/api/nominations/${encodeURIComponent(id)}/steps`, body });

export const commentsOf = (c: Connection, id: string) =>
  call(z.array(PublicComment), {
    ...c,
    path: `/api/nominations/${encodeURIComponent(id)}/comments`,
  });

export const moderate = (c: Connection, id: string, state: 'shown' | 'hidden') =>
  call(PublicComment, {
    ...c,
    path: `/api/comments/${encodeURIComponent(id)}/moderation`,
    body: { state },
  });

export const publishResults = (c: Connection, campaignId: string) =>
  call(z.object({ publishedAt: z.string() }), {
    ...c,
    path: `/api/campaigns/${encodeURIComponent(campaignId)}/results/publish`,
    body: {},
  });

import type { z } from 'zod';
import {
  TemplateCheckResponse,
  TemplateDetail,
  TemplateImported,
  TemplateInvalidDetails,
  TemplateList,
  TemplateUnchangedDetails,
  type TemplateProblemWire,
} from '../../../shared/api/templates';
import { ApiErrorBody } from '../../../shared/errors';

/** A refusal or failure the screen words; `problems` and `unchangedVersion` carry the details of
 * the two refusals that are about the file rather than the request. */
export type TemplateFailure =
  | { kind: 'offline' | 'signedOut' | 'notAllowed' | 'tooLarge' | 'notJson' | 'busy' }
  | { kind: 'notFound' | 'server' }
  | { kind: 'invalid'; problems: TemplateProblemWire[] }
  | { kind: 'unchanged'; version: number };

export class TemplateApiError extends Error {
  constructor(readonly failure: TemplateFailure) {
    super(failure.kind);
  }
}

function failureOf(status: number, body: unknown): TemplateFailure {
  const refusal = ApiErrorBody.safeParse(body);
  const code = refusal.success ? refusal.data.error.code : null;
  const details = refusal.success ? refusal.data.error.details : undefined;
  if (code === 'TEMPLATE_INVALID') {
    const parsed = TemplateInvalidDetails.safeParse(details);
    if (parsed.success) return { kind: 'invalid', problems: parsed.data.problems };
  }
  if (code === 'TEMPLATE_UNCHANGED') {
    const parsed = TemplateUnchangedDetails.safeParse(details);
    if (parsed.success) return { kind: 'unchanged', version: parsed.data.version };
  }
  if (status === 401) return { kind: 'signedOut' };
  if (status === 403) return { kind: 'notAllowed' };
  if (status === 404) return { kind: 'notFound' };
  if (status === 413) return { kind: 'tooLarge' };
  if (status === 429) return { kind: 'busy' };
  if (code === 'VALIDATION_FAILED') return { kind: 'notJson' };
  return { kind: 'server' };
}

export interface Connection {
  baseUrl: string;
  token: string;
}

async function call<T>(
  schema: z.ZodType<T>,
  c: Connection,
  path: string,
  /** The file's text as read: sent as it is, so the server checks exactly these bytes. */
  body?: string,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${c.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${c.token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body ?? null,
    });
  } catch {
    throw new TemplateApiError({ kind: 'offline' });
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new TemplateApiError(failureOf(response.status, answer));
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new TemplateApiError({ kind: 'server' });
  return parsed.data;
}

export const listTemplates = async (c: Connection) =>
  (await call(TemplateList, c, '/api/admin/templates')).templates;

export const templateDetail = (c: Connection, id: string) =>
  call(TemplateDetail, c, `/api/admin/templates/${encodeURIComponent(id)}`);

export const checkTemplate = (c: Connection, text: string) =>
  call(TemplateCheckResponse, c, '/api/admin/templates/check', text);

export const importTemplate = (c: Connection, text: string) =>
  call(TemplateImported, c, '/api/admin/templates', text);

export function failureOfError(error: unknown): TemplateFailure {
  return error instanceof TemplateApiError ? error.failure : { kind: 'server' };
}

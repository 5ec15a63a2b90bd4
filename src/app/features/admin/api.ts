import { AuditVerifyResponse } from '../../../shared/api/admin';

export type AuditCheckFailure = 'offline' | 'signedOut' | 'notAllowed' | 'busy' | 'server';

export class AuditCheckError extends Error {
  constructor(readonly failure: AuditCheckFailure) {
    super(failure);
  }
}

function failureFor(status: number): AuditCheckFailure {
  if (status === 401) return 'signedOut';
  if (status === 403) return 'notAllowed';
  if (status === 429) return 'busy';
  return 'server';
}

/** Asks the server to walk the audit chain; the answer is validated with the shared schema. */
export async function verifyAuditChain(baseUrl: string, token: string) {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/admin/audit/verify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
  } catch {
    throw new AuditCheckError('offline');
  }
  if (!response.ok) throw new AuditCheckError(failureFor(response.status));
  const parsed = AuditVerifyResponse.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new AuditCheckError('server');
  return parsed.data;
}

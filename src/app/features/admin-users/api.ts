import { z } from 'zod';
import {
  AdminUser,
  IssuedCredential,
  IssuedCredentials,
  UserDevices,
  UserList,
  type NewUser,
} from '../../../shared/api/users';
import { ApiErrorBody } from '../../../shared/errors';

/** What the screen words: the refusal's kind, and the username or unit it names, if any. */
export type UsersFailure =
  | 'offline'
  | 'signedOut'
  | 'notAllowed'
  | 'validation'
  | 'conflict'
  | 'notFound'
  | 'busy'
  | 'server';

const RefusalDetails = z.object({
  username: z.string().optional(),
  unitId: z.string().optional(),
});

export class UsersError extends Error {
  constructor(
    readonly failure: UsersFailure,
    readonly details: z.infer<typeof RefusalDetails> = {},
  ) {
    super(failure);
  }
}

const FAILURE_BY_CODE: Readonly<Record<string, UsersFailure>> = {
  UNAUTHENTICATED: 'signedOut',
  TOKEN_REVOKED: 'signedOut',
  FORBIDDEN: 'notAllowed',
  OUT_OF_SCOPE: 'notAllowed',
  VALIDATION_FAILED: 'validation',
  CONFLICT: 'conflict',
  NOT_FOUND: 'notFound',
  RATE_LIMITED: 'busy',
};

function refusal(body: unknown): UsersError {
  const parsed = ApiErrorBody.safeParse(body);
  if (!parsed.success) return new UsersError('server');
  const details = RefusalDetails.safeParse(parsed.data.error.details);
  return new UsersError(
    FAILURE_BY_CODE[parsed.data.error.code] ?? 'server',
    details.success ? details.data : {},
  );
}

export interface Connection {
  baseUrl: string;
  token: string;
}

async function call<T>(
  schema: z.ZodType<T> | null,
  request: Connection & { path: string; body?: unknown },
): Promise<T | null> {
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
      // Answers carry first passwords: never from or into the browser's cache.
      cache: 'no-store',
    });
  } catch {
    throw new UsersError('offline');
  }
  if (schema === null && response.ok) return null;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw refusal(body);
  const parsed = schema?.safeParse(body);
  if (!parsed?.success) throw new UsersError('server');
  return parsed.data;
}

/** `call` for the answers that have a body: a missing one is the server's fault. */
async function fetchParsed<T>(
  schema: z.ZodType<T>,
  request: Connection & { path: string; body?: unknown },
): Promise<T> {
  const value = await call(schema, request);
  if (value === null) throw new UsersError('server');
  return value;
}

const userPath = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;

export const listUsers = async (c: Connection, unitId: string | null) =>
  (
    await fetchParsed(UserList, {
      ...c,
      path: `/api/admin/users${unitId ? `?unit=${encodeURIComponent(unitId)}` : ''}`,
    })
  ).users;

export const createUsers = async (c: Connection, users: readonly NewUser[]) =>
  (await fetchParsed(IssuedCredentials, { ...c, path: '/api/admin/users', body: { users } }))
    .credentials;

export const resetPassword = (c: Connection, id: string) =>
  fetchParsed(IssuedCredential, { ...c, path: `${userPath(id)}/password`, body: {} });

export const setDisabled = (c: Connection, id: string, disabled: boolean) =>
  fetchParsed(AdminUser, { ...c, path: `${userPath(id)}/activation`, body: { disabled } });

export const listDevices = async (c: Connection, id: string) =>
  (await fetchParsed(UserDevices, { ...c, path: `${userPath(id)}/devices` })).devices;

export const revokeDevice = async (c: Connection, id: string, deviceId: string) => {
  await call(null, {
    ...c,
    path: `${userPath(id)}/devices/${encodeURIComponent(deviceId)}/revoke`,
    body: {},
  });
};

/** Any thrown value as a failure the screen can word. */
export const failureOf = (error: unknown): UsersError =>
  error instanceof UsersError ? error : new UsersError('server');

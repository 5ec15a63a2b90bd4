import type { FastifyRequest } from 'fastify';
import { HttpError } from '../errors';
import type { AuthContext, AuthService } from '../services/auth';

declare module 'fastify' {
  interface FastifyRequest {
    authContext?: AuthContext;
  }
}

/** A preValidation hook: unauthenticated requests are refused before their body is even validated. */
export function requireAuth(auth: AuthService) {
  return async (request: FastifyRequest) => {
    request.authContext = await auth.authenticate(request.headers.authorization);
  };
}

export function authenticated(request: FastifyRequest): AuthContext {
  if (!request.authContext) throw new HttpError('UNAUTHENTICATED', 'Sign in first');
  return request.authContext;
}

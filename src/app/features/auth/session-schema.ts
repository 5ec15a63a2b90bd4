import * as z from 'zod/mini';
import { SessionUser } from '../../../shared/protocol/auth';

export const Session = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: SessionUser,
  signedInAt: z.string(),
});
export type Session = z.infer<typeof Session>;

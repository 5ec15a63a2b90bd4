import { z } from 'zod';
import {
  CampaignAnswer,
  CampaignList,
  CampaignProblem,
  type DeadlineExtension,
  type NewCampaign,
} from '../../../shared/api/campaigns';
import { AdminCallError, adminCall, type Connection } from '../../api/admin-call';

/** A refused or failed call: the problem the server named, else its code (or `offline`). */
export class CampaignAdminError extends Error {
  constructor(
    readonly code: string,
    readonly problem: CampaignProblem | null = null,
  ) {
    super(problem ?? code);
  }
}

const Details = z.object({ problem: CampaignProblem });

/** The shared administration call; its refusal becomes this screen's, with the problem named. */
async function call<T>(schema: z.ZodType<T>, c: Connection, path: string, body?: unknown) {
  try {
    return await adminCall(schema, c, path, body);
  } catch (error) {
    if (!(error instanceof AdminCallError)) throw error;
    const details = Details.safeParse(error.details);
    throw new CampaignAdminError(error.code, details.success ? details.data.problem : null);
  }
}

const at = (id: string, step: string) => `/api/admin/campaigns/${encodeURIComponent(id)}/${step}`;

export const listCampaigns = (c: Connection) => call(CampaignList, c, '/api/admin/campaigns');
export const createCampaign = (c: Connection, body: NewCampaign) =>
  call(CampaignAnswer, c, '/api/admin/campaigns', body);
export const stepCampaign = (c: Connection, id: string, step: 'open' | 'close') =>
  call(CampaignAnswer, c, at(id, step), {});
export const extendDeadline = (c: Connection, id: string, body: DeadlineExtension) =>
  call(CampaignAnswer, c, at(id, 'deadline'), body);

const KNOWN = [
  'offline',
  'VALIDATION_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNAUTHENTICATED',
] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (code: string): code is Known => (KNOWN as readonly string[]).includes(code);

/** The i18n key that words a refusal: its problem when the server named one, else its code. */
export function errorKey(error: unknown) {
  if (!(error instanceof CampaignAdminError)) return 'error_other' as const;
  if (error.problem) return `problem_${error.problem}` as const;
  return `error_${isKnown(error.code) ? error.code : 'other'}` as const;
}

/** A deadline typed as Vietnam wall-clock time (`datetime-local`), whatever the phone's zone:
 * the province sets deadlines in its own time, as its documents state them. */
export const vietnamTime = (local: string) => `${local}:00+07:00`;

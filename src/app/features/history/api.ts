import { TimelineResponse } from '../../../shared/history/timeline';

/** Why a timeline could not be fetched: the screen keeps showing the copy it has. */
export type TimelineFailure = 'offline' | 'signedOut' | 'notAllowed' | 'notFound' | 'server';

export class TimelineError extends Error {
  constructor(readonly failure: TimelineFailure) {
    super(failure);
  }
}

function failureFor(status: number): TimelineFailure {
  if (status === 401) return 'signedOut';
  if (status === 403) return 'notAllowed';
  if (status === 404) return 'notFound';
  return 'server';
}

/** `GET /api/submissions/:id/timeline`, validated with the shared schema. */
export async function fetchTimeline(
  baseUrl: string,
  token: string,
  submissionId: string,
): Promise<TimelineResponse> {
  let response: Response;
  try {
    response = await fetch(
      `${baseUrl}/api/submissions/${encodeURIComponent(submissionId)}/timeline`,
      { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
    );
  } catch {
    throw new TimelineError('offline');
  }
  if (!response.ok) throw new TimelineError(failureFor(response.status));
  const parsed = TimelineResponse.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new TimelineError('server');
  return parsed.data;
}

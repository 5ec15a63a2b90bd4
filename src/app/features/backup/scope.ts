import { isInSubtree, isValidPath, pathSegments } from '../../../shared/hierarchy/paths';
import { parseSubmissionId } from '../../../shared/protocol/record-ids';
import type { BackupManifest, BackupRecord } from './format';

/**
 * Which unit a backed-up record belongs to. Answers, evidence and reviews name their submission,
 * whose id is `<campaignId>@<unitCode>`; an answer's own id starts with it too.
 */
export function unitCodeOf(record: BackupRecord): string | null {
  let submissionId: unknown = record.fields.submissionId;
  if (record.collection === 'submission') submissionId = record.id;
  else if (typeof submissionId !== 'string' && record.collection === 'answer') {
    const hash = record.id.lastIndexOf('#');
    submissionId = hash > 0 ? record.id.slice(0, hash) : null;
  }
  if (typeof submissionId !== 'string') return null;
  return parseSubmissionId(submissionId)?.orgUnitId ?? null;
}

/**
 * Resolves unit paths: first from the org units this device pulled from the server (trusted), then
 * from the author's path in the manifest, which names the author's unit and its ancestors — enough
 * for a commune's own file on a phone that has never synced. A unit found in neither is unknown,
 * and unknown means "not in scope": failing closed keeps another commune's work out.
 */
export function unitPathResolver(
  localPaths: ReadonlyMap<string, string>,
  manifest: BackupManifest,
): (code: string) => string | null {
  const authorSegments = pathSegments(manifest.user.orgPath);
  return (code) => {
    const local = localPaths.get(code);
    if (local !== undefined && isValidPath(local)) return local;
    const at = authorSegments.indexOf(code);
    return at < 0 ? null : `/${authorSegments.slice(0, at + 1).join('/')}/`;
  };
}

export function inScope(path: string | null, userOrgPath: string): boolean {
  return path !== null && isInSubtree(path, userOrgPath);
}

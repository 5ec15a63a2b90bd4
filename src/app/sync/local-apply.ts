import { answerIdFor, parseSubmissionId } from '../../shared/protocol/record-ids';
import type { Collection, Mutation } from '../../shared/protocol/sync';
import { SubmissionStatus } from '../../shared/schemas/submission';
import { nextStatus } from '../../shared/workflow/state-machine';
import { fieldKey, type LocalRecord } from '../db/database';

/** A local write: which record, and which of its fields take which values. */
export interface LocalWrite {
  collection: Collection;
  id: string;
  fields: Record<string, unknown>;
}

export interface LocalView {
  get(collection: Collection, id: string): LocalRecord | undefined;
}

function ensureSubmission(view: LocalView, submissionId: string): LocalWrite[] {
  if (view.get('submission', submissionId)) return [];
  const parts = parseSubmissionId(submissionId);
  if (!parts) return [];
  // The server creates the same record (same id) on the first mutation; creating it here too
  // lets the app show a draft at once, offline.
  return [
    {
      collection: 'submission',
      id: submissionId,
      fields: {
        id: submissionId,
        campaignId: parts.campaignId,
        orgUnitId: parts.orgUnitId,
        status: 'draft',
      },
    },
  ];
}

/**
 * What a mutation does to the device's own copy, applied optimistically when it is made. It
 * mirrors the server's rules closely enough for display; the server stays the judge, and a
 * refusal comes back with the server's record to put things right.
 */
export function localWritesFor(mutation: Mutation, view: LocalView, userId: string): LocalWrite[] {
  switch (mutation.type) {
    case 'answer.set': {
      const id = answerIdFor(mutation.submissionId, mutation.indicatorId);
      return [
        ...ensureSubmission(view, mutation.submissionId),
        {
          collection: 'answer',
          id,
          fields: {
            id,
            submissionId: mutation.submissionId,
            indicatorId: mutation.indicatorId,
            ...mutation.fields,
            updatedBy: userId,
            updatedAt: mutation.at,
          },
        },
      ];
    }
    case 'evidence.add':
      return [
        ...ensureSubmission(view, mutation.evidence.submissionId),
        {
          collection: 'evidence',
          id: mutation.evidence.id,
          fields: {
            ...mutation.evidence,
            createdBy: userId,
            createdAt: mutation.at,
            deleted: false,
          },
        },
      ];
    case 'evidence.update':
      return [
        {
          collection: 'evidence',
          id: mutation.evidenceId,
          fields: { caption: mutation.fields.caption },
        },
      ];
    case 'evidence.delete':
      return [{ collection: 'evidence', id: mutation.evidenceId, fields: { deleted: true } }];
    case 'submission.transition': {
      const current = SubmissionStatus.safeParse(
        view.get('submission', mutation.submissionId)?.fields.status,
      );
      const next = current.success ? nextStatus(current.data, mutation.event) : null;
      return next
        ? [{ collection: 'submission', id: mutation.submissionId, fields: { status: next } }]
        : [];
    }
    case 'review.comment':
      // The server writes the review record (with the reviewer's name); it arrives on the next pull.
      return [];
  }
}

/** The fields a mutation wrote, as keys a pull must leave alone while it is pending. Identity
 * fields that never change are left out so the server's copy of them may arrive. */
export function touchedKeys(writes: LocalWrite[]): string[] {
  return writes.flatMap((write) =>
    Object.keys(write.fields).map((field) => fieldKey(write.collection, write.id, field)),
  );
}

import { z } from 'zod';
import { Sha256Hex, EvidenceMime, GpsFix } from '../schemas/evidence';
import { IsoDateTime } from '../schemas/common';
import { KeyId, SignatureB64 } from './signature';

/**
 * The wire protocol of `POST /api/sync`; its evolution rules are in docs/sync-protocol.md. In short:
 * a response may gain fields without a bump (clients parse responses tolerantly); anything a
 * server must understand in a request, or a client must understand in a response, bumps
 * PROTOCOL_VERSION. A server accepts every version from OLDEST_SUPPORTED_PROTOCOL to its own: older
 * clients get HTTP 426 PROTOCOL_OUTDATED (update the app), newer ones 422 PROTOCOL_TOO_NEW (the
 * app pauses sync and keeps its outbox until the server is updated).
 */
export const PROTOCOL_VERSION = 2;
/** Raised only when the server stops serving old clients, never as a side effect of a bump. */
export const OLDEST_SUPPORTED_PROTOCOL = 1;
/** The first protocol with relayed mutations (and the refusal codes only they can earn). */
export const RELAY_PROTOCOL = 2;

/** Bounds that keep one request cheap for the server and small enough for a 2G link. */
export const SYNC_LIMITS = {
  maxMutations: 200,
  maxPageSize: 1000,
  defaultPageSize: 500,
  maxText: 4000,
} as const;

const Id = z.string().min(1).max(128);
const IndicatorId = z.string().min(1).max(64);
const Text = z.string().max(SYNC_LIMITS.maxText);

/** Client-generated mutation id (ULID): the server remembers it, so a replay is a no-op. */
const MutationId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'must be a ULID' });

const base = { id: MutationId, at: IsoDateTime };

/** Sets some fields of one answer. `value: null` clears the answer. Only the changed fields travel. */
export const AnswerSetMutation = z.strictObject({
  ...base,
  type: z.literal('answer.set'),
  submissionId: Id,
  indicatorId: IndicatorId,
  fields: z
    .strictObject({ value: z.unknown().optional(), note: Text.nullable().optional() })
    .refine((fields) => Object.keys(fields).length > 0, { message: 'no fields to set' }),
});

export const EvidenceAddMutation = z.strictObject({
  ...base,
  type: z.literal('evidence.add'),
  evidence: z.strictObject({
    id: Id,
    submissionId: Id,
    indicatorId: IndicatorId,
    sha256: Sha256Hex,
    mime: EvidenceMime,
    bytes: z
      .number()
      .int()
      .min(1)
      .max(50 * 1024 * 1024),
    width: z.number().int().positive().max(100_000).optional(),
    height: z.number().int().positive().max(100_000).optional(),
    capturedAt: IsoDateTime.optional(),
    gps: GpsFix.optional(),
    caption: z.string().max(500),
    thumbSha256: Sha256Hex.optional(),
  }),
});

export const EvidenceUpdateMutation = z.strictObject({
  ...base,
  type: z.literal('evidence.update'),
  evidenceId: Id,
  fields: z.strictObject({ caption: z.string().max(500) }),
});

export const EvidenceDeleteMutation = z.strictObject({
  ...base,
  type: z.literal('evidence.delete'),
  evidenceId: Id,
});

export const TransitionEvent = z.enum([
  'submit',
  'return',
  'approve',
  'accept',
  'sendBack',
  'reopen',
  'withdraw',
]);

/** A workflow step. `indicatorReasons` lets a reviewer return with a reason per indicator. */
export const SubmissionTransitionMutation = z.strictObject({
  ...base,
  type: z.literal('submission.transition'),
  submissionId: Id,
  event: TransitionEvent,
  reason: Text.optional(),
  indicatorReasons: z
    .array(z.strictObject({ indicatorId: IndicatorId, reason: Text.min(1) }))
    .max(200)
    .optional(),
});

export const ReviewCommentMutation = z.strictObject({
  ...base,
  type: z.literal('review.comment'),
  submissionId: Id,
  indicatorId: IndicatorId.optional(),
  text: Text.min(1),
});

export const Mutation = z.discriminatedUnion('type', [
  AnswerSetMutation,
  EvidenceAddMutation,
  EvidenceUpdateMutation,
  EvidenceDeleteMutation,
  SubmissionTransitionMutation,
  ReviewCommentMutation,
]);
export type Mutation = z.infer<typeof Mutation>;
export type MutationType = Mutation['type'];

/**
 * Another officer's mutation carried by this device (protocol 2): a district phone sends on what a
 * commune phone with no signal put in a backup. The server checks the author's signature over
 * `signingPayload({mutation, userId, keyId})` (./signature.ts) with the key it keeps for that
 * author's device, then applies the mutation as the author, never as the relaying caller.
 */
export const RelayedMutation = z.strictObject({
  type: z.literal('relayed'),
  mutation: Mutation,
  author: z.strictObject({ userId: Id, keyId: KeyId }),
  signature: SignatureB64,
});
export type RelayedMutation = z.infer<typeof RelayedMutation>;

/** One entry of a request's `mutations`: the caller's own, or one it relays. One ordered list, so
 * relayed work keeps its place among the caller's own and a 400 can name either by index. */
export const SyncItem = z.discriminatedUnion('type', [Mutation, RelayedMutation]);
export type SyncItem = z.infer<typeof SyncItem>;

/** The mutation an entry carries, whoever made it. */
export const itemMutation = (item: SyncItem): Mutation =>
  item.type === 'relayed' ? item.mutation : item;

export const SyncRequest = z.strictObject({
  protocol: z.number().int().positive(),
  /** A stable id of this browser profile: pulls leave out the fields this device wrote itself. */
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  /** The last `seq` the client holds; 0 for a first sync. */
  cursor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  mutations: z.array(SyncItem).max(SYNC_LIMITS.maxMutations),
  limit: z.number().int().min(1).max(SYNC_LIMITS.maxPageSize).optional(),
});
export type SyncRequest = z.infer<typeof SyncRequest>;

/**
 * `details` of a whole-request 400 VALIDATION_FAILED. `mutations` lists the mutations (by index in
 * the request, and by id when the id itself was readable) that are malformed on their own: the app
 * sets aside only those and sends the rest. When the request is wrong elsewhere (the cursor, the
 * device id) the list is empty and the app touches no outbox entry.
 */
export const SyncRequestErrorDetails = z.object({
  mutations: z.array(
    z.object({ index: z.number().int().min(0), id: z.string().optional(), message: z.string() }),
  ),
});
export type SyncRequestErrorDetails = z.infer<typeof SyncRequestErrorDetails>;

export const Collection = z.enum([
  'org_unit',
  'template',
  'campaign',
  'submission',
  'answer',
  'evidence',
  'review',
]);
export type Collection = z.infer<typeof Collection>;

// Response schemas are plain `z.object`s, never strict: a field a newer server adds is dropped by
// the parse, so adding a response field never strands a phone that has not updated yet. Enums stay
// closed: a value the client does not know (a new collection, a new refusal code) changes what the
// client must do, and is therefore a protocol bump (docs/sync-protocol.md).

/**
 * One changed record: only the fields changed since the caller's cursor by someone other than the
 * calling device. A record the caller has never seen arrives with all its fields.
 */
export const Change = z.object({
  collection: Collection,
  id: Id,
  seq: z.number().int().positive(),
  fields: z.record(z.string(), z.unknown()),
});
export type Change = z.infer<typeof Change>;

export const RejectionCode = z.enum([
  'VALIDATION_FAILED',
  'OUT_OF_SCOPE',
  'FORBIDDEN',
  'WORKFLOW_VIOLATION',
  'NOT_FOUND',
  'CONFLICT',
  // Protocol 2, answered only to relayed mutations (so never to a protocol-1 phone):
  /** The signature does not match the content: edited after signing, or not signed by that key. */
  'SIGNATURE_INVALID',
  /** The server knows no such key for the named author (or no such author). */
  'SIGNER_UNKNOWN',
  /** The key's device was revoked, or the author's account is disabled. */
  'SIGNER_REVOKED',
  /** This mutation id was already applied with other content: the copy relayed now was altered. */
  'REPLAY_MISMATCH',
]);
export type RejectionCode = z.infer<typeof RejectionCode>;

/** A mutation the server will not apply, with why and the record as the server holds it, so the
 * client can show the conflict to the user instead of silently dropping their work. */
export const Rejection = z.object({
  mutationId: z.string(),
  code: RejectionCode,
  message: z.string(),
  current: z
    .object({ collection: Collection, id: Id, fields: z.record(z.string(), z.unknown()) })
    .optional(),
});
export type Rejection = z.infer<typeof Rejection>;

export const SyncResponse = z.object({
  protocol: z.number().int(),
  cursor: z.number().int().min(0),
  changes: z.array(Change),
  /** Mutation ids applied now or earlier (replays). */
  acks: z.array(z.string()),
  rejections: z.array(Rejection),
  hasMore: z.boolean(),
  /**
   * Present (and `true`) when the request's cursor was beyond the server's head — the server was
   * restored from a backup older than what the phone had pulled. The answer's cursor is then 0 and
   * `hasMore` true: the phone forgets its cursor and pulls everything again, keeping its outbox.
   */
  reset: z.literal(true).optional(),
});
export type SyncResponse = z.infer<typeof SyncResponse>;

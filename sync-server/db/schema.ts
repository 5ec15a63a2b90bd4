import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Table types for Kysely. Both dialects store the same shapes: JSON as text (so SQLite and
 * PostgreSQL code paths stay identical), booleans as 0/1 integers, times as ISO-8601 text, and
 * sequence numbers as 64-bit integers that the drivers hand back as strings or numbers — always
 * read them through `Number()` (2^53 changes is not a practical limit).
 */
type Int64 = ColumnType<number, number | bigint, number | bigint>;

export interface RecordsTable {
  /** 'org_unit' | 'template' | 'campaign' | 'submission' | 'answer' | 'evidence' | 'review' */
  collection: string;
  id: string;
  /** Materialised path of the unit the record belongs to: the key of every scope check. */
  org_path: string;
  /** The latest change to any field of the record; unique across the database. */
  seq: Int64;
  /** The record's fields, JSON. */
  data: string;
  /** Per-field change metadata, JSON `{field: [seq, deviceId]}`: lets a pull send only fields
   * another device changed since the caller's cursor. */
  fmeta: string;
  created_at: string;
  updated_at: string;
}

export interface MetaTable {
  key: string;
  value: Int64;
}

export interface AppliedMutationsTable {
  id: string;
  user_id: string;
  device_id: string;
  /** The answer given the first time, JSON: a replay gets exactly the same answer. */
  outcome: string;
  created_at: string;
  /** SHA-256 (hex) of the mutation's canonical JSON; null on rows from before migration 005. */
  content_hash: string | null;
  /** The user who relayed it on the author's behalf; null when the author sent it. */
  relayed_by: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  org_unit_id: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface DeviceTokensTable {
  id: string;
  user_id: string;
  /** SHA-256 of the opaque token: a leaked database does not leak usable tokens. */
  token_hash: string;
  device_name: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
  /** The device's ECDSA P-256 public key (SPKI, base64url), registered at sign-in; null before
   * migration 005 or when the device could not make one. Revoking the token revokes the key. */
  public_key: string | null;
  /** First 16 bytes of SHA-256(SPKI), base64url: how a signed mutation names this key. */
  key_id: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: string;
}

export interface AuditEventsTable {
  seq: Int64;
  at: string;
  actor: string;
  action: string;
  target: string;
  data: string;
  prev_hash: string;
  hash: string;
}

export interface BlobsTable {
  sha256: string;
  mime: string;
  bytes: Int64;
  width: number | null;
  height: number | null;
  created_at: string;
  created_by: string;
}

export interface BlobRefsTable {
  sha256: string;
  record_id: string;
  org_path: string;
}

/** A device's paged pull in progress (services/sync/pull.ts): the cursor its first page was asked
 * from, and the furthest cursor a page of it has handed out. */
export interface PullRunsTable {
  user_id: string;
  device_id: string;
  since: Int64;
  up_to: Int64;
  updated_at: string;
}

export interface NominationsTable {
  id: string;
  campaign_id: string;
  org_path: string;
  state: string;
  data: string;
  updated_at: string;
}

export interface PublicCommentsTable {
  id: string;
  nomination_id: string;
  state: string;
  data: string;
  received_at: string;
}

export interface ResultPublicationsTable {
  campaign_id: string;
  root_id: string;
  published_at: string;
  published_by: string;
}

export interface UnitMergesTable {
  id: string;
  target: string;
  /** JSON array of unit codes. */
  sources: string;
  /** YYYY-MM-DD: the first day the sources no longer exist. */
  effective_on: string;
  recorded_at: string;
  recorded_by: string;
}

export interface Database {
  records: RecordsTable;
  meta: MetaTable;
  applied_mutations: AppliedMutationsTable;
  users: UsersTable;
  device_tokens: DeviceTokensTable;
  login_failures: LoginFailuresTable;
  audit_events: AuditEventsTable;
  blobs: BlobsTable;
  blob_refs: BlobRefsTable;
  pull_runs: PullRunsTable;
  nominations: NominationsTable;
  public_comments: PublicCommentsTable;
  result_publications: ResultPublicationsTable;
  unit_merges: UnitMergesTable;
}

export type RecordRow = Selectable<RecordsTable>;
export type NewRecordRow = Insertable<RecordsTable>;
export type UserRow = Selectable<UsersTable>;
export type DeviceTokenRow = Selectable<DeviceTokensTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;

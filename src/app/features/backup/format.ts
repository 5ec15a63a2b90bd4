import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { Id, IsoDateTime } from '../../../shared/schemas/common';
import { Sha256Hex } from '../../../shared/schemas/evidence';
import { OrgPath, UnitCode } from '../../../shared/schemas/org';
import { Role } from '../../../shared/schemas/user';
import { KeyId, SignatureB64 } from '../../../shared/protocol/signature';
import { Mutation, PROTOCOL_VERSION, RejectionCode } from '../../../shared/protocol/sync';

/**
 * The `.mcbackup` file: a ZIP that carries an officer's work from one phone to another (or to the
 * district) when there is no network. Everything read from a file is checked here, at the
 * boundary; the rest of the backup code only ever sees validated values.
 *
 *   manifest.json   who, when, from which device, up to which server cursor, and counts
 *   records.json    LocalRecord[] of answer, evidence, submission, review
 *   outbox.json     pending and rejected outbox entries, in outbox order
 *   blobs.json      [{sha256, mime, size, uploaded}]
 *   blobs/<sha256>  the bytes, stored uncompressed (JPEG/WebP/PDF do not shrink)
 *
 * Version 2 adds each outbox entry's `signature` (the author device's, see signing.ts), which lets
 * a unit above relay the entry. Version 1 files still import; their entries cannot be relayed.
 */
export const BACKUP_FORMAT = 'minh-chung-backup';
export const BACKUP_VERSION = 2;
export const BACKUP_EXTENSION = '.mcbackup';
export const BACKUP_MIME = 'application/zip';
export const BACKUP_COLLECTIONS = ['answer', 'evidence', 'submission', 'review'] as const;

/** A single blob larger than any evidence the protocol accepts is not ours. */
const MAX_BLOB_BYTES = 64 * 1024 * 1024;
/** A JSON part larger than this is a deflate bomb, not a commune's work. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

export type BackupErrorCode = 'NOT_A_BACKUP' | 'NEWER_VERSION' | 'CORRUPT' | 'QUOTA_EXCEEDED';

export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const Count = z.number().int().min(0);

export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  /** Every version this app reads (older files import; they just carry no signatures). */
  version: z.union([z.literal(1), z.literal(2)]),
  createdAt: IsoDateTime,
  app: z.object({ protocol: z.number().int().positive() }),
  deviceId: z.string().min(1).max(128),
  /** The source device's sync cursor: its server-derived values are as of this seq. */
  cursor: Count,
  user: z.object({
    id: Id,
    username: z.string().min(1).max(64),
    orgUnitId: UnitCode,
    orgPath: OrgPath,
    role: Role,
  }),
  counts: z.object({ records: Count, mutations: Count, blobs: Count, bytes: Count }),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export const BackupRecord = z.object({
  collection: z.enum(BACKUP_COLLECTIONS),
  id: Id,
  fields: z.record(z.string(), z.unknown()),
});
export type BackupRecord = z.infer<typeof BackupRecord>;

export const BackupOutboxEntry = z
  .object({
    mutationId: z.string(),
    mutation: Mutation,
    state: z.enum(['pending', 'rejected']),
    touches: z.array(z.string().max(512)).max(2000),
    rejection: z.object({ code: RejectionCode, message: z.string().max(4000) }).optional(),
    createdAt: IsoDateTime,
    /** Checked only for shape here: the server verifies it, and a wrong one is refused there. */
    signature: z.object({ userId: Id, keyId: KeyId, value: SignatureB64 }).optional(),
    /** Set when the file's device was carrying this entry for its author (named here). */
    relay: z.object({ username: z.string().min(1).max(64), orgPath: OrgPath }).optional(),
  })
  .refine((entry) => entry.mutationId === entry.mutation.id, {
    message: 'mutationId differs from mutation.id',
  });
export type BackupOutboxEntry = z.infer<typeof BackupOutboxEntry>;

export const BackupBlobEntry = z.object({
  sha256: Sha256Hex,
  mime: z.string().min(1).max(100),
  size: z.number().int().min(0).max(MAX_BLOB_BYTES),
  uploaded: z.union([z.literal(0), z.literal(1)]),
});
export type BackupBlobEntry = z.infer<typeof BackupBlobEntry>;

function unique<T>(key: (item: T) => string, what: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    for (const item of items) {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `duplicate ${what} ${k}` });
      seen.add(k);
    }
  };
}

const RecordsFile = z
  .array(BackupRecord)
  .superRefine(unique((r: BackupRecord) => `${r.collection}|${r.id}`, 'record'));
const OutboxFile = z
  .array(BackupOutboxEntry)
  .superRefine(unique((e: BackupOutboxEntry) => e.mutationId, 'mutation'));
const BlobsFile = z
  .array(BackupBlobEntry)
  .superRefine(unique((b: BackupBlobEntry) => b.sha256, 'blob'));

export interface BackupContents {
  manifest: BackupManifest;
  records: BackupRecord[];
  outbox: BackupOutboxEntry[];
  blobs: BackupBlobEntry[];
  /** sha256 → bytes, for every entry of `blobs`. */
  blobBytes: Map<string, Uint8Array>;
}

/** `minh-chung-22783-20260401-0930.mcbackup`, in the phone's local time (what the officer sees). */
export function backupFileName(unitCode: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-` +
    `${pad(at.getHours())}${pad(at.getMinutes())}`;
  const unit = unitCode.replace(/[^A-Za-z0-9_-]/g, '_');
  return `minh-chung-${unit}-${stamp}${BACKUP_EXTENSION}`;
}

const json = (value: unknown): [Uint8Array, { level: 6 }] => [
  strToU8(JSON.stringify(value)),
  { level: 6 },
];

export function packBackup(contents: BackupContents, mtime: Date): Uint8Array {
  const files: Zippable = {
    'manifest.json': json(contents.manifest),
    'records.json': json(contents.records),
    'outbox.json': json(contents.outbox),
    'blobs.json': json(contents.blobs),
  };
  for (const blob of contents.blobs) {
    const bytes = contents.blobBytes.get(blob.sha256);
    if (!bytes) throw new Error(`no bytes for blob ${blob.sha256}`);
    // Level 0: photos are already compressed; deflating them costs CPU for nothing.
    files[`blobs/${blob.sha256}`] = [bytes, { level: 0 }];
  }
  return zipSync(files, { mtime });
}

const BLOB_PATH = /^blobs\/([0-9a-f]{64})$/;
const JSON_PARTS = new Set(['manifest.json', 'records.json', 'outbox.json', 'blobs.json']);

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  // The sizes in the ZIP directory bound what fflate allocates (it never inflates past them), so
  // refusing large declared sizes here is what keeps a crafted file from exhausting memory.
  let blobTotal = 0;
  const blobBudget = 2 * bytes.byteLength + 1024 * 1024;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        const isJson = JSON_PARTS.has(file.name);
        if (!isJson && !BLOB_PATH.test(file.name)) return false;
        if (isJson && file.originalSize > MAX_JSON_BYTES)
          throw new BackupError('CORRUPT', `${file.name} is too large`);
        if (!isJson) {
          blobTotal += file.originalSize;
          if (file.originalSize > MAX_BLOB_BYTES || blobTotal > blobBudget)
            throw new BackupError('CORRUPT', `${file.name} is larger than the file can hold`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('NOT_A_BACKUP', 'not a ZIP file', { cause: error });
  }
}

function parseJson(files: Record<string, Uint8Array>, name: string, onMissing: BackupErrorCode) {
  const bytes = files[name];
  if (!bytes) throw new BackupError(onMissing, `${name} is missing`);
  try {
    // `__proto__` members are dropped: they have no meaning here and must not reach a prototype.
    return JSON.parse(strFromU8(bytes), (key, value: unknown) =>
      key === '__proto__' ? undefined : value,
    ) as unknown;
  } catch (error) {
    throw new BackupError(onMissing, `${name} is not valid JSON`, { cause: error });
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new BackupError('CORRUPT', `${name}${where}: ${issue?.message ?? 'invalid'}`, {
    cause: parsed.error,
  });
}

/** Reads and validates a backup; hashes are checked by the caller (they need async crypto). */
export function unpackBackup(bytes: Uint8Array): BackupContents {
  const files = unzip(bytes);
  const raw = parseJson(files, 'manifest.json', 'NOT_A_BACKUP');
  const head = z.object({ format: z.string(), version: z.number() }).safeParse(raw);
  if (!head.success || head.data.format !== BACKUP_FORMAT)
    throw new BackupError('NOT_A_BACKUP', 'manifest.json is not a Minh Chứng backup manifest');
  if (head.data.version > BACKUP_VERSION)
    throw new BackupError(
      'NEWER_VERSION',
      `backup format version ${head.data.version} needs a newer app (this one reads ${BACKUP_VERSION})`,
    );
  const manifest = check(BackupManifest, raw, 'manifest.json');
  // Its mutations may use types or fields this app cannot read, let alone send.
  if (manifest.app.protocol > PROTOCOL_VERSION)
    throw new BackupError(
      'NEWER_VERSION',
      `backup written with sync protocol ${manifest.app.protocol}; this app speaks ${PROTOCOL_VERSION}`,
    );
  const records = check(RecordsFile, parseJson(files, 'records.json', 'CORRUPT'), 'records.json');
  const outbox = check(OutboxFile, parseJson(files, 'outbox.json', 'CORRUPT'), 'outbox.json');
  const blobs = check(BlobsFile, parseJson(files, 'blobs.json', 'CORRUPT'), 'blobs.json');
  const blobBytes = new Map<string, Uint8Array>();
  let total = 0;
  for (const blob of blobs) {
    const data = files[`blobs/${blob.sha256}`];
    if (!data) throw new BackupError('CORRUPT', `blobs/${blob.sha256} is missing`);
    if (data.byteLength !== blob.size)
      throw new BackupError('CORRUPT', `blobs/${blob.sha256} has the wrong size`);
    blobBytes.set(blob.sha256, data);
    total += data.byteLength;
  }
  const { counts } = manifest;
  if (
    counts.records !== records.length ||
    counts.mutations !== outbox.length ||
    counts.blobs !== blobs.length ||
    counts.bytes !== total
  )
    throw new BackupError('CORRUPT', 'the counts in manifest.json do not match the contents');
  return { manifest, records, outbox, blobs, blobBytes };
}

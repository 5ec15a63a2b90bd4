import { createHash } from 'node:crypto';
import type { MinhChungDb } from '../../src/app/db/database';
import type { Mutation } from '../../src/shared/protocol/sync';
import type { ClientDevice } from './client-device';

/** What the evidence feature will do on a phone: keep the bytes, then queue the metadata. */
export async function addLocalEvidence(
  device: ClientDevice,
  options: {
    id: string;
    mutationId: string;
    submissionId: string;
    indicatorId: string;
    bytes: Buffer;
    mime?: string;
    caption?: string;
    at?: string;
  },
): Promise<Extract<Mutation, { type: 'evidence.add' }>> {
  const sha256 = createHash('sha256').update(options.bytes).digest('hex');
  const mime = (options.mime ?? 'image/jpeg') as 'image/jpeg';
  await putBlob(device.db, sha256, mime, options.bytes);
  const mutation: Extract<Mutation, { type: 'evidence.add' }> = {
    id: options.mutationId,
    at: options.at ?? '2026-04-01T00:00:00.000Z',
    type: 'evidence.add',
    evidence: {
      id: options.id,
      submissionId: options.submissionId,
      indicatorId: options.indicatorId,
      sha256,
      mime,
      bytes: options.bytes.length,
      caption: options.caption ?? '',
    },
  };
  await device.enqueue(mutation);
  return mutation;
}

export async function putBlob(db: MinhChungDb, sha256: string, mime: string, bytes: Buffer) {
  // An ArrayBuffer copy: Node Blobs and fake-indexeddb do not mix well, raw bytes always do.
  const data = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  await db.blobs.put({
    sha256,
    mime,
    size: bytes.length,
    data,
    uploaded: 0,
    createdAt: new Date().toISOString(),
  });
}

/** tus-js-client's Node build reads Buffers, not Blobs. */
export const nodeSource = (data: Blob | ArrayBuffer): unknown =>
  data instanceof ArrayBuffer ? Buffer.from(data) : data;

import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Session } from '../../src/app/features/auth/session';
import { exportBackup } from '../../src/app/features/backup';
import { toBytes } from '../../src/app/features/backup/bytes';
import { BlobUploader } from '../../src/app/sync/uploader';
import type { Mutation } from '../../src/shared/protocol/sync';
import { answerAll } from './answers';
import { makeJpeg } from './blobs';
import { ClientDevice } from './client-device';
import { addLocalEvidence, nodeSource } from './local-evidence';
import { DEMO_PASSWORD, type TestServer } from './test-server';

/** A phone signed in as the app does it (with a signing key), closed by `close()`. */
export interface Phone {
  device: ClientDevice;
  session: Session;
}

export async function signedInPhone(
  server: TestServer,
  username: string,
  phones: Phone[],
): Promise<Phone> {
  const phone = await ClientDevice.signIn(server.url, username, DEMO_PASSWORD);
  phones.push(phone);
  return phone;
}

export const uploaderFor = (server: TestServer, device: ClientDevice) =>
  new BlobUploader(device.db, {
    baseUrl: server.url,
    getToken: () => device.token,
    toSource: nodeSource,
    retryDelays: null,
  });

/**
 * A commune's weeks without signal: every indicator answered and two photos attached, nothing
 * ever synced. Returns the mutations in outbox order and the photos' hashes.
 */
export async function offlineWork(
  phone: Phone,
  submissionId: string,
  nextId: () => string,
  seed: number,
): Promise<{ mutations: Mutation[]; photos: Buffer[] }> {
  const mutations: Mutation[] = [];
  for (const mutation of answerAll(submissionId, nextId, '2026-03-01T08:00:00.000Z')) {
    await phone.device.enqueue(mutation);
    mutations.push(mutation);
  }
  const photos = [
    makeJpeg(1200, 900, { scanBytes: 60_000 + seed }),
    makeJpeg(900, 1200, { scanBytes: 50_000 + seed }),
  ];
  for (const [index, bytes] of photos.entries())
    mutations.push(
      await addLocalEvidence(phone.device, {
        id: nextId(),
        mutationId: nextId(),
        submissionId,
        indicatorId: index === 0 ? '1.1' : '1.2',
        bytes,
        caption: `Ảnh ${index + 1}`,
      }),
    );
  return { mutations, photos };
}

export async function exportFile(phone: Phone): Promise<Uint8Array> {
  const file = await exportBackup(phone.device.db, phone.session);
  if (file.unsigned > 0) throw new Error(`${file.unsigned} changes left unsigned`);
  return toBytes(file.blob);
}

interface FileEntry {
  mutationId: string;
  mutation: Record<string, unknown> & { fields?: Record<string, unknown> };
  signature?: { userId: string; keyId: string; value: string };
}

/** The outbox part of a backup file, as written. */
export function fileOutbox(bytes: Uint8Array): FileEntry[] {
  const part = unzipSync(bytes)['outbox.json'];
  if (!part) throw new Error('no outbox.json');
  return JSON.parse(strFromU8(part)) as FileEntry[];
}

/** A backup edited by hand: `edit` changes the outbox entries, the signatures are left as they are. */
export function editedFile(bytes: Uint8Array, edit: (entries: FileEntry[]) => void): Uint8Array {
  const files = unzipSync(bytes);
  const entries = fileOutbox(bytes);
  edit(entries);
  files['outbox.json'] = strToU8(JSON.stringify(entries));
  return zipSync(files);
}

/** The relayed wire entries a district phone would send for a file's signed changes. */
export function relayedItems(bytes: Uint8Array) {
  return fileOutbox(bytes).map((entry) => {
    if (!entry.signature) throw new Error(`entry ${entry.mutationId} is not signed`);
    return {
      type: 'relayed' as const,
      mutation: entry.mutation,
      author: { userId: entry.signature.userId, keyId: entry.signature.keyId },
      signature: entry.signature.value,
    };
  });
}

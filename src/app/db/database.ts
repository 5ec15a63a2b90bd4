import Dexie, { type EntityTable } from 'dexie';
import type { Collection, Mutation, RejectionCode } from '../../shared/protocol/sync';

/** A record as this device knows it: the fields it has pulled or written itself. */
export interface LocalRecord {
  collection: Collection;
  id: string;
  fields: Record<string, unknown>;
}

/**
 * A change waiting for the server. Entries leave the outbox only when the server acknowledges
 * them; a refused one stays (state 'rejected') with the server's reason until the user has seen
 * it — work is never dropped in silence.
 */
export interface OutboxEntry {
  /** Insertion order: mutations are sent in the order they were made. */
  order?: number;
  mutationId: string;
  mutation: Mutation;
  state: 'pending' | 'rejected';
  /** `collection|id|field` keys this mutation wrote locally: pulls must not overwrite them. */
  touches: string[];
  attempts: number;
  createdAt: string;
  /** 1 once the entry has gone out in a request: from then on its content must never change. */
  sent?: 0 | 1;
  lastError?: string;
  rejection?: { code: RejectionCode | 'VALIDATION_FAILED'; message: string };
}

/** Photo and document bytes, content-addressed. Kept after upload so the officer can still see
 * them offline; `uploaded` flips only when the server has confirmed it holds the same hash. */
export interface LocalBlob {
  sha256: string;
  mime: string;
  size: number;
  data: Blob | ArrayBuffer;
  uploaded: 0 | 1;
  createdAt: string;
  /** Set when the server refused the bytes for good (wrong hash, type or size), with its reason. */
  refusal?: string;
}

export interface KeyValue {
  key: string;
  value: unknown;
}

export class MinhChungDb extends Dexie {
  records!: EntityTable<LocalRecord, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'order'>;
  blobs!: EntityTable<LocalBlob, 'sha256'>;
  syncState!: EntityTable<KeyValue, 'key'>;
  tusUploads!: EntityTable<KeyValue, 'key'>;

  constructor(name = 'minh-chung') {
    super(name);
    // Version 1. Later versions add stores or indexes with `this.version(2).stores(...).upgrade()`;
    // never edit a published version (devices in the field hold data in that shape).
    this.version(1).stores({
      records: '[collection+id], collection',
      outbox: '++order, &mutationId, state',
      blobs: 'sha256, uploaded',
      syncState: 'key',
      tusUploads: 'key',
    });
  }
}

export function fieldKey(collection: Collection, id: string, field: string): string {
  return `${collection}|${id}|${field}`;
}

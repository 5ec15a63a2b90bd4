import type { MinhChungDb } from '../db/database';
import { SyncEngine } from './engine';
import { HttpSyncTransport } from './transport';
import { BlobUploader, type UploaderOptions } from './uploader';

export interface PipelineOptions {
  db: MinhChungDb;
  baseUrl: string;
  getToken: () => string | null;
  syncTimeoutMs?: number | undefined;
  uploader: Omit<UploaderOptions, 'baseUrl' | 'getToken'>;
}

/** What one sync round runs: the metadata engine over HTTP, then the photo uploader. */
export interface SyncPipeline {
  engine: SyncEngine;
  uploader: BlobUploader;
}

/**
 * Built on the first round, from its own chunk (SyncController imports this module lazily): the
 * engine validates every answer with the shared zod schemas, and the app shell shows its first
 * screen without downloading and compiling them. The round starts right after that screen anyway.
 */
export function createSyncPipeline(options: PipelineOptions): SyncPipeline {
  const transport = new HttpSyncTransport({
    baseUrl: options.baseUrl,
    getToken: options.getToken,
    timeoutMs: options.syncTimeoutMs,
  });
  return {
    engine: new SyncEngine(options.db, transport),
    uploader: new BlobUploader(options.db, {
      ...options.uploader,
      baseUrl: options.baseUrl,
      getToken: options.getToken,
    }),
  };
}

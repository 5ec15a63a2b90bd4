// Evidence blobs: content-addressed (SHA-256) photo and document storage with tus uploads.
export { parseBlobStoreUrl } from './config';
export { registerBlobRoutes } from './routes';
export { sniffBlob, sniffMime } from './sniff';
export { createBlobStore } from './store';
export type { BlobStat, BlobStore, ByteRange, StagedUpload } from './store';
export type { SniffResult, SniffedType } from './sniff';
export type { BlobAccess, BlobActor, BlobOptions, BlobStoreConfig, StoredBlobInfo } from './types';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, isSha256 } from './types';

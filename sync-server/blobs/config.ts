import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config';
import type { BlobStoreConfig } from './types';

function required(env: NodeJS.ProcessEnv, name: string, store: string): string {
  const value = env[name]?.trim();
  if (!value) {
    throw new ConfigError(`BLOB_STORE=${store} needs the environment variable ${name}`);
  }
  return value;
}

function parseBoolean(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/**
 * BLOB_STORE selects where evidence bytes live, with no code change between deployments:
 * - unset or empty: the filesystem, at `<dataDir>/blobs` (the embedded default);
 * - a path (absolute, relative to the data directory, or a `file://` URL): the filesystem there;
 * - `s3://bucket`: an S3-compatible object store (AWS S3, MinIO, Ceph) configured by
 *   S3_ENDPOINT, S3_REGION (default us-east-1), S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and
 *   optionally S3_FORCE_PATH_STYLE (default: true except for amazonaws.com endpoints, because
 *   self-hosted stores rarely have wildcard DNS for virtual-host buckets).
 */
export function parseBlobStoreUrl(
  value: string | undefined,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): BlobStoreConfig {
  const raw = value?.trim() ?? '';
  if (raw === '') return { kind: 'fs', directory: path.resolve(dataDir, 'blobs') };

  if (raw.startsWith('file://')) {
    return { kind: 'fs', directory: fileURLToPath(raw) };
  }

  if (/^s3:\/\//i.test(raw)) {
    const bucket = raw.slice('s3://'.length).replace(/\/+$/, '');
    // Bucket names are DNS-like; a key prefix inside the bucket is not supported because the
    // object key must be the bare sha256 (other tools find blobs by hash).
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new ConfigError(
        `BLOB_STORE must be s3://<bucket> with a valid bucket name (no key prefix), got "${raw}"`,
      );
    }
    const endpoint = required(env, 'S3_ENDPOINT', raw);
    try {
      new URL(endpoint);
    } catch {
      throw new ConfigError(
        `S3_ENDPOINT must be a URL such as https://s3.us-east-1.amazonaws.com, got "${endpoint}"`,
      );
    }
    const forcePathStyleRaw = env.S3_FORCE_PATH_STYLE;
    const forcePathStyle =
      forcePathStyleRaw !== undefined && forcePathStyleRaw.trim() !== ''
        ? parseBoolean('S3_FORCE_PATH_STYLE', forcePathStyleRaw)
        : !new URL(endpoint).hostname.endsWith('amazonaws.com');
    return {
      kind: 's3',
      bucket,
      endpoint,
      region: env.S3_REGION?.trim() || 'us-east-1',
      accessKeyId: required(env, 'S3_ACCESS_KEY_ID', raw),
      secretAccessKey: required(env, 'S3_SECRET_ACCESS_KEY', raw),
      forcePathStyle,
    };
  }

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw new ConfigError(
      `BLOB_STORE must be a directory path or s3://<bucket>, got the unsupported URL "${raw}"`,
    );
  }
  return { kind: 'fs', directory: path.resolve(dataDir, raw) };
}

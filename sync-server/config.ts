import path from 'node:path';
import { parseArgs } from 'node:util';

export interface ServerConfig {
  host: string;
  port: number;
  /** Where the server keeps its database file, blobs and other local state. */
  dataDir: string;
  /** The built PWA (vite build output) served at `/`. */
  staticDir: string;
  /**
   * The unit hierarchy and checklist template the first start seeds from (file names in
   * services/shipped-data.ts). A deployment points this at its own tree, e.g. a 2-level one.
   */
  shippedDataDir: string;
  logLevel: string;
  production: boolean;
  /** `sqlite:<file>` (relative to dataDir) or `postgres://…`. */
  databaseUrl: string;
  /** Unset: blobs in `<dataDir>/blobs`; a path; or `s3://bucket` (see operations.md). */
  blobStore: string | undefined;
  /** Password for the demo accounts; when unset a random one is generated and printed once. */
  demoPassword: string | undefined;
  /** log2 of scrypt's N for new password hashes. */
  passwordCost: number;
  /** Sign-in attempts allowed per client address per minute. */
  loginRatePerMinute: number;
  /**
   * PEM files to serve HTTPS directly (no reverse proxy). Both or neither: a service worker, and
   * so offline use, needs a secure context, which a LAN address over plain HTTP is not.
   */
  tls: { certFile: string; keyFile: string } | undefined;
}

export class ConfigError extends Error {}

const projectRoot = path.resolve(import.meta.dirname, '..');

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function parsePositive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new ConfigError(`${name} must be a whole number above 0, got "${raw}"`);
  return value;
}

function parseCost(raw: string): number {
  const cost = Number(raw);
  if (!Number.isInteger(cost) || cost < 10 || cost > 20) {
    throw new ConfigError(`PASSWORD_HASH_COST must be a whole number from 10 to 20, got "${raw}"`);
  }
  return cost;
}

function parseTls(certFile: string | undefined, keyFile: string | undefined): ServerConfig['tls'] {
  if (!certFile && !keyFile) return undefined;
  // Half a TLS setup would silently serve plain HTTP: refuse to start instead.
  if (!certFile || !keyFile)
    throw new ConfigError('--tls-cert and --tls-key (TLS_CERT, TLS_KEY) go together: give both');
  return { certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) };
}

/**
 * Configuration comes from the environment, and command-line flags override it, so that the
 * same binary runs under a process manager (env) and by hand (flags).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: string[] = process.argv.slice(2),
): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'static-dir': { type: 'string' },
      'shipped-data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'blob-store': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
    },
    strict: true,
  });
  return {
    host: values.host ?? env.HOST ?? '0.0.0.0',
    port: parsePort(values.port ?? env.PORT ?? '8080'),
    dataDir: path.resolve(
      values['data-dir'] ?? env.DATA_DIR ?? path.join(projectRoot, 'data/local'),
    ),
    staticDir: path.resolve(
      values['static-dir'] ?? env.STATIC_DIR ?? path.join(projectRoot, 'dist'),
    ),
    shippedDataDir: path.resolve(
      values['shipped-data-dir'] ?? env.SHIPPED_DATA_DIR ?? path.join(projectRoot, 'data'),
    ),
    logLevel: env.LOG_LEVEL ?? 'info',
    production: env.NODE_ENV === 'production',
    databaseUrl: values['database-url'] ?? env.DATABASE_URL ?? 'sqlite:minh-chung.sqlite',
    blobStore: values['blob-store'] ?? env.BLOB_STORE,
    demoPassword: env.MC_DEMO_PASSWORD || undefined,
    passwordCost: parseCost(env.PASSWORD_HASH_COST ?? '15'),
    loginRatePerMinute: parsePositive('LOGIN_RATE_PER_MINUTE', env.LOGIN_RATE_PER_MINUTE ?? '20'),
    tls: parseTls(values['tls-cert'] ?? env.TLS_CERT, values['tls-key'] ?? env.TLS_KEY),
  };
}

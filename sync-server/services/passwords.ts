import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt with N=2^15, r=8, p=1 (OWASP's minimum recommendation), a 16-byte salt and a 32-byte key,
 * stored as `scrypt$N$r$p$salt$hash` so the parameters can be raised later without breaking old
 * hashes.
 */
const DEFAULTS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

function scryptAsync(
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** scrypt parameters for a cost of 2^cost; 15 is the default, tests use less to stay fast. */
export function scryptParams(cost: number = 15): { N: number; r: number; p: number } {
  if (!Number.isInteger(cost) || cost < 10 || cost > 20)
    throw new RangeError('PASSWORD_HASH_COST must be 10–20');
  return { N: 2 ** cost, r: DEFAULTS.r, p: DEFAULTS.p };
}

export async function hashPassword(
  password: string,
  params: { N: number; r: number; p: number } = DEFAULTS,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, DEFAULTS.keyLength, {
    ...params,
    maxmem: 256 * params.N * params.r,
  });
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const options = { N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * Number(n) * Number(r) };
  const actual = await scryptAsync(
    password,
    Buffer.from(saltText, 'base64url'),
    expected.length,
    options,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of nothing anyone knows, verified against when the username does not exist, so that the
 * answer time does not tell which usernames are real. It is made with the same parameters as new
 * hashes (PASSWORD_HASH_COST): a decoy at another cost would be timed apart from real accounts. */
const decoyHashes = new Map<string, Promise<string>>();
export function decoyPasswordHash(
  params: { N: number; r: number; p: number } = DEFAULTS,
): Promise<string> {
  const key = `${params.N}$${params.r}$${params.p}`;
  let hash = decoyHashes.get(key);
  if (!hash) {
    hash = hashPassword(randomBytes(16).toString('hex'), params);
    decoyHashes.set(key, hash);
  }
  return hash;
}

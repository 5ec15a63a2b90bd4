/**
 * ULIDs (https://github.com/ulid/spec): 48-bit millisecond timestamp + 80 random bits, written as
 * 26 Crockford base32 characters. They sort by creation time as plain strings, which lets the
 * outbox and the server order client-generated mutation ids without coordination.
 *
 * Clock and randomness are injectable so that tests (and replayable simulations) are deterministic.
 */

const ENCODING = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_LENGTH = 10;
const RANDOM_LENGTH = 16;
const MAX_TIME = 2 ** 48 - 1;
const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

export interface UlidFactoryOptions {
  /** Milliseconds since the epoch; defaults to Date.now. */
  now?: () => number;
  /** A number in [0, 1); defaults to the platform's cryptographic generator. */
  random?: () => number;
}

/** The one piece of Web Crypto the shared core uses. */
interface RandomSource {
  getRandomValues(array: Uint32Array): Uint32Array;
}

function isRandomSource(value: unknown): value is RandomSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    'getRandomValues' in value &&
    typeof value.getRandomValues === 'function'
  );
}

/**
 * Cryptographically strong [0, 1) from Web Crypto, available in browsers, service workers and
 * Node ≥ 20 as `globalThis.crypto`, so the shared core needs no Node import. Looked up at run
 * time rather than typed from the DOM library: src/shared is compiled with ECMAScript types only
 * (src/shared/tsconfig.json), and a runtime without it should fail here, by name.
 */
function cryptoRandom(): number {
  const source: unknown = Reflect.get(globalThis, 'crypto');
  if (!isRandomSource(source)) throw new Error('Web Crypto (globalThis.crypto) is not available');
  const buffer = new Uint32Array(1);
  source.getRandomValues(buffer);
  return (buffer[0] ?? 0) / 2 ** 32;
}

function encodeTime(time: number): string {
  let out = '';
  let rest = time;
  for (let i = 0; i < TIME_LENGTH; i++) {
    out = ENCODING.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function randomDigits(random: () => number): number[] {
  const digits: number[] = [];
  for (let i = 0; i < RANDOM_LENGTH; i++) {
    // Clamp so that a misbehaving generator (returning 1 or a negative) cannot produce a bad char.
    const r = random();
    const digit = Math.floor((Number.isFinite(r) ? r : 0) * 32);
    digits.push(Math.min(31, Math.max(0, digit)));
  }
  return digits;
}

/** Adds one to a base32 digit array in place; returns false when all 80 bits overflowed. */
function increment(digits: number[]): boolean {
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits[i] ?? 0;
    if (d < 31) {
      digits[i] = d + 1;
      return true;
    }
    digits[i] = 0;
  }
  return false;
}

/**
 * Returns a generator of strictly increasing ULIDs. Within one millisecond (or if the clock goes
 * backwards, e.g. after an NTP correction on a phone) the random part of the previous id is
 * incremented instead of drawn afresh, as the spec's monotonic mode prescribes. If those 80 bits
 * ever overflow we borrow the next millisecond rather than throw, so id generation never fails.
 */
export function createUlidFactory(options: UlidFactoryOptions = {}): () => string {
  const now = options.now ?? Date.now;
  const random = options.random ?? cryptoRandom;
  let lastTime = -1;
  let lastDigits: number[] = [];

  return () => {
    const t = now();
    if (!Number.isInteger(t) || t < 0 || t > MAX_TIME) {
      throw new RangeError(`ULID clock returned an unusable time: ${String(t)}`);
    }
    if (t > lastTime) {
      lastTime = t;
      lastDigits = randomDigits(random);
    } else if (!increment(lastDigits)) {
      lastTime = Math.min(MAX_TIME, lastTime + 1);
      lastDigits = randomDigits(random);
    }
    return encodeTime(lastTime) + lastDigits.map((d) => ENCODING.charAt(d)).join('');
  };
}

/** The process-wide default generator (real clock, Web Crypto randomness). */
export const ulid: () => string = createUlidFactory();

export function isUlid(value: unknown): value is string {
  return typeof value === 'string' && ULID_PATTERN.test(value);
}

/** The millisecond timestamp encoded in a ULID, or null when the string is not a ULID. */
export function ulidTime(id: string): number | null {
  if (!isUlid(id)) return null;
  let time = 0;
  for (const ch of id.slice(0, TIME_LENGTH)) time = time * 32 + ENCODING.indexOf(ch);
  return time;
}

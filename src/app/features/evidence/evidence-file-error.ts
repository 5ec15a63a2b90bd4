/** Why a picked file cannot become evidence; the UI maps each code to a message. */
export type EvidenceFileErrorCode =
  | 'UNSUPPORTED_TYPE'
  /** Named or typed as a photo, but its bytes are not one: say "damaged", not "wrong type". */
  | 'DAMAGED'
  | 'TOO_LARGE'
  | 'UNREADABLE'
  /** No SHA-256 (crypto.subtle) outside a secure context: the page was opened over plain HTTP. */
  | 'INSECURE';

const CODES: readonly string[] = [
  'UNSUPPORTED_TYPE',
  'DAMAGED',
  'TOO_LARGE',
  'UNREADABLE',
  'INSECURE',
] satisfies EvidenceFileErrorCode[];

export class EvidenceFileError extends Error {
  override readonly name = 'EvidenceFileError';

  constructor(
    readonly code: EvidenceFileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isEvidenceFileErrorCode(value: unknown): value is EvidenceFileErrorCode {
  return typeof value === 'string' && CODES.includes(value);
}

/** Why a picked file cannot become evidence; the UI maps each code to a message. */
export type EvidenceFileErrorCode = 'UNSUPPORTED_TYPE' | 'TOO_LARGE' | 'UNREADABLE';

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
  return value === 'UNSUPPORTED_TYPE' || value === 'TOO_LARGE' || value === 'UNREADABLE';
}

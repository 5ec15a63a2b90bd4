import exifr from 'exifr';

/**
 * Capture time and place from a photo's EXIF, read before re-encoding (which drops all
 * metadata). These survive only as Evidence fields; the stored bytes carry none of them.
 */
export interface ExifFields {
  capturedAt?: string;
  gps?: { lat: number; lng: number; accuracy?: number };
}

const PICK = [
  'DateTimeOriginal',
  'OffsetTimeOriginal',
  'SubSecTimeOriginal',
  'GPSLatitude',
  'GPSLatitudeRef',
  'GPSLongitude',
  'GPSLongitudeRef',
  'GPSHPositioningError',
];

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const EXIF_OFFSET = /^([+-])(\d{2}):(\d{2})$/;

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * `2025:03:14 09:26:53` + `+07:00` → `2025-03-14T09:26:53+07:00`. Without an offset the camera
 * clock is taken as this device's local time, and the device's offset at that moment is used.
 */
export function exifDateTimeToIso(
  dateTime: unknown,
  offset: unknown,
  subSeconds?: unknown,
): string | undefined {
  if (typeof dateTime !== 'string') return undefined;
  const match = EXIF_DATE.exec(dateTime.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const local = new Date(year, month - 1, day, hour, minute, second);
  const valid =
    year >= 1900 &&
    local.getFullYear() === year &&
    local.getMonth() === month - 1 &&
    local.getDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!valid) return undefined;
  const digits = typeof subSeconds === 'string' || typeof subSeconds === 'number';
  const fraction = digits ? /^\d+/.exec(String(subSeconds).trim())?.[0] : undefined;
  const millis = fraction ? `.${fraction.slice(0, 3).padEnd(3, '0')}` : '';
  const offsetMatch = typeof offset === 'string' ? EXIF_OFFSET.exec(offset.trim()) : null;
  const zone = offsetMatch
    ? `${offsetMatch[1]}${offsetMatch[2]}:${offsetMatch[3]}`
    : formatOffset(-local.getTimezoneOffset());
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${millis}${zone}`;
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function gpsFromTags(tags: Record<string, unknown>): ExifFields['gps'] {
  const lat = finiteNumber(tags.latitude);
  const lng = finiteNumber(tags.longitude);
  if (lat === undefined || lng === undefined) return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return undefined;
  // Some phones write 0/0 when they had no fix; that is no position, not the Gulf of Guinea.
  if (lat === 0 && lng === 0) return undefined;
  const accuracy = finiteNumber(tags.GPSHPositioningError);
  return accuracy !== undefined && accuracy >= 0 ? { lat, lng, accuracy } : { lat, lng };
}

/** Never throws: a photo without (or with broken) EXIF is still evidence, just without fields. */
export async function readExifFields(file: Blob): Promise<ExifFields> {
  let parsed: unknown;
  try {
    // Raw values: a revived DateTimeOriginal would be a Date in *this* runtime's zone.
    parsed = await exifr.parse(file, {
      pick: PICK,
      gps: true,
      reviveValues: false,
      translateValues: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
    });
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const tags = parsed as Record<string, unknown>;
  const fields: ExifFields = {};
  const capturedAt = exifDateTimeToIso(
    tags.DateTimeOriginal,
    tags.OffsetTimeOriginal,
    tags.SubSecTimeOriginal,
  );
  if (capturedAt) fields.capturedAt = capturedAt;
  const gps = gpsFromTags(tags);
  if (gps) fields.gps = gps;
  return fields;
}

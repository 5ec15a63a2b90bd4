/** Byte helpers shared by export and import: reading stored blobs and hashing them. */

function isArrayBuffer(value: unknown): value is ArrayBuffer {
  // Not `instanceof`: test environments and iframes hand out ArrayBuffers from another realm.
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

function readWithFileReader(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the file'));
    reader.readAsArrayBuffer(blob);
  });
}

/** The bytes of a stored blob or a picked file. */
export async function toBytes(data: Blob | ArrayBuffer | Uint8Array): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  if (isArrayBuffer(data)) return new Uint8Array(data);
  // Older WebViews (and jsdom) have Blobs without arrayBuffer(); FileReader works everywhere.
  const buffer =
    typeof data.arrayBuffer === 'function'
      ? await data.arrayBuffer()
      : await readWithFileReader(data);
  return new Uint8Array(buffer);
}

/** An ArrayBuffer holding exactly these bytes (what IndexedDB stores for LocalBlob.data). */
export function exactArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    isArrayBuffer(bytes.buffer)
  )
    return bytes.buffer;
  return bytes.slice().buffer;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('SHA-256 needs a secure context (HTTPS or localhost)');
  // fflate and IndexedDB only ever hand out views of plain ArrayBuffers, never shared memory.
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

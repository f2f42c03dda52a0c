import { createHash } from 'node:crypto';
import { isUuid } from '@saga/avro';

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 of the namespace's bytes and the name's UTF-8 bytes):
 * the same namespace and name always give the same UUID, and different names practically never do.
 * Node's crypto has only random UUIDs; this is the dozen lines the RFC asks for.
 */
export function uuidV5(name: string, namespace: string): string {
  if (!isUuid(namespace)) throw new TypeError(`namespace must be a UUID, not ${JSON.stringify(namespace)}`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

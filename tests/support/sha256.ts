import { createHash } from 'node:crypto';

/**
 * SHA-256 of the UTF-8 bytes of `text` as 64 lower-case hex characters, with node:crypto: the
 * `Sha256Hex` that the audit chain functions take.
 */
export async function sha256Hex(text: string): Promise<string> {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

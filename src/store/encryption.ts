import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (platform tokens): AES-256-GCM with a key from the configuration. The sealed
 * form is "v1:<iv>:<tag>:<ciphertext>", each part base64, so a later key or algorithm can be
 * told apart by its version. GCM's tag makes any change to the stored text fail to open.
 */

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
/** 96-bit nonces, as GCM is designed for; random per seal. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type EncryptionErrorCode = 'ENCRYPTION_KEY_INVALID' | 'DECRYPT_FAILED';

export class EncryptionError extends Error {
  constructor(
    readonly code: EncryptionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EncryptionError';
  }
}

/** 32 bytes from base64 (standard or URL-safe, padded or not), or undefined if it is not that. */
export function parseEncryptionKey(text: string): Buffer | undefined {
  const clean = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(clean)) return undefined;
  const key = Buffer.from(clean.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === KEY_BYTES ? key : undefined;
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES)
    throw new EncryptionError('ENCRYPTION_KEY_INVALID', `The encryption key must be ${KEY_BYTES} bytes (got ${key.length})`);
}

export function encrypt(plaintext: string, key: Buffer): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

/** Opens what `encrypt` sealed. A wrong key, a changed byte or a foreign format all throw DECRYPT_FAILED. */
export function decrypt(sealed: string, key: Buffer): string {
  checkKey(key);
  const parts = sealed.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new EncryptionError('DECRYPT_FAILED', 'Not a sealed value this version can open');
  const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64'));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new EncryptionError('DECRYPT_FAILED', 'The sealed value is damaged');
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // Node says only "Unsupported state or unable to authenticate data": wrong key or tampering.
    throw new EncryptionError('DECRYPT_FAILED', 'The sealed value could not be opened: wrong key, or it was changed');
  }
}

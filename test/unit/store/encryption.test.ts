import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, EncryptionError, parseEncryptionKey } from '../../../src/store/encryption';

const key = randomBytes(32);
const token = 'xoxb-1234-5678-abcdefghijklmnop';

function failure(work: () => unknown): EncryptionError {
  try {
    work();
  } catch (e) {
    expect(e).toBeInstanceOf(EncryptionError);
    return e as EncryptionError;
  }
  throw new Error('expected it to fail');
}

describe('secrets at rest (AES-256-GCM)', () => {
  it('seals to a versioned text that does not contain the secret, and opens it again', () => {
    const sealed = encrypt(token, key);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain('xoxb-');
    expect(sealed).not.toContain(Buffer.from(token).toString('base64'));
    expect(decrypt(sealed, key)).toBe(token);
  });

  it('seals the same text differently each time (a fresh nonce)', () => {
    expect(encrypt(token, key)).not.toBe(encrypt(token, key));
  });

  it('refuses to open with the wrong key', () => {
    expect(failure(() => decrypt(encrypt(token, key), randomBytes(32))).code).toBe('DECRYPT_FAILED');
  });

  it('detects tampering with the ciphertext, the tag or the nonce', () => {
    const [v, iv, tag, ct] = encrypt(token, key).split(':');
    const flip = (b64: string): string => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] ^= 0x01;
      return bytes.toString('base64');
    };
    for (const changed of [
      [v, iv, tag, flip(ct)],
      [v, iv, flip(tag), ct],
      [v, flip(iv), tag, ct],
    ]) {
      expect(failure(() => decrypt(changed.join(':'), key)).code).toBe('DECRYPT_FAILED');
    }
  });

  it('refuses text it did not seal, and a key of the wrong size', () => {
    expect(failure(() => decrypt(token, key)).code).toBe('DECRYPT_FAILED');
    expect(failure(() => decrypt('v2:a:b:c', key)).code).toBe('DECRYPT_FAILED');
    expect(failure(() => encrypt(token, randomBytes(16))).code).toBe('ENCRYPTION_KEY_INVALID');
  });

  it('reads a key from standard or URL-safe base64, and only if it is 32 bytes', () => {
    const raw = randomBytes(32);
    expect(parseEncryptionKey(raw.toString('base64'))?.equals(raw)).toBe(true);
    expect(parseEncryptionKey(raw.toString('base64url'))?.equals(raw)).toBe(true);
    expect(parseEncryptionKey(randomBytes(31).toString('base64'))).toBeUndefined();
    expect(parseEncryptionKey('correct horse battery staple')).toBeUndefined();
  });
});

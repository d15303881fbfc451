import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A fresh RSA-2048 key pair with a random key id, like one entry of the Bot Framework key set. */
export function createSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomBytes(12).toString('base64url'), privateKey, publicKey };
}

/** The JWKS entry botframework-connector reads: kty/n/e/kid plus Bot Framework's `endorsements`. */
export function toJwk(key: SigningKey, endorsements: string[]): Record<string, unknown> {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', kid: key.kid, n: jwk.n, e: jwk.e, endorsements };
}

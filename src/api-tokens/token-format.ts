import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API tokens look like `mpt_<id>_<secret>`: a 16-hex-digit id (the stored document's `_id`, so
 * a lookup is one read by `_id` on every backend) and a 64-hex-digit secret (32 random bytes).
 * Only the secret's SHA-256 is stored. Hex keeps the token intact through chat renderers, which
 * restyle `_`, `*` and `~` next to non-alphanumeric characters.
 */
const TOKEN_PATTERN = /^mpt_([0-9a-f]{16})_([0-9a-f]{64})$/;
export const TOKEN_ID_PATTERN = /^[0-9a-f]{16}$/;

export interface IssuedSecret {
  id: string;
  /** The whole token, shown once. */
  token: string;
  /** SHA-256 of the secret part, hex: what is stored. */
  secretHash: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newTokenSecret(): IssuedSecret {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('hex');
  return { id, token: `mpt_${id}_${secret}`, secretHash: hashSecret(secret) };
}

/** The id and secret of a well-formed token, or undefined. */
export function parseToken(token: string): { id: string; secret: string } | undefined {
  const m = TOKEN_PATTERN.exec(token.trim());
  return m ? { id: m[1], secret: m[2] } : undefined;
}

/** Compares a presented secret with the stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * What an admin may type to name a token when revoking it: its id, `mpt_<id>`, or (pasted by
 * mistake) the whole token.
 */
export function tokenIdFrom(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (TOKEN_ID_PATTERN.test(t)) return t;
  const prefixed = /^mpt_([0-9a-f]{16})(?:_[0-9a-f]{64})?$/.exec(t);
  return prefixed ? prefixed[1] : undefined;
}

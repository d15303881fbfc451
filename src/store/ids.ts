import { randomBytes } from 'node:crypto';

/** Short random ids with a readable prefix ("msn_k3x9..."), for documents without a natural key. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

import { createHash, randomBytes } from 'node:crypto';

/**
 * One-time codes that link a mission to a second workspace, typed by a person on the other
 * platform. Crockford's base-32 letters: no I, L, O or U, so what is read aloud or copied from
 * a screen cannot be mistyped as another valid code (a typed O, I or L is read as 0 or 1).
 */
export const INVITE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;
const BODY_LENGTH = GROUPS * GROUP_LENGTH;
/** 12 symbols of 5 bits each. */
export const INVITE_CODE_BITS = BODY_LENGTH * 5;
export const INVITE_PREFIX = 'MP';
/** How long a code can be used after it was made. */
export const INVITE_TTL_MS = 48 * 60 * 60 * 1000;

/** A fresh code like `MP-7K3Q-9XWD-M2HT`; `random` is for tests. */
export function newInviteCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(BODY_LENGTH);
  // 32 divides 256, so the low five bits of each byte are uniform.
  const body = Array.from(bytes.subarray(0, BODY_LENGTH), (b) => INVITE_ALPHABET[b & 31]).join('');
  return formatInviteCode(body);
}

/** The canonical body as `MP-XXXX-XXXX-XXXX`. */
export function formatInviteCode(body: string): string {
  const groups: string[] = [];
  for (let i = 0; i < body.length; i += GROUP_LENGTH) groups.push(body.slice(i, i + GROUP_LENGTH));
  return [INVITE_PREFIX, ...groups].join('-');
}

/**
 * The 12-symbol body of what a person typed, forgiving case, spaces, dashes, the prefix and
 * the look-alike letters; undefined if it cannot be a code.
 */
export function normaliseInviteCode(typed: string): string | undefined {
  let s = typed.toUpperCase().replace(/[\s\-\u2010-\u2015\u2212_.]/gu, '');
  if (s.length === BODY_LENGTH + INVITE_PREFIX.length && s.startsWith(INVITE_PREFIX)) s = s.slice(INVITE_PREFIX.length);
  if (s.length !== BODY_LENGTH) return undefined;
  s = s.replace(/O/g, '0').replace(/[IL]/g, '1');
  for (const ch of s) if (!INVITE_ALPHABET.includes(ch)) return undefined;
  return s;
}

/** What the store keeps instead of the code: a code is shown once and never stored. */
export function inviteCodeHash(body: string): string {
  return createHash('sha256').update(`mission-invite:${body}`).digest('hex');
}

import { hashSecret, newTokenSecret, parseToken, secretMatches, tokenIdFrom } from '../../../src/api-tokens/token-format';

describe('API token format', () => {
  it('a new token parses back to its id and a secret whose hash is the one stored', () => {
    const issued = newTokenSecret();
    expect(issued.token).toMatch(/^mpt_[0-9a-f]{16}_[0-9a-f]{64}$/);
    const parsed = parseToken(issued.token)!;
    expect(parsed.id).toBe(issued.id);
    expect(hashSecret(parsed.secret)).toBe(issued.secretHash);
    expect(secretMatches(parsed.secret, issued.secretHash)).toBe(true);
    expect(secretMatches('0'.repeat(64), issued.secretHash)).toBe(false);
  });

  it('every token is different', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newTokenSecret().token));
    expect(tokens.size).toBe(50);
  });

  it.each([
    '',
    'mpt_',
    `mpt_${'0'.repeat(16)}_${'0'.repeat(63)}`,
    `mpt_${'G'.repeat(16)}_${'0'.repeat(64)}`,
    `Bearer mpt_${'0'.repeat(16)}_${'0'.repeat(64)}`,
  ])('refuses %j', (text) => {
    expect(parseToken(text)).toBeUndefined();
  });

  it('a token can be named for revoking by its id, mpt_<id>, or (pasted) the whole token', () => {
    const { id, token } = newTokenSecret();
    expect([tokenIdFrom(id), tokenIdFrom(`mpt_${id}`), tokenIdFrom(token), tokenIdFrom(id.toUpperCase())]).toEqual([id, id, id, id]);
    expect(tokenIdFrom('12345')).toBeUndefined();
  });
});

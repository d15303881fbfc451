import {
  formatInviteCode,
  INVITE_ALPHABET,
  INVITE_CODE_BITS,
  inviteCodeHash,
  newInviteCode,
  normaliseInviteCode,
} from '../../../src/domain/invite-code';
import { matchWorkspace } from '../../../src/services/mission-link-service';

describe('invite codes', () => {
  it('look like MP-XXXX-XXXX-XXXX, carry at least 60 bits, and never use I, L, O or U', () => {
    expect(INVITE_ALPHABET).toHaveLength(32);
    expect(INVITE_ALPHABET).not.toMatch(/[ILOU]/);
    expect(INVITE_CODE_BITS).toBeGreaterThanOrEqual(60);
    const codes = new Set(Array.from({ length: 2000 }, () => newInviteCode()));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^MP-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('uses every symbol of the alphabet evenly (no modulo bias)', () => {
    // Every byte value three times: 768 bytes, 64 codes of 12 symbols.
    const bytes = Buffer.from(Array.from({ length: 768 }, (_, i) => i % 256));
    let offset = 0;
    const counts = new Map<string, number>();
    for (let n = 0; n < 64; n++) {
      const code = newInviteCode((len) => bytes.subarray(offset, (offset += len)));
      for (const ch of code.slice(3).replace(/-/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    expect(new Set(counts.values())).toEqual(new Set([24]));
  });

  it('reads back what a person types: any case, spaces or dashes, with or without the prefix, look-alikes forgiven', () => {
    const body = '7K3Q9XWDM2HT';
    expect(normaliseInviteCode(formatInviteCode(body))).toBe(body);
    expect(normaliseInviteCode('mp-7k3q-9xwd-m2ht')).toBe(body);
    expect(normaliseInviteCode(' 7K3Q 9XWD M2HT ')).toBe(body);
    expect(normaliseInviteCode('MP–7K3Q–9XWD–M2HT')).toBe(body);
    expect(normaliseInviteCode('MP-O1LI-0000-0000')).toBe('011100000000');
  });

  it('refuses what cannot be a code', () => {
    for (const bad of ['', 'hello', 'MP-7K3Q-9XWD', 'MP-7K3Q-9XWD-M2HT-AAAA', 'MP-7K3Q-9XWD-M2HU', 'MP-7K3Q-9XWD-M2H!']) {
      expect(normaliseInviteCode(bad)).toBeUndefined();
    }
  });

  it('is stored as a hash that differs per code and does not contain it', () => {
    const a = inviteCodeHash('7K3Q9XWDM2HT');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toContain('7K3Q');
    expect(inviteCodeHash('7K3Q9XWDM2HV')).not.toBe(a);
  });
});

describe('naming a linked workspace in `mission unlink`', () => {
  const keys = ['slack:T0ABC', 'teams:5f0c1b2a-7d3e', 'slack:T0XYZ'];
  it('accepts the key, the bare id, or the platform when only one workspace is on it', () => {
    expect(matchWorkspace('slack:T0ABC', keys)).toBe('slack:T0ABC');
    expect(matchWorkspace('t0xyz', keys)).toBe('slack:T0XYZ');
    expect(matchWorkspace('teams', keys)).toBe('teams:5f0c1b2a-7d3e');
    expect(matchWorkspace('slack', keys)).toBeUndefined();
    expect(matchWorkspace('T0NOPE', keys)).toBeUndefined();
  });
});

import { parseCommand } from '../../../src/commands';

const parse = (text: string) => parseCommand('mission', text, { today: '2026-11-26' });

describe('mission api-token', () => {
  it.each([
    ['api-token ladywood-jobs', { name: 'mission.api-token', action: 'create', slug: 'ladywood-jobs' }],
    ['api-token Ladywood-Jobs name="Power BI"', { name: 'mission.api-token', action: 'create', slug: 'ladywood-jobs', label: 'Power BI' }],
    ['api-token ladywood-jobs list', { name: 'mission.api-token', action: 'list', slug: 'ladywood-jobs' }],
    [
      'api-token ladywood-jobs revoke 3F9A1C2B4D5E6F70',
      { name: 'mission.api-token', action: 'revoke', slug: 'ladywood-jobs', tokenId: '3f9a1c2b4d5e6f70' },
    ],
  ])('%s', (text, expected) => {
    expect(parse(text)).toEqual({ ok: true, command: expected });
  });

  it.each([
    ['api-token', /slug is required/],
    ['api-token ladywood-jobs list extra', /takes nothing after the slug/],
    ['api-token ladywood-jobs revoke', /say which token to revoke/],
    ['api-token ladywood-jobs revoke abc', /is not a token id/],
    ['api-token ladywood-jobs delete 3f9a1c2b4d5e6f70', /is not something to do with API tokens/],
    ['api-token ladywood-jobs expires=2027-01-01', /option|expires/],
    [`api-token ladywood-jobs name="${'x'.repeat(61)}"`, /name must be at most 60 characters/],
  ])('refuses %s', (text, message) => {
    const r = parse(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });
});

describe('mission export', () => {
  it('takes a slug', () => {
    expect(parse('export ladywood-jobs')).toEqual({ ok: true, command: { name: 'mission.export', slug: 'ladywood-jobs' } });
  });

  it('refuses options and extra words', () => {
    expect(parse('export ladywood-jobs format=xlsx').ok).toBe(false);
    expect(parse('export ladywood-jobs now').ok).toBe(false);
  });
});

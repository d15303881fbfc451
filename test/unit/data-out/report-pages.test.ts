import { MissionPulseError } from '../../../src/errors';
import { decodeCursor, encodeCursor, pageOf } from '../../../src/services/report-pages';

const items = ['a', 'b', 'c', 'd', 'e'];
const key = (s: string) => s;

describe('pageOf', () => {
  it('walks a list page by page; the last page has no cursor', () => {
    const first = pageOf(items, key, { limit: 2 });
    const second = pageOf(items, key, { limit: 2, cursor: first.nextCursor! });
    const third = pageOf(items, key, { limit: 2, cursor: second.nextCursor! });
    expect([first.data, second.data, third.data, third.nextCursor]).toEqual([['a', 'b'], ['c', 'd'], ['e'], null]);
  });

  it('a full last page says there is nothing more', () => {
    expect(pageOf(['a', 'b'], key, { limit: 2 }).nextCursor).toBeNull();
  });

  it('goes on from the same place when the last item seen has gone', () => {
    const first = pageOf(items, key, { limit: 2 });
    expect(pageOf(['a', 'c', 'd', 'e'], key, { limit: 2, cursor: first.nextCursor! }).data).toEqual(['d', 'e']);
  });

  it('goes on after the item seen when items were added before it', () => {
    const first = pageOf(items, key, { limit: 2 });
    expect(pageOf(['0', ...items], key, { limit: 2, cursor: first.nextCursor! }).data).toEqual(['c', 'd']);
  });
});

describe('decodeCursor', () => {
  it('reads back what encodeCursor made', () => {
    expect(decodeCursor(encodeCursor({ after: 'checkin:x', next: 3 }))).toEqual({ after: 'checkin:x', next: 3 });
  });

  it.each(['not-a-cursor', Buffer.from('{"next":1}').toString('base64url'), Buffer.from('{"after":"x","next":-1}').toString('base64url')])(
    'refuses %j as INVALID_INPUT',
    (raw) => {
      expect(() => decodeCursor(raw)).toThrow(MissionPulseError);
      try {
        decodeCursor(raw);
      } catch (e) {
        expect((e as MissionPulseError).code).toBe('INVALID_INPUT');
      }
    },
  );
});

import { editDistance, nearest } from '../../../src/commands';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('creat', 'create')).toBe(1);
    expect(editDistance('shwo', 'show')).toBe(1);
    expect(editDistance('lits', 'list')).toBe(1);
    expect(editDistance('remvoe', 'remove')).toBe(1);
    expect(editDistance('add', 'show')).toBe(4);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('nearest', () => {
  const names = ['create', 'list', 'show', 'add', 'remove', 'channel'];

  it('finds a misspelt name', () => {
    expect(nearest('creat', names)).toBe('create');
    expect(nearest('chanel', names)).toBe('channel');
    expect(nearest('REMVOE', names)).toBe('remove');
  });

  it('finds a name from its unique start', () => {
    expect(nearest('cha', names)).toBe('channel');
  });

  it('suggests nothing when nothing is close', () => {
    expect(nearest('frobnicate', names)).toBeUndefined();
    expect(nearest('', names)).toBeUndefined();
  });
});

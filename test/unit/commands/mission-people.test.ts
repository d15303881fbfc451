import { MAX_PEOPLE_PER_ADD, missionAdd, missionRemove } from '../../../src/commands';
import { err, ok } from './helpers';

const mentions = (n: number): string => Array.from({ length: n }, (_, i) => `<@U${i}>`).join(' ');

describe('mission add', () => {
  it('adds mentioned people as members by default', () => {
    expect(ok('add ladywood-jobs <@U024BE7LH> <@29:1a2b-3c>')).toEqual({
      name: 'mission.add',
      slug: 'ladywood-jobs',
      userIds: ['U024BE7LH', '29:1a2b-3c'],
      role: 'member',
    });
  });

  it('reads organisation and role, with commas between people and any case of role', () => {
    expect(ok('add ladywood-jobs <@U1>, <@U2>,<@U3> org=\u201CBirmingham City Council\u201D role=LEAD')).toEqual({
      name: 'mission.add',
      slug: 'ladywood-jobs',
      userIds: ['U1', 'U2', 'U3'],
      org: 'Birmingham City Council',
      role: 'lead',
    });
  });

  it('accepts options before the people', () => {
    expect(ok('add ladywood-jobs role=admin <@U1>')).toMatchObject({ userIds: ['U1'], role: 'admin' });
  });

  it('counts a person mentioned twice once', () => {
    expect(ok('add ladywood-jobs <@U1> <@U1>')).toMatchObject({ userIds: ['U1'] });
  });

  it(`adds up to ${MAX_PEOPLE_PER_ADD} people at a time`, () => {
    expect(ok(`add ladywood-jobs ${mentions(25)}`)).toMatchObject({ userIds: expect.arrayContaining(['U0', 'U24']) });
    expect(err(`add ladywood-jobs ${mentions(26)}`)).toEqual({
      code: 'BAD_ARGUMENTS',
      message: 'add at most 25 people at a time',
      usage: missionAdd.usage,
    });
  });

  it('asks for mentions when none are given', () => {
    expect(err('add ladywood-jobs').message).toBe('mention people with @, like @amira');
    expect(err('add ladywood-jobs role=lead').message).toBe('mention people with @, like @amira');
  });

  it('asks for mentions instead of plain names', () => {
    expect(err('add ladywood-jobs amira').message).toBe('mention people with @, like @amira');
    expect(err('add ladywood-jobs <@U1> amira').message).toBe('mention people with @, like @amira');
  });

  it('explains an @name that did not become a mention', () => {
    expect(err('add ladywood-jobs @amira').message).toBe(
      '@amira is not a mention: pick the person from the list that appears as you type @',
    );
  });

  it('requires a slug', () => {
    expect(err('add <@U1>').message).toBe('slug is required, like ladywood-jobs');
  });

  it('rejects a role that does not exist', () => {
    expect(err('add ladywood-jobs <@U1> role=owner').message).toBe('role must be one of member, lead, admin');
  });

  it('limits org to 80 characters', () => {
    expect(ok(`add ladywood-jobs <@U1> org="${'o'.repeat(80)}"`)).toMatchObject({ org: 'o'.repeat(80) });
    expect(err(`add ladywood-jobs <@U1> org="${'o'.repeat(81)}"`).message).toBe('org must be at most 80 characters; it has 81');
  });

  it('says to quote an organisation with spaces', () => {
    expect(err('add ladywood-jobs <@U1> org=Birmingham City Council').message).toBe(
      'put values with spaces in quotes, like org="Birmingham City Council"',
    );
  });

  it('lists its options when given an unknown one', () => {
    expect(err('add ladywood-jobs <@U1> team=housing')).toEqual({
      code: 'BAD_ARGUMENTS',
      message: 'mission add has no option team; it accepts org, role',
      usage: missionAdd.usage,
    });
  });

  it('suggests a misspelt option', () => {
    expect(err('add ladywood-jobs <@U1> rol=lead').suggestion).toBe('Did you mean role=?');
  });
});

describe('mission remove', () => {
  it('removes one mentioned person', () => {
    expect(ok('remove ladywood-jobs <@U1>')).toEqual({ name: 'mission.remove', slug: 'ladywood-jobs', userId: 'U1' });
  });

  it('needs a mention', () => {
    expect(err('remove ladywood-jobs')).toEqual({
      code: 'BAD_ARGUMENTS',
      message: 'mention the person to remove with @, like @amira',
      usage: missionRemove.usage,
    });
    expect(err('remove ladywood-jobs amira').message).toBe('mention people with @, like @amira');
  });

  it('removes one person at a time', () => {
    expect(err('remove ladywood-jobs <@U1> <@U2>').message).toBe('remove one person at a time');
  });

  it('takes no options', () => {
    expect(err('remove ladywood-jobs <@U1> role=lead').message).toBe('mission remove has no option role; it takes no options');
  });
});

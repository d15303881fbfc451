import { missionChannel, missionShow } from '../../../src/commands';
import { err, ok } from './helpers';

describe('mission list', () => {
  it('parses with or without spaces around it', () => {
    expect(ok('list')).toEqual({ name: 'mission.list' });
    expect(ok('\u00A0 LIST \u2014 ')).toEqual({ name: 'mission.list' });
  });

  it('rejects anything after it', () => {
    expect(err('list all').message).toBe('unexpected "all"');
    expect(err('list <@U1>').message).toBe('mission list does not take @mentions');
  });
});

describe('mission show', () => {
  it('reads the slug, quoted or not', () => {
    expect(ok('show ladywood-jobs')).toEqual({ name: 'mission.show', slug: 'ladywood-jobs' });
    expect(ok('show "ladywood-jobs"')).toEqual({ name: 'mission.show', slug: 'ladywood-jobs' });
  });

  it('requires a valid slug', () => {
    expect(err('show')).toEqual({ code: 'BAD_ARGUMENTS', message: 'slug is required, like ladywood-jobs', usage: missionShow.usage });
    expect(err('show x!').message).toBe('slug must be 3–40 lowercase letters, digits or dashes, like ladywood-jobs');
  });

  it('rejects a second word', () => {
    expect(err('show ladywood-jobs please').message).toBe('unexpected "please"');
  });
});

describe('mission channel', () => {
  it('sets the digest or alerts channel', () => {
    expect(ok('channel ladywood-jobs digest')).toEqual({ name: 'mission.channel', slug: 'ladywood-jobs', purpose: 'digest' });
    expect(ok('channel ladywood-jobs Alerts')).toEqual({ name: 'mission.channel', slug: 'ladywood-jobs', purpose: 'alerts' });
  });

  it('understands singular and plural', () => {
    expect(ok('channel ladywood-jobs alert')).toMatchObject({ purpose: 'alerts' });
    expect(ok('channel ladywood-jobs digests')).toMatchObject({ purpose: 'digest' });
  });

  it('forgives an autocorrected dash in the slug', () => {
    expect(ok('channel ladywood\u2013jobs digest')).toMatchObject({ slug: 'ladywood-jobs' });
  });

  it('asks which channel this is', () => {
    expect(err('channel ladywood-jobs')).toEqual({
      code: 'BAD_ARGUMENTS',
      message: 'say digest or alerts after the slug, like mission channel ladywood-jobs digest',
      usage: missionChannel.usage,
    });
    expect(err('channel ladywood-jobs news').message).toBe('the channel must be one of digest, alerts');
  });
});

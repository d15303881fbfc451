import { readFileSync } from 'node:fs';
import { manifestPaths } from '../../manifests/paths';
import { PLACEHOLDER_APP_ID, PLACEHOLDER_HOST, substituteTeamsManifest } from '../../manifests/substitute';
import { validateTeamsManifest } from '../../manifests/validate';

interface Command {
  title: string;
  description: string;
}
interface TeamsManifest {
  id: string;
  manifestVersion: string;
  version: string;
  developer: Record<string, string>;
  icons: { color: string; outline: string };
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: { scopes: string[]; commands: Command[] }[];
  }[];
  permissions: string[];
  validDomains: string[];
}

const load = (): TeamsManifest => JSON.parse(readFileSync(manifestPaths().teamsManifest, 'utf8')) as TeamsManifest;
const COMMANDS = [
  'blocker',
  'checkin',
  'help',
  'home',
  'mission blockers',
  'mission create',
  'mission help',
  'mission list',
  'mission show',
];

describe('Teams app manifest', () => {
  it('is valid against the published 1.29 schema and Teams upload limits', () => {
    expect(validateTeamsManifest(load())).toEqual({ valid: true, errors: [] });
  });

  it('declares one conversational bot in personal chat, teams and group chats, able to send files', () => {
    const manifest = load();
    expect(manifest.manifestVersion).toBe('1.29');
    expect(manifest.bots).toHaveLength(1);
    const [bot] = manifest.bots;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot).toMatchObject({ supportsFiles: true, isNotificationOnly: false });
    expect(bot.botId).toBe(manifest.id);
    expect(manifest.id).toBe(PLACEHOLDER_APP_ID);
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
    expect(manifest.validDomains).toEqual([PLACEHOLDER_HOST]);
  });

  it('lists the same commands for each scope, each short enough for the Teams command menu', () => {
    const [bot] = load().bots;
    expect(bot.commandLists.map((l) => l.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    for (const list of bot.commandLists) {
      expect(list.commands.map((c) => c.title).sort()).toEqual(COMMANDS);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeGreaterThan(0);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
  });

  it('points every developer link at HTTPS pages on the bot host', () => {
    const { developer } = load();
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      expect(developer[key]).toMatch(new RegExp(`^https://${PLACEHOLDER_HOST.replace(/\./g, '\\.')}/`));
    }
  });

  it('is rejected when Teams would refuse it', () => {
    const wildcard = load();
    wildcard.validDomains = ['*.council.gov.uk'];
    expect(validateTeamsManifest(wildcard).errors).toEqual(['/validDomains/0: no wildcards ("*.council.gov.uk")']);

    const longTitle = load();
    longTitle.bots[0].commandLists[0].commands[0].title = 'mission show everything about it!'; // 33 characters
    expect(validateTeamsManifest(longTitle).errors).toEqual(['/bots/0/commandLists/0/commands/0/title: at most 32 characters']);

    const tooMany = load();
    const list = tooMany.bots[0].commandLists[0];
    list.commands = Array.from({ length: 11 }, (_, i) => ({ title: `command ${i}`, description: 'Does a thing' }));
    expect(validateTeamsManifest(tooMany).errors).toEqual(['/bots/0/commandLists/0/commands: at most 10 commands per list']);

    const noPrivacy = load();
    delete noPrivacy.developer.privacyUrl;
    expect(validateTeamsManifest(noPrivacy).errors).toEqual(["/developer: must have required property 'privacyUrl'"]);

    const badId = load();
    badId.id = 'mission-pulse';
    expect(validateTeamsManifest(badId).valid).toBe(false);
  });

  it('takes the Microsoft App ID as both app id and bot id, and the real host everywhere', () => {
    const appId = '1B4E28BA-2FA1-11D2-883F-0016D3CCA427';
    const { manifest, placeholders } = substituteTeamsManifest(load(), { appId, host: 'pulse.council.gov.uk' });
    expect(placeholders).toEqual([]);
    expect(manifest.id).toBe(appId.toLowerCase());
    expect(manifest.bots[0].botId).toBe(appId.toLowerCase());
    expect(manifest.validDomains).toEqual(['pulse.council.gov.uk']);
    expect(manifest.developer.privacyUrl).toBe('https://pulse.council.gov.uk/privacy');
    expect(validateTeamsManifest(manifest).valid).toBe(true);
  });
});

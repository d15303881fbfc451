import { commandHelp, helpEntries, helpText, missionAdd, missionCreate } from '../../../src/commands';

describe('helpText', () => {
  it('lists every mission command with its summary, help last', () => {
    const lines = helpText('mission').split('\n');
    expect(lines).toEqual([
      'mission create "<statement>" [slug=<slug>] [target=YYYY-MM-DD] [place="<text>"] [tz=<IANA zone>] — Create a mission',
      'mission list — List the missions in this workspace',
      "mission show <slug> — Show a mission's statement, target, people and channels",
      'mission add <slug> @user [@user ...] [org="<organisation>"] [role=member|lead|admin] — Add people to a mission',
      'mission remove <slug> @user — Remove a person from a mission',
      "mission channel <slug> digest|alerts — Use this channel for a mission's weekly digest or its blocker alerts",
      'mission help [command] — List these commands, or show how to use one',
    ]);
  });

  it('covers every word when none is given', () => {
    expect(helpText()).toBe(helpText('mission'));
  });

  it('is empty for an unknown word', () => {
    expect(helpText('nope')).toBe('');
    expect(helpEntries('nope')).toEqual([]);
  });
});

describe('commandHelp', () => {
  it('gives usage, summary and example', () => {
    expect(commandHelp('mission', 'create')).toBe(`${missionCreate.usage}\nCreate a mission\nExample: ${missionCreate.example}`);
    expect(commandHelp('mission', 'add')).toBe(
      `${missionAdd.usage}\nAdd people to a mission\nExample: mission add ladywood-jobs @amira org="Birmingham City Council"`,
    );
  });

  it('describes help itself', () => {
    expect(commandHelp('mission', 'help')).toBe(
      'mission help [command]\nList these commands, or show how to use one\nExample: mission help create',
    );
  });

  it('is undefined for an unknown command', () => {
    expect(commandHelp('mission', 'fly')).toBeUndefined();
    expect(commandHelp('nope', 'help')).toBeUndefined();
  });
});

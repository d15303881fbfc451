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
      'mission schedule <slug> day=<mon..sun> time=HH:MM [tz=<IANA zone>] [remind=<duration>] [close=<duration>] — Set when the weekly check-in opens, reminds and closes',
      'mission pause <slug> — Pause the weekly check-ins',
      'mission resume <slug> — Resume the weekly check-ins',
      'mission questions <slug> — Edit the check-in questions in a form',
      "mission checkin-now <slug> — Open this week's check-in now (to try it out)",
      'mission close-now <slug> — Close the open check-in now',
      'mission help [command] — List these commands, or show how to use one',
    ]);
  });

  it('covers every word when none is given', () => {
    expect(helpText()).toBe(`${helpText('mission')}\n${helpText('checkin')}`);
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

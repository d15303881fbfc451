import { COMMAND_WORDS, commandHelp, commandsOf, helpEntries, helpText, missionAdd, missionCreate } from '../../../src/commands';

describe('helpText', () => {
  it('lists every mission command, in registration order, as "usage — summary", help last', () => {
    const lines = helpText('mission').split('\n');
    const defs = commandsOf('mission');
    expect(lines).toHaveLength(defs.length + 1);
    defs.forEach((d, i) => expect(lines[i]).toBe(`${d.usage} — ${d.summary}`));
    expect(lines[0]).toBe(
      'mission create "<statement>" [slug=<slug>] [target=YYYY-MM-DD] [place="<text>"] [tz=<IANA zone>] — Create a mission',
    );
    expect(lines).toContain(
      'mission add <slug> @user [@user ...] [org="<organisation>"] [role=member|lead|admin] — Add people to a mission',
    );
    expect(lines).toContain("mission checkin-now <slug> — Open this week's check-in now (to try it out)");
    expect(lines[lines.length - 1]).toBe('mission help [command] — List these commands, or show how to use one');
  });

  it('covers every word when none is given', () => {
    expect(helpText()).toBe(COMMAND_WORDS.map((w) => helpText(w)).join('\n'));
    expect(COMMAND_WORDS).toEqual(expect.arrayContaining(['mission', 'checkin', 'blocker']));
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

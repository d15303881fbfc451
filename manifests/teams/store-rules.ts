/** The parts of a Teams manifest the store rules look at (after schema validation). */
export interface TeamsCommand {
  title: string;
  description?: string;
}

export interface TeamsManifest {
  id: string;
  version: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  icons: { color: string; outline: string };
  bots?: { botId: string; scopes?: string[]; commandLists?: { scopes: string[]; commands: TeamsCommand[] }[] }[];
  validDomains?: string[];
}

/** Limits from Teams' own validation, stricter than the published JSON schema. */
export const TEAMS_LIMITS = { commandTitle: 32, commandDescription: 128, commandsPerList: 10 } as const;

function commandProblems(manifest: TeamsManifest): string[] {
  const problems: string[] = [];
  (manifest.bots ?? []).forEach((bot, b) => {
    (bot.commandLists ?? []).forEach((list, l) => {
      const at = `/bots/${b}/commandLists/${l}`;
      if (list.commands.length > TEAMS_LIMITS.commandsPerList) {
        problems.push(`${at}/commands: at most ${TEAMS_LIMITS.commandsPerList} commands per list`);
      }
      const seen = new Set<string>();
      list.commands.forEach((command, c) => {
        const title = command.title.trim().toLowerCase();
        if (seen.has(title)) problems.push(`${at}/commands/${c}: duplicate command "${command.title}"`);
        seen.add(title);
        if (command.title.length > TEAMS_LIMITS.commandTitle) {
          problems.push(`${at}/commands/${c}/title: at most ${TEAMS_LIMITS.commandTitle} characters`);
        }
        if (!command.description) problems.push(`${at}/commands/${c}: needs a description`);
        else if (command.description.length > TEAMS_LIMITS.commandDescription) {
          problems.push(`${at}/commands/${c}/description: at most ${TEAMS_LIMITS.commandDescription} characters`);
        }
      });
      for (const scope of list.scopes) {
        if (!(bot.scopes ?? []).includes(scope)) problems.push(`${at}/scopes: "${scope}" is not one of the bot's scopes`);
      }
    });
  });
  return problems;
}

/** Rules Teams Store validation applies that the schema does not; each line names where. */
export function checkTeamsStoreRules(manifest: TeamsManifest): string[] {
  const problems = commandProblems(manifest);
  (manifest.validDomains ?? []).forEach((domain, i) => {
    if (domain.includes('*')) problems.push(`/validDomains/${i}: no wildcards ("${domain}")`);
    if (/[/:]/.test(domain)) problems.push(`/validDomains/${i}: a bare host name, without scheme or path ("${domain}")`);
  });
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'] as const) {
    if (!/^https:\/\//i.test(manifest.developer[key])) problems.push(`/developer/${key}: must be an https:// link`);
  }
  return problems;
}

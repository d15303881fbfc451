import type { Persona } from './personas';

/**
 * What a chat client does when someone picks a person from the `@` list: the typed `@amira`
 * becomes the platform's mention syntax. Handles nobody owns stay as typed, so the bot sees
 * what it would see from a person who did not pick from the list.
 */
const HANDLE = /(^|[\s(])@([A-Za-z][A-Za-z.]*[A-Za-z])/g;

function byHandle(people: readonly Persona[], handle: string): Persona | undefined {
  const h = handle.toLowerCase();
  return people.find((p) => p.id === h || p.slack.userName === h);
}

/** Slack escapes a picked person as `<@U123|name>` in slash command text (should_escape). */
export function slackMentions(text: string, people: readonly Persona[]): string {
  return text.replace(HANDLE, (all, lead: string, handle: string) => {
    const p = byHandle(people, handle);
    return p ? `${lead}<@${p.slack.userId}|${p.slack.userName}>` : all;
  });
}

export type TeamsMentionEntity = {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
};

/** Teams puts `<at>Name</at>` in the text and names the person in a mention entity. */
export function teamsMentions(text: string, people: readonly Persona[]): { text: string; entities: TeamsMentionEntity[] } {
  const entities: TeamsMentionEntity[] = [];
  const out = text.replace(HANDLE, (all, lead: string, handle: string) => {
    const p = byHandle(people, handle);
    if (!p) return all;
    const tag = `<at>${p.name}</at>`;
    if (!entities.some((e) => e.mentioned.id === p.teams.id))
      entities.push({ type: 'mention', text: tag, mentioned: { id: p.teams.id, name: p.name } });
    return `${lead}${tag}`;
  });
  return { text: out, entities };
}

import type { Activity } from 'botbuilder';
import type { ConversationRef } from '../../src/domain/identity';
import type { Actor } from '../../src/services/inbound-events';

/** Translates Teams activities into the core's neutral shapes. Pure functions. */

/** The Emulator sends no tenant; its conversations still need a workspace of their own. */
export const EMULATOR_TENANT = 'emulator';

export function teamsTenantId(activity: Partial<Activity>): string {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return channelData?.tenant?.id ?? activity.conversation?.tenantId ?? EMULATOR_TENANT;
}

export function teamsActor(activity: Partial<Activity>): Actor {
  const from = activity.from;
  return {
    platform: 'teams',
    workspaceId: teamsTenantId(activity),
    userId: from?.id ?? '',
    ...(from?.name ? { displayName: from.name } : {}),
  };
}

export function teamsConversation(activity: Partial<Activity>): ConversationRef {
  const type = activity.conversation?.conversationType;
  const kind: ConversationRef['kind'] = type === 'channel' ? 'channel' : type === 'groupChat' ? 'group' : 'dm';
  return {
    platform: 'teams',
    workspaceId: teamsTenantId(activity),
    conversationId: activity.conversation?.id ?? '',
    kind,
    ...(activity.serviceUrl ? { serviceUrl: activity.serviceUrl } : {}),
  };
}

interface MentionEntity {
  type: string;
  text?: string;
  mentioned?: { id?: string; name?: string };
}

/**
 * Removes the @mention of the bot and turns every other `<at>Name</at>` into `<@id>`, using
 * the activity's mention entities (the only place Teams gives the mentioned person's id).
 */
export function normaliseTeamsText(activity: Partial<Activity>): { text: string; mentionNames: Record<string, string> } {
  let text = activity.text ?? '';
  const mentionNames: Record<string, string> = {};
  const botId = activity.recipient?.id;
  const mentions = ((activity.entities ?? []) as MentionEntity[]).filter((e) => e.type === 'mention' && e.mentioned?.id);
  for (const m of mentions) {
    const id = m.mentioned?.id ?? '';
    const tag = m.text ?? `<at>${m.mentioned?.name ?? ''}</at>`;
    if (id === botId) {
      text = text.split(tag).join(' ');
    } else {
      text = text.split(tag).join(`<@${id}>`);
      if (m.mentioned?.name) mentionNames[id] = m.mentioned.name;
    }
  }
  // Teams may wrap text in HTML when it was pasted or formatted; keep the words.
  text = text.replace(/<\/?(p|div|span|br)[^>]*>/gi, ' ').replace(/&nbsp;/g, ' ');
  return { text: text.replace(/\s+/g, ' ').trim(), mentionNames };
}

/** Splits "mission create ..." into the command word and the rest, if it is a command. */
export function splitCommand(text: string, words: readonly string[]): { command: string; rest: string } | undefined {
  const m = /^\/?(\S+)\s*([\s\S]*)$/.exec(text.trim());
  if (!m) return undefined;
  const word = m[1].toLowerCase();
  if (!words.includes(word)) return undefined;
  return { command: word, rest: m[2] };
}

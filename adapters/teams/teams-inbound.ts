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

/** More mentions than any message needs; the rest stay as the names typed. */
export const MAX_MENTIONS = 50;
/** A mention's tag as Teams writes it, `<at>Name</at>`, of a sensible length. */
const MAX_TAG_LENGTH = 300;
/** Ids the command grammar reads as a mention (src/commands/tokenize.ts): Teams, AAD and Emulator ids. */
const MENTION_ID = /^[A-Za-z0-9:._-]{1,128}$/;

/**
 * The mention entities worth replacing: a tag in Teams' own form, naming an id the grammar can
 * read. Anything else is left alone: an empty tag would match between every two characters, and
 * a replacement holding another entity's tag could feed the next one, each multiplying the text.
 */
function usableMentions(activity: Partial<Activity>): Array<{ id: string; tag: string; name?: string }> {
  const out: Array<{ id: string; tag: string; name?: string }> = [];
  const botId = activity.recipient?.id;
  for (const e of (activity.entities ?? []) as MentionEntity[]) {
    if (out.length >= MAX_MENTIONS) break;
    const id = e.mentioned?.id;
    if (e.type !== 'mention' || typeof id !== 'string' || (id !== botId && !MENTION_ID.test(id))) continue;
    const name = typeof e.mentioned?.name === 'string' ? e.mentioned.name : undefined;
    const tag = typeof e.text === 'string' ? e.text : `<at>${name ?? ''}</at>`;
    if (tag.length > MAX_TAG_LENGTH || !tag.startsWith('<at>') || !tag.endsWith('</at>') || tag.length <= '<at></at>'.length) continue;
    out.push({ id, tag, ...(name ? { name } : {}) });
  }
  return out;
}

/**
 * Removes the @mention of the bot and turns every other `<at>Name</at>` into `<@id>`, using
 * the activity's mention entities (the only place Teams gives the mentioned person's id).
 * Linear in the text: a bounded number of plain replacements, then patterns that cannot backtrack.
 */
export function normaliseTeamsText(activity: Partial<Activity>): { text: string; mentionNames: Record<string, string> } {
  let text = activity.text ?? '';
  const mentionNames: Record<string, string> = {};
  const botId = activity.recipient?.id;
  for (const m of usableMentions(activity)) {
    if (m.id === botId) {
      text = text.replaceAll(m.tag, ' ');
    } else {
      text = text.replaceAll(m.tag, `<@${m.id}>`);
      if (m.name) mentionNames[m.id] = m.name;
    }
  }
  // Teams may wrap text in HTML when it was pasted or formatted; keep the words. A tag stops at
  // the next `<` too (Teams escapes a typed one), so an unclosed `<p` costs one short scan.
  text = text.replace(/<\/?(p|div|span|br)[^<>]*>/gi, ' ').replace(/&nbsp;/g, ' ');
  return { text: text.replace(/\s+/g, ' ').trim(), mentionNames };
}

/** Splits "mission create ..." into the command word and the rest, if it is a command. */
export function splitCommand(text: string, words: readonly string[]): { command: string; rest: string } | undefined {
  const trimmed = text.trim();
  const start = trimmed.startsWith('/') ? 1 : 0;
  const space = trimmed.slice(start).search(/\s/);
  const end = space < 0 ? trimmed.length : start + space;
  const word = trimmed.slice(start, end).toLowerCase();
  if (word === '' || !words.includes(word)) return undefined;
  return { command: word, rest: trimmed.slice(end).trimStart() };
}

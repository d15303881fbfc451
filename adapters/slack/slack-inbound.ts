import type { ConversationRef } from '../../src/domain/identity';
import type { Actor } from '../../src/services/inbound-events';

/** Translates Slack payload fragments into the core's neutral shapes. Pure functions. */

// The name stops at the next `<` as well as at `>` (no name holds either): with `[^>]*` every
// `<@A|` of an unclosed run would rescan the rest of the text, which is quadratic.
const SLACK_MENTION = /<@([A-Z0-9]+)(?:\|([^<>]*))?>/g;

/**
 * Slash commands with should_escape send mentions as `<@U123|name>`; the core wants `<@U123>`
 * plus the names on the side.
 */
export function normaliseSlackMentions(text: string): { text: string; mentionNames: Record<string, string> } {
  const mentionNames: Record<string, string> = {};
  const out = unescapeSlack(text).replace(SLACK_MENTION, (_all, id: string, name?: string) => {
    if (name) mentionNames[id] = name;
    return `<@${id}>`;
  });
  return { text: out, mentionNames };
}

/** What kind of conversation a channel id and name denote. */
export function slackConversationKind(channelId: string, channelName?: string): ConversationRef['kind'] {
  if (channelId.startsWith('D') || channelName === 'directmessage') return 'dm';
  if (channelName?.startsWith('mpdm-')) return 'group';
  return 'channel';
}

export function slackActor(teamId: string, userId: string, name?: string): Actor {
  return { platform: 'slack', workspaceId: teamId, userId, ...(name ? { displayName: name } : {}) };
}

export function slackConversation(teamId: string, channelId: string, channelName?: string): ConversationRef {
  return { platform: 'slack', workspaceId: teamId, conversationId: channelId, kind: slackConversationKind(channelId, channelName) };
}

/** `/mission` -> `mission`. */
export function commandWord(slashCommand: string): string {
  return slashCommand.replace(/^\//, '').toLowerCase();
}

/**
 * Slack escapes &, < and > in text it sends; mentions stay as <@U…>. The entities are turned
 * back so the grammar sees what the person typed ("Health & Care" stays whole).
 */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

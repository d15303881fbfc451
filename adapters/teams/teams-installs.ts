import { ActivityTypes, type Activity } from 'botbuilder';
import type { ConversationRef } from '../../src/domain/identity';
import type { Actor, InstallEvent, TeamInstall } from '../../src/services/inbound-events';
import { teamsTenantId } from './teams-inbound';

/**
 * What an installationUpdate or conversationUpdate means to the core. Pure: Teams announces
 * installs both ways (installationUpdate add/remove, and the bot joining or leaving the
 * members), so either is read, and repeating one is harmless downstream.
 */
export type InstallSignal = { kind: 'reachable' } | { kind: 'event'; event: InstallEvent } | { kind: 'none' };

interface TeamsChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string };
}

type Member = { id?: string };

const hasBot = (members: Member[] | undefined, botId: string | undefined): boolean =>
  Boolean(botId) && (members ?? []).some((m) => m.id === botId);

/** The team and its General channel (a channel's id without any `;messageid=` thread suffix). */
function teamOf(activity: Partial<Activity>, where: ConversationRef): TeamInstall | undefined {
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  const teamId = data.team?.id;
  if (!teamId) return undefined;
  const channelId = (data.channel?.id ?? where.conversationId).split(';')[0];
  return {
    platform: 'teams',
    workspaceId: teamsTenantId(activity),
    teamId,
    ...(data.team?.name ? { name: data.team.name } : {}),
    channel: { ...where, conversationId: channelId, kind: 'channel' },
  };
}

export function installSignal(activity: Partial<Activity>, actor: Actor, where: ConversationRef): InstallSignal {
  const botId = activity.recipient?.id;
  let added: boolean;
  if (activity.type === ActivityTypes.InstallationUpdate) {
    // add, add-upgrade; remove, remove-upgrade (the last still leaves the app installed).
    if (activity.action === 'remove') added = false;
    else if (activity.action === 'add' || activity.action === 'add-upgrade') added = true;
    else return { kind: 'none' };
  } else if (activity.type === ActivityTypes.ConversationUpdate) {
    if (hasBot(activity.membersRemoved, botId)) added = false;
    else if (hasBot(activity.membersAdded, botId) || (where.kind === 'dm' && (activity.membersAdded ?? []).length > 0)) added = true;
    else return { kind: 'none' };
  } else {
    return { kind: 'none' };
  }

  if (where.kind === 'dm') return added ? { kind: 'reachable' } : { kind: 'event', event: { kind: 'removed-for-person', user: actor } };
  if (where.kind !== 'channel') return { kind: 'none' };
  const team = teamOf(activity, where);
  if (!team) return { kind: 'none' };
  return { kind: 'event', event: { kind: added ? 'added-to-team' : 'removed-from-team', team, by: actor } };
}

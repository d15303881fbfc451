import { DateTime } from 'luxon';
import type { Mission } from '../domain/mission';
import { workspaceLabel } from '../domain/mission-link';
import type { WorkspaceRef } from '../domain/identity';
import type { Block, Message, RichText } from './model';
import { zonedTime } from './zoned-time';

/** Replies and notices for linking a mission across workspaces. Pure: data in, message out. */

const plain = (text: string, context?: string): Message => {
  const blocks: Block[] = [{ kind: 'text', text: [text] }];
  if (context) blocks.push({ kind: 'context', text: [context] });
  return { summary: text, blocks };
};

export function inviteCreatedMessage(m: Mission, code: string, expiresAt: Date): Message {
  const blocks: Block[] = [
    { kind: 'header', text: `Invite code for ${m.slug}` },
    { kind: 'text', text: [{ bold: code }] },
    {
      kind: 'text',
      text: [
        `Give this code to an admin in the partner's Slack workspace or Teams tenant. They type \`mission join ${code}\` there, and their workspace can then take part in "${m.statement}".`,
      ],
    },
    {
      kind: 'context',
      text: [
        `It works once and expires ${zonedTime(expiresAt, m.timeZone)}. Share it privately: whoever uses it first becomes an admin of the mission for their workspace.`,
      ],
    },
  ];
  return { summary: `Invite code for ${m.slug}: ${code}`, blocks };
}

export function inviteNeedsDmMessage(slug: string): Message {
  return plain(
    `For safety, invite codes are only shown in a direct message. Open a direct message with Mission Pulse and type \`mission invite ${slug}\` there.`,
  );
}

export function joinedMessage(m: Mission, digestHere: boolean): Message {
  const next = digestHere
    ? 'This conversation will receive the weekly digest for your workspace.'
    : `Run \`mission channel ${m.slug} digest\` in the channel here that should receive the weekly digest.`;
  const blocks: Block[] = [
    { kind: 'header', text: `Linked to ${m.slug}` },
    { kind: 'text', text: [{ bold: m.statement }] },
    { kind: 'text', text: [`Your workspace now takes part in this mission, and you are one of its admins. ${next}`] },
    {
      kind: 'context',
      text: [
        `Next: add people here with \`mission add ${m.slug} @person org="Organisation"\`. They get their check-ins on this platform. To leave: \`mission unlink ${m.slug}\`.`,
      ],
    },
  ];
  return { summary: `Linked to ${m.slug}: ${m.statement}`, blocks };
}

/** To the admin whose code was used. */
export function inviteUsedMessage(m: Mission, joinerName: string, ws: WorkspaceRef, key: string): Message {
  return plain(
    `${joinerName} (${workspaceLabel(ws)}) used your invite code: that workspace is now linked to ${m.slug}.`,
    `If you did not expect this: \`mission unlink ${m.slug} ${key}\`.`,
  );
}

export function unlinkedMessage(m: Mission, ws: WorkspaceRef, removedMembers: number, left: boolean): Message {
  const people = removedMembers === 1 ? '1 member' : `${removedMembers} members`;
  const text = left
    ? `Your workspace has left ${m.slug}: ${people} from here were taken off the mission. Their past check-ins stay in the mission's history.`
    : `${workspaceLabel(ws)} is no longer linked to ${m.slug}: its ${people} were taken off the mission. Their past check-ins stay in the mission's history.`;
  return plain(text);
}

/** To the other side's admins, so an unlink never goes unnoticed. */
export function unlinkNoticeMessage(m: Mission, ws: WorkspaceRef, byName: string, left: boolean): Message {
  return plain(
    left
      ? `${byName} unlinked ${workspaceLabel(ws)} from ${m.slug}: its members no longer take part in the mission.`
      : `${byName} unlinked your workspace from ${m.slug}. You and the others here no longer take part in it.`,
  );
}

export interface LinkRow {
  ws: WorkspaceRef;
  key: string;
  home: boolean;
  digest: boolean;
  alert: boolean;
  linkedBy?: string;
  linkedAt?: Date;
}

export function linksMessage(m: Mission, rows: LinkRow[]): Message {
  const items: RichText[] = rows.map((r) => {
    const channels = `digest channel ${r.digest ? 'set' : 'not set'}, alert channel ${r.alert ? 'set' : 'not set'}`;
    const how = r.home
      ? 'home'
      : `linked${r.linkedAt ? ` ${DateTime.fromJSDate(r.linkedAt, { zone: m.timeZone }).toFormat('d LLL yyyy')}` : ''}${r.linkedBy ? ` by ${r.linkedBy}` : ''}`;
    return [{ bold: workspaceLabel(r.ws) }, ` (${how}) — ${channels}`, r.home ? '' : ` — \`${r.key}\``];
  });
  const blocks: Block[] = [
    { kind: 'header', text: `Workspaces of ${m.slug}` },
    { kind: 'list', items },
    {
      kind: 'context',
      text: [
        `Link another: \`mission invite ${m.slug}\` (admins in the home workspace). Unlink: \`mission unlink ${m.slug} <workspace>\`.`,
      ],
    },
  ];
  return { summary: `${m.slug} is shared by ${rows.length} workspace${rows.length === 1 ? '' : 's'}`, blocks };
}

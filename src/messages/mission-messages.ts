import type { Member, Mission, Role } from '../domain/mission';
import type { Block, Message, RichText } from './model';

/** Replies to the mission configuration commands. Pure: data in, neutral message out. */

function channelLine(label: string, ch: Mission['digestChannel']): string {
  return ch ? `${label}: set (${ch.platform === 'slack' ? 'Slack' : 'Teams'} ${ch.kind})` : `${label}: not set`;
}

export function missionCreatedMessage(m: Mission, commandWord: string): Message {
  const blocks: Block[] = [
    { kind: 'header', text: 'Mission created' },
    { kind: 'text', text: [{ bold: m.statement }] },
    {
      kind: 'fields',
      fields: [
        { label: 'Slug', value: m.slug },
        { label: 'Target date', value: m.targetDate ?? 'not set' },
        { label: 'Place', value: m.place ?? 'not set' },
        { label: 'Time zone', value: m.timeZone },
      ],
    },
    {
      kind: 'text',
      text: [
        m.digestChannel
          ? "This conversation will receive the weekly digest. You are the mission's admin."
          : `You are the mission's admin. Run \`${commandWord} channel ${m.slug} digest\` in the channel that should receive the weekly digest.`,
      ],
    },
    { kind: 'context', text: [`Next: add people with \`${commandWord} add ${m.slug} @person org="Organisation"\``] },
  ];
  return { summary: `Mission created: ${m.statement} (${m.slug})`, blocks };
}

export function missionListMessage(items: Array<{ mission: Mission; role: Role }>, commandWord: string): Message {
  if (items.length === 0) {
    return {
      summary: 'You are not on any mission in this workspace yet.',
      blocks: [
        { kind: 'text', text: ['You are not on any mission in this workspace yet.'] },
        { kind: 'context', text: [`Start one with \`${commandWord} create "By 2030, ..."\`, or ask a mission's admin to add you.`] },
      ],
    };
  }
  const shown = items.slice(0, 40);
  const listItems: RichText[] = shown.map(({ mission, role }) => [{ bold: mission.slug }, ` — ${mission.statement} (${role})`]);
  return {
    summary: `Your missions: ${items.map((i) => i.mission.slug).join(', ')}`,
    blocks: [
      { kind: 'header', text: 'Your missions' },
      { kind: 'list', items: listItems, more: items.length - shown.length || undefined },
      { kind: 'context', text: [`Details: \`${commandWord} show <slug>\``] },
    ],
  };
}

const MAX_NAMES_PER_ORG = 30;
const MAX_ORGS = 20;

export function missionDetailsMessage(
  m: Mission,
  groups: Array<{ organisation: string; members: Member[] }>,
  memberCount: number,
): Message {
  const orgs = groups.slice(0, MAX_ORGS);
  const blocks: Block[] = [
    { kind: 'header', text: m.slug },
    { kind: 'text', text: [{ bold: m.statement }] },
    {
      kind: 'fields',
      fields: [
        { label: 'Target date', value: m.targetDate ?? 'not set' },
        { label: 'Place', value: m.place ?? 'not set' },
        { label: 'Time zone', value: m.timeZone },
        { label: 'Members', value: String(memberCount) },
      ],
    },
    { kind: 'context', text: [`${channelLine('Digest channel', m.digestChannel)} · ${channelLine('Alert channel', m.alertChannel)}`] },
    { kind: 'divider' },
  ];
  for (const g of orgs) {
    const names = g.members.slice(0, MAX_NAMES_PER_ORG).map((x) => (x.role === 'member' ? x.displayName : `${x.displayName} (${x.role})`));
    const more = g.members.length - names.length;
    blocks.push({ kind: 'list', title: `${g.organisation} (${g.members.length})`, items: names.map((n) => [n]), more: more || undefined });
  }
  if (groups.length > orgs.length) blocks.push({ kind: 'context', text: [`and ${groups.length - orgs.length} more organisations`] });
  return { summary: `${m.slug}: ${m.statement} — ${memberCount} members`, blocks };
}

export function membersAddedMessage(r: { mission: Mission; added: Member[]; updated: Member[]; unchanged: Member[] }): Message {
  const parts: string[] = [];
  if (r.added.length) parts.push(`Added to ${r.mission.slug}: ${r.added.map((m) => m.displayName).join(', ')}.`);
  if (r.updated.length)
    parts.push(`Updated: ${r.updated.map((m) => `${m.displayName} (${m.organisation ?? 'no organisation'}, ${m.role})`).join(', ')}.`);
  if (r.unchanged.length) parts.push(`Already on the mission: ${r.unchanged.map((m) => m.displayName).join(', ')}.`);
  const text = parts.join(' ');
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

export function memberRemovedMessage(mission: Mission, removed: Member): Message {
  const text = `Removed ${removed.displayName} from ${mission.slug}. Their past check-ins stay in the mission's history.`;
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

export function channelSetMessage(mission: Mission, which: 'digest' | 'alerts'): Message {
  const text =
    which === 'digest'
      ? `This conversation now receives the weekly digest for ${mission.slug}.`
      : `This conversation now receives blocker alerts for ${mission.slug}.`;
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

export function errorMessage(text: string, usage?: string): Message {
  const blocks: Block[] = [{ kind: 'text', text: [text] }];
  if (usage) blocks.push({ kind: 'context', text: [`Usage: ${usage}`] });
  return { summary: text, blocks };
}

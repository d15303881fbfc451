import { DateTime } from 'luxon';
import { blockerAgeWeeks, MAX_RESOLUTION_LENGTH, type Blocker, type BlockerHelper } from '../domain/blocker';
import type { Mission } from '../domain/mission';
import type { Block, Form, Inline, Message, RichText } from './model';

/** Messages about blockers: the alert and escalation posts, the owner's notices, the list. */

export const ACTION_BLOCKER_HELP = 'blocker.help';
export const ACTION_BLOCKER_RESOLVE = 'blocker.resolve';
export const RESOLVE_FORM_ID = 'blocker.resolve';
export const RESOLUTION_INPUT = 'note';

export type PostKind = 'alert' | 'escalation';

/** A lead named in an escalation: mentioned where the platform allows it, else named. */
export interface LeadRef {
  name: string;
  organisation?: string;
  mention?: { userId: string; name: string };
  platform: string;
}

/** A person named in a notice, mentioned when they share the reader's workspace. */
export interface PersonRef {
  name: string;
  organisation?: string;
  mention?: { userId: string; name: string };
}

const ALERT_TEXT_LENGTH = 1500;
const LIST_TEXT_LENGTH = 200;
const MAX_LISTED = 20;
const MAX_HELPERS_SHOWN = 10;
const MAX_LEADS_NAMED = 15;

const SEVERITY_LABEL = { low: 'Low', medium: 'Medium', high: 'High' } as const;

function cut(text: string, max: number): string {
  const flat = text.trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function day(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('d LLL yyyy');
}

function weekNumber(key: string): string {
  const week = key.split('-W')[1];
  return week ? `week ${Number(week)}` : key;
}

function weeks(n: number): string {
  return n === 1 ? '1 week' : `${n} weeks`;
}

/** "new this week", "1 week", "3 weeks". */
export function ageLabel(b: Pick<Blocker, 'firstSeenAt'>, now: Date): string {
  const age = blockerAgeWeeks(b, now);
  return age === 0 ? 'new this week' : weeks(age);
}

function withOrganisation(name: string, organisation?: string): string {
  return organisation ? `${name} (${organisation})` : name;
}

function person(p: PersonRef): Inline[] {
  const who: Inline = p.mention ? { user: p.mention } : { bold: p.name };
  return p.organisation ? [who, ` (${p.organisation})`] : [who];
}

function helperLine(h: BlockerHelper): RichText {
  return [{ bold: h.name }, h.organisation ? ` (${h.organisation})` : ''];
}

function leadsLine(leads: LeadRef[], channelPlatform?: string): RichText {
  const shown = leads.slice(0, MAX_LEADS_NAMED);
  const out: Inline[] = ['For the attention of the leads: '];
  shown.forEach((l, i) => {
    if (i > 0) out.push(', ');
    if (l.mention) out.push({ user: l.mention });
    else
      out.push(
        { bold: l.name },
        channelPlatform && l.platform !== channelPlatform ? ` (on ${l.platform === 'teams' ? 'Teams' : 'Slack'})` : '',
      );
  });
  if (leads.length > shown.length) out.push(` and ${leads.length - shown.length} more`);
  if (shown.length === 0) out.push('none yet — an admin can make someone a lead with `mission add <slug> @person role=lead`');
  return out;
}

function statusBlocks(b: Blocker, zone: string): Block[] {
  if (b.status === 'resolved') {
    const when = b.resolvedAt ? ` on ${day(b.resolvedAt, zone)}` : '';
    return [
      {
        kind: 'text',
        text: ['Resolved by ', { bold: b.resolvedBy ?? 'someone' }, `${when}: `, cut(b.resolution ?? '', MAX_RESOLUTION_LENGTH)],
      },
    ];
  }
  if (b.status === 'withdrawn') {
    const when = b.resolvedAt ? ` on ${day(b.resolvedAt, zone)}` : '';
    return [{ kind: 'text', text: [`Withdrawn by ${b.ownerName}${when}: it is no longer in their check-in.`] }];
  }
  return [];
}

/**
 * The alert (high severity, posted at once) or the escalation (open too long, for the leads).
 * Rebuilt on every change, so the one message always shows who offered help and how it ended.
 */
export function blockerPostMessage(
  mission: Mission,
  b: Blocker,
  now: Date,
  opts: { kind: PostKind; escalateWeeks: number; leads?: LeadRef[]; channelPlatform?: string },
): Message {
  const zone = mission.timeZone;
  const header =
    opts.kind === 'escalation'
      ? `Blocker open for more than ${weeks(opts.escalateWeeks)}`
      : `${SEVERITY_LABEL[b.severity]}-severity blocker`;
  const closed = b.status !== 'open';
  const blocks: Block[] = [
    { kind: 'header', text: closed ? `${b.status === 'resolved' ? 'Resolved' : 'Withdrawn'}: ${header.toLowerCase()}` : header },
    { kind: 'text', text: [{ bold: withOrganisation(b.ownerName, b.ownerOrganisation) }, ' is blocked on ', { bold: mission.slug }, ':'] },
    { kind: 'text', text: [cut(b.text, ALERT_TEXT_LENGTH)] },
    {
      kind: 'fields',
      fields: [
        { label: 'Severity', value: SEVERITY_LABEL[b.severity] },
        { label: 'Raised', value: `${day(b.firstSeenAt, zone)} (${weekNumber(b.firstWeek)})` },
        { label: 'Open for', value: closed ? '—' : ageLabel(b, now) },
        ...(b.helpWanted ? [{ label: 'Who could help', value: cut(b.helpWanted, 300) }] : []),
      ],
    },
  ];
  if (opts.kind === 'escalation' && opts.leads) blocks.push({ kind: 'text', text: leadsLine(opts.leads, opts.channelPlatform) });
  if (b.helpers.length > 0) {
    const shown = b.helpers.slice(0, MAX_HELPERS_SHOWN);
    blocks.push({
      kind: 'list',
      title: 'Offered to help',
      items: shown.map(helperLine),
      ...(b.helpers.length > shown.length ? { more: b.helpers.length - shown.length } : {}),
    });
  }
  blocks.push(...statusBlocks(b, zone));
  if (!closed) {
    blocks.push({
      kind: 'actions',
      buttons: [
        { actionId: ACTION_BLOCKER_HELP, label: 'I can help', value: b.id, style: 'primary' },
        { actionId: ACTION_BLOCKER_RESOLVE, label: 'Resolved', value: b.id },
      ],
    });
  }
  blocks.push({
    kind: 'context',
    text: [`${mission.slug} · ${closed ? 'closed' : 'open'} · ${b.helpers.length} offer${b.helpers.length === 1 ? '' : 's'} of help`],
  });
  const state = closed ? `${b.status === 'resolved' ? 'Resolved' : 'Withdrawn'}: ` : '';
  return { summary: `${state}${header} on ${mission.slug}: ${b.ownerName} — ${cut(b.text, 120)}`, blocks };
}

/** To the owner: someone pressed "I can help". */
export function helpOfferedMessage(mission: Mission, b: Blocker, helper: PersonRef): Message {
  return {
    summary: `${helper.name} offered to help with your blocker on ${mission.slug}`,
    blocks: [
      { kind: 'text', text: [...person(helper), ' offered to help with your blocker on ', { bold: mission.slug }, ':'] },
      { kind: 'text', text: [cut(b.text, 500)] },
      {
        kind: 'context',
        text: [
          'Get in touch with them to take it forward. Once it is sorted, press Resolved on the alert, or answer "Resolved" in your next check-in.',
        ],
      },
    ],
  };
}

/** To the owner: a lead or an admin marked their blocker resolved. */
export function resolvedForOwnerMessage(mission: Mission, b: Blocker, by: PersonRef, note: string): Message {
  return {
    summary: `${by.name} marked your blocker on ${mission.slug} resolved`,
    blocks: [
      {
        kind: 'text',
        text: [...person(by), ' marked your blocker on ', { bold: mission.slug }, ' resolved: ', cut(note, MAX_RESOLUTION_LENGTH)],
      },
      { kind: 'context', text: [cut(b.text, 300)] },
    ],
  };
}

/** The one-line resolution note asked for by the Resolved button. */
export function resolveForm(mission: Mission, b: Blocker): Form {
  return {
    formId: RESOLVE_FORM_ID,
    title: 'Resolve blocker',
    submitLabel: 'Mark resolved',
    state: b.id,
    intro: [{ bold: withOrganisation(b.ownerName, b.ownerOrganisation) }, ` on ${mission.slug}: `, cut(b.text, 300)],
    inputs: [
      {
        kind: 'text',
        id: RESOLUTION_INPUT,
        label: 'How was it resolved? (one line)',
        required: true,
        maxLength: MAX_RESOLUTION_LENGTH,
        placeholder: 'For example: data-sharing agreement signed',
      },
    ],
  };
}

/** The reply to `blocker <slug> "<text>"`. */
export function blockerRaisedMessage(mission: Mission, b: Blocker, alertedTo: string | undefined): Message {
  const alerted = alertedTo ? ` An alert went to ${alertedTo}.` : '';
  const text = `Raised your ${b.severity}-severity blocker on ${mission.slug}.${alerted} Your next check-in will ask whether it is still blocking you.`;
  return {
    summary: text,
    blocks: [
      { kind: 'text', text: [text] },
      { kind: 'context', text: [cut(b.text, 300)] },
    ],
  };
}

/** `mission blockers <slug>`: the open blockers, most severe and oldest first. */
export function blockerListMessage(mission: Mission, open: Blocker[], now: Date, escalateWeeks: number): Message {
  const footer: Block = {
    kind: 'context',
    text: [
      `Blockers open for more than ${weeks(escalateWeeks)} are escalated to the leads. Admins change this with \`mission blockers ${mission.slug} escalate=<weeks>\`.`,
    ],
  };
  if (open.length === 0) {
    const text = `No open blockers on ${mission.slug}.`;
    return { summary: text, blocks: [{ kind: 'text', text: [text] }, footer] };
  }
  const shown = open.slice(0, MAX_LISTED);
  const items: RichText[] = shown.map((b) => [
    { bold: SEVERITY_LABEL[b.severity] },
    ` · ${withOrganisation(b.ownerName, b.ownerOrganisation)} · ${ageLabel(b, now)} · `,
    cut(b.text, LIST_TEXT_LENGTH),
    b.helpers.length > 0
      ? ` · help offered by ${b.helpers
          .slice(0, 5)
          .map((h) => h.name)
          .join(', ')}${b.helpers.length > 5 ? ` and ${b.helpers.length - 5} more` : ''}`
      : '',
    b.helpWanted && b.helpers.length === 0 ? ` · could help: ${cut(b.helpWanted, 80)}` : '',
  ]);
  const summary = `${open.length} open blocker${open.length === 1 ? '' : 's'} on ${mission.slug}`;
  return {
    summary,
    blocks: [
      { kind: 'header', text: `Open blockers — ${mission.slug}` },
      { kind: 'list', items, ...(open.length > shown.length ? { more: open.length - shown.length } : {}) },
      footer,
    ],
  };
}

export function escalationSetMessage(mission: Mission, escalateWeeks: number, rescheduled: number): Message {
  const text = `Blockers on ${mission.slug} open for more than ${weeks(escalateWeeks)} will now be escalated to the leads${rescheduled > 0 ? ` (${rescheduled} open blocker${rescheduled === 1 ? '' : 's'} rescheduled)` : ''}.`;
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

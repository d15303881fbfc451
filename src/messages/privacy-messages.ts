import type { Block, Message } from './model';
import type { AuditEntry } from '../store/audit-repository';

/** Messages of the privacy controls: confirmations, erasure results, the audit log. */

export const ACTION_FORGET_CONFIRM = 'privacy.forget.confirm';
export const ACTION_FORGET_CANCEL = 'privacy.forget.cancel';

export function forgetMeConfirmMessage(missions: string[]): Message {
  const where = missions.length ? `your memberships of ${missions.join(', ')}, ` : '';
  return {
    summary: 'Erase your personal data from Mission Pulse?',
    blocks: [
      { kind: 'header', text: 'Erase your personal data?' },
      {
        kind: 'text',
        text: [
          `This removes ${where}your check-in answers' text and edit history, your drafts and away dates, and your name from blockers, readings and the audit log. `,
          'Numbers your missions count and average (confidence scores, choices) are kept without your name, so their reports stay correct. ',
          { bold: 'This cannot be undone.' },
        ],
      },
      {
        kind: 'actions',
        buttons: [
          { actionId: ACTION_FORGET_CONFIRM, label: 'Erase my data', value: 'confirm', style: 'danger' },
          { actionId: ACTION_FORGET_CANCEL, label: 'Cancel', value: 'cancel' },
        ],
      },
    ],
  };
}

/** Refused while the person is the only admin of a mission: it would be left with none. */
export function soleAdminText(slugs: string[]): string {
  return `You are the only admin of ${slugs.join(', ')}. Make someone else an admin first (\`mission add <slug> @person role=admin\`), then run \`checkin forget-me\` again.`;
}

export function nothingErasedMessage(): Message {
  const text = 'Nothing was erased.';
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

export function forgottenMessage(counts: Record<string, number>): Message {
  const text = `Done: your personal data has been erased (${counts.checkins ?? 0} check-ins anonymised, ${counts.memberships ?? 0} memberships removed). Messages already delivered in Slack or Teams are kept by those services; ask your workspace admin if you want them removed.`;
  return { summary: 'Your personal data has been erased.', blocks: [{ kind: 'text', text: [text] }] };
}

/** The file `checkin my-data` sends: its name, title and the line that goes with it. */
export function myDataFile(at: Date): { filename: string; title: string; comment: string } {
  return {
    filename: `mission-pulse-my-data-${at.toISOString().slice(0, 10)}.json`,
    title: 'Your Mission Pulse data',
    comment: 'Everything Mission Pulse stores about you, as of today.',
  };
}

export function myDataSentMessage(via: 'file' | 'link'): Message {
  const text =
    via === 'file'
      ? 'Your data is on its way to your direct messages as a file.'
      : 'Your data is ready: a private download link is on its way to your direct messages.';
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return '—';
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 300 ? `${s.slice(0, 297)}…` : s;
}

/** Who made a change, when they are no longer a member: erased on request, or gone. */
export function absentActorName(erased: boolean): string {
  return erased ? 'an erased member' : 'a former member';
}

export function auditMessage(slug: string, entries: Array<AuditEntry & { actorName: string }>): Message {
  if (entries.length === 0)
    return { summary: `No changes recorded for ${slug}.`, blocks: [{ kind: 'text', text: [`No changes recorded for ${slug}.`] }] };
  const blocks: Block[] = [{ kind: 'header', text: `Audit log: ${slug}` }];
  const shown = entries.slice(0, 40);
  blocks.push({
    kind: 'list',
    items: shown.map((e) => [
      { bold: `${e.at.toISOString().slice(0, 16).replace('T', ' ')} UTC` },
      ` ${e.actorName} — ${e.action}: ${describe(e.before)} → ${describe(e.after)}`,
    ]),
    more: entries.length - shown.length || undefined,
  });
  return { summary: `Audit log for ${slug}: ${entries.length} entries`, blocks };
}

export function retentionSetMessage(slug: string, months: number): Message {
  const text = `${slug}: check-in answers older than ${months} months will be deleted each night. Counts and averages are kept.`;
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

export function myDataLinkMessage(url: string, minutes: number): Message {
  return {
    summary: 'Your Mission Pulse data is ready to download',
    blocks: [
      {
        kind: 'text',
        text: [
          'Everything Mission Pulse stores about you is ready as a file. The link works for ',
          { bold: `${minutes} minutes` },
          ' for anyone who has it, so do not forward it:',
        ],
      },
      { kind: 'text', text: [url] },
    ],
  };
}

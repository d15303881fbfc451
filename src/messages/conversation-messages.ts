import type { CheckinRound } from '../domain/checkin';
import type { Mission } from '../domain/mission';
import { ACTION_OPEN, ACTION_SKIP, weekLabel } from './checkin-messages';
import type { Block, Message, RichText } from './model';
import { zonedTime } from './zoned-time';

/**
 * Messages of a check-in answered by reply: one question at a time, the review before sending,
 * and the short answers to everything else a person may type. Plain sentences first, so that a
 * screen reader or a phone notification reads them well.
 */

export interface QuestionView {
  prompt: string;
  kind: 'text' | 'long-text' | 'choice' | 'scale';
  required: boolean;
  options: Array<{ value: string; label: string }>;
  hint?: string;
  /** A blocker question: "no" means none. */
  blocker?: boolean;
}

export interface AskInput {
  mission: Mission;
  question: QuestionView;
  number: number;
  total: number;
  /** What the bot says first: a hint about the last reply, or "Added that to…". */
  note?: string;
  /** The answer given so far, shown so it can be kept with `next`. */
  current?: string;
  /** Remind the person of the words they can use (the first question, after a pause). */
  words?: boolean;
}

export const WORDS_LINE =
  'Reply `back` for the previous question, `skip` to leave out an optional one, `stop` to finish later, or `done` to send.';

function howToAnswer(q: QuestionView): string {
  if (q.kind === 'scale') return `Reply with a number from ${q.options[0]?.value ?? 1} to ${q.options[q.options.length - 1]?.value ?? 5}.`;
  if (q.kind === 'choice') return 'Reply with the number or the word.';
  if (q.blocker) return 'Reply `no` if nothing is blocking you.';
  return q.required ? 'Reply with your answer.' : 'Optional: reply `skip` to leave it out.';
}

export function questionMessage(a: AskInput): Message {
  const { question: q } = a;
  const blocks: Block[] = [];
  if (a.note) blocks.push({ kind: 'text', text: [a.note] });
  blocks.push({ kind: 'context', text: [`${a.mission.slug} · question ${a.number} of ${a.total}`] });
  blocks.push({ kind: 'text', text: [{ bold: q.prompt }] });
  if (q.kind === 'scale' || q.kind === 'choice') {
    blocks.push({ kind: 'list', items: q.options.map((o, i): RichText => [q.kind === 'scale' ? o.label : `${i + 1} — ${o.label}`]) });
  }
  if (a.current) {
    blocks.push({ kind: 'fields', fields: [{ label: 'Your answer so far', value: a.current }] });
    blocks.push({ kind: 'context', text: ['Reply with a new answer, or `next` to keep this one.'] });
  }
  const hints = [
    q.hint,
    howToAnswer(q),
    q.kind !== 'text' && q.kind !== 'long-text' && !q.required ? 'Or `skip` to leave it out.' : undefined,
  ];
  blocks.push({ kind: 'context', text: [hints.filter(Boolean).join(' ')] });
  if (a.words) blocks.push({ kind: 'context', text: [WORDS_LINE] });
  const lead = a.note ? `${a.note} ` : '';
  return { summary: `${lead}Question ${a.number} of ${a.total}: ${q.prompt}`, blocks };
}

/** After the last question: the answers as they will be sent, and how to send them. */
export function reviewMessage(
  mission: Mission,
  round: CheckinRound,
  rows: Array<{ label: string; value: string }>,
  note?: string,
): Message {
  const blocks: Block[] = [];
  if (note) blocks.push({ kind: 'text', text: [note] });
  blocks.push({
    kind: 'text',
    text: [`That's every question for `, { bold: mission.slug }, ` (${weekLabel(round)}). This is what you'll send:`],
  });
  for (const r of rows) blocks.push({ kind: 'fields', fields: [r] });
  blocks.push({ kind: 'context', text: ['Reply `done` to send it, `back` to change the last answer, or `edit 2` to change answer 2.'] });
  return { summary: `${note ? `${note} ` : ''}All questions answered for ${mission.slug}: reply done to send your check-in.`, blocks };
}

export function draftSavedMessage(mission: Mission, round: CheckinRound, answered: number, total: number): Message {
  const text = `Saved as a draft: ${answered} of ${total} answered. Reply here any time to carry on, or finish in the form, which has your answers filled in.`;
  return {
    summary: text,
    blocks: [
      { kind: 'text', text: [text] },
      {
        kind: 'context',
        text: [`${mission.slug} · ${weekLabel(round)} · closes ${zonedTime(round.closesAt, mission.timeZone)}`],
      },
      { kind: 'actions', buttons: [{ actionId: ACTION_OPEN, label: 'Open the form', value: round.id }] },
    ],
  };
}

/** What the check-in prompt becomes once the member starts answering by reply. */
export function answeringByReplyMessage(mission: Mission, round: CheckinRound): Message {
  return {
    summary: `Check-in for ${mission.slug} (${weekLabel(round)}): answering by reply`,
    blocks: [
      { kind: 'header', text: 'Weekly check-in' },
      {
        kind: 'text',
        text: [
          'You are answering this check-in for ',
          { bold: mission.statement },
          ' by reply, below. You can also finish it in the form: your answers so far are filled in.',
        ],
      },
      {
        kind: 'context',
        text: [`${mission.slug} · ${weekLabel(round)} · closes ${zonedTime(round.closesAt, mission.timeZone)}`],
      },
      {
        kind: 'actions',
        buttons: [
          { actionId: ACTION_OPEN, label: 'Open the form', value: round.id, style: 'primary' },
          { actionId: ACTION_SKIP, label: 'Skip this week', value: round.id },
        ],
      },
    ],
  };
}

export function alreadyAnsweredMessage(mission: Mission, round: CheckinRound): Message {
  const text = `Your check-in for ${mission.slug} (${weekLabel(round)}) is in, thank you. To change it, reply \`edit\` (or \`edit 2\` to go straight to question 2), or use Edit on the confirmation.`;
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

export interface MissionChoice {
  mission: Mission;
  round: CheckinRound;
  answered: boolean;
}

/** "Which mission is this for?" for a member with several check-ins open. */
export function whichCheckinMessage(options: MissionChoice[], note?: string): Message {
  const blocks: Block[] = [];
  if (note) blocks.push({ kind: 'text', text: [note] });
  blocks.push({ kind: 'text', text: [`You have check-ins open for ${options.length} missions. Which one is this for?`] });
  blocks.push({
    kind: 'list',
    items: options.map(({ mission, answered }, i): RichText => [
      `${i + 1} — `,
      { bold: mission.slug },
      `: ${mission.statement}${answered ? ' (answered)' : ''}`,
    ]),
  });
  blocks.push({ kind: 'context', text: [`Reply with the number (1 to ${options.length}) or the mission's short name.`] });
  return {
    summary: `${note ? `${note} ` : ''}Which mission is this check-in reply for? ${options.map((o, i) => `${i + 1} ${o.mission.slug}`).join(', ')}`,
    blocks,
  };
}

export function noOpenCheckinMessage(): Message {
  const text =
    "Hello! I run your mission team's weekly check-ins. None is open for you right now; when the next one opens I'll message you here, and you can answer in the form or just by replying. Type `mission help` to see everything I can do.";
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

/** `help` in the middle of a check-in: the words, then where the person is. */
export function conversationHelpMessage(where: Message): Message {
  const blocks: Block[] = [
    { kind: 'text', text: ['Answer each question by replying. These words steer:'] },
    {
      kind: 'list',
      items: [
        [{ bold: 'skip' }, ' — leave out an optional question'],
        [{ bold: 'back' }, ' — go to the previous question'],
        [{ bold: 'next' }, ' — keep the answer you gave and move on'],
        [{ bold: 'edit 3' }, ' — go to question 3'],
        [{ bold: 'stop' }, ' — keep your answers as a draft and finish later, here or in the form'],
        [{ bold: 'done' }, ' — send your check-in (once the required questions are answered)'],
      ],
    },
    { kind: 'context', text: ['To skip the whole week, type `checkin skip`. For every command, `mission help`.'] },
    { kind: 'divider' },
    ...where.blocks,
  ];
  return { summary: `Words you can use: skip, back, next, edit, stop, done. ${where.summary}`, blocks };
}

export function noticeText(text: string): Message {
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

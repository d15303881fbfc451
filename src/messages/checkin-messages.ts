import type { Checkin, CheckinRound } from '../domain/checkin';
import type { Mission } from '../domain/mission';
import { optionsOf, SCALE_LABELS, type Answers, type Question, maxLengthOf } from '../domain/questions';
import type { Block, Button, Form, FormInput, Message } from './model';
import { zonedTime } from './zoned-time';

/** Messages of the weekly check-in: prompt, form, confirmation, reminder, skip. */

export const CHECKIN_FORM_ID = 'checkin';
export const ACTION_OPEN = 'checkin.open';
export const ACTION_EDIT = 'checkin.edit';
export const ACTION_SKIP = 'checkin.skip';

export function weekLabel(round: CheckinRound): string {
  const [year, week] = round.weekKey.split('-W');
  return `week ${Number(week)} of ${year}`;
}

function toInput(q: Question, value: string | undefined): FormInput {
  if (q.kind === 'scale' || q.kind === 'choice') {
    return {
      kind: 'choice',
      id: q.id,
      label: q.prompt,
      required: q.required,
      options: optionsOf(q).map((v) => ({ value: v, label: q.kind === 'scale' ? (SCALE_LABELS[v] ?? v) : v })),
      ...(value ? { initial: value } : {}),
    };
  }
  return {
    kind: 'text',
    id: q.id,
    label: q.prompt,
    multiline: q.kind === 'long-text',
    required: q.required,
    maxLength: maxLengthOf(q),
    ...(value ? { initial: value } : {}),
  };
}

export function checkinForm(mission: Mission, round: CheckinRound, answers: Answers = {}, extra: FormInput[] = []): Form {
  return {
    formId: CHECKIN_FORM_ID,
    title: 'Weekly check-in',
    submitLabel: 'Submit',
    state: round.id,
    intro: [{ bold: mission.statement }, ` — ${weekLabel(round)}`],
    inputs: [
      ...round.questions.map((q) => toInput(q, answers[q.id])),
      ...extra.map((i) => (answers[i.id] !== undefined ? { ...i, initial: answers[i.id] } : i)),
    ],
  };
}

const openButton = (round: CheckinRound, label: string): Button => ({ actionId: ACTION_OPEN, label, value: round.id, style: 'primary' });
const skipButton = (round: CheckinRound): Button => ({ actionId: ACTION_SKIP, label: 'Skip this week', value: round.id });

/** Members on a phone or a screen reader may prefer to answer in the chat (checkin-conversation.ts). */
export const OR_REPLY = "Answer in the form, or just reply here: I'll ask the questions one at a time.";

export function promptMessage(mission: Mission, round: CheckinRound, reminder = false, extra: FormInput[] = []): Message {
  const lead = reminder ? 'Reminder: your weekly check-in is still open' : 'Time for your weekly check-in';
  const closes = `It closes ${zonedTime(round.closesAt, mission.timeZone)}.`;
  return {
    summary: `${lead} for ${mission.slug} (${weekLabel(round)}): use the form, or just reply here`,
    blocks: [
      { kind: 'header', text: reminder ? 'Check-in reminder' : 'Weekly check-in' },
      { kind: 'text', text: [`${lead} for `, { bold: mission.statement }, '.'] },
      { kind: 'text', text: [OR_REPLY] },
      { kind: 'context', text: [`${mission.slug} · ${weekLabel(round)} · ${closes}`] },
      { kind: 'actions', buttons: [skipButton(round)] },
    ],
    form: { form: checkinForm(mission, round, {}, extra), openButton: openButton(round, 'Answer check-in') },
  };
}

function answerLines(questions: Question[], answers: Answers): Block[] {
  return questions
    .filter((q) => answers[q.id])
    .map((q): Block => ({
      kind: 'fields',
      fields: [{ label: q.prompt, value: q.kind === 'scale' ? (SCALE_LABELS[answers[q.id]] ?? answers[q.id]) : answers[q.id] }],
    }));
}

export function confirmationMessage(mission: Mission, round: CheckinRound, checkin: Checkin, editable: boolean): Message {
  const edited = checkin.history.length > 0 ? ` · edited ${checkin.history.length} time${checkin.history.length === 1 ? '' : 's'}` : '';
  const late = checkin.late ? ' · answered after the round closed' : '';
  const blocks: Block[] = [
    { kind: 'header', text: 'Check-in received — thank you' },
    { kind: 'context', text: [`${mission.slug} · ${weekLabel(round)}${edited}${late}`] },
    ...answerLines(round.questions, checkin.answers),
  ];
  if (editable) blocks.push({ kind: 'actions', buttons: [{ actionId: ACTION_EDIT, label: 'Edit', value: round.id }] });
  return { summary: `Check-in received for ${mission.slug} (${weekLabel(round)})`, blocks };
}

export function skippedMessage(mission: Mission, round: CheckinRound): Message {
  return {
    summary: `Skipped this week's check-in for ${mission.slug}`,
    blocks: [
      { kind: 'text', text: [`You skipped the check-in for `, { bold: mission.slug }, ` (${weekLabel(round)}). See you next week.`] },
      ...(round.status === 'open' ? [{ kind: 'actions', buttons: [openButton(round, 'Answer after all')] } as Block] : []),
    ],
  };
}

export function chooseMissionMessage(options: Array<{ mission: Mission; round: CheckinRound }>): Message {
  return {
    summary: 'Which mission is this check-in for?',
    blocks: [
      { kind: 'text', text: ['You have check-ins open for several missions. Which one?'] },
      { kind: 'actions', buttons: options.slice(0, 25).map(({ mission, round }) => openButton(round, mission.slug)) },
    ],
  };
}

export function roundOpenedMessage(mission: Mission, round: CheckinRound, asked: number, away: number): Message {
  const text = `Opened the check-in for ${mission.slug} (${weekLabel(round)}): asking ${asked} member${asked === 1 ? '' : 's'}${away ? `, ${away} away` : ''}. It closes ${zonedTime(round.closesAt, mission.timeZone)}.`;
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

export function roundClosedMessage(mission: Mission, round: CheckinRound, answered: number, asked: number): Message {
  const text = `Closed the check-in for ${mission.slug} (${weekLabel(round)}): ${answered} of ${asked} answered.`;
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

export function noticeMessage(text: string): Message {
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

import type { Block, Button, Form, Message, RichText } from '../../src/messages/model';

/** Text a member might type that must never ping, link, mention or restyle anything. */
export const HOSTILE = [
  '@channel',
  '<!here>',
  '<!everyone>',
  '<at>Boss</at>',
  '[click](https://evil.example)',
  '*bold*',
  '# heading',
  '@here and @everyone and !channel',
  '<https://evil.example|Your payslip>',
  '<@U999EVIL>',
  '_under_',
  '> quoted',
  '- dash item',
  '1. numbered',
  'fish & chips',
] as const;

export const HOSTILE_LINES = HOSTILE.join('\n');

/** The one deliberate mention in the fixtures. */
export const ASHA = { userId: 'U0ASHA123', name: 'Asha Patel' };

export const LONG_TEXT = 'Long update. '.repeat(385).slice(0, 5_000);

export const THIRTY_BUTTONS: Button[] = Array.from({ length: 30 }, (_, i) => ({
  // Two buttons per action id, told apart by value, as "offer help" buttons on a blocker list are.
  actionId: `blocker.help.${Math.floor(i / 2)}`,
  label: i === 0 ? `Offer help ${'x'.repeat(100)}` : `Button ${i + 1} @channel`,
  value: `blocker-${i + 1}`,
  ...(i % 3 === 0 ? { style: 'primary' as const } : i % 3 === 1 ? { style: 'danger' as const } : {}),
}));

export const LIST_ITEMS: RichText[] = Array.from({ length: 300 }, (_, i) => [{ bold: `Item ${i + 1}` }, ` ${HOSTILE[i % HOSTILE.length]}`]);

const fields = Array.from({ length: 12 }, (_, i) => ({
  label: `Field ${i + 1} ${HOSTILE[i % HOSTILE.length]}`,
  value: i === 3 ? 'v'.repeat(2_500) : `Value ${i + 1} ${HOSTILE[(i + 1) % HOSTILE.length]}`,
}));

export const EVERY_BLOCK: Block[] = [
  { kind: 'header', text: `Weekly digest <!here> ${'h'.repeat(200)}` },
  { kind: 'text', text: ['Hello ', { user: ASHA }, ', ', { bold: 'star*ed @channel' }, ` ${HOSTILE_LINES}`] },
  { kind: 'text', text: [LONG_TEXT] },
  { kind: 'fields', fields },
  { kind: 'divider' },
  { kind: 'list', title: 'Open blockers <!channel>', items: LIST_ITEMS, more: 12 },
  { kind: 'progress', label: 'Placements <at>Boss</at>', value: 5, max: 10, note: '[click](https://evil.example)' },
  { kind: 'image', url: 'https://charts.example/trend.png', altText: 'Confidence trend: 3.1 to 3.6', title: 'Trend' },
  { kind: 'context', text: ['Sent by ', { user: ASHA }, ` ${HOSTILE_LINES}`] },
  { kind: 'actions', buttons: THIRTY_BUTTONS },
];

export const HOSTILE_MESSAGE: Message = { summary: `Digest for <!channel> @here ${HOSTILE_LINES}`, blocks: EVERY_BLOCK };

export const CHECKIN_FORM: Form = {
  formId: 'checkin',
  title: 'Weekly check-in for the Ladywood mission',
  submitLabel: 'Send my check-in for this week',
  state: JSON.stringify({ round: 'r:ladywood:2026-W07', member: 'm:42' }),
  intro: ['Hi ', { user: ASHA }, '. ', { bold: 'Week 7' }, ` ${HOSTILE_LINES}`],
  inputs: [
    {
      kind: 'text',
      id: 'moved',
      label: 'What moved this week?',
      multiline: true,
      required: true,
      maxLength: 2_000,
      initial: 'Two placements agreed',
      placeholder: 'A sentence or two',
      hint: 'Members of other organisations will read this.',
    },
    { kind: 'text', id: 'next', label: 'L'.repeat(2_500), required: false, maxLength: 5_000, placeholder: 'p'.repeat(300) },
    {
      kind: 'choice',
      id: 'confidence',
      label: 'How confident are you that the mission is on track?',
      required: true,
      options: Array.from({ length: 120 }, (_, i) => ({ value: `c${i + 1}`, label: `Option ${i + 1} ${'o'.repeat(100)}` })),
      initial: 'c3',
      hint: 'h'.repeat(2_500),
    },
    {
      kind: 'choice',
      id: 'away',
      label: 'Away next week?',
      required: false,
      options: [
        { value: 'no', label: 'No' },
        { value: 'yes', label: 'Yes' },
      ],
    },
  ],
};

/** What each input of CHECKIN_FORM is answered with in the round-trip tests. */
export const ANSWERS: Record<string, string> = {
  moved: 'Two placements agreed\nand a <!here> mention attempt',
  next: 'Meet the college',
  confidence: 'c4',
  away: 'yes',
};

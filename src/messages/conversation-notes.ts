/**
 * The short notes a check-in answered by reply puts before the next question: what became of
 * the last reply, or why it was not taken. `conversation-messages.ts` places them.
 */

const quote = (s: string): string => `“${s.length > 60 ? `${s.slice(0, 59)}…` : s}”`;
const number = (n: number): string => n.toLocaleString('en-GB');
const shorten = (s: string): string => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

export const conversationNote = {
  resumed: 'Carrying on with your check-in.',
  start: "Let's do your check-in by reply, one question at a time.",
  whereYouAre: 'Here is where you are.',
  nothingToSkip: 'There is no question to skip here. Reply `done` to send your check-in.',
  cannotSkipRequired: 'This question needs an answer, so it cannot be skipped. (To skip the whole week, type `checkin skip`.)',
  cannotSkipSeverity: 'Say how serious the blocker is, or go `back` and answer `no` to the blocker question.',
  lastQuestion: 'That was the last question. Reply `done` to send your check-in.',
  needsAnswer: 'This question needs an answer before moving on.',
  firstQuestion: 'This is the first question.',
  noSuchQuestion: (n: number, count: number): string => `There is no question ${n}: pick one from 1 to ${count}.`,
  stillNeeded: (prompt: string): string => `Not quite yet: ${quote(prompt)} still needs an answer.`,
  joinedTooLong: (prompt: string, maxLength: number): string =>
    `That would make your answer to ${quote(prompt)} longer than ${number(maxLength)} characters, so I left it out.`,
  joined: (prompt: string): string => `Added that to your answer to ${quote(prompt)}.`,
  allAnswered: 'Every question has an answer, so I did not take that as one.',
  firstAnswer: (prompt: string): string => `Thanks, I've taken that as your answer to ${quote(prompt)}. I'll ask the rest one at a time.`,
  gotOption: (label: string): string => `Got it: ${label}.`,
  noBlocker: 'No blocker, noted.',
  /** Editing a sent check-in by reply. */
  editing: 'Here are your answers one at a time: reply with a new answer, or `next` to keep it.',
  /** The mission the member picked when several check-ins were open. */
  picked: (slug: string): string => `${slug}, then.`,
  pickLater: "OK. Reply here whenever you're ready.",
  heldMore: 'Got that too.',
  notAMission: "I didn't catch which one.",
  tooLong: (length: number, maxLength: number): string =>
    `That's ${number(length)} characters; please keep this answer under ${number(maxLength)}.`,
  offScale: (value: string, range: string): string => `${shorten(value)} is not on the scale: reply with ${range}.`,
  isScale: (range: string): string => `This one is a scale: reply with ${range}, like \`4\`.`,
  /** `range` for the two above: "a number from 1 (very unlikely) to 5 (very likely)". */
  scaleRange: (lo: { value: string; label: string }, hi: { value: string; label: string }): string => {
    const bare = (label: string) => label.replace(/^\d+\s*[—–-]\s*/, '');
    return `a number from ${lo.value} (${bare(lo.label)}) to ${hi.value} (${bare(hi.label)})`;
  },
  ambiguousOption: (value: string, choices: Array<{ label: string }>): string =>
    `"${shorten(value)}" fits more than one option: reply with one of ${numbered(choices)} (the number or the word).`,
  pickOption: (choices: Array<{ label: string }>): string => `Please pick one of: ${numbered(choices)} (the number or the word).`,
};

function numbered(choices: Array<{ label: string }>): string {
  return choices.map((o, i) => `${i + 1} ${o.label}`).join(', ');
}

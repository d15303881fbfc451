import { simplify } from '../domain/answer-parsing';

/**
 * The words that steer a check-in by reply. A reply is a word only when it is the whole message
 * ("skip", "go back"), so an answer that merely contains one ("Stop the pilot") stays an answer.
 */
export type Word =
  | { word: 'skip' }
  | { word: 'back' }
  | { word: 'next' }
  | { word: 'stop' }
  | { word: 'done' }
  | { word: 'help' }
  /** "hi", "start", "continue": show where the check-in is, without answering anything. */
  | { word: 'resume' }
  /** `edit` or `edit 3`: change a submitted check-in, or jump to question 3. */
  | { word: 'edit'; number?: number }
  /** `checkin skip` typed as a message (Slack users type it without the slash): skip the week. */
  | { word: 'skip-week' };

const WORDS: Record<string, Word['word']> = {
  skip: 'skip',
  pass: 'skip',
  'skip it': 'skip',
  'skip this': 'skip',
  back: 'back',
  'go back': 'back',
  previous: 'back',
  prev: 'back',
  next: 'next',
  keep: 'next',
  'keep it': 'next',
  same: 'next',
  unchanged: 'next',
  stop: 'stop',
  later: 'stop',
  pause: 'stop',
  'finish later': 'stop',
  'save for later': 'stop',
  done: 'done',
  send: 'done',
  submit: 'done',
  'send it': 'done',
  finished: 'done',
  'thats all': 'done',
  help: 'help',
  '?': 'help',
  commands: 'help',
  hi: 'resume',
  hello: 'resume',
  hey: 'resume',
  start: 'resume',
  continue: 'resume',
  resume: 'resume',
  'carry on': 'resume',
  'checkin skip': 'skip-week',
  '/checkin skip': 'skip-week',
  'skip this week': 'skip-week',
  'skip the week': 'skip-week',
  'skip week': 'skip-week',
};

export function parseWord(text: string): Word | undefined {
  const raw = text.trim().toLowerCase();
  if (raw === '?') return { word: 'help' };
  const s = simplify(text);
  const edit = /^(?:edit|change)(?: (?:question |answer |q)?(\d{1,2}))?$/.exec(s);
  if (edit) return edit[1] ? { word: 'edit', number: Number(edit[1]) } : { word: 'edit' };
  const w = WORDS[s];
  return w && w !== 'edit' ? ({ word: w } as Word) : undefined;
}

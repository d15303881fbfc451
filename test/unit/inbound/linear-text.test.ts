import { matchOption, readNumber, saysNothing, simplify } from '../../../src/domain/answer-parsing';
import { parseAmount } from '../../../src/domain/budget-rules';
import { parseDuration } from '../../../src/domain/durations';
import { parseNumber } from '../../../src/domain/indicator-rules';
import { parseCommand } from '../../../src/commands/parse-command';
import { slugFromStatement } from '../../../src/commands/slug';
import { tokenize } from '../../../src/commands/tokenize';
import { cleanMemberText, excerpt } from '../../../src/messages/member-text';
import { parseWord } from '../../../src/services/conversation-words';
import { plainSlackText } from '../../../adapters/slack/slack-dm';
import { normaliseSlackMentions } from '../../../adapters/slack/slack-inbound';
import { cutMrkdwn, escapeMrkdwn, richMrkdwn } from '../../../adapters/slack/render/text';
import { escapeCardText, MentionCollector, richMarkdownLine } from '../../../adapters/teams/render/text';
import { normaliseTeamsText, splitCommand } from '../../../adapters/teams/teams-inbound';
import { bestCostRatio, LINEAR_RATIO_LIMIT } from '../../support/cost-ratio';

/**
 * Every function that reads or renders user text costs time in proportion to the text: an
 * input four times longer costs about four times as much, never the sixteen times of a regular
 * expression that backtracks quadratically. Each is measured on the shapes that make such
 * expressions choke (test/support/cost-ratio.ts says how). The end-to-end proof, at each
 * platform's maximum over HTTP, is test/security/hostile-text.test.ts.
 */

/** `unit` repeated to `length` characters. */
const fill = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
/** A run of `unit` closed by a character that makes a trailing match fail. */
const runThen = (unit: string, end: string) => (length: number) => fill(unit, length - end.length) + end;

type Shape = [name: string, make: (length: number) => string];
type Reader = [name: string, read: (text: string) => unknown];

/** The ratio of every reader on every shape, and the pairs whose cost grew faster than linearly. */
function superLinear(readers: Reader[], shapes: Shape[], n: number): string[] {
  const slow: string[] = [];
  for (const [reader, read] of readers) {
    for (const [shape, make] of shapes) {
      const ratio = bestCostRatio(make, read, n);
      if (ratio >= LINEAR_RATIO_LIMIT) slow.push(`${reader} on ${shape}: ${ratio.toFixed(1)}x the cost for 4x the text`);
    }
  }
  return slow;
}

const HOSTILE: Shape[] = [
  ['repeated punctuation', runThen('!', 'x')],
  ['mixed punctuation', runThen('?!.,;:', 'x')],
  ['punctuation then a space', runThen('.', ' ')],
  ['repeated <@A|', (n) => fill('<@A|', n)],
  ['repeated <p', (n) => fill('<p', n)],
  ['repeated </div', (n) => fill('</div', n)],
  ['repeated <at>', (n) => fill('<at>', n)],
  ['repeated unclosed links', (n) => fill('<http:', n)],
  ['repeated unclosed labelled links', (n) => fill('<https:x|', n)],
  ['repeated <#C1|', (n) => fill('<#C1|', n)],
  ['repeated <!here|', (n) => fill('<!here|', n)],
  ['repeated &lt;@A|', (n) => fill('&lt;@A|', n)],
  ['nested quotes', runThen('"\'\u201c\u2018', 'x')],
  ['long space run', runThen(' ', 'x')],
  ['long tab and space run', runThen(' \t\u00a0', '!x')],
  ['spaces then a line break', runThen(' ', '\nx')],
  ['repeated underscores and stars', (n) => fill('_*~', n)],
  ['repeated dashes', runThen('-', '!')],
  ['repeated line starts', (n) => fill('\n# - 1. ', n)],
  ['mixed', runThen('<@A|<p <http:"\'!? \t', 'x')],
];

/** A Teams activity carrying `text` with one mention entity, as botbuilder hands it over. */
const teamsActivity = (text: string) => ({
  text,
  recipient: { id: '28:bot', name: 'Mission Pulse' },
  entities: [
    { type: 'mention', text: '<at>Mission Pulse</at>', mentioned: { id: '28:bot', name: 'Mission Pulse' } },
    { type: 'mention', text: '<at>A</at>', mentioned: { id: '29:a', name: 'A' } },
  ],
});

const OPTIONS = [
  { value: 'low', label: 'low' },
  { value: 'medium', label: 'medium' },
  { value: 'high', label: 'high' },
];

// Each measurement compares 2,500 characters with 10,000: long enough that quadratic work shows
// plainly, short enough that the old code fails in seconds rather than minutes.
const N = 2_500;

describe('reading and rendering user text costs time in proportion to its length', () => {
  it('a direct message, from the platform’s markup to the answer read from it', () => {
    const readers: Reader[] = [
      ['plainSlackText', plainSlackText],
      ['normaliseTeamsText', (s) => normaliseTeamsText(teamsActivity(s))],
      ['simplify', simplify],
      ['readNumber', readNumber],
      ['matchOption', (s) => matchOption(s, OPTIONS)],
      ['saysNothing', saysNothing],
      ['parseWord', parseWord],
    ];
    expect(superLinear(readers, HOSTILE, N)).toEqual([]);
  });

  it('a command, from the platform’s markup to the parsed command', () => {
    const ctx = { today: '2026-11-26' };
    const markup: Reader[] = [
      ['normaliseSlackMentions', normaliseSlackMentions],
      [
        'Teams command text',
        (s) => splitCommand(normaliseTeamsText(teamsActivity(`<at>Mission Pulse</at> mission ${s}`)).text, ['mission']),
      ],
    ];
    expect(superLinear(markup, HOSTILE, N)).toEqual([]);
    // The grammar reads at most 4,000 characters: measured at 1,000 and 4,000.
    const readers: Reader[] = [
      ['tokenize', tokenize],
      ['parseCommand create', (s) => parseCommand('mission', `create "${s}" slug=abc`, ctx)],
      ['parseCommand unclosed quote', (s) => parseCommand('mission', `create "${s} place=x`, ctx)],
      ['slugFromStatement', slugFromStatement],
    ];
    const commandShapes: Shape[] = [
      ...HOSTILE,
      ['repeated options', (n) => fill('a= ', n)],
      ['repeated dashed options', (n) => fill('--a', n)],
      ['repeated mentions', (n) => fill('<@A><@B>,', n)],
      ['repeated words', (n) => fill('word ', n)],
    ];
    expect(superLinear(readers, commandShapes, 1_000)).toEqual([]);
    // Option values are at most 500 characters.
    const values: Reader[] = [
      ['parseDuration', (s) => parseDuration(s)],
      ['parseAmount', parseAmount],
      ['parseNumber', parseNumber],
    ];
    const valueShapes: Shape[] = [...HOSTILE, ['digits', runThen('1', 'x')], ['grouped digits', runThen('1,000', 'x')]];
    expect(superLinear(values, valueShapes, 125)).toEqual([]);
  });

  it('member text rendered for Slack and Teams', () => {
    const readers: Reader[] = [
      ['escapeMrkdwn', escapeMrkdwn],
      ['richMrkdwn', (s) => richMrkdwn([s, { bold: s }])],
      ['cutMrkdwn', (s) => cutMrkdwn(escapeMrkdwn(s), s.length - 10)],
      ['escapeCardText', escapeCardText],
      ['richMarkdownLine', (s) => richMarkdownLine([s, { bold: s }], new MentionCollector())],
      ['cleanMemberText', cleanMemberText],
      ['excerpt', (s) => excerpt(s, 200)],
    ];
    expect(superLinear(readers, HOSTILE, N)).toEqual([]);
  });
});

import { DEFAULT_QUESTIONS } from '../../src/domain/questions';
import { buildSteps, readAnswer } from '../../src/services/checkin-steps';
import { parseWord } from '../../src/services/conversation-words';

/** How typed replies are read: numbers and words for options, the steering words, "no" for blockers. */
const steps = buildSteps(DEFAULT_QUESTIONS, []);
const step = (id: string) => steps.find((s) => s.id === id)!;
const read = (id: string, text: string) => readAnswer(step(id), text);

describe('reading a reply to a 1–5 scale', () => {
  it.each([
    ['4', '4'],
    ['four', '4'],
    ['Four!', '4'],
    ['4/5', '4'],
    ['4 out of 5', '4'],
    ['likely', '4'],
    ['Very likely', '5'],
    ['unsure', '3'],
    ['unl', '2'],
  ])('"%s" is %s', (text, value) => {
    expect(read('confidence', text)).toEqual({ ok: true, value });
  });

  it.each([
    ['pretty good', /This one is a scale: reply with a number from 1 \(very unlikely\) to 5 \(very likely\)/],
    ['0', /0 is not on the scale/],
    ['six', /six is not on the scale/],
    ['very', /This one is a scale/],
  ])('"%s" gets a hint', (text, hint) => {
    const r = read('confidence', text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.hint).toMatch(hint);
  });
});

describe('reading a reply to a choice', () => {
  it.each([
    ['high', 'high'],
    ['HIGH', 'high'],
    ['3', 'high'],
    ['three', 'high'],
    ['med', 'medium'],
    ['1', 'low'],
  ])('"%s" is %s', (text, value) => {
    expect(read('blocker_severity', text)).toEqual({ ok: true, value });
  });

  it('a reply that is none of the options names them all', () => {
    const r = read('blocker_severity', 'quite bad');
    expect(r).toEqual({ ok: false, hint: 'Please pick one of: 1 low, 2 medium, 3 high (the number or the word).' });
    expect(read('blocker_severity', '4').ok).toBe(false);
  });
});

describe('free text', () => {
  it('"no" to the blocker question is no blocker; elsewhere it is an answer', () => {
    expect(read('blocker', 'Nope.')).toEqual({ ok: true, value: '' });
    expect(read('blocker', 'No venue for the careers fair')).toEqual({ ok: true, value: 'No venue for the careers fair' });
    expect(read('moved', 'no')).toEqual({ ok: true, value: 'no' });
  });

  it('a reply over the length limit is refused with the numbers', () => {
    const r = read('blocker_help', 'x'.repeat(301));
    expect(r).toEqual({ ok: false, hint: "That's 301 characters; please keep this answer under 300." });
  });
});

describe('the steering words', () => {
  it.each([
    ['skip', 'skip'],
    ['Skip.', 'skip'],
    ['go back', 'back'],
    ['keep', 'next'],
    ['stop', 'stop'],
    ['later', 'stop'],
    ['Done!', 'done'],
    ['send', 'done'],
    ['?', 'help'],
    ['hello', 'resume'],
    ['checkin skip', 'skip-week'],
  ])('"%s" is %s', (text, word) => {
    expect(parseWord(text)?.word).toBe(word);
  });

  it('edit takes a question number', () => {
    expect(parseWord('edit 3')).toEqual({ word: 'edit', number: 3 });
    expect(parseWord('change answer 2')).toEqual({ word: 'edit', number: 2 });
    expect(parseWord('edit')).toEqual({ word: 'edit' });
  });

  it('a sentence that contains a word is an answer', () => {
    expect(parseWord('Stop the pilot in March')).toBeUndefined();
    expect(parseWord('done the DBS checks')).toBeUndefined();
    expect(parseWord('next week we meet the council')).toBeUndefined();
  });
});

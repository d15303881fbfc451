import type { ActionsBlock, ContextBlock, HeaderBlock, ImageBlock, KnownBlock, SectionBlock } from '@slack/types';
import { baseActionId, renderSlackMessage, SlackRenderError } from '../../adapters/slack/render';
import type { Message } from '../../src/messages/model';
import { ASHA, HOSTILE_MESSAGE, LIST_ITEMS, THIRTY_BUTTONS } from './fixtures';

const rendered = renderSlackMessage(HOSTILE_MESSAGE);
const ofType = <T extends KnownBlock>(type: T['type']): T[] => rendered.blocks.filter((b): b is T => b.type === type);

/** Every piece of mrkdwn Slack will parse: top-level text, section text and fields, context. */
function mrkdwnTexts(out: { text: string; blocks: KnownBlock[] }): string[] {
  const texts = [out.text];
  for (const b of out.blocks) {
    if (b.type === 'section') {
      if (b.text) texts.push(b.text.text);
      for (const f of b.fields ?? []) texts.push(f.text);
    }
    if (b.type === 'context') for (const e of b.elements) if ('text' in e) texts.push(e.text);
  }
  return texts;
}

describe('renderSlackMessage limits', () => {
  it('keeps to 50 blocks and 40,000 characters of top-level text', () => {
    expect(rendered.blocks.length).toBeLessThanOrEqual(50);
    expect(rendered.text.length).toBeLessThanOrEqual(40_000);
  });

  it('cuts header, section and field text to their limits with an ellipsis', () => {
    const header = ofType<HeaderBlock>('header')[0];
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    expect(header.text.text.endsWith('…')).toBe(true);
    const sections = ofType<SectionBlock>('section');
    for (const s of sections) expect(s.text?.text.length ?? 0).toBeLessThanOrEqual(3_000);
    const long = sections.find((s) => s.text?.text.startsWith('Long update.'));
    expect(long?.text?.text).toHaveLength(3_000);
    expect(long?.text?.text.endsWith('…')).toBe(true);
    for (const s of sections) {
      expect((s.fields ?? []).length).toBeLessThanOrEqual(10);
      for (const f of s.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2_000);
    }
  });

  it('splits 12 fields over two sections and keeps them all', () => {
    const fieldTexts = ofType<SectionBlock>('section').flatMap((s) => (s.fields ?? []).map((f) => f.text));
    expect(fieldTexts).toHaveLength(12);
    expect(fieldTexts[11]).toContain('*Field 12');
  });

  it('splits 30 buttons into actions blocks of at most 25, in order, each action id unique in its block', () => {
    const actions = ofType<ActionsBlock>('actions');
    expect(actions.map((a) => a.elements.length)).toEqual([25, 5]);
    const buttons = actions.flatMap((a) => a.elements).filter((e) => e.type === 'button');
    expect(buttons.map((b) => b.value)).toEqual(THIRTY_BUTTONS.map((b) => b.value));
    expect(buttons.map((b) => baseActionId(b.action_id ?? ''))).toEqual(THIRTY_BUTTONS.map((b) => b.actionId));
    for (const a of actions) {
      const ids = a.elements.map((e) => ('action_id' in e ? e.action_id : ''));
      expect(new Set(ids).size).toBe(ids.length);
    }
    for (const b of buttons) {
      expect(b.text.text.length).toBeLessThanOrEqual(75);
      expect((b.value ?? '').length).toBeLessThanOrEqual(2_000);
    }
    expect(buttons[0].text.text.endsWith('…')).toBe(true);
    expect(buttons[0].style).toBe('primary');
    expect(buttons[1].style).toBe('danger');
    expect(buttons[2].style).toBeUndefined();
  });

  it('lists all 300 items as bullets, title in bold, then "and 12 more"', () => {
    const listText = ofType<SectionBlock>('section')
      .map((s) => s.text?.text ?? '')
      .filter((t) => t.includes('• '))
      .join('\n');
    expect(listText.startsWith('*Open blockers &lt;!')).toBe(true);
    expect(listText.match(/^• \*Item \d+\*/gm)).toHaveLength(LIST_ITEMS.length);
    expect(listText.endsWith('_and 12 more_')).toBe(true);
  });

  it('renders progress as a text bar, the image with alt text, context within 10 elements', () => {
    const progress = ofType<SectionBlock>('section').find((s) => s.text?.text.includes('▓'));
    expect(progress?.text?.text).toContain('▓▓▓▓▓░░░░░ 50%');
    const image = ofType<ImageBlock>('image')[0];
    expect(image).toMatchObject({ image_url: 'https://charts.example/trend.png', alt_text: 'Confidence trend: 3.1 to 3.6' });
    for (const c of ofType<ContextBlock>('context')) expect(c.elements.length).toBeLessThanOrEqual(10);
    expect(ofType('divider')).toHaveLength(1);
  });
});

describe('renderSlackMessage escaping', () => {
  const texts = mrkdwnTexts(rendered);
  const all = texts.join('\n');

  it('produces exactly the deliberate mention and no other <…> markup', () => {
    expect(all).toContain(`<@${ASHA.userId}>`);
    const withoutDeliberate = all.split(`<@${ASHA.userId}>`).join('');
    expect(withoutDeliberate).not.toMatch(/[<>]/);
    expect(all).toContain('&lt;!\u200Dhere&gt;');
    expect(all).toContain('&lt;@U999EVIL&gt;');
    expect(all).toContain('fish &amp; chips');
  });

  it('leaves no broadcast word that could ping and no markdown link', () => {
    expect(all).not.toMatch(/[@!](channel|here|everyone)/i);
    expect(all).not.toContain('](');
    const buttonTexts = ofType<ActionsBlock>('actions').flatMap((a) => a.elements.map((e) => ('text' in e && e.text ? e.text.text : '')));
    expect(buttonTexts[1]).toBe('Button 2 @channel'); // plain_text never pings
  });

  it('bolds with *…* and neutralises asterisks inside the bold text', () => {
    expect(all).toContain('*star∗ed @\u200Dchannel*');
  });

  it('shows a {user} with a malformed id as its name, not as markup', () => {
    const out = renderSlackMessage({
      summary: 's',
      blocks: [{ kind: 'text', text: [{ user: { userId: 'U1>|<!channel', name: 'Sam <b>' } }] }],
    });
    const text = (out.blocks[0] as SectionBlock).text?.text;
    expect(text).toBe('Sam &lt;b&gt;');
  });
});

describe('renderSlackMessage caps', () => {
  it('keeps 49 blocks of a 60-block message and says how many were left out', () => {
    const msg: Message = { summary: 'many', blocks: Array.from({ length: 60 }, (_, i) => ({ kind: 'text', text: [`Part ${i + 1}`] })) };
    const out = renderSlackMessage(msg);
    expect(out.blocks).toHaveLength(50);
    expect(out.blocks[49]).toEqual({ type: 'context', elements: [expect.objectContaining({ text: 'and 11 more sections' })] });
  });

  it('refuses a button value over 2,000 characters rather than cutting it', () => {
    const msg: Message = {
      summary: 'x',
      blocks: [{ kind: 'actions', buttons: [{ actionId: 'a', label: 'A', value: 'v'.repeat(2_001) }] }],
    };
    expect(() => renderSlackMessage(msg)).toThrow(SlackRenderError);
  });

  it('never splits an entity or mention when cutting', () => {
    const text = `${'a'.repeat(2_997)}<<<<`;
    const out = renderSlackMessage({ summary: 'x', blocks: [{ kind: 'text', text: [text] }] });
    const cut = (out.blocks[0] as SectionBlock).text?.text ?? '';
    expect(cut.length).toBeLessThanOrEqual(3_000);
    expect(cut).toMatch(/^a+(&lt;)*…$/);
  });
});

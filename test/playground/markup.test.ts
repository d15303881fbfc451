import { renderSlackMessage, renderSlackModal } from '../../adapters/slack/render';
import { renderAdaptiveCard } from '../../adapters/teams/render';
import { cardMarkdownToHtml, mrkdwnToHtml, renderBlocks, renderModal } from '../../adapters/playground/web/render';
import { allElements } from '../render/card-checks';
import { ASHA, CHECKIN_FORM, HOSTILE_MESSAGE } from '../render/fixtures';

const users = { U0AMIRA: 'Amira Haddad', [ASHA.userId]: ASHA.name };

describe('Slack mrkdwn as the playground shows it', () => {
  it('formats bold, italics, strike and code, and names people instead of showing their ids', () => {
    const html = mrkdwnToHtml('*Week 7* _draft_ ~old~ `mission list` for <@U0AMIRA>', { users });
    expect(html).toBe(
      '<strong>Week 7</strong> <em>draft</em> <s>old</s> <code>mission list</code> for <span class="sk-mention">@Amira Haddad</span>',
    );
  });

  it('shows Slack-escaped text once-escaped, leaves markers inside words alone, and keeps line breaks and quotes', () => {
    const html = mrkdwnToHtml('fish &amp; chips &lt;b&gt; 2*3*4 snake_case_name\n&gt; quoted\nafter', { users });
    expect(html).toBe('fish &amp; chips &lt;b&gt; 2*3*4 snake_case_name<blockquote class="sk-quote">quoted</blockquote>after');
  });

  it('links only web addresses', () => {
    expect(mrkdwnToHtml('<https://example.org/a?b=1&amp;c=2|the report>', { users })).toBe(
      '<a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the report</a>',
    );
    expect(mrkdwnToHtml('<javascript:alert(1)|click>', { users })).toBe('click');
  });
});

describe('member text cannot become markup in either rendering', () => {
  it('Slack: no link, script or stray mention comes out of hostile text; only the deliberate mention is one', () => {
    const { html } = renderBlocks(renderSlackMessage(HOSTILE_MESSAGE).blocks, { users, interactive: true, idPrefix: 'h' });
    expect(html).not.toMatch(/<a |<script|<at>|evil\.example"/);
    const mentions = [...html.matchAll(/<span class="sk-mention[^"]*">([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(mentions.length).toBeGreaterThan(0);
    expect(new Set(mentions)).toEqual(new Set(['@Asha Patel']));
    expect(html).toContain('&lt;@U999EVIL&gt;');
  });

  it('Teams: card markdown makes no links from hostile text and highlights only the deliberate mention', () => {
    const texts = allElements(renderAdaptiveCard(HOSTILE_MESSAGE)).flatMap((el) => (el.type === 'TextBlock' ? [el.text] : []));
    const html = texts.map(cardMarkdownToHtml).join('\n');
    expect(html).not.toMatch(/<a |<script|<at>/);
    const mentions = [...html.matchAll(/<span class="ac-mention">([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(new Set(mentions)).toEqual(new Set(['Asha Patel']));
  });

  it('a modal keeps hostile initial values as values, not markup', () => {
    const view = renderSlackModal({
      ...CHECKIN_FORM,
      inputs: [{ kind: 'text', id: 'moved', label: 'What moved?', required: true, maxLength: 200, initial: '"><script>alert(1)</script>' }],
    });
    const { html } = renderModal(view, { users, interactive: false, idPrefix: 'm' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});

describe('Adaptive Card markdown', () => {
  it('renders bold, lists and safe links, and drops other link schemes', () => {
    expect(cardMarkdownToHtml('**Week 7**\n- one\n- two\nafter [report](https://example.org) [x](javascript:alert(1))')).toBe(
      '<strong>Week 7</strong><ul><li>one</li><li>two</li></ul>after <a href="https://example.org" target="_blank" rel="noopener noreferrer">report</a> [x](javascript:alert(1))',
    );
  });
});

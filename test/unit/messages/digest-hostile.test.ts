import type { KnownBlock } from '@slack/types';
import { renderSlackMessage } from '../../../adapters/slack/render';
import { cardByteSize, renderAdaptiveCard, type AcTextBlock, type AdaptiveCardJson } from '../../../adapters/teams/render';
import { buildDigest, memberStatuses, type DigestInput } from '../../../src/domain/digest';
import { digestDetailPages, detailsPageMessage } from '../../../src/messages/digest-details';
import { digestMessage } from '../../../src/messages/digest-message';
import type { Message } from '../../../src/messages/model';
import { validateBlocks } from '../../../adapters/stand-ins/slack/block-limits';
import { allElements, schemaErrors } from '../../render/card-checks';
import { answered, blocker, member, NOW, round, seededInput, WEEK } from '../domain/digest-fixtures';

/** What a member might type, or call themselves, to ping, link, restyle or spoof. */
const HOSTILE = [
  '<!channel> please look',
  '@here urgent and @everyone and @channel',
  '<!everyone> <!here|here>',
  '<@U123> and <@U123|boss> and <#C123>',
  '<at>Boss</at> and <at id="0">Boss</at>',
  '[click](https://evil.example)',
  '<https://evil.example|Your bank>',
  '*bold* _italic_ ~strike~',
  '**double** __under__',
  '# heading',
  'line one\n> quoted\n>> deeper',
  'para\n\n- dash item\n1. numbered\n---',
  'zero\u200Bwidth @\u200Bchannel <\u200B!here>',
  'rtl \u202Eexe.evil\u202C spoof \u2066isolated\u2069 \u200Fmark',
  '&lt;!channel&gt; already escaped',
  '<script>alert(1)</script>',
  'A'.repeat(3000),
];
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200F]/;

function hostileInput(): DigestInput {
  const base = seededInput();
  const people = HOSTILE.map((h, i) => member(`h${i}`, h.slice(0, 80), HOSTILE[(i + 3) % HOSTILE.length].slice(0, 80)));
  const r = round(
    WEEK,
    people.map((p) => p.id),
  );
  const checkins = people.map((p, i) =>
    answered(r, p.id, {
      moved: HOSTILE[i],
      next: HOSTILE[(i + 1) % HOSTILE.length],
      blocker: HOSTILE[(i + 2) % HOSTILE.length],
      blocker_severity: 'high',
      blocker_help: HOSTILE[(i + 4) % HOSTILE.length].slice(0, 300),
      confidence: '3',
      story: HOSTILE[(i + 5) % HOSTILE.length],
    }),
  );
  const blockers = people.map((p, i) =>
    blocker(`hb${i}`, p, HOSTILE[i], new Date(NOW.getTime() - (i % 4) * 7 * 86_400_000 - 3_600_000), {
      severity: 'high',
      helpWanted: HOSTILE[(i + 6) % HOSTILE.length].slice(0, 300),
      ...(i % 4 === 3
        ? {
            status: 'resolved' as const,
            resolvedAt: new Date(NOW.getTime() - 3_600_000),
            resolution: HOSTILE[(i + 7) % HOSTILE.length].slice(0, 200),
          }
        : {}),
    }),
  );
  return {
    ...base,
    round: r,
    checkins,
    members: people,
    blockers,
    awayNow: new Set(),
    mission: { ...base.mission, statement: HOSTILE.slice(0, 12).join(' ') },
  };
}

const input = hostileInput();
const digest = buildDigest(input);
const pages = digestDetailPages({
  digest,
  round: input.round,
  members: input.members,
  statuses: memberStatuses(input.round, input.checkins, input.awayNow),
  checkins: input.checkins,
});
const MESSAGES: Array<[string, Message]> = [
  ['the digest', digestMessage(digest, { pngBase64: Buffer.alloc(2_000, 1).toString('base64'), altText: HOSTILE.join(' ') })],
  ...pages.map((_, i): [string, Message] => [`details page ${i + 1}`, detailsPageMessage(digest, pages, i + 1)]),
];

/** Every string Slack parses as mrkdwn. */
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

describe.each(MESSAGES)('%s on Slack', (_name, message) => {
  const out = renderSlackMessage(message);
  const texts = mrkdwnTexts(out);
  const all = texts.join('\n');

  it('is valid Block Kit', () => {
    expect(validateBlocks(out.blocks, 'message')).toEqual([]);
  });

  it('has no markup that could mention, ping or link: no < or > at all, no broadcast word, no markdown link', () => {
    expect(all).not.toMatch(/[<>]/);
    expect(all).not.toMatch(/[@!](channel|here|everyone)/i);
    expect(all).not.toContain('](');
  });

  it('cannot restyle: no emphasis from member text, no quote at a line start, no reordering characters', () => {
    // Bold labels the digest sets (`*Participation*`) are the only asterisks.
    expect(all.replace(/\*[^*\n]+\*/g, '')).not.toContain('*');
    expect(all.replace(/_and \d+ more_/g, '')).not.toMatch(/(^|\s)_\S[^_\n]*_(\s|$)/m);
    expect(all).not.toMatch(/~\S[^~\n]*~/);
    for (const line of all.split('\n')) expect(line).not.toMatch(/^\s*(&gt;|>)/);
    expect(all).not.toMatch(BIDI);
  });
});

/** TextBlock texts and fact values: everything Teams parses as markdown. */
function cardTexts(card: AdaptiveCardJson): { text: string; list: boolean }[] {
  return allElements(card).flatMap((e) => {
    if (e.type === 'TextBlock') return [{ text: (e as AcTextBlock).text, list: (e as AcTextBlock).text.startsWith('- ') }];
    if (e.type === 'FactSet') return e.facts.map((f) => ({ text: `${f.title} ${f.value}`, list: false }));
    return [];
  });
}

describe.each(MESSAGES)('%s on Teams', (_name, message) => {
  const card = renderAdaptiveCard(message);
  const texts = cardTexts(card);
  const all = texts.map((t) => t.text).join('\n');

  it('is a valid Adaptive Card 1.5 under 28 KB', () => {
    expect(schemaErrors(card)).toEqual([]);
    expect(cardByteSize(card)).toBeLessThanOrEqual(28 * 1024);
  });

  it('mentions no one and links nothing: no <at>, no mention entities, no tag, no markdown link', () => {
    expect(card.msteams).toBeUndefined();
    expect(all).not.toContain('<at>');
    expect(all).not.toMatch(/<[^\u200B]/);
    expect(all).not.toContain('](');
  });

  it('cannot restyle: no emphasis, heading, quote or list from member text, no reordering characters', () => {
    expect(all.replace(/\*\*[^*\n]+\*\*/g, '')).not.toContain('*');
    expect(all).not.toContain('_italic_');
    for (const t of texts) {
      for (const line of t.text.split('\n')) {
        if (t.list) expect(line).toMatch(/^- \S/);
        else expect(line).not.toMatch(/^\s*(#|>|[-+*] |\d+[.)] |-{3})/);
      }
    }
    expect(all).not.toMatch(BIDI);
  });
});

describe('hostile text still reads as what was typed', () => {
  it('keeps the words, shows a 3,000-character answer in full in the details, and cuts it in the digest', () => {
    const slackAll = MESSAGES.map(([, m]) => mrkdwnTexts(renderSlackMessage(m)).join('\n')).join('\n');
    expect(slackAll).toContain('&lt;!\u200Dchannel&gt; please look');
    expect(slackAll).toContain('∗bold∗ ＿italic＿ ∼strike∼');
    const teamsAll = MESSAGES.map(([, m]) =>
      cardTexts(renderAdaptiveCard(m))
        .map((t) => t.text)
        .join('\n'),
    ).join('\n');
    expect(teamsAll).toContain('∗∗double∗∗ ＿＿under＿＿');
    expect(teamsAll).toContain('<\u200Bat\u200B>Boss<\u200B/at\u200B>');
    const details = pages
      .flat()
      .map((b) => (b.kind === 'text' ? b.text.map((p) => (typeof p === 'string' ? p : 'bold' in p ? p.bold : '')).join('') : ''))
      .join('')
      .replace(/\s+/g, '');
    expect(details).toContain('A'.repeat(3000));
    const digestText = mrkdwnTexts(renderSlackMessage(MESSAGES[0][1])).join('\n');
    expect(digestText).not.toContain('A'.repeat(300));
  });
});

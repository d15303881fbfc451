import type { ApiToken } from '../api-tokens/api-token';
import type { Mission } from '../domain/mission';
import type { Message, RichText } from './model';
import { withoutTrailingSlashes } from '../text/trim-chars';

/** Replies to `mission api-token`. Pure: data in, neutral message out. */

const day = (d: Date): string => d.toISOString().slice(0, 10);

function apiHint(apiBase: string | undefined): string {
  return apiBase ? `${withoutTrailingSlashes(apiBase)}/api/v1` : 'the Mission Pulse API (/api/v1 on this server)';
}

export function tokenIssuedMessage(mission: Mission, token: ApiToken, secret: string, apiBase?: string): Message {
  return {
    summary: `API token made for ${mission.slug}. Copy it now: it is shown only once.`,
    blocks: [
      { kind: 'header', text: `API token for ${mission.slug}` },
      { kind: 'text', text: [{ bold: 'Copy it now: it is shown only once.' }, ' Mission Pulse keeps only a fingerprint of it.'] },
      { kind: 'text', text: [secret] },
      {
        kind: 'fields',
        fields: [
          { label: 'Token id', value: token.id },
          { label: 'Name', value: token.label ?? 'none' },
          { label: 'Grants', value: `Read-only access to ${mission.slug}, as you` },
          { label: 'Expires', value: 'When revoked, or if you stop being an admin of the mission' },
        ],
      },
      {
        kind: 'context',
        text: [
          `Use it as "Authorization: Bearer <token>" with ${apiHint(apiBase)}, or: MISSION_PULSE_TOKEN=<token> npx mission-pulse missions`,
        ],
      },
      { kind: 'context', text: [`Revoke it with \`mission api-token ${mission.slug} revoke ${token.id}\``] },
    ],
  };
}

function tokenLine(t: ApiToken): RichText {
  const state = t.revokedAt
    ? `revoked ${day(t.revokedAt)}${t.revokedBy ? ` by ${t.revokedBy}` : ''}`
    : t.lastUsedAt
      ? `last used ${day(t.lastUsedAt)}`
      : 'never used';
  return [
    { bold: t.id },
    ` ${t.label ? `"${t.label}" ` : ''}— made by ${t.createdByName ?? t.createdBy.userId} on ${day(t.createdAt)}, ${state}`,
  ];
}

const MAX_LISTED = 30;

export function tokenListMessage(mission: Mission, tokens: ApiToken[]): Message {
  const live = tokens.filter((t) => !t.revokedAt);
  if (tokens.length === 0) {
    return {
      summary: `${mission.slug} has no API tokens.`,
      blocks: [
        { kind: 'text', text: [`${mission.slug} has no API tokens.`] },
        { kind: 'context', text: [`Make one in a direct message with me: \`mission api-token ${mission.slug} name="Power BI"\``] },
      ],
    };
  }
  const shown = [...live, ...tokens.filter((t) => t.revokedAt)].slice(0, MAX_LISTED);
  return {
    summary: `${mission.slug} has ${live.length} live API token${live.length === 1 ? '' : 's'}.`,
    blocks: [
      { kind: 'header', text: `API tokens for ${mission.slug}` },
      { kind: 'list', items: shown.map(tokenLine), more: tokens.length - shown.length || undefined },
      { kind: 'context', text: [`Revoke one with \`mission api-token ${mission.slug} revoke <token-id>\``] },
    ],
  };
}

export function tokenRevokedMessage(mission: Mission, token: ApiToken, already: boolean): Message {
  const text = already
    ? `Token ${token.id} of ${mission.slug} was already revoked.`
    : `Revoked token ${token.id}${token.label ? ` ("${token.label}")` : ''} of ${mission.slug}. Anything using it is refused from now on.`;
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

export function tokenNeedsDmMessage(slug: string): Message {
  const text = `For safety, API tokens are only shown in a direct message. Open a direct message with Mission Pulse and type \`mission api-token ${slug}\` there.`;
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

/** Refused when a mission already has as many live tokens as it may. */
export function tooManyTokensText(slug: string, max: number): string {
  return `${slug} already has ${max} live API tokens. Revoke one you no longer use first (\`mission api-token ${slug} list\`).`;
}

export function noSuchTokenText(slug: string, tokenId: string): string {
  return `${slug} has no API token ${tokenId}. See them with \`mission api-token ${slug} list\`.`;
}

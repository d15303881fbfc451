import { MAX_LIVE_TOKENS_PER_MISSION, type ApiToken } from '../api-tokens/api-token';
import { newTokenSecret, parseToken, secretMatches } from '../api-tokens/token-format';
import type { ApiTokenCommand } from '../commands/api-and-export';
import { workspaceKey, type ConversationRef } from '../domain/identity';
import { canConfigure, type Mission } from '../domain/mission';
import { invalidInput, notFound } from '../errors';
import {
  noSuchTokenText,
  tokenIssuedMessage,
  tokenListMessage,
  tokenNeedsDmMessage,
  tokenRevokedMessage,
  tooManyTokensText,
} from '../messages/api-token-messages';
import type { Message } from '../messages/model';
import type { ServiceContext } from './context';
import type { Actor } from './inbound-events';
import type { MissionService } from './mission-service';

/** Why a presented token was refused: `unauthenticated` is HTTP 401, `forbidden` 403. */
export type TokenCheck =
  { ok: true; token: ApiToken; mission: Mission } | { ok: false; denied: 'unauthenticated' | 'forbidden'; message: string };

/** How often, at most, one process records a token's last use (a write per request is waste). */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/**
 * Reporting API tokens: issued, listed and revoked by a mission's admins in chat, checked on
 * every API request. A token reads one mission, with the rights of the admin who issued it.
 */
export class ApiTokenService {
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly missions: MissionService,
    private readonly apiBase: () => string | undefined = () => undefined,
  ) {}

  async handle(actor: Actor, where: ConversationRef, cmd: ApiTokenCommand): Promise<Message> {
    switch (cmd.action) {
      case 'create':
        return this.issue(actor, where, cmd.slug, cmd.label);
      case 'list':
        return this.list(actor, cmd.slug);
      case 'revoke':
        return this.revoke(actor, cmd.slug, cmd.tokenId);
    }
  }

  /** Admins only, and only in a direct message: a reply elsewhere may be seen by others (Teams). */
  async issue(actor: Actor, where: ConversationRef, slug: string, label?: string): Promise<Message> {
    const { store, clock } = this.ctx;
    const { mission, me } = await this.missions.asAdmin(actor, slug);
    if (where.kind !== 'dm') return tokenNeedsDmMessage(mission.slug);
    const live = (await store.apiTokens.listByMission(mission.id)).filter((t) => !t.revokedAt);
    if (live.length >= MAX_LIVE_TOKENS_PER_MISSION) {
      throw invalidInput(tooManyTokensText(mission.slug, MAX_LIVE_TOKENS_PER_MISSION));
    }
    const secret = newTokenSecret();
    const at = clock.now();
    const token = await store.apiTokens.insert(
      {
        id: secret.id,
        missionId: mission.id,
        workspaceKey: workspaceKey(actor),
        secretHash: secret.secretHash,
        ...(label ? { label } : {}),
        createdBy: { platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId },
        createdByName: me.displayName,
      },
      at,
    );
    await store.audit.record(mission.id, actor, 'api-token.create', at, undefined, { id: token.id, label: token.label });
    this.ctx.logger.info({ missionId: mission.id, tokenId: token.id }, 'API token issued');
    return tokenIssuedMessage(mission, token, secret.token, this.apiBase());
  }

  async list(actor: Actor, slug: string): Promise<Message> {
    const { mission } = await this.missions.asAdmin(actor, slug);
    return tokenListMessage(mission, await this.ctx.store.apiTokens.listByMission(mission.id));
  }

  /** Any admin of the mission may revoke any of its tokens (someone may have left). */
  async revoke(actor: Actor, slug: string, tokenId: string): Promise<Message> {
    const { store, clock } = this.ctx;
    const { mission, me } = await this.missions.asAdmin(actor, slug);
    const token = await store.apiTokens.get(tokenId);
    if (!token || token.missionId !== mission.id) {
      throw notFound(noSuchTokenText(mission.slug, tokenId));
    }
    if (token.revokedAt) return tokenRevokedMessage(mission, token, true);
    const at = clock.now();
    await store.apiTokens.revoke(token.id, me.displayName, at);
    await store.audit.record(mission.id, actor, 'api-token.revoke', at, { id: token.id, label: token.label }, undefined);
    this.ctx.logger.info({ missionId: mission.id, tokenId: token.id }, 'API token revoked');
    return tokenRevokedMessage(mission, token, false);
  }

  /** Checks a presented token on every request: nothing is cached, so revocation is immediate. */
  async authenticate(presented: string | undefined): Promise<TokenCheck> {
    const refused = (message: string): TokenCheck => ({ ok: false, denied: 'unauthenticated', message });
    if (!presented) return refused('send a token as "Authorization: Bearer <token>"; an admin makes one with `mission api-token <slug>`');
    const parsed = parseToken(presented);
    if (!parsed) return refused('that is not a Mission Pulse API token');
    const { store, clock } = this.ctx;
    const found = await store.apiTokens.getWithHash(parsed.id);
    if (!found || !secretMatches(parsed.secret, found.secretHash)) return refused('unknown token');
    const { token } = found;
    if (token.revokedAt) return refused('this token was revoked');
    const mission = await store.missions.findById(token.missionId);
    if (!mission || !mission.workspaceKeys.includes(token.workspaceKey)) return refused('the mission this token was for is gone');
    const issuer = await store.members.find(mission.id, token.createdBy);
    if (!issuer || !canConfigure(issuer.role)) {
      return {
        ok: false,
        denied: 'forbidden',
        message: `whoever made this token is no longer an admin of ${mission.slug}; ask an admin for a new one`,
      };
    }
    await this.touch(token, clock.now());
    return { ok: true, token, mission };
  }

  private async touch(token: ApiToken, at: Date): Promise<void> {
    const last = this.touched.get(token.id) ?? token.lastUsedAt?.getTime() ?? 0;
    if (at.getTime() - last < TOUCH_EVERY_MS) return;
    this.touched.set(token.id, at.getTime());
    try {
      await this.ctx.store.apiTokens.touch(token.id, at);
    } catch (e) {
      this.ctx.logger.warn({ err: e, tokenId: token.id }, "could not record an API token's last use");
    }
  }
}

import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SlackApiError } from './errors';
import { optString, type SlackParams } from './params';
import type { SlackState, Workspace } from './state';

/**
 * Slack's OAuth v2 for a distributed app: the authorize page (here it consents at once, as the
 * installing person would) issues a one-time code and redirects to the app; oauth.v2.access
 * exchanges that code, with the app's client id and secret, for a new bot token of the
 * workspace, which the Web API then accepts like any other.
 */

export interface SlackOAuthOptions {
  /** Default 'stand-in-client-id' (Slack's look: digits, a dot, digits). */
  clientId?: string;
  /** Default 'stand-in-client-secret'. */
  clientSecret?: string;
  /** The app's configured redirect URLs; the first is used when the request names none. */
  redirectUrls?: string[];
}

/** Who installs next: a workspace (new or known) and the person consenting. */
export interface InstallSeed {
  teamId: string;
  teamName?: string;
  userId?: string;
}

export interface CompletedInstall {
  teamId: string;
  userId: string;
  botToken: string;
  scopes: string[];
}

interface IssuedCode {
  teamId: string;
  userId: string;
  scopes: string[];
  redirectUri?: string;
  issuedAt: number;
  used: boolean;
}

/** Slack codes live 10 minutes. */
const CODE_TTL_MS = 10 * 60_000;

export const DEFAULT_OAUTH_CLIENT_ID = '1111111111.2222222222';
export const DEFAULT_OAUTH_CLIENT_SECRET = 'stand-in-client-secret';

export class SlackOAuth {
  readonly clientId: string;
  readonly clientSecret: string;
  private redirectUrls: string[];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly queue: InstallSeed[] = [];
  readonly completed: CompletedInstall[] = [];
  private counter = 0;

  constructor(
    private readonly state: SlackState,
    options: SlackOAuthOptions = {},
  ) {
    this.clientId = options.clientId ?? DEFAULT_OAUTH_CLIENT_ID;
    this.clientSecret = options.clientSecret ?? DEFAULT_OAUTH_CLIENT_SECRET;
    this.redirectUrls = [...(options.redirectUrls ?? [])];
  }

  setRedirectUrls(urls: string[]): void {
    this.redirectUrls = [...urls];
  }

  /** The next authorize consents for this workspace (created if new) and person. */
  nextInstall(seed: InstallSeed): void {
    this.queue.push(seed);
  }

  /**
   * GET /oauth/v2/authorize: the redirect (302) back to the app with a code and the state
   * untouched, or an error page (400) for a wrong client id or redirect URL.
   */
  authorize(query: URLSearchParams): { status: number; location?: string; error?: string } {
    if (query.get('client_id') !== this.clientId) return { status: 400, error: 'invalid_client_id' };
    const asked = query.get('redirect_uri') ?? undefined;
    if (asked !== undefined && !this.redirectUrls.some((u) => asked.startsWith(u))) return { status: 400, error: 'bad_redirect_uri' };
    const redirect = asked ?? this.redirectUrls[0];
    if (!redirect) return { status: 400, error: 'no_redirect_uri' };
    const seed = this.queue.shift() ?? this.newWorkspaceSeed();
    const ws =
      this.state.workspace(seed.teamId) ?? this.state.addWorkspace({ teamId: seed.teamId, teamName: seed.teamName, botTokens: [] });
    const code = `${Date.now()}.${randomBytes(12).toString('hex')}`;
    this.codes.set(code, {
      teamId: ws.teamId,
      userId: seed.userId ?? 'U0INSTALLER',
      scopes: (query.get('scope') ?? '').split(',').filter(Boolean),
      ...(asked !== undefined ? { redirectUri: asked } : {}),
      issuedAt: Date.now(),
      used: false,
    });
    const back = new URL(redirect);
    back.searchParams.set('code', code);
    const state = query.get('state');
    if (state !== null) back.searchParams.set('state', state);
    return { status: 302, location: back.toString() };
  }

  /** oauth.v2.access (grant_type authorization_code). Throws SlackApiError as Slack answers. */
  exchange(params: SlackParams, headers: IncomingHttpHeaders): Record<string, unknown> {
    const basic = /^Basic\s+(\S.*)$/i.exec(headers.authorization ?? '');
    const [basicId, basicSecret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [];
    const clientId = optString(params, 'client_id') ?? basicId;
    const clientSecret = optString(params, 'client_secret') ?? basicSecret;
    if (clientId !== this.clientId) throw new SlackApiError('invalid_client_id');
    if (clientSecret !== this.clientSecret) throw new SlackApiError('bad_client_secret');
    const code = optString(params, 'code');
    const issued = code ? this.codes.get(code) : undefined;
    if (!issued || issued.used || Date.now() - issued.issuedAt > CODE_TTL_MS) throw new SlackApiError('invalid_code');
    issued.used = true;
    if (issued.redirectUri !== undefined && optString(params, 'redirect_uri') !== issued.redirectUri)
      throw new SlackApiError('bad_redirect_uri');
    const ws = this.state.workspace(issued.teamId) as Workspace;
    const botToken = `xoxb-${ws.teamId}-${randomBytes(12).toString('hex')}`;
    ws.botTokens.push(botToken);
    this.completed.push({ teamId: ws.teamId, userId: issued.userId, botToken, scopes: issued.scopes });
    return {
      ok: true,
      app_id: ws.appId,
      authed_user: { id: issued.userId },
      scope: issued.scopes.join(','),
      token_type: 'bot',
      access_token: botToken,
      bot_user_id: ws.botUserId,
      team: { id: ws.teamId, name: ws.teamName },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  reset(): void {
    this.codes.clear();
    this.queue.length = 0;
    this.completed.length = 0;
  }

  private newWorkspaceSeed(): InstallSeed {
    this.counter += 1;
    return { teamId: `T0INSTALL${String(this.counter).padStart(3, '0')}`, teamName: `Installed Workspace ${this.counter}` };
  }
}

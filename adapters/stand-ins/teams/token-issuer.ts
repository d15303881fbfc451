import { randomUUID } from 'node:crypto';
import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import { MsalServiceClientCredentialsFactory, type ServiceClientCredentialsFactory } from 'botframework-connector';
import express, { type Request, type Response } from 'express';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { listenOnLoopback } from '../common/http-server';
import { createSigningKey, toJwk } from './keys';
import { loopbackNetworkModule } from './msal-network';

/** What Bot Framework's channel tokens carry as issuer, and the Connector's OAuth scope. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
export const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';
/** The tenant Microsoft uses for multi-tenant bot tokens (login.microsoftonline.com/botframework.com). */
export const BOT_FRAMEWORK_TENANT = 'botframework.com';
export const DEFAULT_ENDORSEMENTS = ['msteams', 'emulator', 'webchat', 'directline', 'slack', 'skype', 'test'];

export interface TokenIssuerOptions {
  /** Bot apps the login endpoint accepts (appId -> client secret). More can be added with registerApp. */
  apps?: Record<string, string>;
  /** Channels the signing key is endorsed for (botbuilder checks activity.channelId is one). */
  endorsements?: string[];
  /** Lifetime of app (bot -> connector) tokens. Default 3600 s. */
  accessTokenLifetimeSec?: number;
}

export interface IssueChannelTokenOptions {
  /** The bot's Microsoft App Id; becomes `aud`. */
  appId: string;
  /** Must equal the activity's serviceUrl (botbuilder compares the `serviceurl` claim). */
  serviceUrl: string;
  /** Default https://api.botframework.com */
  issuer?: string;
  /** Default 3600; negative gives an expired token (botbuilder allows 5 minutes of clock skew). */
  expiresInSec?: number;
  /** 'wrong-key' signs with a key that is not in the JWKS (same kid), so the signature check fails. */
  signWith?: 'good' | 'wrong-key';
  /** `nbf` in epoch seconds; default now - 5 s. */
  notBefore?: number;
  /** Extra or overriding claims. */
  claims?: Record<string, unknown>;
}

export interface AppCredentialsInput {
  appId: string;
  appPassword: string;
  /** Tenant in the login authority; default botframework.com (multi-tenant). */
  tenantId?: string;
}

/** The keys botbuilder's ConfigurationBotFrameworkAuthentication reads (a type alias so it fits its index signature). */
export type StandInBotAuthConfig = {
  MicrosoftAppId: string;
  MicrosoftAppPassword: string;
  MicrosoftAppType: 'MultiTenant' | 'SingleTenant';
  MicrosoftAppTenantId: string;
  ToBotFromChannelOpenIdMetadataUrl: string;
  ToBotFromChannelTokenIssuer: string;
  ToBotFromEmulatorOpenIdMetadataUrl: string;
  ToChannelFromBotLoginUrl: string;
  ToChannelFromBotOAuthScope: string;
  OAuthUrl: string;
  ValidateAuthority: boolean;
};

export interface TokenRequestRecord {
  at: number;
  clientId: string;
  scope: string;
  tenant: string;
  granted: boolean;
}

export interface TokenIssuer {
  /** http://127.0.0.1:PORT */
  readonly baseUrl: string;
  /** For ToBotFromChannelOpenIdMetadataUrl. */
  readonly openIdMetadataUrl: string;
  readonly jwksUri: string;
  /** The issuer channel tokens carry by default (ToBotFromChannelTokenIssuer). */
  readonly channelIssuer: string;
  /** https://127.0.0.1:PORT/<tenant> — the MSAL authority (ToChannelFromBotLoginUrl). */
  loginUrl(tenantId?: string): string;
  registerApp(appId: string, appPassword: string): void;
  /** A channel -> bot token, as Bot Framework puts in `Authorization: Bearer` of inbound activities. */
  issueChannelToken(opts: IssueChannelTokenOptions): string;
  /** Mints a bot -> connector app token directly (what MSAL would fetch), for raw HTTP tests. */
  issueAppToken(appId: string, opts?: { audience?: string; tenantId?: string; expiresInSec?: number }): string;
  /** Verifies a bot -> connector token this issuer granted; returns its claims or throws. */
  verifyAppToken(token: string, audience?: string): JwtPayload;
  /**
   * A botframework ServiceClientCredentialsFactory whose MSAL client gets its app token from this
   * stand-in (real MSAL client-credentials flow; see README for why a factory is needed).
   */
  credentialsFactory(input: AppCredentialsInput): ServiceClientCredentialsFactory;
  /** The configuration object for `new ConfigurationBotFrameworkAuthentication(config, credentialsFactory)`. */
  botAuthConfig(input: AppCredentialsInput & { appType?: 'MultiTenant' | 'SingleTenant' }): StandInBotAuthConfig;
  tokenRequests(): TokenRequestRecord[];
  close(): Promise<void>;
}

export async function startTokenIssuer(options: TokenIssuerOptions = {}): Promise<TokenIssuer> {
  const key = createSigningKey();
  const strangerKey = createSigningKey();
  const endorsements = options.endorsements ?? DEFAULT_ENDORSEMENTS;
  const apps = new Map(Object.entries(options.apps ?? {}));
  const lifetime = options.accessTokenLifetimeSec ?? 3600;
  const requests: TokenRequestRecord[] = [];

  const app = express();
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: false }));

  const mintAppToken = (appId: string, audience: string, tenant: string, lifetimeSec: number): string => {
    const now = Math.floor(Date.now() / 1000);
    return jwt.sign(
      {
        aud: audience,
        iss: `https://sts.windows.net/${tenant}/`,
        appid: appId,
        azp: appId,
        tid: tenant,
        ver: '1.0',
        iat: now,
        nbf: now - 5,
        exp: now + lifetimeSec,
      },
      key.privateKey,
      { algorithm: 'RS256', keyid: key.kid },
    );
  };

  const httpsBase = (): string => `https://${new URL(listening.baseUrl).host}`;

  // Channel -> bot metadata: what botbuilder's OpenIdMetadata fetches, then follows jwks_uri.
  app.get('/.well-known/openid-configuration', (_req: Request, res: Response) => {
    res.json({
      issuer: BOT_FRAMEWORK_ISSUER,
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: `${listening.baseUrl}/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    });
  });
  app.get('/keys', (_req: Request, res: Response) => {
    res.json({ keys: [toJwk(key, endorsements)] });
  });

  // Microsoft identity platform look-alike for MSAL: authority metadata and the token endpoint.
  const aadMetadata = (req: Request, res: Response): void => {
    const tenant = String(req.params.tenant);
    const base = `${httpsBase()}/${tenant}`;
    res.json({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${httpsBase()}/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${base}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid'],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'stand-in.invalid',
    });
  };
  app.get('/:tenant/v2.0/.well-known/openid-configuration', aadMetadata);
  app.get('/:tenant/.well-known/openid-configuration', aadMetadata);

  app.post('/:tenant/oauth2/v2.0/token', (req: Request, res: Response) => {
    const tenant = String(req.params.tenant);
    const body = (req.body ?? {}) as Record<string, string>;
    const clientId = body.client_id ?? '';
    const scope = body.scope ?? '';
    const record = (granted: boolean): void => void requests.push({ at: Date.now(), clientId, scope, tenant, granted });
    if (body.grant_type !== 'client_credentials') {
      record(false);
      res
        .status(400)
        .json({ error: 'unsupported_grant_type', error_description: 'AADSTS70003: only client_credentials is served by the stand-in.' });
      return;
    }
    const secret = apps.get(clientId);
    if (secret === undefined || secret !== body.client_secret) {
      record(false);
      res
        .status(401)
        .json({ error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] });
      return;
    }
    const accessToken = mintAppToken(clientId, scope.replace(/\/\.default$/, ''), tenant, lifetime);
    record(true);
    res.json({ token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken });
  });

  const listening = await listenOnLoopback(app);

  const issuer: TokenIssuer = {
    baseUrl: listening.baseUrl,
    openIdMetadataUrl: `${listening.baseUrl}/.well-known/openid-configuration`,
    jwksUri: `${listening.baseUrl}/keys`,
    channelIssuer: BOT_FRAMEWORK_ISSUER,
    loginUrl: (tenantId = BOT_FRAMEWORK_TENANT) => `${httpsBase()}/${tenantId}`,
    registerApp: (appId, appPassword) => void apps.set(appId, appPassword),
    issueChannelToken(opts) {
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        serviceurl: opts.serviceUrl,
        nbf: opts.notBefore ?? now - 5,
        exp: now + (opts.expiresInSec ?? 3600),
        iss: opts.issuer ?? BOT_FRAMEWORK_ISSUER,
        aud: opts.appId,
        ...opts.claims,
      };
      const signer = opts.signWith === 'wrong-key' ? strangerKey.privateKey : key.privateKey;
      return jwt.sign(claims, signer, { algorithm: 'RS256', keyid: key.kid, noTimestamp: true });
    },
    issueAppToken: (appId, opts = {}) =>
      mintAppToken(appId, opts.audience ?? BOT_FRAMEWORK_SCOPE, opts.tenantId ?? BOT_FRAMEWORK_TENANT, opts.expiresInSec ?? lifetime),
    verifyAppToken(token, audience = BOT_FRAMEWORK_SCOPE) {
      const payload = jwt.verify(token, key.publicKey, { algorithms: ['RS256'], audience });
      if (typeof payload === 'string') throw new Error('unexpected string JWT payload');
      return payload;
    },
    credentialsFactory({ appId, appPassword, tenantId }) {
      const host = new URL(listening.baseUrl).host;
      const client = new ConfidentialClientApplication({
        auth: { clientId: appId, clientSecret: appPassword, authority: issuer.loginUrl(tenantId), knownAuthorities: [host] },
        system: {
          networkClient: loopbackNetworkModule(host),
          loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
        },
      });
      return new MsalServiceClientCredentialsFactory(appId, client);
    },
    botAuthConfig({ appId, appPassword, tenantId, appType }) {
      const tenant = tenantId ?? BOT_FRAMEWORK_TENANT;
      return {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: appPassword,
        MicrosoftAppType: appType ?? (tenantId ? 'SingleTenant' : 'MultiTenant'),
        MicrosoftAppTenantId: tenantId ?? '',
        ToBotFromChannelOpenIdMetadataUrl: issuer.openIdMetadataUrl,
        ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
        // Keeps the emulator path local too, so nothing ever calls out to Microsoft.
        ToBotFromEmulatorOpenIdMetadataUrl: issuer.openIdMetadataUrl,
        ToChannelFromBotLoginUrl: issuer.loginUrl(tenant),
        ToChannelFromBotOAuthScope: BOT_FRAMEWORK_SCOPE,
        OAuthUrl: `${listening.baseUrl}/oauth-api-unused`,
        ValidateAuthority: false,
      };
    },
    tokenRequests: () => [...requests],
    close: () => listening.close(),
  };
  return issuer;
}

/** A random GUID-style app id, handy for tests that want fresh MSAL / token caches. */
export const newAppId = (): string => randomUUID();

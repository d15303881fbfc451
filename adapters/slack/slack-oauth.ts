import type { ExpressReceiverOptions } from '@slack/bolt';
import type { SlackOAuthConfig } from '../../src/config';
import { BOT_SCOPES } from './bot-scopes';
import type { VaultInstallationStore } from './installation-store';
import { installedPage, installFailedPage } from './oauth-pages';

export const INSTALL_PATH = '/slack/install';
/** Must match the manifest's oauth_config.redirect_urls. */
export const REDIRECT_PATH = '/slack/oauth_redirect';

/**
 * Slack's authorize page sits beside its Web API (https://slack.com/api/ and
 * https://slack.com/oauth/v2/authorize), so a different API base (a stand-in) implies its own.
 */
export function authorizeUrlFor(apiUrl: string): string {
  return new URL('../oauth/v2/authorize', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`).toString();
}

/**
 * The ExpressReceiver options for installing in many workspaces: GET /slack/install sets a
 * signed `state` in a cookie and sends the person to Slack; GET /slack/oauth_redirect checks
 * that state against the cookie, exchanges the code (oauth.v2.access) and stores the
 * installation through the store, which seals it.
 */
export function oauthReceiverOptions(opts: {
  oauth: SlackOAuthConfig;
  store: VaultInstallationStore;
  apiUrl?: string;
  publicUrl?: string;
}): Partial<ExpressReceiverOptions> {
  const { oauth } = opts;
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore: opts.store,
    ...(opts.publicUrl ? { redirectUri: `${opts.publicUrl}${REDIRECT_PATH}` } : {}),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      // The install link goes straight to Slack (the "Direct install URL" Slack's directory wants).
      directInstall: true,
      stateVerification: true,
      ...(opts.apiUrl ? { clientOptions: { slackApiUrl: opts.apiUrl }, authorizationUrl: authorizeUrlFor(opts.apiUrl) } : {}),
      callbackOptions: {
        success: (installation, _options, _req, res) => installedPage(res, installation.team?.name ?? installation.enterprise?.name),
        failure: (error, _options, _req, res) => installFailedPage(res, error.code),
      },
    },
  };
}

import slackManifest from '../../manifests/slack/manifest.json';

/** The bot scopes asked for at install: the manifest's list, the one place they are written down. */
export const BOT_SCOPES: readonly string[] = slackManifest.oauth_config.scopes.bot;

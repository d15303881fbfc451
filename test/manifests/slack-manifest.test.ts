import { readFileSync } from 'node:fs';
import { manifestPaths } from '../../manifests/paths';
import { renderSlackManifest } from '../../manifests/slack/render-manifest';
import { PLACEHOLDER_HOST } from '../../manifests/substitute';
import { validateSlackManifest } from '../support/published-schemas';

interface SlackManifest {
  display_information: { name: string; long_description: string; background_color: string };
  features: {
    slash_commands: { command: string; url: string; should_escape?: boolean; usage_hint?: string; description: string }[];
    app_home: Record<string, boolean>;
    bot_user: { display_name: string };
  };
  oauth_config: { redirect_urls: string[]; scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

const paths = manifestPaths();
const load = (): SlackManifest => JSON.parse(readFileSync(paths.slackManifest, 'utf8')) as SlackManifest;
const EVENTS_URL = `https://${PLACEHOLDER_HOST}/slack/events`;

/** The scopes listed in the first column of SCOPES.md's table. */
function documentedScopes(): string[] {
  const text = readFileSync(paths.slackScopesDoc, 'utf8');
  return [...text.matchAll(/^\|\s*`([a-z:._]+)`\s*\|/gm)].map((m) => m[1]);
}

describe('Slack app manifest', () => {
  it('is valid against the published Slack manifest schema', () => {
    expect(validateSlackManifest(load())).toEqual({ valid: true, errors: [] });
  });

  it('asks for exactly the bot scopes SCOPES.md justifies, and no user scopes', () => {
    const manifest = load();
    expect(documentedScopes().length).toBeGreaterThan(0);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...documentedScopes()].sort());
    expect(manifest.oauth_config.scopes.user ?? []).toEqual([]);
  });

  it('offers /mission, /checkin and /blocker, escaped, all sent to the events endpoint', () => {
    const commands = load().features.slash_commands;
    expect(commands.map((c) => c.command)).toEqual(['/mission', '/checkin', '/blocker']);
    for (const command of commands) {
      expect(command).toMatchObject({ url: EVENTS_URL, should_escape: true });
      expect(command.usage_hint).toBeTruthy();
    }
  });

  it('subscribes to the events the bot handles, with interactivity and OAuth install over HTTPS', () => {
    const { settings, oauth_config, features } = load();
    expect([...settings.event_subscriptions.bot_events].sort()).toEqual(
      ['app_home_opened', 'app_uninstalled', 'message.im', 'tokens_revoked'].sort(),
    );
    expect(settings.event_subscriptions.request_url).toBe(EVENTS_URL);
    expect(settings.interactivity).toEqual({ is_enabled: true, request_url: EVENTS_URL });
    expect(oauth_config.redirect_urls).toEqual([`https://${PLACEHOLDER_HOST}/slack/oauth_redirect`]);
    expect(settings).toMatchObject({ org_deploy_enabled: false, socket_mode_enabled: false, token_rotation_enabled: false });
    expect(features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(features.bot_user.display_name).toBe('Mission Pulse');
  });

  it('is rejected when Slack would refuse it', () => {
    const short = load();
    short.display_information.long_description = 'Too short for Slack.';
    expect(validateSlackManifest(short).errors).toEqual([expect.stringContaining('/display_information/long_description')]);

    const colour = load();
    colour.display_information.background_color = 'blue';
    expect(validateSlackManifest(colour).valid).toBe(false);

    const http = load();
    http.settings.event_subscriptions.request_url = `http://${PLACEHOLDER_HOST}/slack/events`;
    expect(validateSlackManifest(http).errors).toEqual(['/settings/event_subscriptions/request_url: must be an https:// URL']);

    const userScopes = load();
    userScopes.oauth_config.scopes.user = ['chat:write'];
    expect(validateSlackManifest(userScopes).valid).toBe(false);
  });
});

describe('renderSlackManifest', () => {
  it('puts the real host into every URL, ready to paste into Slack', () => {
    const { json, placeholders } = renderSlackManifest(load(), 'Pulse.Council.gov.uk');
    expect(placeholders).toEqual([]);
    expect(json).not.toContain(PLACEHOLDER_HOST);
    const rendered = JSON.parse(json) as SlackManifest;
    expect(rendered.features.slash_commands.map((c) => c.url)).toEqual([
      'https://pulse.council.gov.uk/slack/events',
      'https://pulse.council.gov.uk/slack/events',
      'https://pulse.council.gov.uk/slack/events',
    ]);
    expect(rendered.oauth_config.redirect_urls).toEqual(['https://pulse.council.gov.uk/slack/oauth_redirect']);
  });

  it('gives a manifest Slack accepts: valid against the published schema', () => {
    expect(validateSlackManifest(JSON.parse(renderSlackManifest(load(), 'pulse.council.gov.uk').json))).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('keeps the placeholder and says so when no host is given', () => {
    expect(renderSlackManifest(load()).placeholders).toEqual([PLACEHOLDER_HOST]);
  });

  it('refuses a host given as a URL or with a wildcard', () => {
    expect(() => renderSlackManifest(load(), 'https://pulse.council.gov.uk')).toThrow(expect.objectContaining({ code: 'INVALID_HOST' }));
    expect(() => renderSlackManifest(load(), '*.council.gov.uk')).toThrow(expect.objectContaining({ code: 'INVALID_HOST' }));
  });
});

import type { webApi } from '@slack/bolt';
import { SendError } from '../../src/outbox/platform-sender';

/** The outbox's way to a Web API client holding the right workspace's bot token. */
export interface SlackWorkspaceClients {
  /** Throws SendError('permanent') when the app is not (or no longer) installed there. */
  forWorkspace(teamId: string): Promise<webApi.WebClient>;
  /** The app was uninstalled from this workspace: stop sending there at once. */
  forget(teamId: string): void;
}

export const NOT_INSTALLED = 'Mission Pulse is not installed in this Slack workspace';
const UNINSTALLED = 'Mission Pulse was uninstalled from this Slack workspace';

/**
 * One workspace, one token from the configuration. After an uninstall Slack refuses the token
 * anyway; this process stops trying at once instead of finding out per message.
 */
export function singleWorkspaceClients(client: webApi.WebClient): SlackWorkspaceClients {
  const uninstalled = new Set<string>();
  return {
    async forWorkspace(teamId) {
      if (uninstalled.has(teamId)) throw new SendError('permanent', UNINSTALLED);
      return client;
    },
    forget(teamId) {
      uninstalled.add(teamId);
    },
  };
}

interface Cached {
  token: string;
  client: webApi.WebClient;
  until: number;
}

/** How long a looked-up token is trusted before the store is asked again (other replicas may have uninstalled). */
export const TOKEN_CACHE_MS = 30_000;

/**
 * Many workspaces installed through OAuth: each send uses the token stored for the target's
 * workspace, looked up through the installation store and kept for a short while.
 */
export function installedWorkspaceClients(opts: {
  botToken: (teamId: string) => Promise<string | undefined>;
  makeClient: (token: string) => webApi.WebClient;
  ttlMs?: number;
  now?: () => number;
}): SlackWorkspaceClients {
  const ttl = opts.ttlMs ?? TOKEN_CACHE_MS;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, Cached>();
  return {
    async forWorkspace(teamId) {
      const hit = cache.get(teamId);
      if (hit && hit.until > now()) return hit.client;
      let token: string | undefined;
      try {
        token = await opts.botToken(teamId);
      } catch (e) {
        // The database is down (or the key is wrong, which the vault logs): the outbox retries.
        throw new SendError('transient', `Could not read the Slack installation: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!token) {
        cache.delete(teamId);
        throw new SendError('permanent', NOT_INSTALLED);
      }
      const client = hit?.token === token ? hit.client : opts.makeClient(token);
      cache.set(teamId, { token, client, until: now() + ttl });
      return client;
    },
    forget(teamId) {
      cache.delete(teamId);
    },
  };
}

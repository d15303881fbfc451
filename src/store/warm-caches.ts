import type { Logger } from 'pino';
import type { Store } from './store';

/**
 * Fills the per-process caches that commands read on every call (which missions each
 * workspace sees, and their rosters) before the bot takes traffic: otherwise the first burst
 * after a start would make one full read per mission at once on the embedded database.
 */
export async function warmCaches(store: Store, logger: Logger): Promise<void> {
  const started = Date.now();
  const missionIds = await store.missions.warm();
  const rosters = await store.members.warm(missionIds);
  logger.info({ missions: missionIds.length, rosters, ms: Date.now() - started }, 'caches warmed');
}

import type { Activity } from 'botbuilder';
import type { RequestHandler } from 'express';
import type { TeamsConfig } from '../../src/config';
import type { Logger } from '../../src/logger';
import { teamsTenantId } from './teams-inbound';

/**
 * A single-tenant bot answers its own organisation only. botbuilder checks the Bot Framework
 * token, which the channel signs for every tenant alike, so the activity's tenant is checked
 * here: anything from another tenant gets 403 and reaches nothing else.
 */
export function singleTenantGuard(config: TeamsConfig, logger: Logger): RequestHandler | undefined {
  if (config.appType !== 'SingleTenant' || !config.appTenantId) return undefined;
  const own = config.appTenantId.toLowerCase();
  return (req, res, next) => {
    const activity = (req.body ?? {}) as Partial<Activity>;
    if (config.allowEmulator && activity.channelId === 'emulator') return next();
    const tenant = teamsTenantId(activity);
    if (tenant.toLowerCase() === own) return next();
    logger.warn(
      { platform: 'teams', tenant, type: activity.type },
      'refused an activity from another tenant: this bot is registered single-tenant',
    );
    res.status(403).json({ error: 'This bot serves one organisation only.' });
  };
}

import type { NextFunction, Request, Response } from 'express';

const FIVE_MINUTES_S = 5 * 60;

/**
 * Bolt refuses requests signed more than five minutes ago but accepts any timestamp in the
 * future. Slack's guidance (and review) is "more than five minutes away" either way, so a
 * request stamped too far ahead is refused here, before any work.
 */
export function slackTimestampGuard(now: () => number = Date.now) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const ts = Number(req.header('x-slack-request-timestamp'));
    if (Number.isFinite(ts) && ts - now() / 1000 > FIVE_MINUTES_S) {
      res.status(401).send('stale or future request timestamp');
      return;
    }
    next();
  };
}

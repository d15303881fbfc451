import type { NextFunction, Request, Response } from 'express';
import onHeaders from 'on-headers';

/**
 * A refusal sent before the request's body was read in full (a 413 for an oversized body, a
 * 401 for a bad signature) closes the connection. The unread rest of the body is still on its
 * way: a client that reused the socket would have its next request fail. `Connection: close`
 * tells it not to, and Node closes the socket once the answer is sent.
 */
export function closeAfterRefusal() {
  return (req: Request, res: Response, next: NextFunction): void => {
    onHeaders(res, () => {
      if (res.statusCode >= 400 && !req.complete) res.setHeader('Connection', 'close');
    });
    next();
  };
}

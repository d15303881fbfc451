import type { RequestHandler } from 'express';

/**
 * A response sent before its request's body has been read (an oversized body refused at once)
 * leaves the rest of that body on the connection; a client that reuses the connection then has
 * its next request read as the end of the old body, and gets a reset. Closing the connection
 * after such a response (RFC 9112, section 9.6) keeps the next request on a clean one.
 */
export function closeUnreadRequests(): RequestHandler {
  return (req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close');
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  };
}

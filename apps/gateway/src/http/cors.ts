import type { RequestHandler } from 'express';

const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Lets exactly one browser origin (the console's) call /graphql: its requests get
 * Access-Control-Allow-Origin naming it, its preflights are answered before authentication (they
 * carry no token). Any other origin gets no CORS headers, so browsers keep its pages out; callers
 * that are not browsers never send an Origin and are unaffected.
 */
export function corsForOrigin(allowed: string | undefined): RequestHandler {
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.headers.origin;
    if (!allowed || origin !== allowed) {
      if (req.method === 'OPTIONS') return void res.status(403).end();
      return next();
    }
    res.setHeader('access-control-allow-origin', allowed);
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'POST, GET');
      res.setHeader('access-control-allow-headers', 'authorization, content-type');
      res.setHeader('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
      return void res.status(204).end();
    }
    next();
  };
}

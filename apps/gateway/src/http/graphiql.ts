import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** The GraphiQL page may load only its own files and talk only to this gateway. */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // GraphiQL's editor sets inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * GraphiQL for development, built from npm into the console's build (apps/console/graphiql.html; no
 * CDN) and served by the gateway at /graphiql, so it queries this gateway from its own origin.
 */
export function graphiqlRoutes(assetsDir: string): Router {
  const page = path.join(assetsDir, 'graphiql.html');
  if (!existsSync(page)) throw new Error(`GRAPHIQL_ASSETS_DIR has no graphiql.html (${assetsDir}): run \`npx nx build console\``);
  const router = express.Router();
  router.use(['/graphiql', '/assets'], (_req, res, next) => {
    res.setHeader('content-security-policy', GRAPHIQL_CSP);
    res.setHeader('referrer-policy', 'no-referrer');
    next();
  });
  router.get('/graphiql', (_req, res) => res.sendFile(page));
  router.use('/assets', express.static(path.join(assetsDir, 'assets'), { index: false }));
  return router;
}

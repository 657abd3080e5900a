// The Manager's HTTP app: the JSON API under /api/v1, /healthz, /metrics and the web UI, all
// thin layers over the Service (DESIGN 12). The lead's server serves it with @hono/node-server.
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { registerUi } from '../ui/routes.ts';
import { makeAuthenticator } from './auth.ts';
import { MAX_BODY_BYTES, type ApiDeps, type AppEnv, type RouteDeps } from './env.ts';
import { errorBody, respondError } from './errors.ts';
import { requireIdentity } from './identity.ts';
import { renderMetrics } from './metrics.ts';
import { makeInfoRoutes } from './routes-info.ts';
import { makeJobRoutes } from './routes-jobs.ts';

export type { ApiDeps } from './env.ts';

// Method, path, status and user only: never headers, query strings or bodies (credentials).
function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const entry = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      user: c.get('principal')?.name,
      ms: Math.round(performance.now() - started),
    };
    if (c.req.method === 'GET' && c.res.status < 500) log.debug(entry, 'http');
    else log.info(entry, 'http');
  };
}

const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header(
    'Content-Security-Policy',
    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  );
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
};

export function makeApiApp(deps: ApiDeps): Hono<AppEnv> {
  const { service, log } = deps;
  const rd: RouteDeps = { service, log, authenticator: makeAuthenticator(deps.auth) };
  const app = new Hono<AppEnv>();
  app.use('*', requestLog(log));
  app.use('*', securityHeaders);
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody('PAYLOAD_TOO_LARGE', 'the request body is larger than 1 MiB'), 413),
    }),
  );
  app.onError((err, c) => respondError(err, c, log));
  app.notFound((c) => c.json(errorBody('NOT_FOUND', `no such endpoint: ${c.req.method} ${c.req.path}`), 404));

  app.get('/healthz', async (c) => {
    try {
      const s = await service.serverState();
      return c.json({ status: 'ok', state: s.state });
    } catch (err) {
      log.warn({ err }, 'healthz: server state unavailable');
      return c.json({ status: 'unavailable' }, 503);
    }
  });

  app.get('/metrics', requireIdentity(rd.authenticator), async (c) => {
    const m = await renderMetrics(service);
    return c.body(m.text, 200, { 'Content-Type': m.contentType });
  });

  const api = new Hono<AppEnv>();
  api.use('*', requireIdentity(rd.authenticator));
  api.route('/', makeJobRoutes(rd));
  api.route('/', makeInfoRoutes(rd));
  app.route('/api/v1', api);

  registerUi(app, rd);
  return app;
}

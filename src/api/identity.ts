// Who is calling: the middleware that turns credentials into a Principal (401 without valid
// ones) and the role check (403). Credentials are never logged or echoed.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Principal, Role } from '../service-types.ts';
import { roleAllows, type Authenticator } from './auth.ts';
import { SESSION_COOKIE, type AppEnv } from './env.ts';
import { errorBody } from './errors.ts';

/** Sent by the web UI's script so a 401 does not raise the browser's own Basic dialog. */
export const UI_HEADER = 'x-infomart-ui';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// A cookie-authenticated write must come from a page of this server (SameSite=Strict already
// keeps the cookie off cross-site requests; this also covers old browsers).
function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === new URL(c.req.url).host;
  } catch {
    return false;
  }
}

export async function identify(
  c: Context,
  authenticator: Authenticator,
): Promise<{ principal: Principal; sessionId: string | null } | null> {
  const header = c.req.header('authorization');
  if (header) {
    const p = await authenticator.fromBasicHeader(header);
    return p ? { principal: p, sessionId: null } : null;
  }
  const sid = getCookie(c, SESSION_COOKIE);
  if (!sid) return null;
  const p = await authenticator.fromSession(sid);
  return p ? { principal: p, sessionId: sid } : null;
}

export function requireIdentity(authenticator: Authenticator): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const who = await identify(c, authenticator);
    if (!who) {
      if (!c.req.header(UI_HEADER)) c.header('WWW-Authenticate', 'Basic realm="infomart", charset="UTF-8"');
      return c.json(errorBody('UNAUTHORIZED', 'valid credentials are required'), 401);
    }
    if (who.sessionId && UNSAFE.has(c.req.method) && !sameOrigin(c)) {
      return c.json(errorBody('FORBIDDEN', 'cross-origin request refused'), 403);
    }
    c.set('principal', who.principal);
    c.set('sessionId', who.sessionId);
    await next();
    return undefined;
  };
}

export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    if (!roleAllows(p.role, role)) {
      return c.json(errorBody('FORBIDDEN', `this needs the ${role} role; ${p.name} is ${p.role}`), 403);
    }
    await next();
    return undefined;
  };
}

// What the API and UI routes share: their dependencies and the per-request context variables.
import type { Logger } from 'pino';
import type { Principal, Service } from '../service-types.ts';
import type { AuthOptions, Authenticator } from './auth.ts';

export interface ApiDeps {
  readonly service: Service;
  readonly auth: AuthOptions;
  readonly log: Logger;
}

/** Dependencies after assembly: the authenticator is built once per app. */
export interface RouteDeps {
  readonly service: Service;
  readonly authenticator: Authenticator;
  readonly log: Logger;
}

export interface AppEnv {
  Variables: {
    principal: Principal;
    /** Set when the request was authenticated by the UI's session cookie. */
    sessionId: string | null;
  };
}

export const SESSION_COOKIE = 'infomart_session';
/** Largest accepted request body (jobs reference 7: larger bodies get 413). */
export const MAX_BODY_BYTES = 1024 * 1024;

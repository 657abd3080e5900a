// Identity and roles: HTTP Basic for API clients, a session cookie for the web UI (sessions in
// memory). The users file is re-read when it changes, so adding a user needs no restart.
import { createHmac, randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Principal, Role } from '../service-types.ts';
import { readUsersFile, verifyPassword, type UserRecord } from './users-file.ts';

export interface AuthOptions {
  /** The users file (JSON, see users-file.ts). */
  readonly usersFile: string;
  /** A session ends after this long without a request (default 8 h). */
  readonly sessionIdleSeconds?: number;
  /** Epoch milliseconds; injectable for tests. */
  readonly now?: () => number;
}

export interface Authenticator {
  /** The principal of an `Authorization: Basic …` header, or null. */
  fromBasicHeader(header: string): Promise<Principal | null>;
  /** Checks a name and password; on success opens a session. */
  login(name: string, password: string): Promise<{ principal: Principal; sessionId: string } | null>;
  fromSession(sessionId: string): Promise<Principal | null>;
  logout(sessionId: string): void;
}

const RANK: Readonly<Record<Role, number>> = { viewer: 0, operator: 1, admin: 2 };

export function roleAllows(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}

// Verifying an scrypt hash costs tens of milliseconds; API clients send Basic credentials with
// every request, so successful checks are remembered under a keyed digest (never the password).
const CACHE_LIMIT = 1000;

export function makeAuthenticator(opts: AuthOptions): Authenticator {
  const now = opts.now ?? (() => Date.now());
  const idleMs = (opts.sessionIdleSeconds ?? 8 * 3600) * 1000;
  const cacheKey = randomBytes(32);
  const verified = new Map<string, string>();
  const sessions = new Map<string, { name: string; lastMs: number }>();
  let loaded: { mtimeMs: number; size: number; users: UserRecord[] } | null = null;
  // A fixed hash to check unknown names against, so their answers take as long as known ones.
  const dummyHash = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

  async function users(): Promise<UserRecord[]> {
    const s = await stat(opts.usersFile);
    if (!loaded || loaded.mtimeMs !== s.mtimeMs || loaded.size !== s.size) {
      loaded = { mtimeMs: s.mtimeMs, size: s.size, users: await readUsersFile(opts.usersFile) };
      verified.clear();
    }
    return loaded.users;
  }

  async function principalOf(name: string): Promise<Principal | null> {
    const u = (await users()).find((x) => x.name === name);
    return u ? { name: u.name, role: u.role } : null;
  }

  async function check(name: string, password: string): Promise<Principal | null> {
    const list = await users();
    const digest = createHmac('sha256', cacheKey).update(`${name}\u0000${password}`).digest('base64');
    const user = list.find((x) => x.name === name);
    if (user && verified.get(digest) === user.hash) return { name: user.name, role: user.role };
    const ok = await verifyPassword(password, user?.hash ?? dummyHash);
    if (!user || !ok) return null;
    if (verified.size >= CACHE_LIMIT) verified.clear();
    verified.set(digest, user.hash);
    return { name: user.name, role: user.role };
  }

  return {
    async fromBasicHeader(header) {
      const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
      if (!m?.[1]) return null;
      const decoded = Buffer.from(m[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return null;
      return check(decoded.slice(0, colon), decoded.slice(colon + 1));
    },
    async login(name, password) {
      const principal = await check(name, password);
      if (!principal) return null;
      const sessionId = randomBytes(32).toString('base64url');
      sessions.set(sessionId, { name: principal.name, lastMs: now() });
      return { principal, sessionId };
    },
    async fromSession(sessionId) {
      const s = sessions.get(sessionId);
      if (!s) return null;
      const t = now();
      if (t - s.lastMs > idleMs) {
        sessions.delete(sessionId);
        return null;
      }
      s.lastMs = t;
      // The role comes from the users file as it is now: a removed user loses its sessions.
      const p = await principalOf(s.name);
      if (!p) sessions.delete(sessionId);
      return p;
    },
    logout(sessionId) {
      sessions.delete(sessionId);
    },
  };
}

export { makeUsersFile, setUser, hashPassword, type UsersFileResult } from './users-file.ts';

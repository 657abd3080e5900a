// The Manager's users: a JSON file of names, roles and scrypt password hashes. Passwords are
// never stored or logged in clear; the generated admin password is returned once, to be printed.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import type { Role } from '../service-types.ts';

export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];

export interface UserRecord {
  readonly name: string;
  readonly role: Role;
  /** `scrypt$N$r$p$<salt base64>$<key base64>`. */
  readonly hash: string;
}

const UsersFileSchema = z
  .object({
    users: z.array(
      z
        .object({
          name: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/),
          role: z.enum(['viewer', 'operator', 'admin']),
          hash: z.string().startsWith('scrypt$'),
        })
        .strict(),
    ),
  })
  .strict();

const KEY_LENGTH = 32;
const COST = { N: 16384, r: 8, p: 1 } as const;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = hash.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * Number(n) * Number(r),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Reads and checks the users file; a broken file is a ConfigError naming the entry. */
export async function readUsersFile(path: string): Promise<UserRecord[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new ConfigError([
      { section: 'users-file', message: `users file ${path}: ${err instanceof Error ? err.message : err}` },
    ]);
  }
  const r = UsersFileSchema.safeParse(parsed);
  if (!r.success) {
    throw new ConfigError(
      r.error.issues.map((i) => ({
        section: 'users-file',
        message: `users file ${path}: ${i.path.join('.') || '(root)'}: ${i.message}`,
      })),
    );
  }
  return r.data.users;
}

async function writeUsersFile(path: string, users: readonly UserRecord[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, path);
}

/** Adds a user or replaces its role and password (written atomically). */
export async function setUser(path: string, name: string, role: Role, password: string): Promise<void> {
  let users: UserRecord[] = [];
  try {
    users = await readUsersFile(path);
  } catch (err) {
    if (!(err instanceof ConfigError && /ENOENT/.test(err.message))) throw err;
  }
  const entry: UserRecord = { name, role, hash: await hashPassword(password) };
  const rest = users.filter((u) => u.name !== name);
  await writeUsersFile(path, [...rest, entry]);
}

export type UsersFileResult =
  { readonly created: true; readonly user: string; readonly password: string } | { readonly created: false };

/**
 * Creates the users file with one `admin` user and a generated password, returned here only
 * (the embedded default prints it once at start). An existing file is left untouched.
 */
export async function makeUsersFile(path: string): Promise<UsersFileResult> {
  const password = randomBytes(18).toString('base64url');
  const users: UserRecord[] = [{ name: 'admin', role: 'admin', hash: await hashPassword(password) }];
  await mkdir(dirname(path), { recursive: true });
  try {
    // 'wx': created only if absent, so two servers starting at once never overwrite each other.
    await writeFile(path, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { created: false };
    throw err;
  }
  return { created: true, user: 'admin', password };
}

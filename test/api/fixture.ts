// Shared by the API tests: a users file with one user per role, a logger whose output the test
// can read (secrets must never appear in it), and request helpers for app.request().
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { setUser } from '../../src/api/users-file.ts';
import type { Role } from '../../src/service-types.ts';

export const PASSWORDS: Readonly<Record<Role, string>> = {
  viewer: 'viewer-secret-5F2',
  operator: 'operator-secret-9Q1',
  admin: 'admin-secret-7Z4',
};

export async function makeUsersDir(): Promise<{ dir: string; usersFile: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'infomart-api-'));
  const usersFile = join(dir, 'users.json');
  for (const role of ['viewer', 'operator', 'admin'] as const)
    await setUser(usersFile, role, role, PASSWORDS[role]);
  return { dir, usersFile, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export function makeMemoryLog(): { log: Logger; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { log: pino({ level: 'debug' }, stream), text: () => chunks.join('') };
}

export function basic(role: Role, password = PASSWORDS[role]): string {
  return `Basic ${Buffer.from(`${role}:${password}`).toString('base64')}`;
}

export function jsonInit(method: string, role: Role | null, body?: unknown): RequestInit {
  const headers: Record<string, string> = {};
  if (role) headers.authorization = basic(role);
  if (body !== undefined) headers['content-type'] = 'application/json';
  return { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
export type Json = any;

export interface Reply {
  readonly status: number;
  readonly body: Json;
  readonly res: Response;
}

/** app.request() with the body parsed as JSON when it is JSON (else the text). */
export async function callApp(
  app: { request(path: string, init?: RequestInit): Response | Promise<Response> },
  path: string,
  init: RequestInit = {},
): Promise<Reply> {
  const res = await app.request(path, init);
  const text = await res.text();
  let body: Json = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML or the metrics text
  }
  return { status: res.status, body, res };
}

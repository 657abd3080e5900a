// The real server as an operator starts it: `infomart start --embedded` in a child process,
// driven through its Manager API.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/infomart.js', import.meta.url));

export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly auth: string;
}

export interface JobRow {
  readonly jobId: string;
  readonly job: string;
  readonly status: string;
  readonly origin: string;
  readonly reason: string | null;
}

/** Starts the embedded default in dataDir; resolves once it prints its Manager URL and login. */
export function startServerProcess(dataDir: string, extraArgs: readonly string[] = []): Promise<Started> {
  const child = spawn(
    process.execPath,
    [BIN, 'start', '--embedded', '--data', dataDir, '--port', '0', ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, INFOMART_LOG_LEVEL: 'warn' },
    },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /Manager: (http:\/\/[^/\s]+)/.exec(out)?.[1];
      const login = /Log in as (\S+) \/ (\S+)/.exec(out);
      if (url && login)
        resolve({ child, url, auth: `Basic ${Buffer.from(`${login[1]}:${login[2]}`).toString('base64')}` });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before it was ready: ${err}`)));
  });
}

export async function api<T>(
  s: Started,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${s.url}${path}`, {
    ...init,
    headers: { authorization: s.auth, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Polls until fn returns a value; bounded, so a hung server fails the test instead of hanging it. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

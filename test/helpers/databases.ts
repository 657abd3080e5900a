// Database fixtures: every database test runs on PGlite (in memory, in its worker thread) and on
// the PostgreSQL server that scripts/test.mjs starts for the run (a fresh database per fixture).
import { after, before, describe } from 'node:test';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb } from '../../src/db/open.ts';
import type { Db } from '../../src/db/types.ts';

export type DbKind = 'pglite' | 'postgres';
export const DB_KINDS: readonly DbKind[] = ['pglite', 'postgres'];

export interface TestDb {
  readonly db: Db;
  readonly url: string;
  readonly kind: DbKind;
  dispose(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.INFOMART_TEST_PG_ADMIN_URL;
  if (!url) {
    throw new Error(
      'INFOMART_TEST_PG_ADMIN_URL is not set: run database tests through `npm test` or ' +
        '`node scripts/test.mjs <files>`, which start a PostgreSQL server for the run.',
    );
  }
  return url;
}

async function adminExec(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database of the given kind. PGlite: in memory unless a data dir is given. */
export async function makeTestDb(kind: DbKind, opts: { dataDir?: string } = {}): Promise<TestDb> {
  if (kind === 'pglite') {
    const url = opts.dataDir ? `pglite://${opts.dataDir}` : 'pglite:memory';
    const db = await openDb(url);
    return { db, url, kind, dispose: () => db.close() };
  }
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminExec(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = await openDb(url);
  return {
    db,
    url,
    kind,
    async dispose() {
      await db.close();
      await adminExec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * Declares the suite once per database kind ("title [pglite]", "title [postgres]"); getDb()
 * returns that suite's fresh database.
 */
export function describeEachDb(title: string, body: (getDb: () => Db, kind: DbKind) => void): void {
  for (const kind of DB_KINDS) {
    describe(`${title} [${kind}]`, () => {
      let fixture: TestDb | undefined;
      before(async () => {
        fixture = await makeTestDb(kind);
      });
      after(async () => {
        await fixture?.dispose();
      });
      body(() => {
        if (!fixture) throw new Error('database fixture not ready (use getDb() inside tests/hooks)');
        return fixture.db;
      }, kind);
    });
  }
}

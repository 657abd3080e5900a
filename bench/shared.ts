// What every benchmark shares: command-line options, the throw-away PostgreSQL cluster, and
// running one measurement on PostgreSQL and/or PGlite.
import { openDb } from '../src/db/open.ts';
import type { Db } from '../src/db/types.ts';

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

export interface Cluster {
  readonly adminUrl: string;
  readonly version: string;
  stop(): Promise<void>;
}

// A plain-JavaScript module shared with the test command; imported by path at run time.
const clusterModule = '../scripts/pg-cluster.mjs';
export const { startPostgresCluster } = (await import(clusterModule)) as {
  startPostgresCluster(): Promise<Cluster>;
};

/** Runs measure on a fresh database of a throw-away PostgreSQL cluster, then on in-memory PGlite, as `only` says. */
export async function onBenchDatabases(
  only: string,
  dbName: string,
  measure: (label: string, db: Db) => Promise<void>,
): Promise<void> {
  if (only !== 'pglite') {
    const cluster = await startPostgresCluster();
    try {
      const admin = await openDb(cluster.adminUrl);
      await admin.exec(`CREATE DATABASE ${dbName}`);
      await admin.close();
      const db = await openDb(cluster.adminUrl.replace(/\/postgres$/, `/${dbName}`));
      try {
        await measure(`PostgreSQL (${cluster.version})`, db);
      } finally {
        await db.close();
      }
    } finally {
      await cluster.stop();
    }
  }
  if (only !== 'postgres') {
    const db = await openDb('pglite:memory');
    try {
      await measure('PGlite (in memory)', db);
    } finally {
      await db.close();
    }
  }
}

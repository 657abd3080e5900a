// Holds a source IDB so that a Job_ExtractICON reading it stays Running until the test lets go:
// on PGlite an open transaction on the shared handle (its one connection queues every other
// statement), on PostgreSQL an exclusive lock on G_PROV_CONTROL, which extraction reads first.
// It makes "Running" observable without racing the job; nothing in the server is stubbed.
import pg from 'pg';
import type { Source } from '../extract/fixture.ts';
import type { DbKind } from '../helpers/databases.ts';

export interface IdbHold {
  release(): Promise<void>;
}

export async function holdIdb(idb: Source, kind: DbKind): Promise<IdbHold> {
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: idb.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('LOCK TABLE g_prov_control IN ACCESS EXCLUSIVE MODE');
    return {
      async release() {
        await client.query('COMMIT');
        await client.end();
      },
    };
  }
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const done = idb.db.transaction(async (tx) => {
    await tx.query('SELECT 1');
    held();
    await gate;
  });
  await holding;
  return {
    async release() {
      open();
      await done;
    },
  };
}

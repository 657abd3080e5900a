import { describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './open.ts';
import assert from 'node:assert/strict';
import { describeEachDb } from '../../test/helpers/databases.ts';
import { DbError } from '../errors.ts';
import { toCsv } from './shared.ts';

describeEachDb('db seam', (getDb, kind) => {
  it('runs queries with bind parameters and returns numbers for bigint and numeric', async () => {
    const db = getDb();
    const r = await db.query<{ a: number; b: number; c: string }>(
      'SELECT $1::bigint + 1 AS a, 12345678901234::numeric(19) AS b, $2::text AS c',
      [41, "it's"],
    );
    assert.deepEqual(r.rows, [{ a: 42, b: 12345678901234, c: "it's" }]);
  });

  it('reads timestamp without time zone as UTC', async () => {
    const r = await getDb().query<{ t: Date }>("SELECT timestamp '2024-03-05 10:00:00' AS t");
    assert.equal(r.rows[0]?.t.toISOString(), '2024-03-05T10:00:00.000Z');
  });

  it('executes several statements and reports affected rows', async () => {
    const db = getDb();
    await db.exec('CREATE TABLE t1 (id int PRIMARY KEY, name text); CREATE TABLE t2 (x int);');
    const ins = await db.query('INSERT INTO t1 VALUES (1, $1), (2, $2)', ['a', 'b']);
    assert.equal(ins.rowCount, 2);
  });

  it('commits a transaction and rolls back a failed one entirely', async () => {
    const db = getDb();
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t2 VALUES (1)');
      await tx.query('INSERT INTO t2 VALUES (2)');
    });
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t2 VALUES (3)');
        throw new Error('boom');
      }),
      /boom/,
    );
    const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t2');
    assert.equal(r.rows[0]?.n, 2);
  });

  it('keeps the SQLSTATE and names the failing statement', async () => {
    const db = getDb();
    const err = await db
      .query('INSERT INTO t1 VALUES (1, $1)', ['dup'], { name: 'test.insert-dup' })
      .catch((e) => e);
    assert.ok(err instanceof DbError);
    assert.equal(err.sqlState, '23505');
    assert.equal(err.queryName, 'test.insert-dup');
    assert.match(err.message, /^test\.insert-dup: /);
  });

  it('copies CSV in and out, NULLs and quotes included', async () => {
    const db = getDb();
    await db.exec('CREATE TABLE c (id int, v text, n int)');
    const csv = toCsv([
      [1, 'plain', 5],
      [2, 'with, comma and "quote"', null],
      [3, '', 7],
      [4, null, null],
    ]);
    const n = await db.copyIn('c', ['id', 'v', 'n'], csv);
    assert.equal(n, 4);
    const r = await db.query<{ id: number; v: string | null; n: number | null }>(
      'SELECT * FROM c ORDER BY id',
    );
    assert.deepEqual(
      r.rows.map((x) => [x.id, x.v, x.n]),
      [
        [1, 'plain', 5],
        [2, 'with, comma and "quote"', null],
        [3, '', 7],
        [4, null, null],
      ],
    );
    const out = await db.copyOut('SELECT id, v FROM c WHERE id <= 2 ORDER BY id');
    assert.equal(out, 'id,v\n1,plain\n2,"with, comma and ""quote"""\n');
  });

  it('a failed copy inside a transaction leaves nothing behind', async () => {
    const db = getDb();
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.copyIn('c', ['id', 'v', 'n'], toCsv([[10, 'x', 1]]));
        await tx.copyIn('c', ['id', 'v', 'n'], 'not-a-number,x,1\n');
      }),
    );
    const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM c WHERE id = 10');
    assert.equal(r.rows[0]?.n, 0);
  });

  it('serializes concurrent callers without interleaving a transaction', async () => {
    const db = getDb();
    await db.exec('CREATE TABLE s (v int)');
    await Promise.all([
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO s VALUES (1)');
        await tx.query('INSERT INTO s VALUES (2)');
      }),
      db.query('INSERT INTO s VALUES (3)'),
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO s VALUES (4)');
      }),
    ]);
    const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM s');
    assert.equal(r.rows[0]?.n, 4);
  });

  it(`keeps the event loop free during a long statement (${kind})`, async () => {
    const db = getDb();
    let ticks = 0;
    let ticksWhenDone: number;
    const timer = setInterval(() => ticks++, 10);
    try {
      // A statement that keeps the database busy for a while (about a second here).
      const q = db.query('SELECT count(*) FROM generate_series(1, 3000000) a, generate_series(1, 2) b');
      await q;
      ticksWhenDone = ticks;
    } finally {
      clearInterval(timer);
    }
    // Had the statement run on this thread, no interval callback could have run before it ended.
    assert.ok(ticksWhenDone >= 3, `timer fired ${ticksWhenDone} times during the statement`);
  });
});

describe('embedded data directory', () => {
  it('persists data and refuses a second opener while the first holds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pglite-'));
    try {
      const a = await openDb(`pglite://${dir}`);
      await a.exec('CREATE TABLE kept (v int); INSERT INTO kept VALUES (7);');
      await assert.rejects(openDb(`pglite://${dir}`), /is open in process \d+ \(this one\)/);
      await a.close();
      const b = await openDb(`pglite://${dir}`);
      const r = await b.query<{ v: number }>('SELECT v FROM kept');
      assert.deepEqual(r.rows, [{ v: 7 }]);
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Range partitions of the fact, GIDB and partitioned control tables (jobs 1.3, 5.1, 5.5):
// created ahead of time as `<table>_p<start>`; rows that meanwhile landed in the DEFAULT partition
// for a new range are moved into it in the same transaction. Dropping old partitions (retention)
// belongs to Job_MaintainGIM and works from listPartitions().
import type { Db, Queryable } from '../../db/types.ts';
import { assertIdentifier } from './identifiers.ts';
import { missingRanges, parseRangeBound } from './partition-plan.ts';
import type { Range } from './partition-plan.ts';

const PARTITIONS_PER_TRANSACTION = 16;

export interface PartitionedTable {
  readonly name: string;
  readonly keyColumn: string;
  /** GIDB copies use partitioning-interval-size-gidb, all others -gim. */
  readonly family: 'gidb' | 'gim';
  readonly defaultPartition: string | null;
}

export interface PartitionInfo {
  readonly parent: string;
  readonly name: string;
  /** Range bounds (key values, inclusive from / exclusive to); null for the DEFAULT partition. */
  readonly range: Range | null;
  readonly isDefault: boolean;
}

export interface EnsurePartitionsOptions {
  /** Key range to cover: [fromTs, toTs) in UTC epoch seconds. */
  readonly fromTs: number;
  readonly toTs: number;
  /** partitioning-interval-size-gim (facts, CTL_AUDIT_LOG, CTL_EXTRACT_HISTORY). */
  readonly gimIntervalSeconds: number;
  /** partitioning-interval-size-gidb (GIDB copies). */
  readonly gidbIntervalSeconds: number;
  /** Only these parent tables (lower case); default: every partitioned table. */
  readonly tables?: readonly string[];
}

export interface EnsurePartitionsResult {
  readonly created: readonly string[];
  /** Rows moved out of DEFAULT partitions into new ones. */
  readonly movedRows: number;
}

export async function listPartitionedTables(db: Queryable): Promise<PartitionedTable[]> {
  const r = await db.query<{ name: string; keydef: string; def: string | null }>(
    `SELECT c.relname AS name, pg_get_partkeydef(c.oid) AS keydef,
            (SELECT d.relname FROM pg_inherits i JOIN pg_class d ON d.oid = i.inhrelid
              WHERE i.inhparent = c.oid AND pg_get_expr(d.relpartbound, d.oid) = 'DEFAULT') AS def
       FROM pg_partitioned_table p
       JOIN pg_class c ON c.oid = p.partrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'p'
      ORDER BY c.relname`,
    [],
    { name: 'partitions.list-tables' },
  );
  return r.rows.map((x) => {
    const m = /^RANGE \((\w+)\)$/.exec(x.keydef);
    if (!m?.[1]) throw new Error(`${x.name}: unsupported partition key ${x.keydef}`);
    return {
      name: x.name,
      keyColumn: m[1],
      family: x.name.startsWith('gidb_') ? 'gidb' : 'gim',
      defaultPartition: x.def,
    };
  });
}

export async function listPartitions(db: Queryable, parent?: string): Promise<PartitionInfo[]> {
  const r = await db.query<{ parent: string; name: string; bound: string }>(
    `SELECT p.relname AS parent, c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i
       JOIN pg_class p ON p.oid = i.inhparent
       JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_namespace n ON n.oid = p.relnamespace
      WHERE n.nspname = current_schema() AND p.relkind = 'p' AND c.relkind IN ('r', 'p')
        AND ($1::text IS NULL OR p.relname = $1)
      ORDER BY p.relname, c.relname`,
    [parent ?? null],
    { name: 'partitions.list' },
  );
  return r.rows
    .map((x) => {
      const isDefault = x.bound === 'DEFAULT';
      return {
        parent: x.parent,
        name: x.name,
        range: isDefault ? null : parseRangeBound(x.bound),
        isDefault,
      };
    })
    .sort(
      (a, b) => a.parent.localeCompare(b.parent) || (a.range?.[0] ?? -Infinity) - (b.range?.[0] ?? -Infinity),
    );
}

/** DDL text with spliced bounds: values are integers checked here, names plain identifiers. */
function unsafeCreatePartitionSql(parent: string, [from, to]: Range): { name: string; sql: string } {
  assertIdentifier(parent);
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from >= to)
    throw new Error(`bad partition range [${from}, ${to})`);
  const name = `${parent}_p${from < 0 ? `m${-from}` : from}`;
  assertIdentifier(name);
  return { name, sql: `CREATE TABLE ${name} PARTITION OF ${parent} FOR VALUES FROM (${from}) TO (${to})` };
}

async function columnList(tx: Queryable, table: string): Promise<string> {
  const r = await tx.query<{ c: string }>(
    `SELECT a.attname AS c FROM pg_attribute a
      WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [table],
    { name: 'partitions.columns' },
  );
  const cols = r.rows.map((x) => x.c);
  cols.forEach(assertIdentifier);
  return cols.join(', ');
}

async function ensureTable(
  db: Db,
  t: PartitionedTable,
  ranges: readonly Range[],
): Promise<EnsurePartitionsResult> {
  const lo = Math.min(...ranges.map((r) => r[0]));
  const hi = Math.max(...ranges.map((r) => r[1]));
  const def = t.defaultPartition;
  if (def !== null) assertIdentifier(def);
  assertIdentifier(t.keyColumn);
  return db.transaction(
    async (tx) => {
      // Rows of the new ranges may sit in the DEFAULT partition; PostgreSQL refuses to create a
      // partition for them, so the default is detached, emptied of them and attached again.
      let stranded = false;
      if (def !== null) {
        const r = await tx.query<{ x: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM ${def} WHERE ${t.keyColumn} >= $1 AND ${t.keyColumn} < $2) AS x`,
          [lo, hi],
          { name: `partitions.default-rows ${t.name}` },
        );
        stranded = r.rows[0]?.x === true;
      }
      if (stranded && def !== null) await tx.exec(`ALTER TABLE ${t.name} DETACH PARTITION ${def}`);
      const created: string[] = [];
      for (const range of ranges) {
        const { name, sql } = unsafeCreatePartitionSql(t.name, range);
        await tx.exec(sql, { name: `partitions.create ${name}` });
        created.push(name);
      }
      let movedRows = 0;
      if (stranded && def !== null) {
        const cols = await columnList(tx, t.name);
        const moved = await tx.query(
          `INSERT INTO ${t.name} (${cols}) SELECT ${cols} FROM ${def}
            WHERE ${t.keyColumn} >= $1 AND ${t.keyColumn} < $2`,
          [lo, hi],
          { name: `partitions.move ${t.name}` },
        );
        await tx.query(`DELETE FROM ${def} WHERE ${t.keyColumn} >= $1 AND ${t.keyColumn} < $2`, [lo, hi], {
          name: `partitions.move-delete ${t.name}`,
        });
        await tx.exec(`ALTER TABLE ${t.name} ATTACH PARTITION ${def} DEFAULT`);
        movedRows = moved.rowCount;
      }
      return { created, movedRows };
    },
    { name: `partitions.ensure ${t.name}` },
  );
}

/**
 * Creates the missing partitions so that [fromTs, toTs) is covered on every partitioned table;
 * idempotent. Each transaction creates a batch of one table's partitions and moves that batch's
 * rows out of the DEFAULT partition, so a failure leaves no half-moved range.
 */
export async function ensurePartitions(
  db: Db,
  opts: EnsurePartitionsOptions,
): Promise<EnsurePartitionsResult> {
  const tables = (await listPartitionedTables(db)).filter(
    (t) => opts.tables === undefined || opts.tables.includes(t.name),
  );
  const all = await listPartitions(db);
  const created: string[] = [];
  let movedRows = 0;
  for (const t of tables) {
    const existing = all.filter((p) => p.parent === t.name && p.range !== null).map((p) => p.range as Range);
    const interval = t.family === 'gidb' ? opts.gidbIntervalSeconds : opts.gimIntervalSeconds;
    const ranges = missingRanges(existing, opts.fromTs, opts.toTs, interval);
    // Batches keep the locks of one transaction (each partition brings its indexes) well within
    // max_locks_per_transaction when etl-start-date lies far back.
    for (let i = 0; i < ranges.length; i += PARTITIONS_PER_TRANSACTION) {
      const r = await ensureTable(db, t, ranges.slice(i, i + PARTITIONS_PER_TRANSACTION));
      created.push(...r.created);
      movedRows += r.movedRows;
    }
  }
  return { created, movedRows };
}

// The set-based statements that merge a staged chunk into its GIDB table (data-model 3.2, 3.3),
// run in this order in the chunk's transaction (chunk.ts):
//   1. notKept — (etl-start-date set) drop staged rows whose first time is before it;
//   2. dedupe  — drop staged rows superseded by a later version of the same natural key;
//   3. insert  — rows whose natural key is not stored yet;
//   4. moved   — (partitioned tables) a stored row whose START_DATE_TIME_KEY changed is deleted
//                under its old key and inserted under the new one, keeping its CREATE_AUDIT_KEY;
//   5. update  — stored rows where the staged version wins (3.3) and some column differs.
// Steps 4 and 5 run only when step 3 did not insert every staged row (new rows are the usual
// case). Plain INSERT and UPDATE cost less than one INSERT … ON CONFLICT over a materialized join
// (no speculative insertion); they are safe because a run writes a GIDB table from one chunk at
// a time (the keyed lock in table-task.ts) and only Job_ExtractICON writes GIDB tables.
import { getGidbTable } from '../../idb/ddl.ts';
import { CHG, STAGE, completeSql, copiedColumns, coversSql, startKeySql } from './sql.ts';

export interface MergeStatements {
  /** Params: $1 = etl-start epoch seconds; null when the table has no first time column. */
  readonly notKept: string | null;
  /** No params. */
  readonly dedupe: string;
  /** Params of the rest: $1 = data source key, $2 = audit key. Each returns n, lo, hi. */
  readonly insert: string;
  readonly moved: string | null;
  readonly update: string;
}

/** Merge statements of one GIDB table; identifiers come from the catalog only. */
export function unsafeMergeStatements(gidbName: string, providerTag: number | null): MergeStatements {
  const g = getGidbTable(gidbName);
  const t = g.idbTable;
  const cols = copiedColumns(t).map((c) => c.name);
  const nk = t.naturalKey.map((c) => c.toLowerCase());
  const start = startKeySql(g, 's');
  const first = t.kind !== 'config' && t.firstTimeColumn ? t.firstTimeColumn.toLowerCase() : null;
  const same = (a: string, b: string): string => nk.map((c) => `${a}.${c} = ${b}.${c}`).join(' AND ');
  const covers = (a: string): string => (providerTag === null ? 'false' : coversSql(t, a, providerTag));
  const target = [...cols, 'data_source_key', ...(start ? ['start_date_time_key'] : [])];
  const set = target.filter((c) => !g.primaryKey.some((k) => k.toLowerCase() === c));
  const k = start ? 'start_date_time_key' : 'NULL::int';
  const staged = `s AS (
      SELECT ${cols.map((c) => `s.${c}`).join(', ')}, $1::int AS data_source_key${start ? `, ${start} AS start_date_time_key` : ''}
      FROM ${STAGE} s)`;
  // The staged version replaces the stored one (3.3): same source, or completed over active, or
  // (equally complete) covered by its IDB's sessions where the stored one's IDB was not.
  const wins = `(g.data_source_key IS NOT DISTINCT FROM s.data_source_key
      OR (${completeSql(t, 's')} AND NOT ${completeSql(t, 'g')})
      OR (${completeSql(t, 's')} = ${completeSql(t, 'g')} AND ${covers('s')} AND NOT ${covers('g')}))`;
  const summary = (cte: string): string =>
    `SELECT count(*)::int AS n, min(k) AS lo, max(k) AS hi FROM ${cte}`;
  const notKept = first ? `DELETE FROM ${STAGE} s WHERE s.${first} < $1::int` : null;
  const dedupe = `DELETE FROM ${STAGE} s USING ${STAGE} d
    WHERE ${same('d', 's')} AND (d.${CHG}, d.ctid) > (s.${CHG}, s.ctid)`;
  const insert = `WITH ${staged}, i AS (
      INSERT INTO ${g.name} (${target.join(', ')}, create_audit_key, update_audit_key)
      SELECT ${target.join(', ')}, $2::numeric, $2::numeric FROM s
      WHERE NOT EXISTS (SELECT 1 FROM ${g.name} g WHERE ${same('g', 's')})
      RETURNING ${k} AS k
    ) ${summary('i')}`;
  const moved = g.partitioned
    ? `WITH ${staged}, m AS (
        DELETE FROM ${g.name} g USING s
        WHERE ${same('g', 's')} AND g.start_date_time_key <> s.start_date_time_key AND ${wins}
        RETURNING ${nk.map((c) => `g.${c}`).join(', ')}, g.create_audit_key AS old_cak
      ), i AS (
        INSERT INTO ${g.name} (${target.join(', ')}, create_audit_key, update_audit_key)
        SELECT ${target.map((c) => `s.${c}`).join(', ')}, m.old_cak, $2::numeric FROM s JOIN m ON ${same('m', 's')}
        RETURNING ${k} AS k
      ) ${summary('i')}`
    : null;
  const update = `WITH ${staged}, u AS (
      UPDATE ${g.name} g SET ${set.map((c) => `${c} = s.${c}`).join(', ')}, update_audit_key = $2::numeric
      FROM s WHERE ${same('g', 's')}${g.partitioned ? ' AND g.start_date_time_key = s.start_date_time_key' : ''}
        AND ${wins}
        AND (${set.map((c) => `g.${c}`).join(', ')}) IS DISTINCT FROM (${set.map((c) => `s.${c}`).join(', ')})
      RETURNING ${start ? 'g.start_date_time_key' : 'NULL::int'} AS k
    ) ${summary('u')}`;
  return { notKept, dedupe, insert, moved, update };
}

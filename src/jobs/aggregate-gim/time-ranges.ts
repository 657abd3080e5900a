// TIME_RANGE rows follow [agg-gim-thld-QUEUE-ABN] / [agg-gim-thld-QUEUE-ACC] `bounds`: updated in
// place when aggregation starts (jobs reference 1.6); history keeps its buckets until re-aggregated.
import type { AggOptions } from '../../config/types.ts';
import type { Queryable } from '../../db/types.ts';
import { timeRangeRows } from '../shared/fixed-dimension-rows.ts';

export async function syncTimeRanges(db: Queryable, agg: AggOptions): Promise<number> {
  const rows = [
    ...timeRangeRows('QUEUE-ABN', agg.timeRangeBounds['QUEUE-ABN']),
    ...timeRangeRows('QUEUE-ACC', agg.timeRangeBounds['QUEUE-ACC']),
  ];
  const r = await db.query(
    `UPDATE TIME_RANGE t SET TIME_RANGE_NAME = v.n, RANGE_START = v.s, RANGE_END = v.e
       FROM unnest($1::int[], $2::text[], $3::int[], $4::int[]) AS v(k, n, s, e)
      WHERE t.TIME_RANGE_KEY = v.k
        AND (t.TIME_RANGE_NAME, t.RANGE_START, t.RANGE_END) IS DISTINCT FROM (v.n, v.s, v.e)`,
    [
      rows.map((r) => r.time_range_key),
      rows.map((r) => r.time_range_name),
      rows.map((r) => r.range_start),
      rows.map((r) => r.range_end),
    ],
    { name: 'aggregate.sync-time-ranges' },
  );
  return r.rowCount;
}

// INTERACTION_DESCRIPTOR (data-model 4.4): one row per distinct (tenant, CustomerSegment,
// ServiceType, ServiceSubType, BusinessResult); all four NULL -> -2. Filled from attached data by
// the interaction transform (part 2); these helpers are its set-based insert and lookup.
import type { Tx } from '../../db/types.ts';

/**
 * Inserts the missing descriptor rows for every row of `source` (a table or parenthesized
 * SELECT with columns tenant_key, customer_segment, service_type, service_subtype,
 * business_result). Splices `source`: pass only SQL written in code.
 */
export async function unsafeInsertInteractionDescriptors(
  tx: Tx,
  source: string,
  auditKey: number,
): Promise<number> {
  const r = await tx.query(
    `INSERT INTO interaction_descriptor (tenant_key, customer_segment, service_type, service_subtype,
       business_result, create_audit_key, update_audit_key)
     SELECT DISTINCT s.tenant_key, left(s.customer_segment, 170), left(s.service_type, 170),
            left(s.service_subtype, 170), left(s.business_result, 170), $1::numeric, $1::numeric
       FROM ${source} s
      WHERE NOT (s.customer_segment IS NULL AND s.service_type IS NULL AND s.service_subtype IS NULL
                 AND s.business_result IS NULL)
     ON CONFLICT DO NOTHING`,
    [auditKey],
    { name: 'transform.interaction-descriptor.insert' },
  );
  return r.rowCount;
}

/**
 * The INTERACTION_DESCRIPTOR_KEY expression for the row alias `s` (same columns as above):
 * -2 when all four values are NULL, else the dimension row (-1 if it is missing).
 */
export function unsafeInteractionDescriptorKey(s: string): string {
  return `(CASE WHEN ${s}.customer_segment IS NULL AND ${s}.service_type IS NULL AND ${s}.service_subtype IS NULL
                 AND ${s}.business_result IS NULL THEN -2
            ELSE COALESCE((SELECT d.interaction_descriptor_key FROM interaction_descriptor d
                  WHERE (d.tenant_key, d.customer_segment, d.service_type, d.service_subtype, d.business_result)
                        IS NOT DISTINCT FROM (${s}.tenant_key, left(${s}.customer_segment, 170),
                          left(${s}.service_type, 170), left(${s}.service_subtype, 170),
                          left(${s}.business_result, 170))), -1) END)`;
}

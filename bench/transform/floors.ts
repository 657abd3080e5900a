// The floor of the interaction transform benchmark: one hand-written INSERT … SELECT of IRF rows
// with ring/talk/hold durations per PartyGUID from the same GIDB party history (each row lasts
// until the next row of its PartyGUID), into INTERACTION_RESOURCE_FACT itself. No grouping of
// calls, no roles or results, no folding, phases, counts, keys, MSF, state facts or user data.
export const IRF_FLOOR = `
INSERT INTO interaction_resource_fact (partyguid, start_date_time_key, start_ts, end_ts, ring_duration,
  talk_duration, hold_duration, create_audit_key, update_audit_key)
SELECT g, min(added_ts) / 900 * 900, min(added_ts), max(added_ts),
       COALESCE(sum(d) FILTER (WHERE state = 10), 0), COALESCE(sum(d) FILTER (WHERE state = 12), 0),
       COALESCE(sum(d) FILTER (WHERE state = 14), 0), 0, 0
  FROM (SELECT COALESCE(p.partyguid, p.partyid) AS g, h.state, h.added_ts,
               COALESCE(lead(h.added_ts) OVER (PARTITION BY COALESCE(p.partyguid, p.partyid) ORDER BY h.pseq), h.added_ts)
                 - h.added_ts AS d
          FROM gidb_g_party_history_v h JOIN gidb_g_party_v p ON p.partyid = h.partyid) x
 GROUP BY g`;

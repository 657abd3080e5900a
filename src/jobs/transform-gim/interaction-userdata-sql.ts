// Attached data of a batch's IRFs (data-model 5.5): per IRF the last value of each key in
// G_USERDATA_HISTORY over the interaction's calls with Added_TS <= the IRF's END_TS (a delete
// gives NULL); an interaction without history rows of a key group falls back to the root call's
// G_CALL_USERDATA. Writes TEMP tf_ix_ud; INTERACTION_DESCRIPTOR_KEY, IRF_USER_DATA_KEYS and
// IRF_USER_DATA_GEN_1 come from it.

const DESCRIPTOR: readonly (readonly [string, string])[] = [
  ['CustomerSegment', 'customer_segment'],
  ['ServiceType', 'service_type'],
  ['ServiceSubType', 'service_subtype'],
  ['BusinessResult', 'business_result'],
];
const GEN_1: readonly (readonly [string, string])[] = [
  ['CustomerID', 'customer_id'],
  ['AccountID', 'account_id'],
  ['TransactionID', 'transaction_id'],
  ['Revenue', 'revenue'],
  ['Satisfaction', 'satisfaction'],
];
/** Voice fallback columns of G_CALL_USERDATA (NULL: no predefined column). */
const FALLBACK: Record<string, string> = {
  customer_segment: 'g_customer_segment',
  service_type: 'g_service_type',
  service_subtype: 'g_service_subtype',
  business_result: 'g_business_result',
  customer_id: 'customer_id',
  account_id: 'account_id',
  transaction_id: 'transaction_id',
};

const list = (keys: readonly (readonly [string, string])[]): string => keys.map(([k]) => `'${k}'`).join(', ');

export const USERDATA_HISTORY = `
CREATE TEMP TABLE tf_ix_udh ON COMMIT DROP AS
SELECT k.comp, u.callid, u.cseq, u.changetype, u.keyname, u.value, u.added_ts
  FROM tf_ix_calls k JOIN tf_userdata_history u ON u.fam = k.fam AND u.callid = k.callid
 WHERE u.keyname IN (${list([...DESCRIPTOR, ...GEN_1])})`;

function valueOf(key: string, col: string, group: string): string {
  const hist = `(SELECT CASE WHEN u.changetype = 3 THEN NULL ELSE u.value END FROM tf_ix_udh u
      WHERE u.comp = n.comp AND u.keyname = '${key}' AND u.added_ts <= n.end_ts
      ORDER BY u.added_ts DESC, u.callid DESC, u.cseq DESC LIMIT 1)`;
  const fb = FALLBACK[col];
  const fallback = fb ? `cu.${fb}` : 'NULL';
  return `CASE WHEN EXISTS (SELECT 1 FROM tf_ix_udh u WHERE u.comp = n.comp AND u.keyname IN (${group}))
               THEN ${hist} ELSE ${fallback} END::varchar(255) AS ${col}`;
}

export const USERDATA = `
CREATE TEMP TABLE tf_ix_ud ON COMMIT DROP AS
SELECT n.comp, n.partyguid, n.interaction_resource_id, n.tenant_key, n.start_date_time_key,
       NULL::int AS interaction_descriptor_key,
       ${[
         ...DESCRIPTOR.map(([k, c]) => valueOf(k, c, list(DESCRIPTOR))),
         ...GEN_1.map(([k, c]) => valueOf(k, c, list(GEN_1))),
       ].join(',\n       ')}
  FROM tf_ix_n_irf n JOIN tf_ix_ixn i ON i.comp = n.comp
  LEFT JOIN gidb_g_call_userdata_v cu ON i.fam = 'V' AND cu.callid = i.root_callid`;

export const GEN_1_COLUMNS: readonly string[] = GEN_1.map(([, c]) => c);

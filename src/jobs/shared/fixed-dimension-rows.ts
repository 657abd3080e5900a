// The complete row lists of data-model 4.3 (fixed dimensions, TIME_RANGE) and the -1 UNKNOWN /
// -2 NONE placeholder rows of every runtime dimension of 4.4, as plain data. Column names are
// the lower-case PostgreSQL spellings.

export type DimRow = Readonly<Record<string, string | number | null>>;

export interface DimensionRows {
  readonly table: string;
  /** Primary key column: rows are inserted only where this key is missing. */
  readonly key: string;
  readonly rows: readonly DimRow[];
}

/** Code rule of 4.3: the name upper-cased, without spaces or punctuation ('E-mail' -> 'EMAIL'). */
export function codeOf(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9_]/g, '');
}

const TECHNICAL_RESULTS = [
  'Abandoned',
  'AbnormalStop',
  'Cleared',
  'Completed',
  'Conferenced',
  'CustomerAbandoned',
  'Deferred',
  'DestinationBusy',
  'Diverted',
  'Incomplete',
  'None',
  'OutboundStopped',
  'Pulled',
  'Redirected',
  'Routed',
  'Transferred',
  'Unspecified',
] as const; // index + 1 = tr
const RESULT_REASONS = [
  'Unspecified',
  'AnsweredByAgent',
  'AbandonedWhileRinging',
  'AbandonedWhileQueued',
  'RouteOnNoAnswer',
] as const;
const RESOURCE_ROLES = [
  'Unspecified',
  'Received',
  'ReceivedTransfer',
  'ReceivedConsult',
  'Initiated',
  'Puller',
] as const;
const ROLE_REASONS = ['Unspecified', 'ConferenceInitiator', 'ConferenceJoined', 'TransferJoined'] as const;

/** TECHNICAL_DESCRIPTOR_KEY = 1000·tr + 100·rr + 10·ro + rn (data-model 4.3 / 5.4). */
export function technicalDescriptorKey(tr: number, rr: number, ro: number, rn: number): number {
  return 1000 * tr + 100 * rr + 10 * ro + rn;
}

function technicalDescriptors(): DimRow[] {
  const rows: DimRow[] = [];
  TECHNICAL_RESULTS.forEach((t, i) => {
    RESULT_REASONS.forEach((r, rr) => {
      RESOURCE_ROLES.forEach((o, ro) => {
        ROLE_REASONS.forEach((n, rn) => {
          rows.push({
            technical_descriptor_key: technicalDescriptorKey(i + 1, rr, ro, rn),
            technical_result: t,
            technical_result_code: codeOf(t),
            result_reason: r,
            result_reason_code: codeOf(r),
            resource_role: o,
            resource_role_code: codeOf(o),
            role_reason: n,
            role_reason_code: codeOf(n),
          });
        });
      });
    });
  });
  return rows;
}

/** A (key, name, code) dimension from a code list; `col` names the name column. */
function coded(keyCol: string, col: string, list: readonly (readonly [number, string])[]): DimRow[] {
  return list.map(([k, name]) => ({ [keyCol]: k, [col]: name, [`${col}_code`]: codeOf(name) }));
}

const INTERACTION_TYPES: readonly (readonly [number, string, string])[] = [
  [1, 'Unknown', 'Unknown'],
  [2, 'Inbound', 'InboundNew'],
  [3, 'Inbound', 'InboundCustomerReply'],
  [4, 'Outbound', 'OutboundNew'],
  [5, 'Outbound', 'OutboundReply'],
  [6, 'Internal', 'InternalNew'],
  [7, 'Internal', 'InternalCollaborationInvite'],
];

const MEDIA_TYPES: readonly (readonly [number, string, number])[] = [
  [0, 'Unknown', 0],
  [1, 'Voice', 1],
  [2, 'E-mail', 0],
  [3, 'Chat', 1],
  [4, 'SMS', 0],
  [5, 'Workitem', 0],
  [6, 'OutboundPreview', 0],
];

const RESOURCE_STATES: readonly (readonly [number, string, string])[] = [
  [0, 'Unknown', 'Unknown'],
  [1, 'LoggedIn', 'LoggedOnOnly'],
  [2, 'NotReady', 'NotReady'],
  [3, 'Ready', 'Ready'],
  [4, 'AfterCallWork', 'AfterCallWork'],
  [5, 'Busy', 'Busy'],
];

const IXN_STATES = ['Unknown', 'Initiate', 'Alert', 'Connect', 'Hold', 'Wrap'] as const;
const IXN_STATE_ROLES = [
  'Primary',
  'ConsultInitiated',
  'ConsultReceived',
  'PostConsultTransfer',
  'ConferenceJoined',
] as const;

/** OCS CallResult (data-model 2.6); an unlisted value maps to 28 Unknown. */
export const CALL_RESULTS: readonly (readonly [number, string])[] = [
  [6, 'Busy'],
  [7, 'NoAnswer'],
  [8, 'SitDetected'],
  [9, 'AnsweringMachine'],
  [17, 'FaxDetected'],
  [19, 'Cleared'],
  [21, 'Abandoned'],
  [26, 'Dropped'],
  [27, 'DroppedOnNoAnswer'],
  [28, 'Unknown'],
  [32, 'Transferred'],
  [33, 'Answer'],
  [35, 'WrongParty'],
  [41, 'CancelRecord'],
  [42, 'WrongNumber'],
];

const numbered = (names: readonly string[]): (readonly [number, string])[] => names.map((n, i) => [i, n]);

const DIAL_MODES = numbered([
  'Unknown',
  'Predictive',
  'Progressive',
  'Preview',
  'PushPreview',
  'PredictiveWithSeizing',
  'ProgressiveWithSeizing',
  'ProgressiveGVP',
  'PredictiveGVP',
  'PowerGVP',
]);
const RECORD_TYPES = numbered([
  'Unknown',
  'NoRecordType',
  'General',
  'CampaignRescheduled',
  'PersonalRescheduled',
  'PersonalCallback',
  'CampaignCallback',
  'NoCall',
]);
const RECORD_STATUSES = numbered([
  'Unknown',
  'Ready',
  'Retrieved',
  'Updated',
  'Stale',
  'Cancelled',
  'AgentError',
  'ChainUpdated',
  'MissedCallback',
  'ChainReady',
]);
const CONTACT_INFO_TYPES = numbered([
  'NoContactType',
  'HomePhone',
  'DirectBusinessPhone',
  'BusinessWithExt',
  'Mobile',
  'VacationPhone',
  'Pager',
  'Modem',
  'VoiceMail',
  'PinPager',
  'Email',
  'InstantMessaging',
]);
const ATTEMPT_CAUSES = numbered([
  'Unknown',
  'Processed',
  'Rescheduled',
  'Cancelled',
  'ChainRejected',
  'ChainReschedToContinue',
]);
/** AttemptCauseBy: the codes are the confirmed Genesys spellings. */
const ATTEMPT_CAUSE_BY: readonly (readonly [number, string, string])[] = [
  [0, 'Unknown', 'UNKNOWN'],
  [1, 'ByAgent', 'BY_AGENT'],
  [2, 'BySystem', 'BY_SYSTEM'],
];

function attemptDispositions(): DimRow[] {
  return ATTEMPT_CAUSE_BY.flatMap(([by, dname, dcode]) =>
    ATTEMPT_CAUSES.map(([cause, cname]) => ({
      attempt_disposition_key: 256 * by + cause,
      cause: cname,
      cause_id: cause,
      cause_code: codeOf(cname),
      descriptor: dname,
      descriptor_code: dcode,
    })),
  );
}

/** Default TIME_RANGE lower bounds (s) of both sections; the last range is open. */
export const DEFAULT_TIME_RANGE_BOUNDS: readonly number[] = [
  0, 5, 10, 15, 20, 25, 30, 40, 50, 60, 90, 120, 180, 240, 300, 600, 900, 1200, 1800, 3600,
];

export interface TimeRangeBounds {
  readonly queueAbn: readonly number[];
  readonly queueAcc: readonly number[];
}

export function assertTimeRangeBounds(bounds: readonly number[], section: string): void {
  const ok =
    bounds.length === 20 &&
    bounds[0] === 0 &&
    bounds.every((b, i) => Number.isInteger(b) && (i === 0 || b > (bounds[i - 1] ?? 0)));
  if (!ok) throw new Error(`${section} bounds must be 20 strictly ascending integers starting at 0`);
}

/** TIME_RANGE rows of one section: keys base+1 … base+20, names `<start>-<end>` / `<start>+`. */
export function timeRangeRows(section: 'QUEUE-ABN' | 'QUEUE-ACC', bounds: readonly number[]): DimRow[] {
  assertTimeRangeBounds(bounds, section);
  const base = section === 'QUEUE-ABN' ? 100 : 200;
  return bounds.map((start, i) => {
    const end = bounds[i + 1] ?? null;
    return {
      time_range_key: base + i + 1,
      time_range_name: end === null ? `${start}+` : `${start}-${end}`,
      agg_section: section,
      range_start: start,
      range_end: end,
    };
  });
}

/** Every fixed dimension of 4.3 with its complete row list, TIME_RANGE included. */
export function fixedDimensionRows(
  timeRanges: TimeRangeBounds = { queueAbn: DEFAULT_TIME_RANGE_BOUNDS, queueAcc: DEFAULT_TIME_RANGE_BOUNDS },
): DimensionRows[] {
  return [
    { table: 'technical_descriptor', key: 'technical_descriptor_key', rows: technicalDescriptors() },
    {
      table: 'interaction_type',
      key: 'interaction_type_key',
      rows: INTERACTION_TYPES.map(([k, t, s]) => ({
        interaction_type_key: k,
        interaction_type: t,
        interaction_type_code: codeOf(t),
        interaction_subtype: s,
        interaction_subtype_code: codeOf(s),
        ignore: 0,
      })),
    },
    {
      table: 'media_type',
      key: 'media_type_key',
      rows: MEDIA_TYPES.map(([k, n, online]) => ({
        media_type_key: k,
        media_name: n,
        media_name_code: codeOf(n),
        is_online: online,
      })),
    },
    {
      table: 'resource_state',
      key: 'resource_state_key',
      rows: RESOURCE_STATES.map(([k, t, n]) => ({
        resource_state_key: k,
        state_type: t,
        state_type_code: codeOf(t),
        state_name: n,
        state_name_code: codeOf(n),
      })),
    },
    {
      table: 'interaction_resource_state',
      key: 'interaction_resource_state_key',
      rows: IXN_STATES.flatMap((s, si) =>
        IXN_STATE_ROLES.map((r, ri) => ({
          interaction_resource_state_key: 10 * si + ri,
          state_name: s,
          state_name_code: codeOf(s),
          state_role: r,
          state_role_code: codeOf(r),
          state_descriptor: 'Unspecified',
          state_descriptor_code: 'UNSPECIFIED',
          purge_flag: 0,
        })),
      ),
    },
    {
      table: 'call_result',
      key: 'call_result_key',
      rows: coded('call_result_key', 'call_result', CALL_RESULTS),
    },
    {
      table: 'dialing_mode',
      key: 'dialing_mode_key',
      rows: coded('dialing_mode_key', 'dialing_mode', DIAL_MODES),
    },
    {
      table: 'record_type',
      key: 'record_type_key',
      rows: coded('record_type_key', 'record_type', RECORD_TYPES),
    },
    {
      table: 'record_status',
      key: 'record_status_key',
      rows: coded('record_status_key', 'record_status', RECORD_STATUSES),
    },
    {
      table: 'contact_info_type',
      key: 'contact_info_type_key',
      rows: coded('contact_info_type_key', 'contact_info_type', CONTACT_INFO_TYPES),
    },
    {
      table: 'campaign_group_state',
      key: 'campaign_group_state_key',
      rows: coded('campaign_group_state_key', 'state', [
        [1, 'Loaded'],
        [2, 'Started'],
        [3, 'Unloading'],
      ]),
    },
    { table: 'attempt_disposition', key: 'attempt_disposition_key', rows: attemptDispositions() },
    {
      table: 'time_range',
      key: 'time_range_key',
      rows: [
        ...timeRangeRows('QUEUE-ABN', timeRanges.queueAbn),
        ...timeRangeRows('QUEUE-ACC', timeRanges.queueAcc),
      ],
    },
  ];
}

/** -1 UNKNOWN and -2 NONE rows of the runtime dimensions of 4.4. */
export function placeholderRows(): DimensionRows[] {
  const both = (
    f: (key: number, name: 'UNKNOWN' | 'NONE', label: 'Unknown' | 'None') => DimRow,
  ): DimRow[] => [f(-1, 'UNKNOWN', 'Unknown'), f(-2, 'NONE', 'None')];
  return [
    { table: 'tenant', key: 'tenant_key', rows: both((k, n) => ({ tenant_key: k, tenant_name: n })) },
    {
      table: 'resource_',
      key: 'resource_key',
      rows: both((k, n, l) => ({
        resource_key: k,
        tenant_key: k,
        resource_type: l,
        resource_type_code: n,
        resource_subtype: l,
        resource_name: n,
        purge_flag: 0,
      })),
    },
    {
      table: 'group_',
      key: 'group_key',
      rows: both((k, n, l) => ({
        group_key: k,
        tenant_key: k,
        group_name: n,
        group_type: l,
        group_type_code: n,
        purge_flag: 0,
      })),
    },
    {
      table: 'place',
      key: 'place_key',
      rows: both((k, n) => ({ place_key: k, tenant_key: k, place_name: n, purge_flag: 0 })),
    },
    {
      table: 'time_zone',
      key: 'time_zone_key',
      rows: both((k, n) => ({ time_zone_key: k, tenant_key: k, time_zone_name: n })),
    },
    {
      table: 'campaign',
      key: 'campaign_key',
      rows: both((k, n) => ({ campaign_key: k, tenant_key: k, campaign_name: n })),
    },
    {
      table: 'calling_list',
      key: 'calling_list_key',
      rows: both((k, n) => ({ calling_list_key: k, tenant_key: k, calling_list_name: n, time_zone_key: k })),
    },
    {
      table: 'interaction_descriptor',
      key: 'interaction_descriptor_key',
      rows: both((k) => ({ interaction_descriptor_key: k, tenant_key: k })),
    },
    {
      table: 'resource_state_reason',
      key: 'resource_state_reason_key',
      rows: both((k, n, l) => ({
        resource_state_reason_key: k,
        tenant_key: k,
        reason_type: l,
        reason_type_code: n,
        purge_flag: 0,
      })),
    },
  ];
}

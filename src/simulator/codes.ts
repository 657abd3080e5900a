// The code book of data-model.md 2.6, as named constants, so the traffic models never write a
// bare number and the tests can check every written code against these lists.

export const CFG_STATUS = { active: 1, deleted: 2 } as const;
export const CFG_STATE = { enabled: 1, disabled: 2 } as const;
export const AGENT_TYPE = { notAgent: 1, agent: 2 } as const;
export const GROUP_TYPE = { agent: 1, place: 2, dn: 3 } as const;

export const ENDPOINT_TYPE = {
  extension: 1,
  acdQueue: 3,
  routingPoint: 4,
  virtualQueue: 5,
  trunk: 10,
  interactionQueue: 20,
  workbin: 21,
} as const;

export const CALL_TYPE = { internal: 1, inbound: 2, outbound: 3, consult: 4 } as const;
export const MEDIA = { voice: 1, email: 2, chat: 3 } as const;
export const CALL_STATE = { active: 1, terminated: 2, merged: 3 } as const;
export const MERGE_TYPE = { none: 0, transfer: 1, conference: 2 } as const;
export const CALL_CHANGE = { created: 1, terminated: 2, merged: 3 } as const;
export const IR_CHANGE = { created: 1, terminated: 2, merged: 3 } as const;

export const PARTY_TYPE = {
  agent: 1,
  extension: 2,
  acdQueue: 3,
  routingPoint: 4,
  ivrPort: 5,
  external: 6,
  interactionQueue: 7,
  workbin: 8,
} as const;
export const PROLE = { originator: 1, receiver: 2, conferenceMember: 3 } as const;
export const LINK = {
  none: 0,
  routed: 1,
  transferred: 2,
  consulted: 3,
  conferenced: 4,
  redirected: 5,
  consultInitiator: 6,
  placed: 7,
  pulled: 8,
} as const;
export const PARTY_STATE = {
  released: 0,
  initiated: 1,
  queued: 9,
  alerting: 10,
  busy: 11,
  connected: 12,
  held: 14,
  routing: 2048,
  dialing: 65536,
} as const;
export const PARTY_CHANGE = { created: 1, terminated: 2, stateChanged: 3, moved: 4 } as const;
export const VQ_RESULT = { inProgress: 0, diverted: 1, abandoned: 2, cleared: 3 } as const;
export const USERDATA_CHANGE = { added: 1, updated: 2, deleted: 3 } as const;
export const IS_LINK_TYPE = { outgoing: 1, incoming: 2 } as const;

export const AGENT_STATE = { loggedOff: 0, loggedIn: 1, notReady: 2, ready: 3, acw: 4, busy: 5 } as const;
export const AGENT_STATE_TYPE = { stateChange: 5 } as const;
export const WORK_MODE = {
  unknown: 0,
  manualIn: 1,
  autoIn: 2,
  afterCallWork: 3,
  auxWork: 4,
  walkAway: 6,
} as const;
export const DND_STATE = { off: 0, on: 1 } as const;
export const SESSION_STATE = { ended: 0, active: 1 } as const;

export const DS_TYPE = { tserver: 1, interactionServer: 2, ocs: 3, configServer: 4 } as const;
export const DSCONN_TYPE = { firstConnect: 1, reconnect: 2 } as const;
export const PROVIDER_TAG = { cfg: 1, gcc: 2, gls: 3, gud: 4, gos: 5 } as const;

export const CHAIN_STATE = { terminated: 0, scheduled: 1, processing: 2, processed: 3 } as const;
export const CAMPAIGN_STATE = { unloaded: 0, loaded: 1, started: 2, unloading: 3 } as const;
export const DIAL_MODE = { predictive: 1, progressive: 2, preview: 3 } as const;
export const CALL_RESULT = {
  busy: 6,
  noAnswer: 7,
  answeringMachine: 9,
  answer: 33,
  wrongParty: 35,
} as const;
export const RECORD_TYPE = { general: 2, campaignRescheduled: 3 } as const;
export const RECORD_STATUS = { ready: 1, retrieved: 2, updated: 3 } as const;
export const CONTACT_INFO_TYPE = { homePhone: 1, directBusinessPhone: 2, mobile: 4 } as const;
export const ATTEMPT_CAUSE = { processed: 1, rescheduled: 2 } as const;
export const ATTEMPT_CAUSE_BY = { byAgent: 1, bySystem: 2 } as const;

/** Every value the code book allows per (table, column), for the consistency tests. */
export const CODE_BOOK: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>> = {
  g_call: {
    calltype: [0, 1, 2, 3, 4],
    mediatype: [0, 1, 2, 3, 4, 5, 6],
    state: [1, 2, 3],
    mergetype: [0, 1, 2],
  },
  g_ir: { state: [1, 2, 3], mediatype: [0, 1, 2, 3, 4, 5, 6] },
  g_call_history: { changetype: [1, 2, 3, 4] },
  g_ir_history: { changetype: [1, 2, 3] },
  g_party: {
    type: [0, 1, 2, 3, 4, 5, 6, 7, 8],
    prole: [0, 1, 2, 3, 4],
    parentlinktype: [0, 1, 2, 3, 4, 5, 6, 7, 8],
    state: [0, 1, 9, 10, 11, 12, 14, 15, 2048, 65536],
    endpointtype: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 21],
  },
  g_party_history: {
    changetype: [1, 2, 3, 4],
    state: [0, 1, 9, 10, 11, 12, 14, 15, 2048, 65536],
    prevstate: [0, 1, 9, 10, 11, 12, 14, 15, 2048, 65536],
  },
  g_virtual_queue: { result: [0, 1, 2, 3] },
  g_userdata_history: { changetype: [1, 2, 3] },
  g_is_link: { linktype: [1, 2] },
  g_login_session: { state: [0, 1] },
  gx_session_endpoint: { state: [0, 1], endpointtype: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 21] },
  g_agent_state_history: {
    type: [-1, 0, 5, 6],
    state: [0, 1, 2, 3, 4, 5],
    prevstate: [0, 1, 2, 3, 4, 5],
    workmode: [0, 1, 2, 3, 4, 5, 6, 7],
    mediatype: [1, 2, 3],
  },
  g_agent_state_rc: { agentstate: [0, 1, 2, 3, 4, 5], workmode: [0, 1, 2, 3, 4, 5, 6, 7], hwflag: [0, 1] },
  g_dnd_history: { agentstate: [0, 1, 2, 3, 4, 5], dndstate: [0, 1] },
  gc_agent: { type: [0, 1, 2], status: [0, 1, 2, 10], state: [0, 1, 2] },
  gc_group: { type: [0, 1, 2, 3, 4], status: [0, 1, 2, 10], state: [0, 1, 2] },
  gc_endpoint: { type: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 21], status: [0, 1, 2, 10], state: [0, 1, 2] },
  gcx_group_agent: { status: [0, 1, 2, 10] },
  gcx_group_endpoint: { status: [0, 1, 2, 10] },
  go_campaign: { state: [0, 1, 2, 3], dialmode: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] },
  go_campaignhistory: { state: [0, 1, 2, 3] },
  go_chainrec_hist: {
    state: [0, 1, 2, 3],
    callresult: [6, 7, 8, 9, 17, 19, 21, 26, 27, 28, 32, 33, 35, 41, 42],
    recordtype: [0, 1, 2, 3, 4, 5, 6, 7],
    recordstatus: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    contactinfotype: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    attemptcause: [0, 1, 2, 3, 4, 5],
    attemptcauseby: [0, 1, 2],
  },
  g_prov_control: { providertag: [1, 2, 3, 4, 5] },
};

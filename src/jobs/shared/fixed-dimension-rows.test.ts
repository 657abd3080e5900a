import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_TIME_RANGE_BOUNDS,
  codeOf,
  fixedDimensionRows,
  placeholderRows,
  technicalDescriptorKey,
  timeRangeRows,
} from './fixed-dimension-rows.ts';

const dims = new Map(fixedDimensionRows().map((d) => [d.table, d]));
const rowsOf = (t: string) => dims.get(t)?.rows ?? [];

describe('fixed dimension rows (data-model 4.3)', () => {
  it('lists exactly the dimensions Job_InitializeGIM fills, plus TIME_RANGE', () => {
    assert.deepEqual([...dims.keys()].sort(), [
      'attempt_disposition',
      'call_result',
      'campaign_group_state',
      'contact_info_type',
      'dialing_mode',
      'interaction_resource_state',
      'interaction_type',
      'media_type',
      'record_status',
      'record_type',
      'resource_state',
      'technical_descriptor',
      'time_range',
    ]);
  });

  it('has the row counts of the lists', () => {
    const counts = Object.fromEntries([...dims].map(([t, d]) => [t, d.rows.length]));
    assert.deepEqual(counts, {
      technical_descriptor: 2040,
      interaction_type: 7,
      media_type: 7,
      resource_state: 6,
      interaction_resource_state: 30,
      call_result: 15,
      dialing_mode: 10,
      record_type: 8,
      record_status: 10,
      contact_info_type: 12,
      campaign_group_state: 3,
      attempt_disposition: 18,
      time_range: 40,
    });
    for (const d of dims.values()) {
      const keys = d.rows.map((r) => r[d.key]);
      assert.equal(new Set(keys).size, keys.length, `${d.table} keys are unique`);
    }
  });

  it('builds TECHNICAL_DESCRIPTOR keys from the four indices', () => {
    const byKey = new Map(rowsOf('technical_descriptor').map((r) => [r.technical_descriptor_key, r]));
    assert.equal(technicalDescriptorKey(4, 1, 1, 0), 4110);
    assert.deepEqual(byKey.get(4110), {
      technical_descriptor_key: 4110,
      technical_result: 'Completed',
      technical_result_code: 'COMPLETED',
      result_reason: 'AnsweredByAgent',
      result_reason_code: 'ANSWEREDBYAGENT',
      resource_role: 'Received',
      resource_role_code: 'RECEIVED',
      role_reason: 'Unspecified',
      role_reason_code: 'UNSPECIFIED',
    });
    const expect = (k: number, tr: string, rr: string, ro: string, rn: string) => {
      const r = byKey.get(k);
      assert.deepEqual(
        [r?.technical_result, r?.result_reason, r?.resource_role, r?.role_reason],
        [tr, rr, ro, rn],
      );
    };
    // The scenario keys of data-model 5.8.
    expect(1310, 'Abandoned', 'AbandonedWhileQueued', 'Received', 'Unspecified');
    expect(14410, 'Redirected', 'RouteOnNoAnswer', 'Received', 'Unspecified');
    expect(16010, 'Transferred', 'Unspecified', 'Received', 'Unspecified');
    expect(4133, 'Completed', 'AnsweredByAgent', 'ReceivedConsult', 'TransferJoined');
    expect(5011, 'Conferenced', 'Unspecified', 'Received', 'ConferenceInitiator');
    expect(8040, 'DestinationBusy', 'Unspecified', 'Initiated', 'Unspecified');
    expect(13010, 'Pulled', 'Unspecified', 'Received', 'Unspecified');
    expect(4150, 'Completed', 'AnsweredByAgent', 'Puller', 'Unspecified');
    expect(17443, 'Unspecified', 'RouteOnNoAnswer', 'Initiated', 'TransferJoined');
  });

  it('fills the coded lists of data-model 2.6', () => {
    const media = rowsOf('media_type').map((r) => [r.media_type_key, r.media_name_code, r.is_online]);
    assert.deepEqual(media, [
      [0, 'UNKNOWN', 0],
      [1, 'VOICE', 1],
      [2, 'EMAIL', 0],
      [3, 'CHAT', 1],
      [4, 'SMS', 0],
      [5, 'WORKITEM', 0],
      [6, 'OUTBOUNDPREVIEW', 0],
    ]);
    assert.deepEqual(
      rowsOf('call_result').map((r) => r.call_result_key),
      [6, 7, 8, 9, 17, 19, 21, 26, 27, 28, 32, 33, 35, 41, 42],
    );
    const rs = rowsOf('resource_state').find((r) => r.resource_state_key === 1);
    assert.deepEqual([rs?.state_type_code, rs?.state_name_code], ['LOGGEDIN', 'LOGGEDONONLY']);
    const irs = rowsOf('interaction_resource_state').find((r) => r.interaction_resource_state_key === 32);
    assert.deepEqual(
      [irs?.state_name, irs?.state_role, irs?.state_descriptor],
      ['Connect', 'ConsultReceived', 'Unspecified'],
    );
    const it7 = rowsOf('interaction_type').find((r) => r.interaction_type_key === 7);
    assert.equal(it7?.interaction_subtype_code, 'INTERNALCOLLABORATIONINVITE');
    assert.deepEqual(
      rowsOf('dialing_mode').map((r) => r.dialing_mode_code),
      [
        'UNKNOWN',
        'PREDICTIVE',
        'PROGRESSIVE',
        'PREVIEW',
        'PUSHPREVIEW',
        'PREDICTIVEWITHSEIZING',
        'PROGRESSIVEWITHSEIZING',
        'PROGRESSIVEGVP',
        'PREDICTIVEGVP',
        'POWERGVP',
      ],
    );
    assert.equal(
      rowsOf('contact_info_type').find((r) => r.contact_info_type_key === 11)?.contact_info_type,
      'InstantMessaging',
    );
    assert.equal(rowsOf('record_status').find((r) => r.record_status_key === 9)?.record_status, 'ChainReady');
    assert.equal(rowsOf('record_type').find((r) => r.record_type_key === 7)?.record_type, 'NoCall');
    assert.deepEqual(
      rowsOf('campaign_group_state').map((r) => r.state_code),
      ['LOADED', 'STARTED', 'UNLOADING'],
    );
  });

  it('keys ATTEMPT_DISPOSITION as 256·by + cause', () => {
    const rows = rowsOf('attempt_disposition');
    const r = rows.find((x) => x.attempt_disposition_key === 256 * 2 + 4);
    assert.deepEqual(
      [r?.cause, r?.cause_id, r?.cause_code, r?.descriptor_code],
      ['ChainRejected', 4, 'CHAINREJECTED', 'BY_SYSTEM'],
    );
    assert.deepEqual(
      rows.map((x) => x.attempt_disposition_key),
      [0, 1, 2, 3, 4, 5, 256, 257, 258, 259, 260, 261, 512, 513, 514, 515, 516, 517],
    );
  });

  it('builds TIME_RANGE from configurable bounds', () => {
    const abn = timeRangeRows('QUEUE-ABN', DEFAULT_TIME_RANGE_BOUNDS);
    assert.deepEqual(abn[10], {
      time_range_key: 111,
      time_range_name: '90-120',
      agg_section: 'QUEUE-ABN',
      range_start: 90,
      range_end: 120,
    });
    assert.deepEqual(abn[19], {
      time_range_key: 120,
      time_range_name: '3600+',
      agg_section: 'QUEUE-ABN',
      range_start: 3600,
      range_end: null,
    });
    const acc = timeRangeRows('QUEUE-ACC', DEFAULT_TIME_RANGE_BOUNDS);
    assert.equal(
      acc.find((r) => Number(r.range_start) <= 16 && 16 < Number(r.range_end))?.time_range_key,
      204,
    );
    const custom = timeRangeRows('QUEUE-ACC', [0, ...Array.from({ length: 19 }, (_, i) => (i + 1) * 7)]);
    assert.equal(custom[1]?.time_range_name, '7-14');
    assert.throws(() => timeRangeRows('QUEUE-ABN', [0, 5, 5]), /20 strictly ascending/);
    assert.throws(
      () => timeRangeRows('QUEUE-ABN', [1, ...DEFAULT_TIME_RANGE_BOUNDS.slice(1)]),
      /starting at 0/,
    );
  });

  it('has -1 UNKNOWN and -2 NONE rows for every runtime dimension of 4.4', () => {
    const p = placeholderRows();
    assert.deepEqual(
      p.map((d) => d.table),
      [
        'tenant',
        'resource_',
        'group_',
        'place',
        'time_zone',
        'campaign',
        'calling_list',
        'interaction_descriptor',
        'resource_state_reason',
      ],
    );
    for (const d of p)
      assert.deepEqual(
        d.rows.map((r) => r[d.key]),
        [-1, -2],
      );
    assert.equal(p.find((d) => d.table === 'resource_')?.rows[1]?.resource_name, 'NONE');
  });

  it('derives codes by upper-casing without spaces or punctuation', () => {
    assert.equal(codeOf('E-mail'), 'EMAIL');
    assert.equal(codeOf('Abandoned While Ringing'), 'ABANDONEDWHILERINGING');
  });
});

// GIDB rows of worked example 4 (data-model section 7): agent 5002, session LS2 on DN 7002.
import type { Db } from '../../src/db/types.ts';
import { at, writeGidb } from './fixtures.ts';

export async function writeExample4Config(db: Db): Promise<void> {
  await writeGidb(db, 'gidb_gc_tenant', [{ id: 101, name: 'T101', status: 1, created_ts: at(0, 0) - 86400 }]);
  await writeGidb(db, 'gidb_gc_agent', [
    {
      id: 5002,
      tenantid: 101,
      username: 'bsmith',
      firstname: 'B',
      lastname: 'Smith',
      type: 2,
      status: 1,
      created_ts: at(0, 0) - 86400,
    },
  ]);
  await writeGidb(db, 'gidb_gc_endpoint', [
    { id: 7002, dn: '7002', tenantid: 101, type: 1, status: 1, created_ts: at(0, 0) - 86400 },
  ]);
}

export async function writeExample4Activity(db: Db): Promise<void> {
  await writeGidb(db, 'gidb_g_login_session_v', [
    {
      loginsessionid: 'LS2',
      agentid: 5002,
      tenantid: 101,
      placeid: 0,
      state: 0,
      created_ts: at(9, 0),
      terminated_ts: at(9, 40),
    },
  ]);
  await writeGidb(db, 'gidb_gx_session_endpoint_v', [
    {
      loginsessionid: 'LS2',
      agentid: 5002,
      endpointid: 7002,
      endpointtype: 1,
      mediatype: 1,
      tenantid: 101,
      state: 0,
      created_ts: at(9, 0),
      terminated_ts: at(9, 40),
    },
  ]);
  const states: [number, number, number, number | null][] = [
    [1, at(9, 0), 3, null],
    [2, at(9, 10), 2, 4],
    [3, at(9, 20), 3, null],
    [4, at(9, 25), 5, null],
    [5, at(9, 28), 4, null],
    [6, at(9, 29), 3, null],
  ];
  await writeGidb(
    db,
    'gidb_g_agent_state_history_v',
    states.map(([seq, t, st, wm]) => ({
      loginsessionid: 'LS2',
      agentid: 5002,
      endpointid: 7002,
      mediatype: 1,
      type: 5,
      seq,
      state: st,
      workmode: wm,
      added_ts: t,
    })),
  );
  await writeGidb(db, 'gidb_g_agent_state_rc_v', [
    {
      sessionid: 'LS2',
      agentid: 5002,
      endpointid: 7002,
      mediatype: 1,
      queueid: 0,
      agentstate: 2,
      workmode: 4,
      hwflag: 0,
      keyname: 'ReasonCode',
      value: 'Break',
      created_ts: at(9, 10),
      terminated_ts: at(9, 20),
    },
  ]);
}

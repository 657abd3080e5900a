import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  changeMarkerSql,
  familyOfRole,
  getIdbTable,
  gidbTableName,
  idbTables,
  idbTablesForRole,
} from './catalog.ts';
import { getGidbTable, gidbSchemaSql, gidbTables, idbIndexSql, idbSchemaSql } from './ddl.ts';

const names = (ts: readonly { name: string }[]) => ts.map((t) => t.name);
const colNames = (t: { columns: readonly { name: string }[] }) => t.columns.map((c) => c.name);

describe('IDB catalog (data-model section 2)', () => {
  it('describes every table of section 2', () => {
    assert.equal(idbTables.length, 45);
    for (const n of [
      'G_DSS_GOS_PROVIDER',
      'G_PROV_CONTROL',
      'GC_CALLING_LIST',
      'GCX_LOGIN_INFO',
      'G_IR',
      'G_CALL_USERDATA',
    ])
      assert.ok(names(idbTables).includes(n), n);
    for (const n of [
      'GX_SESSION_ENDPOINT',
      'G_AGENT_STATE_RC',
      'G_DND_HISTORY',
      'GO_FIELDHIST',
      'GSYS_DNPREMOTELOCATION',
    ])
      assert.ok(names(idbTables).includes(n), n);
  });

  it('keeps keys, first time columns and predicates consistent with the columns', () => {
    for (const t of idbTables) {
      const cols = new Set(colNames(t));
      assert.equal(cols.size, t.columns.length, `${t.name}: no duplicate columns`);
      for (const k of [...t.primaryKey, ...t.naturalKey]) assert.ok(cols.has(k), `${t.name}.${k}`);
      if (t.firstTimeColumn) assert.ok(cols.has(t.firstTimeColumn), `${t.name}.${t.firstTimeColumn}`);
      assert.equal(cols.has('GSYS_SEQ'), t.hasGsys, `${t.name} GSYS block`);
      if (t.hasGsys) assert.equal(t.columns.filter((c) => c.name.startsWith('GSYS_')).length, 9);
    }
  });

  it('spells columns and types as the document does', () => {
    const call = getIdbTable('g_call');
    assert.deepEqual(call.columns.slice(0, 3), [
      { name: 'ID', type: 'bigserial' },
      { name: 'CallID', type: 'varchar(50)' },
      { name: 'IRID', type: 'varchar(50)' },
    ]);
    assert.ok(call.columns.some((c) => c.name === 'ConnIDnum' && c.type === 'numeric(20)'));
    assert.ok(call.columns.some((c) => c.name === 'Terminated_TS' && c.type === 'int'));
    const agent = getIdbTable('GC_AGENT');
    assert.deepEqual(colNames(agent).slice(-13, -9), ['Created', 'Created_TS', 'Deleted', 'Deleted_TS']);
    assert.deepEqual(getIdbTable('G_PROV_CONTROL').primaryKey, ['DomainID', 'PrimaryID', 'ProviderTag']);
    assert.ok(
      getIdbTable('G_AGENT_STATE_RC').columns.some((c) => c.name === 'HWFlag' && c.type === 'smallint'),
    );
    assert.ok(getIdbTable('G_DSS_GCC_PROVIDER').columns.some((c) => c.name === 'DSCONN_ETIME_TS'));
  });

  it('records providers, roles, natural keys and completion of 3.2', () => {
    const t = (n: string) => getIdbTable(n);
    assert.deepEqual(t('G_PARTY_HISTORY').naturalKey, ['PartyID', 'PSeq']);
    assert.equal(t('G_PARTY_HISTORY').insertOnly, true);
    assert.equal(t('G_VIRTUAL_QUEUE').completedWhen, 'Terminated_TS IS NOT NULL AND Result <> 0');
    assert.equal(t('G_CALL').completedWhen, 'Terminated_TS IS NOT NULL');
    assert.equal(t('G_AGENT_STATE_HISTORY').completedWhen, null);
    assert.equal(t('G_USERDATA_HISTORY').provider, 'gud');
    assert.equal(t('G_CALL_USERDATA').insertOnly, false);
    assert.equal(t('GX_SESSION_ENDPOINT').provider, 'gls');
    assert.equal(t('GO_CHAINREC_HIST').provider, 'gos');
    assert.equal(t('GC_SKILL').deletedWhen, 'Status = 2 OR Deleted_TS IS NOT NULL');
    assert.equal(t('G_IR_HISTORY').firstTimeColumn, 'Added_TS');
    assert.equal(t('G_IR').firstTimeColumn, 'Created_TS');
    assert.equal(t('G_CALL_USERDATA').firstTimeColumn, null);
    assert.equal(t('GSYS_DNPREMOTELOCATION').fullCopy, true);
    assert.equal(t('G_PROV_CONTROL').extracted, false);
    assert.deepEqual(names(idbTablesForRole('ICON_OCS')), [
      'GO_CAMPAIGN',
      'GO_CAMPAIGNHISTORY',
      'GO_CHAIN',
      'GO_CHAINREC_HIST',
      'GOX_CHAIN_CALL',
      'GO_FIELDHIST',
    ]);
    assert.equal(idbTablesForRole('ICON_CFG').length, 16);
    assert.ok(!names(idbTablesForRole('ICON_MM')).includes('G_IS_LINK'));
    assert.ok(names(idbTablesForRole('ICON_CORE')).includes('G_IS_LINK'));
  });

  it('names GIDB copies by family (data-model 4.1)', () => {
    assert.equal(gidbTableName('G_CALL', 'V'), 'GIDB_G_CALL_V');
    assert.equal(gidbTableName('G_PARTY_HISTORY', 'MM'), 'GIDB_G_PARTY_HISTORY_MM');
    assert.equal(gidbTableName('G_IS_LINK', 'V'), 'GIDB_G_IS_LINK_V');
    assert.equal(gidbTableName('GC_AGENT', null), 'GIDB_GC_AGENT');
    assert.equal(gidbTableName('GO_CHAIN', null), 'GIDB_GO_CHAIN');
    assert.throws(() => gidbTableName('G_CALL_USERDATA', 'MM'), /voice only/);
    assert.throws(() => gidbTableName('G_CALL', null), /needs a family/);
    assert.throws(() => gidbTableName('GC_AGENT', 'V'), /family null/);
    assert.throws(() => gidbTableName('G_PROV_CONTROL', null), /read live/);
    assert.equal(familyOfRole('ICON_MM'), 'MM');
    assert.equal(familyOfRole('ICON_CFG'), null);
  });

  it('gives the change marker of 3.1', () => {
    assert.equal(changeMarkerSql('G_CALL'), 'GREATEST(GSYS_SEQ, COALESCE(GSYS_USEQ, 0))');
    assert.equal(changeMarkerSql('G_CALL', 'c'), 'GREATEST(c.GSYS_SEQ, COALESCE(c.GSYS_USEQ, 0))');
    assert.equal(changeMarkerSql('G_PARTY_HISTORY'), 'GSYS_SEQ');
    assert.throws(() => changeMarkerSql('GSYS_DNPREMOTELOCATION'), /no GSYS/);
    assert.equal(
      idbIndexSql(getIdbTable('G_CALL')),
      'CREATE INDEX IF NOT EXISTS ix_g_call_chg ON G_CALL ((GREATEST(GSYS_SEQ, COALESCE(GSYS_USEQ, 0))))',
    );
  });

  it('derives the GIDB tables: columns, keys, partitioning', () => {
    assert.equal(gidbTables.length, 16 + 14 * 2 + 3 + 6);
    const g = new Map(gidbTables.map((x) => [x.name, x]));
    const call = g.get('GIDB_G_CALL_MM');
    assert.ok(call);
    assert.ok(!colNames(call).includes('GSYS_PARTITION') && !colNames(call).includes('GSYS_TS'));
    assert.deepEqual(colNames(call).slice(-4), [
      'CREATE_AUDIT_KEY',
      'UPDATE_AUDIT_KEY',
      'DATA_SOURCE_KEY',
      'START_DATE_TIME_KEY',
    ]);
    assert.deepEqual(call.primaryKey, ['CallID', 'START_DATE_TIME_KEY']);
    assert.equal(call.partitioned, true);
    assert.equal(call.columns[0]?.type, 'bigint');
    const tenant = g.get('GIDB_GC_TENANT');
    assert.equal(tenant?.partitioned, false);
    assert.deepEqual(tenant?.primaryKey, ['ID']);
    assert.ok(!colNames(tenant ?? { columns: [] }).includes('START_DATE_TIME_KEY'));
    assert.equal(g.get('GIDB_G_CALL_USERDATA_V')?.partitioned, false);
    assert.deepEqual(g.get('GIDB_GSYS_DNPREMOTELOCATION_V')?.primaryKey, ['RemoteLocation']);
    assert.equal(getGidbTable('gidb_g_party_history_v').idbTable.name, 'G_PARTY_HISTORY');
    assert.throws(() => getGidbTable('GIDB_G_IS_LINK_MM'), /unknown GIDB table/);
  });

  it('matches the committed generated migrations (run npx tsx scripts/gen-schema.ts)', () => {
    const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');
    assert.equal(read('migrations/idb/0001_idb_schema.sql'), idbSchemaSql());
    assert.equal(read('migrations/infomart/0001_gidb.sql'), gidbSchemaSql());
  });
});

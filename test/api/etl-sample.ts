// A fixed ETL status document for the in-memory Service: every section filled, so the API's
// metrics and the ETL status page can be checked against known values.
import type { EtlStatus, ServerStateView } from '../../src/service-types.ts';

export const SAMPLE_NOW = 1_700_086_400;

export function sampleEtlStatus(server: ServerStateView): EtlStatus {
  const now = SAMPLE_NOW;
  const table = (dap: string, name: string, lag: number, alarm: boolean, ha: string | null) => ({
    dapName: dap,
    role: 'ICON_CORE',
    dataSourceKey: dap === 'core1' ? 2 : 3,
    haSet: ha,
    tableName: name,
    hwm: '9007199254740993',
    lastChunkTs: now - lag,
    lastChunkRows: 120,
    newestEventTs: now - lag - 30,
    lagSeconds: lag,
    alarm,
  });
  return {
    generatedTs: now,
    server,
    extraction: {
      delayedDataThresholdSeconds: 900,
      tables: [
        table('core1', 'G_CALL', 12, false, 'site1'),
        table('core1', 'G_PARTY', 15, false, 'site1'),
        table('core2', 'G_CALL', 1800, true, 'site1'),
      ],
      coverage: [
        {
          dapName: 'core1',
          role: 'ICON_CORE',
          haSet: 'site1',
          providerTag: 1,
          dssId: 7,
          startTs: now - 7200,
          endTs: null,
        },
        {
          dapName: 'core2',
          role: 'ICON_CORE',
          haSet: 'site1',
          providerTag: 1,
          dssId: 8,
          startTs: now - 7200,
          endTs: now - 1800,
        },
      ],
    },
    lastCycle: {
      cycleId: '501',
      jobs: [
        {
          jobId: '501',
          job: 'Job_ExtractICON',
          status: 'Completed',
          startTs: now - 300,
          endTs: now - 240,
          durationSeconds: 60,
          rows: 360,
          reason: null,
        },
        {
          jobId: '502',
          job: 'Job_TransformGIM',
          status: 'Running',
          startTs: now - 240,
          endTs: null,
          durationSeconds: 240,
          rows: 0,
          reason: null,
        },
      ],
    },
    transformMarks: [
      { name: 'GIDB_G_CALL_V', value: '4711', value2: null, jobId: '499', createdTs: now - 900 },
    ],
    aggregation: {
      backlog: [
        { level: 'SUBHR', pending: 4, running: 1, oldestStartTs: now - 3600 },
        { level: 'HOUR', pending: 2, running: 0, oldestStartTs: now - 3600 },
        { level: 'DAY', pending: 0, running: 0, oldestStartTs: null },
      ],
      ledger: {
        requests: [
          {
            requestId: 3,
            cause: 'MANUAL',
            agrSet: 'ALLSETS',
            startDate: '2023-11-01',
            endDate: '2023-11-02',
            level: 'SUBHR',
            flavor: 'ALL',
            hierarchies: ['ALL'],
            start: now - 86400 * 20,
            end: now - 86400 * 18,
            requestedBy: 'operator',
            createdTs: now - 600,
            state: 'RUNNING',
            progress: { done: 2, total: 6 },
          },
        ],
        notified: [],
      },
    },
    headroom: {
      partitions: [
        { table: 'interaction_fact', upToTs: now + 86400 * 2.5, daysAhead: 2.5 },
        { table: 'gidb_g_call_v', upToTs: now + 86400 * 6, daysAhead: 6 },
      ],
      calendarDays: 364.5,
    },
    recentExtractions: [
      {
        jobId: '480',
        cycleId: '480',
        status: 'Completed',
        startTs: now - 3600,
        endTs: now - 3540,
        rows: 200,
        lagSeconds: 90,
      },
      {
        jobId: '501',
        cycleId: '501',
        status: 'Completed',
        startTs: now - 300,
        endTs: now - 240,
        rows: 360,
        lagSeconds: 60,
      },
    ],
  };
}

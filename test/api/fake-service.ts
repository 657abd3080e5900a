// An in-memory Service for the API's routing, identity and error-mapping tests only. It keeps
// just enough of the Manager rules (M1–M3, M9) to produce each refusal the API must map; the
// real rules are tested against src/service.ts over real databases (service-api.test.ts).
import { ConfigError, InfomartError } from '../../src/errors.ts';
import { JOB_NAMES, isJobName } from '../../src/core/jobs.ts';
import type {
  AuditEntry,
  JobView,
  OptionEdit,
  OptionsView,
  Principal,
  RunReply,
  RunRequest,
  Service,
  ServerStateView,
} from '../../src/service-types.ts';
import { sampleEtlStatus } from './etl-sample.ts';

export interface Call {
  readonly op: string;
  readonly who?: string;
  readonly reason?: string | undefined;
  readonly target?: string;
}

export interface FakeService extends Service {
  readonly calls: Call[];
  /** Adds a run in the given status and returns it. */
  seed(job: JobView['job'], status: JobView['status'], startTs?: number | null): JobView;
  state: ServerStateView['state'];
}

const STORED = {
  Scheduled: 'SCHEDULED',
  Running: 'RUNNING',
  Completed: 'COMPLETE',
  Failed: 'FAILED',
  Stopped: 'STOPPED',
  Canceled: 'CANCELED',
} as const;

export function makeFakeService(): FakeService {
  const runs = new Map<string, JobView>();
  const calls: Call[] = [];
  const audit: AuditEntry[] = [];
  let nextId = 100;
  let frequency = '15';

  const put = (v: JobView): JobView => {
    runs.set(v.jobId, v);
    return v;
  };
  const make = (job: JobView['job'], status: JobView['status'], startTs: number | null): JobView => ({
    jobId: String(nextId++),
    job,
    status,
    storedStatus: STORED[status],
    origin: 'manual',
    cycleId: null,
    createdTs: 1_700_000_000 + nextId,
    startTs,
    endTs: ['Scheduled', 'Running'].includes(status) ? null : (startTs ?? 1_700_000_000) + 5,
    durationSeconds: startTs === null ? null : 5,
    parameters: null,
    reason: null,
    errorMessage: null,
    requestedBy: null,
    stoppedBy: null,
    rowCounts: status === 'Completed' ? { CTL_AUDIT_LOG: 3 } : null,
    warnings: null,
    progress: status === 'Running' ? { rows: 10, chunksDone: 1, chunksTotal: 4, elapsedSeconds: 7 } : null,
  });
  const get = (id: string): JobView => {
    const v = runs.get(id);
    if (!v) throw new InfomartError('NOT_FOUND', `no job instance ${id}`);
    return v;
  };
  const record = (c: Call, who: Principal): void => {
    calls.push(c);
    audit.push({
      ts: 1_700_000_000,
      principal: who.name,
      action: c.op,
      target: c.target ?? '',
      reason: c.reason ?? null,
    });
  };
  const options = (): OptionsView => ({
    path: '/tmp/infomart.ini',
    options: [
      {
        section: 'gim-etl',
        option: 'etl-frequency',
        type: 'int',
        validValues: 'an integer 1..1440',
        effective: frequency,
        fileValue: frequency === '15' ? null : frequency,
        line: null,
        default: '15',
        effect: 'Imm',
        description: 'minutes between ETL slots',
        pending: false,
      },
    ],
    warnings: [],
  });

  const svc: FakeService = {
    calls,
    state: 'Normal',
    seed(job, status, startTs = status === 'Scheduled' ? null : 1_700_000_100) {
      return put(make(job, status, startTs));
    },
    async serverState() {
      return {
        state: svc.state,
        reasons: svc.state === 'Normal' ? [] : ['options file invalid'],
        schemaVersion: 1,
        codeSchemaVersion: 1,
        optionsFile: '/tmp/infomart.ini',
        optionsErrors: [],
        optionsWarnings: [],
      };
    },
    async listJobs() {
      return [...runs.values()].filter((r) => r.status !== 'Canceled');
    },
    async getJob(id) {
      return get(id);
    },
    async history(q) {
      const rows = [...runs.values()].filter(
        (r) => (!q.job || r.job === q.job) && (!q.status || r.storedStatus === q.status),
      );
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      return { rows: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageSize };
    },
    async runJob(req: RunRequest, who: Principal): Promise<RunReply> {
      if (!isJobName(req.job)) {
        throw new InfomartError(
          'BAD_REQUEST',
          `unknown job "${req.job}"; valid names: ${JOB_NAMES.join(', ')}`,
        );
      }
      if (req.job === 'Job_UpdateStats' || req.job === 'Job_ExportGIM') {
        throw new InfomartError('BAD_REQUEST', `M2: ${req.job} cannot be run from the Manager`);
      }
      if (req.params?.trim() && req.job !== 'Job_AggregateGIM') {
        throw new InfomartError('BAD_REQUEST', `M3: ${req.job} takes no parameters`);
      }
      if (svc.state === 'Blocked' && req.job !== 'Job_InitializeGIM') {
        throw new InfomartError('CONFLICT', 'R19/M4: the server is Blocked: options file invalid');
      }
      const busy = [...runs.values()].find(
        (r) => r.job === req.job && ['Scheduled', 'Running'].includes(r.status),
      );
      if (busy) throw new InfomartError('CONFLICT', `M1: ${req.job} ${busy.jobId} is ${busy.status}`);
      record({ op: 'run', who: who.name, reason: req.reason, target: req.job }, who);
      if (req.job === 'Job_AggregateGIM' && req.params) {
        return {
          result: 'queued',
          requestId: 'R1',
          message: 'queued for the running aggregation',
          warnings: [],
        };
      }
      const run = put({
        ...make(req.job, 'Running', 1_700_000_200),
        requestedBy: who.name,
        parameters: req.params ?? null,
      });
      return {
        result: 'started',
        run,
        warnings: req.job === 'Job_MaintainGIM' ? ['M6: other jobs run'] : [],
      };
    },
    async cancelJob(id, who, reason) {
      const v = get(id);
      if (v.status !== 'Scheduled') throw new InfomartError('CONFLICT', `M9: ${v.job} ${id} is ${v.status}`);
      record({ op: 'cancel', who: who.name, reason, target: id }, who);
      return put({ ...v, status: 'Canceled', storedStatus: 'CANCELED', endTs: 1_700_000_300 });
    },
    async stopJob(id, who, reason) {
      const v = get(id);
      if (v.status === 'Scheduled') return { run: await svc.cancelJob(id, who, reason), warnings: [] };
      if (v.status !== 'Running') throw new InfomartError('CONFLICT', `M9: ${v.job} ${id} is ${v.status}`);
      record({ op: 'stop', who: who.name, reason, target: id }, who);
      return {
        run: put({ ...v, status: 'Stopped', storedStatus: 'STOPPED', stoppedBy: who.name, reason }),
        warnings: [],
      };
    },
    async killJob(id, who, reason) {
      const v = get(id);
      if (v.status !== 'Running') throw new InfomartError('CONFLICT', `${v.job} ${id} is ${v.status}`);
      record({ op: 'kill', who: who.name, reason, target: id }, who);
      return put({ ...v, status: 'Stopped', storedStatus: 'STOPPED', reason: 'killed' });
    },
    async options() {
      return options();
    },
    async editOptions(edits: readonly OptionEdit[], who, reason) {
      const issues = edits
        .filter(
          (e) =>
            !(
              e.section === 'gim-etl' &&
              e.option === 'etl-frequency' &&
              /^(\d+)?$/.test(e.value) &&
              Number(e.value) <= 1440
            ),
        )
        .map((e) => ({
          section: e.section,
          option: e.option,
          value: e.value,
          message: `${e.section}.${e.option}: "${e.value}" is not valid; expected an integer 1..1440`,
        }));
      if (issues.length > 0) throw new ConfigError(issues);
      for (const e of edits) frequency = e.value === '' ? '15' : e.value;
      record(
        {
          op: 'options',
          who: who.name,
          reason,
          target: edits.map((e) => `${e.section}.${e.option}`).join(','),
        },
        who,
      );
      return options();
    },
    async schedulePreview(hours) {
      return [
        {
          at: '2024-05-14 06:30',
          utc: '2024-05-14T11:30:00Z',
          job: 'Job_ExtractICON',
          event: `slot (${hours} h)`,
          reason: null,
        },
      ];
    },
    async etlStatus() {
      return sampleEtlStatus(await svc.serverState());
    },
    async audit(limit) {
      return audit.slice(-limit);
    },
    jobCatalog() {
      return JOB_NAMES.map((name) => ({
        name,
        runnable: name !== 'Job_UpdateStats' && name !== 'Job_ExportGIM',
        acceptsParams: name === 'Job_AggregateGIM',
        unavailable: null,
      }));
    },
  };
  return svc;
}

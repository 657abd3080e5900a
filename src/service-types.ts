// The operations the outside world may call. The CLI, the REST API and the web UI are thin
// layers over an implementation of this interface (src/service.ts); nothing else reaches the
// scheduler, the runner or the database on their behalf (DESIGN 12).
import type { JobName } from './jobs/types.ts';
import type { Origin, StoredStatus } from './runner/history.ts';
import type { OptionRecord } from './config/types.ts';
import type { ConfigIssue } from './errors.ts';
import type { EtlStatus } from './service/etl-status.ts';

export type { EtlStatus } from './service/etl-status.ts';

export type Role = 'viewer' | 'operator' | 'admin';

export interface Principal {
  readonly name: string;
  readonly role: Role;
}

/** A job instance as the Manager shows it. Times are epoch seconds (UTC). */
export interface JobView {
  readonly jobId: string;
  readonly job: JobName;
  readonly status: 'Scheduled' | 'Running' | 'Completed' | 'Failed' | 'Stopped' | 'Canceled';
  readonly storedStatus: StoredStatus;
  readonly origin: Origin;
  readonly cycleId: string | null;
  readonly createdTs: number;
  readonly startTs: number | null;
  readonly endTs: number | null;
  /** Seconds from start to end (or to now while running). */
  readonly durationSeconds: number | null;
  readonly parameters: string | null;
  /** Why it ended / why it waits ("waits for Job_TransformGIM 812"). */
  readonly reason: string | null;
  readonly errorMessage: string | null;
  readonly requestedBy: string | null;
  readonly stoppedBy: string | null;
  readonly rowCounts: Record<string, number> | null;
  readonly warnings: string | null;
  /** Live progress while running. */
  readonly progress: {
    readonly rows?: number;
    readonly chunksDone?: number;
    readonly chunksTotal?: number;
    readonly detail?: string;
    readonly elapsedSeconds: number;
  } | null;
}

export interface RunRequest {
  readonly job: string;
  readonly params?: string;
  readonly reason?: string;
}

export type RunReply =
  | { readonly result: 'started' | 'scheduled'; readonly run: JobView; readonly warnings: readonly string[] }
  | {
      readonly result: 'queued';
      readonly requestId: string;
      readonly message: string;
      readonly warnings: readonly string[];
    };

export interface HistoryQuery {
  readonly job?: JobName;
  readonly status?: StoredStatus;
  readonly origin?: Origin;
  readonly fromTs?: number;
  readonly toTs?: number;
  readonly page?: number;
  readonly pageSize?: number;
}

export interface ServerStateView {
  readonly state: 'Normal' | 'Blocked' | 'Migration';
  readonly reasons: readonly string[];
  readonly schemaVersion: number;
  readonly codeSchemaVersion: number;
  readonly optionsFile: string | null;
  readonly optionsErrors: readonly ConfigIssue[];
  readonly optionsWarnings: readonly ConfigIssue[];
}

export interface OptionsView {
  readonly path: string | null;
  readonly options: readonly (OptionRecord & { readonly pending: boolean })[];
  readonly warnings: readonly ConfigIssue[];
}

export interface OptionEdit {
  readonly section: string;
  readonly option: string;
  /** '' = back to the default. */
  readonly value: string;
}

export interface ScheduleEvent {
  readonly at: string;
  readonly utc: string;
  readonly job: string;
  readonly event: string;
  readonly reason: string | null;
}

export interface AuditEntry {
  readonly ts: number;
  readonly principal: string;
  readonly action: string;
  readonly target: string;
  readonly reason: string | null;
}

/** Errors carry an InfomartError code; the API maps them (BAD_REQUEST 400, NOT_FOUND 404, CONFLICT 409 …). */
export interface Service {
  serverState(): Promise<ServerStateView>;
  /** Scheduled, Running, and (except Canceled) instances ended in the last 24 h. */
  listJobs(): Promise<JobView[]>;
  getJob(jobId: string): Promise<JobView>;
  history(q: HistoryQuery): Promise<{ rows: JobView[]; total: number; page: number; pageSize: number }>;
  runJob(req: RunRequest, who: Principal): Promise<RunReply>;
  cancelJob(jobId: string, who: Principal, reason?: string): Promise<JobView>;
  stopJob(
    jobId: string,
    who: Principal,
    reason: string,
  ): Promise<{ run: JobView; warnings: readonly string[] }>;
  killJob(jobId: string, who: Principal, reason: string): Promise<JobView>;
  options(): Promise<OptionsView>;
  /** Validated like a file edit (jobs reference 1.1) and written atomically; refused whole. */
  editOptions(edits: readonly OptionEdit[], who: Principal, reason: string): Promise<OptionsView>;
  schedulePreview(hours: number): Promise<ScheduleEvent[]>;
  /** Server state, per DAP/table marks, lag, alarms, HA coverage, last cycle, transform marks,
   *  aggregation backlog and ledger, headroom, the last day's extraction runs. */
  etlStatus(): Promise<EtlStatus>;
  audit(limit: number): Promise<AuditEntry[]>;
  /** Runnable jobs and whether each accepts parameters (for the Run Job dialog). */
  jobCatalog(): { name: JobName; runnable: boolean; acceptsParams: boolean; unavailable: string | null }[];
}

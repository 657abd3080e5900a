// History rows and live progress turned into what the Manager shows.
import { fromDbStatus } from '../core/run-state.ts';
import type { RunRow } from '../runner/history.ts';
import type { ActiveRun } from '../runner/supervisor.ts';
import type { JobView } from '../service-types.ts';

export function toJobView(row: RunRow, nowMs: number, live?: ActiveRun, waitReason?: string | null): JobView {
  const nowS = Math.floor(nowMs / 1000);
  const duration = row.startTs === null ? null : (row.endTs ?? nowS) - row.startTs;
  const p = live?.progress;
  return {
    jobId: row.jobId,
    job: row.jobName,
    status: fromDbStatus(row.status),
    storedStatus: row.status,
    origin: row.origin,
    cycleId: row.cycleId,
    createdTs: row.createdTs,
    startTs: row.startTs,
    endTs: row.endTs,
    durationSeconds: duration,
    parameters: row.parameters,
    reason: row.status === 'SCHEDULED' && waitReason ? waitReason : row.reason,
    errorMessage: row.errorMessage,
    requestedBy: row.requestedBy,
    stoppedBy: row.stoppedBy,
    rowCounts: row.rowCounts,
    warnings: row.warnings,
    progress:
      row.status === 'RUNNING' && p
        ? {
            rows: p.rows,
            chunksDone: p.chunksDone,
            chunksTotal: p.chunksTotal,
            detail: p.detail,
            elapsedSeconds: Math.max(0, Math.floor((nowMs - p.startedMs) / 1000)),
          }
        : null,
  };
}

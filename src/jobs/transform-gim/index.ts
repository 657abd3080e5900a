// Job_TransformGIM (jobs reference 5.3, data-model 5): GIDB rows changed since the per-table
// marks -> units -> recomputed facts. Part 1: configuration dimensions and agent activity facts;
// the interaction, outbound and campaign unit kinds plug into UNIT_KINDS.
import type { ResolvedConfig } from '../../config/types.ts';
import type { JobDefinition } from '../types.ts';
import { agentUnitKind } from './agent-kind.ts';
import { interactionUnitKind } from './interaction-kind.ts';
import { OUTBOUND_UNIT_KINDS } from './outbound-kinds.ts';
import { runTransform } from './transform.ts';
import type { TransformEnv, UnitKind } from './types.ts';

export const UNIT_KINDS: readonly UnitKind[] = [agentUnitKind, interactionUnitKind, ...OUTBOUND_UNIT_KINDS];

export function transformEnvOf(config: ResolvedConfig, refTs: number): TransformEnv {
  return {
    refTs,
    delayedDataThreshold: config.gimEtl.delayedDataThreshold,
    maxCallDuration: config.gimEtl.maxCallDuration,
    stuckThreshold: config.gimEtl.extractDataStuckThreshold,
    factorDndIntoStates: config.gimTransformation.factorDndIntoSmResourceStates,
    daysToKeepGidbFacts: config.gimEtl.daysToKeepGidbFacts,
    errorPolicy: config.errorPolicy,
    daysToKeepActiveFacts: config.gimEtl.daysToKeepActiveFacts,
    ocsRecordFieldNames: config.gimTransformation.ocsRecordFieldNames,
  };
}

export const transformGimJob: JobDefinition = {
  name: 'Job_TransformGIM',
  unavailable: null,
  acceptsParams: false,
  async run(ctx) {
    const refTs = Math.floor(ctx.clock.now() / 1000);
    const r = await runTransform({
      db: ctx.db,
      jobId: ctx.jobId,
      jobName: ctx.jobName,
      env: transformEnvOf(ctx.config, refTs),
      chunkSize: ctx.config.gimTransformation.chunkSize,
      aggregationEnabled: ctx.config.gimEtl.aggregationEngineEnabled,
      kinds: UNIT_KINDS,
      nowMs: () => ctx.clock.now(),
      throwIfStopped: () => ctx.throwIfStopped(),
      onProgress: (p) => ctx.progress.report(p),
    });
    ctx.log.info({ commits: r.commits, units: r.unitsDone, waiting: r.unitsWaiting }, 'transform done');
    return {
      rowCounts: r.rowCounts,
      reason: `${r.unitsDone} units in ${r.commits} commits; ${r.unitsWaiting} waiting`,
    };
  },
};

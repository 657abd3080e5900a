// The deployment check (`infomart check`, R19): options, DAP roles, reachability of every
// database, Info Mart schema version. One finding per line; anything `blocking` keeps the server
// Blocked (or in the migration state) until it is fixed.
import type { ResolvedConfig } from '../config/index.ts';
import { openDb } from '../db/open.ts';
import type { Db } from '../db/types.ts';
import { migrationStatus } from '../db/migrate.ts';
import { IDB_VERSION_FAILURE } from '../jobs/extract-icon/pre-check.ts';

export type FindingLevel = 'ok' | 'warning' | 'blocking' | 'migration';

export interface Finding {
  readonly level: FindingLevel;
  /** What the finding is about: `options`, `dap:core1`, `info-mart schema` … */
  readonly subject: string;
  readonly message: string;
}

export interface SchemaState {
  readonly dbVersion: number;
  readonly codeVersion: number;
  readonly findings: Finding[];
}

export async function checkSchema(db: Db): Promise<SchemaState> {
  const st = await migrationStatus(db, 'infomart');
  const findings: Finding[] = [];
  const subject = 'info-mart schema';
  if (st.unknown.length > 0) {
    findings.push({
      level: 'blocking',
      subject,
      message: `schema version ${st.dbVersion} is newer than this server (${st.codeVersion}): upgrade infomart`,
    });
  } else if (st.dbVersion === 0) {
    findings.push({
      level: 'warning',
      subject,
      message: 'no project schema yet: Job_InitializeGIM creates it (R21)',
    });
  } else if (st.pending.length > 0) {
    findings.push({
      level: 'migration',
      subject,
      message: `schema version ${st.dbVersion} is older than this server (${st.codeVersion}): run Job_MigrateGIM (R20)`,
    });
  } else {
    findings.push({ level: 'ok', subject, message: `schema version ${st.dbVersion} is current` });
  }
  for (const c of st.changed) {
    findings.push({
      level: 'warning',
      subject,
      message: `applied migration ${c.file} was edited after it was applied`,
    });
  }
  return { dbVersion: st.dbVersion, codeVersion: st.codeVersion, findings };
}

/**
 * R20 from the extraction pre-check: the latest finished Job_ExtractICON failed on an unsupported
 * IDB version and no Job_MigrateGIM has completed since (it re-checks the IDBs: jobs 5.7).
 */
export async function checkIdbVersionFailure(db: Db): Promise<Finding[]> {
  const t = await db.query<{ t: string | null }>(`SELECT to_regclass('ctl_etl_history')::text AS t`);
  if (!t.rows[0]?.t) return [];
  const r = await db.query<{ m: string }>(
    `WITH e AS (
       SELECT job_id, status, error_message FROM ctl_etl_history
        WHERE job_name = 'Job_ExtractICON' AND status IN ('COMPLETE', 'FAILED')
        ORDER BY job_id::bigint DESC LIMIT 1)
     SELECT e.error_message AS m FROM e
      WHERE e.status = 'FAILED' AND starts_with(e.error_message, $1)
        AND NOT EXISTS (SELECT 1 FROM ctl_etl_history g WHERE g.job_name = 'Job_MigrateGIM'
                          AND g.status = 'COMPLETE' AND g.job_id::bigint > e.job_id::bigint)`,
    [IDB_VERSION_FAILURE],
    { name: 'check.idb-version-failure' },
  );
  return r.rows.map((x) => ({
    level: 'migration' as const,
    subject: 'idb schema',
    message: `${x.m.slice('R20: '.length)}: upgrade the IDB, then run Job_MigrateGIM (R20)`,
  }));
}

/** D6: a DAP already extracted as ICON_CORE must not become ICON_MM, nor the reverse. */
export async function checkExtractedRoles(db: Db, config: ResolvedConfig): Promise<Finding[]> {
  const t = await db.query<{ t: string | null }>(`SELECT to_regclass('ctl_ds')::text AS t`);
  if (!t.rows[0]?.t) return [];
  const r = await db.query<{ dap_name: string; role: string }>(`SELECT dap_name, role FROM ctl_ds`, [], {
    name: 'check.extracted-roles',
  });
  const out: Finding[] = [];
  for (const dap of config.daps) {
    const family = dap.roles.includes('ICON_CORE')
      ? 'ICON_CORE'
      : dap.roles.includes('ICON_MM')
        ? 'ICON_MM'
        : null;
    if (!family) continue;
    const other = family === 'ICON_CORE' ? 'ICON_MM' : 'ICON_CORE';
    if (r.rows.some((x) => x.dap_name === dap.name && x.role === other)) {
      out.push({
        level: 'blocking',
        subject: `dap:${dap.name}`,
        message: `D6: this DAP was extracted as ${other} and may not switch to ${family}`,
      });
    }
  }
  return out;
}

export function passwordFor(dap: { passwordEnv: string | null }, env: NodeJS.ProcessEnv): string | undefined {
  return dap.passwordEnv ? env[dap.passwordEnv] : undefined;
}

/** Reachability of every DAP; the Info Mart's failure blocks, a source's only warns (R19). */
export async function checkReachability(
  config: ResolvedConfig,
  env: NodeJS.ProcessEnv,
  opened: ReadonlyMap<string, Db> = new Map(),
): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const dap of config.daps) {
    const subject = `dap:${dap.name}`;
    const isTarget = dap.roles.includes('INFO_MART');
    if (dap.passwordEnv && env[dap.passwordEnv] === undefined) {
      out.push({
        level: 'warning',
        subject,
        message: `password-env names ${dap.passwordEnv}, which is not set`,
      });
    }
    const already = opened.get(dap.url);
    try {
      if (already) {
        await already.query('SELECT 1');
      } else {
        const db = await openDb(dap.url, {
          user: dap.user ?? undefined,
          password: passwordFor(dap, env),
          poolSize: 1,
        });
        await db.close();
      }
      out.push({ level: 'ok', subject, message: `reachable (${dap.roles.join(', ')})` });
    } catch (err) {
      out.push({
        level: isTarget ? 'blocking' : 'warning',
        subject,
        message: `not reachable: ${err instanceof Error ? err.message : String(err)}${isTarget ? '' : ' (its extraction is skipped)'}`,
      });
    }
  }
  return out;
}

export function formatFinding(f: Finding): string {
  return `${f.level.toUpperCase().padEnd(9)} ${f.subject}: ${f.message}`;
}

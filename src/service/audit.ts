// The Manager's audit trail: who did what, to what, when and why (jobs reference 6, item 5).
// Every entry is logged; it is also stored in CTL_MANAGER_AUDIT once the schema has that table
// (a server in the migration state may run on an older schema).
import type { Logger } from 'pino';
import type { Db } from '../db/types.ts';
import type { AuditEntry } from '../service-types.ts';

async function hasAuditTable(db: Db): Promise<boolean> {
  const r = await db.query<{ t: string | null }>(`SELECT to_regclass('ctl_manager_audit')::text AS t`);
  return Boolean(r.rows[0]?.t);
}

export async function recordAudit(db: Db, log: Logger, e: AuditEntry): Promise<void> {
  log.info({ audit: e }, `audit: ${e.principal} ${e.action} ${e.target}${e.reason ? ` (${e.reason})` : ''}`);
  if (!(await hasAuditTable(db))) return;
  await db.query(
    `INSERT INTO ctl_manager_audit (ts, principal, action, target, reason) VALUES ($1, $2, $3, $4, $5)`,
    [e.ts, e.principal, e.action, e.target, e.reason],
    { name: 'audit.record' },
  );
}

export async function readAudit(db: Db, limit: number): Promise<AuditEntry[]> {
  if (!(await hasAuditTable(db))) return [];
  const r = await db.query<AuditEntry>(
    `SELECT ts, principal, action, target, reason FROM ctl_manager_audit ORDER BY id DESC LIMIT $1`,
    [Math.min(Math.max(limit, 1), 1000)],
    { name: 'audit.read' },
  );
  return r.rows;
}

// The Manager's audit trail: who did what, to what, when and why (jobs reference 6, item 5).
import type { Db } from '../db/types.ts';
import type { AuditEntry } from '../service-types.ts';

export async function recordAudit(db: Db, e: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO ctl_manager_audit (ts, principal, action, target, reason) VALUES ($1, $2, $3, $4, $5)`,
    [e.ts, e.principal, e.action, e.target, e.reason],
    { name: 'audit.record' },
  );
}

export async function readAudit(db: Db, limit: number): Promise<AuditEntry[]> {
  const r = await db.query<AuditEntry>(
    `SELECT ts, principal, action, target, reason FROM ctl_manager_audit ORDER BY id DESC LIMIT $1`,
    [Math.min(Math.max(limit, 1), 1000)],
    { name: 'audit.read' },
  );
  return r.rows;
}

// The migration runner: numbered SQL files in migrations/<set>/NNNN_name.sql, each applied in
// its own transaction and recorded with its checksum. It returns results; callers (the CLI,
// Job_InitializeGIM, Job_MigrateGIM) turn them into exit codes or job outcomes.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Db } from './types.ts';

export type MigrationSet = 'infomart' | 'idb';

export interface MigrationFile {
  readonly version: number;
  readonly name: string;
  readonly file: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface AppliedMigration {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  readonly appliedTs: number;
}

export interface MigrationStatus {
  readonly set: MigrationSet;
  /** Highest version the code knows. */
  readonly codeVersion: number;
  /** Highest version applied to the database (0: none, the schema is absent). */
  readonly dbVersion: number;
  readonly pending: readonly MigrationFile[];
  /** Applied files whose text changed since (landed migrations are append-only). */
  readonly changed: readonly MigrationFile[];
  /** Versions applied in the database that this code does not know (a newer server ran here). */
  readonly unknown: readonly number[];
}

export interface MigrationRun {
  readonly applied: readonly { version: number; name: string }[];
  readonly status: MigrationStatus;
}

const LEDGER = 'infomart_schema_migrations';
const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export function listMigrations(set: MigrationSet, dir = MIGRATIONS_DIR): MigrationFile[] {
  const folder = join(dir, set);
  const files = readdirSync(folder).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f));
  const out = files
    .map((file) => {
      const sql = readFileSync(join(folder, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        file,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  out.forEach((m, i) => {
    if (i > 0 && out[i - 1]?.version === m.version)
      throw new Error(`two migrations numbered ${m.version} in ${set}`);
  });
  return out;
}

async function ensureLedger(db: Db): Promise<void> {
  await db.exec(
    `CREATE TABLE IF NOT EXISTS ${LEDGER} (
       migration_set varchar(32) NOT NULL, version int NOT NULL, name varchar(255) NOT NULL,
       checksum varchar(64) NOT NULL, applied_ts int NOT NULL, PRIMARY KEY (migration_set, version))`,
    { name: 'migrate.ledger' },
  );
}

export async function readApplied(db: Db, set: MigrationSet): Promise<AppliedMigration[]> {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [LEDGER]);
  if (!exists.rows[0]?.t) return [];
  const r = await db.query<{ version: number; name: string; checksum: string; applied_ts: number }>(
    `SELECT version, name, checksum, applied_ts FROM ${LEDGER} WHERE migration_set = $1 ORDER BY version`,
    [set],
    { name: 'migrate.read-applied' },
  );
  return r.rows.map((x) => ({
    version: x.version,
    name: x.name,
    checksum: x.checksum,
    appliedTs: x.applied_ts,
  }));
}

export async function migrationStatus(
  db: Db,
  set: MigrationSet,
  files = listMigrations(set),
): Promise<MigrationStatus> {
  const applied = await readApplied(db, set);
  const byVersion = new Map(applied.map((a) => [a.version, a]));
  const known = new Set(files.map((f) => f.version));
  return {
    set,
    codeVersion: files.at(-1)?.version ?? 0,
    dbVersion: applied.at(-1)?.version ?? 0,
    pending: files.filter((f) => !byVersion.has(f.version)),
    changed: files.filter((f) => {
      const a = byVersion.get(f.version);
      return a !== undefined && a.checksum !== f.checksum;
    }),
    unknown: applied.filter((a) => !known.has(a.version)).map((a) => a.version),
  };
}

export interface MigrateOptions {
  /** Apply up to and including this version only. */
  readonly to?: number;
  readonly nowSeconds?: number;
  readonly jobId?: string;
  readonly onApplied?: (m: MigrationFile) => void;
  /** Folder holding the migration sets (tests). */
  readonly dir?: string;
}

/**
 * Applies the pending migrations in order, one transaction each. A failure leaves the earlier
 * ones applied (recorded) and throws; the next run resumes at the failed file.
 */
export async function migrate(db: Db, set: MigrationSet, opts: MigrateOptions = {}): Promise<MigrationRun> {
  const files = listMigrations(set, opts.dir);
  await ensureLedger(db);
  const before = await migrationStatus(db, set, files);
  if (before.unknown.length > 0) {
    throw new Error(
      `the ${set} database has migrations ${before.unknown.join(', ')} that this version does not know: ` +
        `it was upgraded by a newer infomart`,
    );
  }
  const applied: { version: number; name: string }[] = [];
  for (const m of before.pending) {
    if (opts.to !== undefined && m.version > opts.to) break;
    const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
    await db.transaction(
      async (tx) => {
        await tx.exec(m.sql, { name: `migration ${set}/${m.file}` });
        await tx.query(
          `INSERT INTO ${LEDGER} (migration_set, version, name, checksum, applied_ts) VALUES ($1, $2, $3, $4, $5)`,
          [set, m.version, m.name, m.checksum, now],
        );
        if (set === 'infomart') await recordSchemaInfo(tx, m.version, now, opts.jobId ?? null);
      },
      { name: `migration ${set}/${m.file}` },
    );
    applied.push({ version: m.version, name: m.name });
    opts.onApplied?.(m);
  }
  return { applied, status: await migrationStatus(db, set, files) };
}

async function recordSchemaInfo(
  tx: Pick<Db, 'query'>,
  version: number,
  now: number,
  jobId: string | null,
): Promise<void> {
  const t = await tx.query<{ t: string | null }>(`SELECT to_regclass('ctl_schema_info')::text AS t`);
  if (!t.rows[0]?.t) return;
  await tx.query(
    `INSERT INTO ctl_schema_info (schema_name, schema_version, applied_ts, migration_job_id)
     VALUES ('INFO_MART', $1, $2, $3)
     ON CONFLICT (schema_name) DO UPDATE SET schema_version = EXCLUDED.schema_version,
       applied_ts = EXCLUDED.applied_ts, migration_job_id = EXCLUDED.migration_job_id`,
    [String(version), now, jobId],
    { name: 'migrate.schema-info' },
  );
}

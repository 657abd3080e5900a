// The embedded default (`npm start`): everything in one folder — an options file, the Info Mart
// and the Interaction Concentrator databases of two sites as PGlite data directories, and the
// Manager's users — created on first start. The IDBs are fed by the simulator's live mode in the server
// process (one PGlite directory can be open in one process only).
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderDefaultOptionsFile, AGGREGATION_ENGINE_CLASS } from '../config/index.ts';
import { withDb } from '../db/open.ts';
import { migrate } from '../db/migrate.ts';
import { makeUsersFile } from '../api/users-file.ts';

export interface EmbeddedLayout {
  readonly dataDir: string;
  readonly optionsPath: string;
  readonly usersFile: string;
  readonly credentialsFile: string;
  /** One IDB per simulated site; calls that cross sites leave a half in each. */
  readonly idbDirs: readonly string[];
}

export function embeddedLayout(dataDir: string): EmbeddedLayout {
  const d = resolve(dataDir);
  return {
    dataDir: d,
    optionsPath: join(d, 'infomart.options'),
    usersFile: join(d, 'manager-users.json'),
    credentialsFile: join(d, 'manager-admin.txt'),
    idbDirs: [join(d, 'idb-site1'), join(d, 'idb-site2')],
  };
}

/** Options of the embedded default: the scheduler on, a short ETL frequency, a 24-hour window. */
export function embeddedOptionsText(): string {
  return renderDefaultOptionsFile({
    infoMartUrl: 'pglite:infomart-db',
    // Voice, multimedia and outbound rows of a site share its IDB: extraction files each row by
    // its own MediaType, so one ICON_CORE access point loses nothing (data model 4.1).
    daps: [
      { name: 'idb-site1', roles: ['ICON_CFG', 'ICON_CORE', 'ICON_OCS'], url: 'pglite:idb-site1' },
      { name: 'idb-site2', roles: ['ICON_CORE'], url: 'pglite:idb-site2' },
    ],
    overrides: {
      schedule: {
        'run-scheduler': 'true',
        timezone: 'UTC',
        'etl-start-time': '00:00',
        'etl-end-time': '00:00',
        'etl-frequency': '1',
        // A 24-hour ETL window leaves no room for the maintenance window (C3).
        'run-maintain': 'false',
        'run-aggregates': 'true',
        'aggregate-schedule': '0 0',
        'aggregate-duration': '24:00',
      },
      'gim-etl': { 'aggregation-engine-class-name': AGGREGATION_ENGINE_CLASS },
    },
  });
}

export interface EmbeddedPrepared {
  readonly layout: EmbeddedLayout;
  readonly created: boolean;
  readonly admin: { readonly user: string; readonly password: string } | null;
}

/** Creates what is missing (idempotent); never overwrites an existing options or users file. */
export async function prepareEmbedded(dataDir: string): Promise<EmbeddedPrepared> {
  const layout = embeddedLayout(dataDir);
  await mkdir(layout.dataDir, { recursive: true });
  const created = !existsSync(layout.optionsPath);
  if (created) await writeFile(layout.optionsPath, embeddedOptionsText(), { flag: 'wx' });
  for (const dir of layout.idbDirs) {
    await withDb(`pglite://${dir}`, (db) => migrate(db, 'idb'));
  }
  const users = await makeUsersFile(layout.usersFile);
  if (users.created) {
    await writeFile(layout.credentialsFile, `${users.user} ${users.password}\n`, { mode: 0o600 });
  }
  let admin: EmbeddedPrepared['admin'] = null;
  if (existsSync(layout.credentialsFile)) {
    const [user, password] = (await readFile(layout.credentialsFile, 'utf8')).trim().split(/\s+/);
    if (user && password) admin = { user, password };
  }
  return { layout, created, admin };
}

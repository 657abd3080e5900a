// Writes the migrations generated from src/idb/catalog.ts: the IDB bootstrap schema and the GIDB
// part of the Info Mart. Run `npx tsx scripts/gen-schema.ts`; `--check` fails when a committed file
// differs from what the catalog gives. Landed migrations are append-only: once a file has landed,
// catalog changes must go to a new numbered migration instead of regenerating an old one.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gidbSchemaSql, idbSchemaSql } from '../src/idb/ddl.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputs: readonly [string, string][] = [
  ['migrations/idb/0001_idb_schema.sql', idbSchemaSql()],
  ['migrations/infomart/0001_gidb.sql', gidbSchemaSql()],
];

const check = process.argv.includes('--check');
let stale = 0;
for (const [rel, text] of outputs) {
  const path = root + rel;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (current === text) continue;
  if (check) {
    console.error(`${rel} differs from the catalog`);
    stale++;
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${rel}`);
  }
}
if (stale > 0) process.exit(1);

// Child process of the crash test: one Job_ExtractICON run from the IDB at argv[3] into the Info
// Mart at argv[2], printing a line per committed chunk so the parent can kill it mid-run.
import { makeSystemClock } from '../../src/core/clock.ts';
import { openDb } from '../../src/db/open.ts';
import { makeConfig, runExtract } from './fixture.ts';

const [imUrl, idbUrl] = process.argv.slice(2);
if (!imUrl || !idbUrl) throw new Error('usage: crash-child.ts <info-mart-url> <idb-url>');
const db = await openDb(imUrl);
const config = makeConfig([{ name: 'idb', roles: 'ICON_CFG, ICON_CORE, ICON_OCS', url: idbUrl }], {
  'extract-data-chunk-size': 1000,
  'max-chunks-per-job': 1000,
  'extract-data-thread-pool-size': 4,
});
const r = await runExtract(db, config, makeSystemClock(), undefined, () => process.stdout.write('chunk\n'));
process.stdout.write(`done ${r.status}\n`);
await db.close();

// Child process of crash.test.ts: runs the transformation on the database at argv[2] with tiny
// commits and prints "commit <n>" after each, so the parent can SIGKILL it mid-run.
import { openDb } from '../../src/db/open.ts';
import { transformAt } from './fixtures.ts';

const [url, refTs] = process.argv.slice(2);
const db = await openDb(String(url));
await transformAt(db, Number(refTs), {
  chunkSize: 60,
  onProgress: (p) => process.stdout.write(`commit ${p.chunksDone}\n`),
});
process.stdout.write('done\n');
await db.close();

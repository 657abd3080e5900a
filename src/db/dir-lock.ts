// One process at a time may open a PGlite data directory (PGlite has no locking of its own, and
// two writers would corrupt it). A lock file holds the owner's pid; a lock whose process is
// gone is taken over.
import { openSync, closeSync, writeSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InfomartError } from '../errors.ts';

const LOCK = '.infomart.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock or throws naming the process that holds it. Returns the release. */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new InfomartError(
          'CONFLICT',
          `the embedded database ${dir} is open in process ${owner}${owner === process.pid ? ' (this one)' : ' (an infomart server?)'}: ` +
            `stop it first, or use the Manager/API of that server`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new InfomartError('CONFLICT', `could not lock the embedded database ${dir}`);
}

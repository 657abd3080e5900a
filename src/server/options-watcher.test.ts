import { it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { makeFakeClock } from '../../test/helpers/fake-clock.ts';
import { startOptionsWatcher } from './options-watcher.ts';

const dir = mkdtempSync(join(tmpdir(), 'watch-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'infomart.options');
const daps =
  '[dap:im]\nrole = INFO_MART\nurl = pglite:memory\n[dap:idb]\nrole = ICON_CFG, ICON_CORE\nurl = pglite:memory\n';

function write(text: string, mtimeSeconds: number): void {
  writeFileSync(path, text);
  utimesSync(path, mtimeSeconds, mtimeSeconds);
}

it('takes a valid edit, keeps the old options on an invalid one and reports every error', async () => {
  write(`[schedule]\netl-frequency = 15\n${daps}`, 1000);
  const clock = makeFakeClock(Date.UTC(2024, 0, 1));
  const w = await startOptionsWatcher(path, { clock, log: pino({ level: 'silent' }), env: {}, pollMs: 1000 });
  try {
    assert.equal(w.state().current?.config.schedule.etlFrequency, 15);
    const seen: number[] = [];
    w.onChange((next) => seen.push(next.config.schedule.etlFrequency));

    write(`[schedule]\netl-frequency = 5\n${daps}`, 1001);
    await clock.advance(1000);
    await w.reload(); // the poll has fired; reload() settles the read deterministically
    assert.equal(w.state().current?.config.schedule.etlFrequency, 5);
    assert.deepEqual(seen, [5]);

    write(`[schedule]\netl-frequency = abc\netl-start-time = 25:00\n${daps}`, 1002);
    await clock.advance(1000);
    await w.reload();
    assert.equal(w.state().current?.config.schedule.etlFrequency, 5, 'old options stay in force');
    assert.equal(w.state().errors.length, 2);
    assert.match(w.state().errors[0]?.message ?? '', /schedule\.etl-frequency: "abc" is not valid/);
    assert.deepEqual(seen, [5]);
  } finally {
    w.stop();
  }
});

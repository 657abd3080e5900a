// `infomart schedule preview`: the real decide on a simulated clock, printed as JSON lines.
import { it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/infomart.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'preview-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// The Genesys sample of the jobs reference, 3.4.
const options = join(dir, 'sample.options');
writeFileSync(
  options,
  [
    '[schedule]',
    'run-scheduler = true',
    'timezone = America/Chicago',
    'etl-start-time = 06:30',
    'etl-end-time = 00:30',
    'etl-frequency = 30',
    'maintain-start-time = 03:00',
    'run-aggregates = true',
    'aggregate-schedule = 0 4',
    'aggregate-duration = 23:00',
    'run-update-stats = true',
    '[gim-etl]',
    'aggregation-engine-class-name = GIMAgg.GimInterfaceImpl.AggregationImpl',
    '[dap:im]',
    'role = INFO_MART',
    'url = pglite:memory',
    '[dap:idb]',
    'role = ICON_CFG, ICON_CORE',
    'url = pglite:memory',
    '',
  ].join('\n'),
);

function preview(args: string[]) {
  return spawnSync(process.execPath, [BIN, 'schedule', 'preview', '--options', options, ...args], {
    encoding: 'utf8',
  });
}

it('prints one JSON object per event with local and UTC times, in time order', () => {
  const r = preview([
    '--from',
    '2024-05-14T06:00',
    '--hours',
    '2',
    '--assume',
    'Job_ExtractICON=15m,Job_TransformGIM=20m',
    '--json',
  ]);
  assert.equal(r.status, 0, r.stderr);
  const events = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, string | null>);
  const first = events.find((e) => e.job === 'Job_ExtractICON' && e.event === 'started');
  assert.deepEqual(first, {
    at: '2024-05-14T06:30:00-05:00',
    utc: '2024-05-14T11:30:00Z',
    job: 'Job_ExtractICON',
    event: 'started',
    reason: null,
  });
  const utc = events.map((e) => e.utc ?? '');
  assert.deepEqual(utc, [...utc].sort());
  // 3.4: the 07:00 slot falls inside the long first cycle, so it is owed (R7) and runs after it.
  const extracts = events.filter((e) => e.job === 'Job_ExtractICON' && e.event === 'started');
  assert.equal(extracts[1]?.at, '2024-05-14T07:05:00-05:00');
});

it('names the bad argument and exits 2', () => {
  const r = preview(['--from', 'tomorrow']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--from: "tomorrow" is not valid; expected a local time/);
  const a = preview(['--from', '2024-05-14T00:00', '--assume', 'Job_Nope=3m']);
  assert.equal(a.status, 2);
  assert.match(a.stderr, /--assume: unknown job "Job_Nope"/);
});

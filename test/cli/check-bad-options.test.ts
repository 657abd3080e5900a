// `infomart check` on bad options files (issue 2, jobs reference 7): each gives one clear message
// naming section, option, value and valid values, a non-zero exit, and touches no database.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/infomart.js', import.meta.url));

describe('infomart check with bad options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infomart-check-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const imDir = join(dir, 'im');

  function base(schedule: string[] = [], extraDaps: string[] = []): string {
    return [
      '[schedule]',
      ...schedule,
      '[dap:im]',
      'role = INFO_MART',
      `url = pglite://${imDir}`,
      '[dap:idb]',
      'role = ICON_CFG, ICON_CORE',
      `url = pglite://${join(dir, 'idb')}`,
      ...extraDaps,
      '',
    ].join('\n');
  }

  function check(name: string, text: string): { code: number | null; out: string } {
    const path = join(dir, `${name}.options`);
    writeFileSync(path, text);
    const r = spawnSync(process.execPath, [BIN, 'check', '--options', path], { encoding: 'utf8' });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  }

  const cases: [string, string, RegExp][] = [
    [
      'frequency',
      base(['etl-frequency = abc']),
      /schedule\.etl-frequency: "abc" is not valid; expected .*1.*1440/,
    ],
    [
      'start-time',
      base(['etl-start-time = 25:00']),
      /schedule\.etl-start-time: "25:00" is not valid; expected /,
    ],
    [
      'cron',
      base(['run-update-stats = true', 'update-stats-schedule = 0/10']),
      /schedule\.update-stats-schedule: invalid cron "0\/10": .*expected "minute hour"/,
    ],
    [
      'two-info-marts',
      base([], ['[dap:im2]', 'role = INFO_MART', `url = pglite://${join(dir, 'im2')}`]),
      /D1.*INFO_MART|INFO_MART.*D1/,
    ],
    [
      'maintain-in-window',
      base(['etl-start-time = 04:00', 'etl-end-time = 02:00', 'maintain-start-time = 01:00']),
      /C3/,
    ],
  ];

  for (const [name, text, expected] of cases) {
    it(`${name}: one clear message, exit 2, no database touched`, () => {
      const r = check(name, text);
      assert.equal(r.code, 2, r.out);
      const problems = r.out.split('\n').filter((l) => l.startsWith('BLOCKING'));
      assert.equal(problems.length, 1, r.out);
      assert.match(problems[0] ?? '', expected);
      assert.equal(existsSync(imDir), false, 'the Info Mart directory was created');
    });
  }

  it('an unknown option only warns, naming the closest known one (jobs reference 1.1)', () => {
    const r = check('unknown', base(['etl-frequncy = 10']));
    assert.match(r.out, /WARNING +options: .*etl-frequncy.*etl-frequency/);
    assert.doesNotMatch(r.out, /BLOCKING +options/);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../errors.ts';
import { loadConfig } from './load.ts';
import { renderDefaultOptionsFile } from './render.ts';
import { setOption } from './set-option.ts';

const FILE = `# site options
[schedule]
; switch
run-scheduler=false
etl-frequency   =   30
# etl-end-time = 02:00

[gim-export]
output-directory = out
`;

describe('setOption', () => {
  it('replaces a value in place, keeping comments, spacing and every other line', () => {
    const out = setOption(FILE, 'schedule', 'etl-frequency', '15');
    assert.equal(out, FILE.replace('etl-frequency   =   30', 'etl-frequency   =   15'));
    assert.equal(
      setOption(FILE, 'schedule', 'run-scheduler', 'true'),
      FILE.replace('run-scheduler=false', 'run-scheduler=true'),
    );
  });

  it('uncomments a commented default line of the section', () => {
    const out = setOption(FILE, 'schedule', 'etl-end-time', '01:00');
    assert.equal(out, FILE.replace('# etl-end-time = 02:00', 'etl-end-time = 01:00'));
  });

  it("adds a missing option after the section's last line, and a missing section at the end", () => {
    assert.equal(
      setOption(FILE, 'schedule', 'run-export', 'true'),
      FILE.replace('# etl-end-time = 02:00\n', '# etl-end-time = 02:00\nrun-export = true\n'),
    );
    assert.equal(setOption(FILE, 'gdpr', 'request-dir', 'in'), `${FILE}\n[gdpr]\nrequest-dir = in\n`);
    assert.equal(setOption('', 'dap:core', 'url', 'pglite:memory'), '[dap:core]\nurl = pglite:memory\n');
  });

  it('removes the line for null (back to the default) and writes an empty value as `name =`', () => {
    assert.equal(
      setOption(FILE, 'schedule', 'etl-frequency', null),
      FILE.replace('etl-frequency   =   30\n', ''),
    );
    assert.equal(
      setOption(FILE, 'gim-export', 'output-directory', ''),
      FILE.replace('output-directory = out', 'output-directory ='),
    );
    assert.equal(setOption(FILE, 'gdpr', 'request-dir', null), FILE);
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    const crlf = FILE.replace(/\n/g, '\r\n');
    assert.equal(
      setOption(crlf, 'gim-export', 'output-directory', 'x'),
      crlf.replace('output-directory = out', 'output-directory = x'),
    );
    assert.equal(
      setOption('[agg]\ncancel-threshold = 1', 'agg', 'cancel-threshold', '2'),
      '[agg]\ncancel-threshold = 2',
    );
  });

  it('edits the option of the named section only', () => {
    const text =
      '[date-time]\ndate-time-tz = UTC\n[date-time-us]\ndate-time-table-name = US\ndate-time-tz = UTC\n';
    assert.equal(
      setOption(text, 'date-time-us', 'date-time-tz', 'America/New_York'),
      '[date-time]\ndate-time-tz = UTC\n[date-time-us]\ndate-time-table-name = US\ndate-time-tz = America/New_York\n',
    );
  });

  it('refuses values that would break the file', () => {
    assert.throws(
      () => setOption(FILE, 'schedule', 'etl-frequency', '15\n[agg]'),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(
          err.issues[0]?.message,
          'schedule.etl-frequency: "15\n[agg]" is not valid; expected a value on one line',
        );
        return true;
      },
    );
    assert.throws(() => setOption(FILE, 'sch]edule', 'x', '1'), ConfigError);
    assert.throws(() => setOption(FILE, 'schedule', 'etl frequency', '1'), ConfigError);
  });

  it('round trip on a rendered file: each edit is read back by loadConfig and changes one line', () => {
    const base = renderDefaultOptionsFile({
      infoMartUrl: 'pglite:memory',
      daps: [{ name: 'core', roles: ['ICON_CFG', 'ICON_CORE'], url: 'postgres://idb:5432/icon' }],
    });
    const edits: [string, string, string][] = [
      ['schedule', 'etl-frequency', '30'],
      ['schedule', 'timezone', 'America/Chicago'],
      ['date-time', 'date-time-tz', 'Europe/Paris'],
      ['agg-gim-thld-QUEUE-ABN', 'bounds', '0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19'],
      ['dap:core', 'user', 'reader'],
    ];
    let text = base;
    for (const [section, option, value] of edits) {
      const next = setOption(text, section, option, value);
      const before = text.split('\n');
      const after = next.split('\n');
      const changed = after.filter((l, i) => l !== before[i]);
      assert.ok(after.length - before.length <= 1, `${section}.${option}: at most one line added`);
      assert.ok(
        changed.length >= 1 && changed[0] === `${option} = ${value}`,
        `${section}.${option}: ${changed.join('|')}`,
      );
      const rec = loadConfig({ text: next }).config.options.find(
        (r) => r.section === section && r.option === option,
      );
      assert.equal(rec?.fileValue, value);
      assert.equal(
        setOption(next, section, option, value),
        next,
        'setting the same value again changes nothing',
      );
      text = next;
    }
    const { config } = loadConfig({ text });
    assert.equal(config.schedule.etlFrequency, 30);
    assert.equal(config.schedule.timezone.id, 'America/Chicago');
    assert.equal(config.dateTime.timezone.id, 'Europe/Paris');
    assert.equal(config.agg.timeRangeBounds['QUEUE-ABN'][19], 19);
    assert.equal(config.daps.find((d) => d.name === 'core')?.user, 'reader');
  });
});

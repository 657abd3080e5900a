import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseIni } from './ini.ts';
import { loadConfig } from './load.ts';
import { SECTIONS } from './options-schema.ts';
import { renderDefaultOptionsFile } from './render.ts';

const SOURCES = [
  {
    name: 'core',
    roles: ['ICON_CFG', 'ICON_CORE'] as const,
    url: 'postgres://idb:5432/icon',
    user: 'im',
    passwordEnv: 'ICON_PW',
  },
  { name: 'mm', roles: ['ICON_MM'] as const, url: 'postgres://idb2:5432/mm', haSet: 'mmset' },
];

describe('renderDefaultOptionsFile', () => {
  const text = renderDefaultOptionsFile({ infoMartUrl: 'postgres://im:5432/infomart', daps: SOURCES });

  it('documents every option with type, valid values, default and Effect, defaults commented out', () => {
    for (const schema of SECTIONS.filter((s) => !s.key.includes('<'))) {
      assert.ok(text.includes(`\n[${schema.key}]\n`), schema.key);
      for (const def of schema.options) {
        const head = `# ${def.name} (${def.type.kind}): ${def.type.expected}.`;
        assert.ok(text.includes(head), head);
        const dflt = def.defaultNote ?? (def.default === '' ? 'empty' : def.default);
        assert.ok(text.includes(`Default: ${dflt}. Effect: ${def.effect}.`), `${def.name} default/effect`);
      }
    }
    assert.match(text, /\n# etl-start-time = 04:00\n/);
    assert.match(text, /\n# etl-start-date =\n/);
    assert.match(text, /# \[date-time-local\]\n# date-time-table-name = DATE_TIME_LOCAL/);
  });

  it('sets only the DAPs, so the file loads to the defaults', () => {
    const doc = parseIni(text);
    const set = doc.sections.flatMap((s) => s.entries.map((e) => `${s.name}.${e.name}`));
    assert.deepEqual(set, [
      'dap:infomart.role',
      'dap:infomart.url',
      'dap:core.role',
      'dap:core.url',
      'dap:core.user',
      'dap:core.password-env',
      'dap:mm.role',
      'dap:mm.url',
      'dap:mm.ha-set',
    ]);
    const { config, warnings } = loadConfig({ text, env: { ICON_PW: 'x' } });
    assert.deepEqual(warnings, []);
    assert.equal(config.schedule.etlStartTime, 240);
    assert.deepEqual(
      config.daps.map((d) => [d.name, d.roles.join(','), d.url, d.user, d.passwordEnv, d.haSet]),
      [
        ['infomart', 'INFO_MART', 'postgres://im:5432/infomart', null, null, null],
        ['core', 'ICON_CFG,ICON_CORE', 'postgres://idb:5432/icon', 'im', 'ICON_PW', null],
        ['mm', 'ICON_MM', 'postgres://idb2:5432/mm', null, null, 'mmset'],
      ],
    );
  });

  it('writes overrides uncommented, in their section, and adds custom sections', () => {
    const out = renderDefaultOptionsFile({
      infoMartUrl: 'pglite:memory',
      daps: SOURCES,
      overrides: {
        schedule: { 'run-scheduler': 'true', 'etl-frequency': '30' },
        'date-time-us': { 'date-time-table-name': 'DATE_TIME_US', 'date-time-tz': 'America/New_York' },
        'dap:mm': { user: 'mmuser' },
      },
    });
    assert.match(out, /\nrun-scheduler = true\n/);
    assert.doesNotMatch(out, /# run-scheduler = false/);
    const { config } = loadConfig({ text: out, env: { ICON_PW: 'x' } });
    assert.equal(config.schedule.runScheduler, true);
    assert.equal(config.schedule.etlFrequency, 30);
    assert.equal(config.customCalendars[0]?.tableName, 'DATE_TIME_US');
    assert.equal(config.daps.find((d) => d.name === 'mm')?.user, 'mmuser');
    assert.throws(() =>
      renderDefaultOptionsFile({ infoMartUrl: 'pglite:memory', overrides: { schedule: { bogus: '1' } } }),
    );
  });

  it('without source DAPs writes a commented example (the file then fails D2/D3 until one is added)', () => {
    const out = renderDefaultOptionsFile({ infoMartUrl: 'pglite:memory' });
    assert.match(out, /# \[dap:icon_main\]\n# role = ICON_CFG, ICON_CORE\n/);
    assert.throws(() => loadConfig({ text: out }), /no DAP has role ICON_CFG/);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffEffects } from './diff.ts';
import { loadConfig } from './load.ts';

const DAPS = `[dap:im]
role = INFO_MART
url = pglite:memory
[dap:core]
role = ICON_CFG, ICON_CORE
url = postgres://idb:5432/icon
`;
const load = (extra: string) => loadConfig({ text: DAPS + extra }).config;

describe('diffEffects', () => {
  it('lists nothing for equal effective values (a default written out is no change)', () => {
    assert.deepEqual(diffEffects(load(''), load('[schedule]\netl-frequency = 15\n')), []);
  });

  it('lists each changed option with its Effect', () => {
    const changes = diffEffects(
      load('[schedule]\netl-frequency = 15\n'),
      load(
        '[schedule]\netl-frequency = 30\n[agg]\nsub-hour-interval = 30min\n[date-time]\ndate-time-tz = Europe/Paris\n',
      ),
    );
    assert.deepEqual(changes, [
      { section: 'schedule', option: 'etl-frequency', oldValue: '15', newValue: '30', effect: 'Imm' },
      {
        section: 'date-time',
        option: 'date-time-tz',
        oldValue: 'UTC',
        newValue: 'Europe/Paris',
        effect: 'Init',
      },
      {
        section: 'agg',
        option: 'sub-hour-interval',
        oldValue: '15min',
        newValue: '30min',
        effect: 'Restart',
      },
    ]);
  });

  it('reports derived values and DAPs: INFO_MART Restart, sources Cycle, added and removed sections', () => {
    const before = load('[gim-etl]\ndays-to-keep-gim-facts = 300\n');
    const after = loadConfig({
      text: `[dap:im]\nrole = INFO_MART\nurl = postgres://im:5432/im\n[dap:core2]\nrole = ICON_CFG, ICON_CORE\nurl = postgres://idb:5432/icon\n[gim-etl]\ndays-to-keep-gim-facts = 500\n`,
    }).config;
    const changes = diffEffects(before, after).map(
      (c) => `${c.section}.${c.option} ${c.oldValue}->${c.newValue} ${c.effect}`,
    );
    assert.deepEqual(changes, [
      'gim-etl.days-to-keep-gim-facts 300->500 Maint',
      'gim-etl.days-to-keep-cfg-facts 400->500 Maint',
      'dap:im.url pglite:memory->postgres://im:5432/im Restart',
      'dap:core2.role null->ICON_CFG, ICON_CORE Cycle',
      'dap:core2.url null->postgres://idb:5432/icon Cycle',
      'dap:core2.user null-> Cycle',
      'dap:core2.password-env null-> Cycle',
      'dap:core2.ha-set null-> Cycle',
      'dap:core.role ICON_CFG, ICON_CORE->null Cycle',
      'dap:core.url postgres://idb:5432/icon->null Cycle',
      'dap:core.user ->null Cycle',
      'dap:core.password-env ->null Cycle',
      'dap:core.ha-set ->null Cycle',
    ]);
  });
});

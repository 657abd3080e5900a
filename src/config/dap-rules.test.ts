import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, type ConfigIssue } from '../errors.ts';
import { loadConfig } from './load.ts';

const dap = (name: string, role: string, extra = '') =>
  `[dap:${name}]\n${role === '' ? '' : `role = ${role}\n`}url = postgres://h-${name}:5432/db\n${extra}`;
const IM = dap('im', 'INFO_MART');
const CORE = dap('core', 'ICON_CFG, ICON_CORE');

function issues(text: string): ConfigIssue[] {
  try {
    loadConfig({ text });
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return [...err.issues];
  }
}

function one(text: string, expectedMessage: string): ConfigIssue {
  const found = issues(text);
  assert.deepEqual(
    found.map((i) => i.message),
    [expectedMessage],
  );
  return found[0] as ConfigIssue;
}

describe('DAP rules', () => {
  it('accepts a valid set, including an HA pair and several sources', () => {
    const text = [
      IM,
      dap('cfg_a', 'ICON_CFG,ICON_CORE', 'ha-set = site1\n'),
      dap('cfg_b', 'ICON_CORE, ICON_CFG', 'ha-set = site1\nuser = im\npassword-env = B_PW\n'),
      dap('mm', 'ICON_MM, ICON_OCS'),
    ].join('');
    const { config } = loadConfig({ text });
    assert.deepEqual(
      config.daps.map((d) => [d.name, d.roles.join('+'), d.haSet]),
      [
        ['im', 'INFO_MART', null],
        ['cfg_a', 'ICON_CFG+ICON_CORE', 'site1'],
        ['cfg_b', 'ICON_CORE+ICON_CFG', 'site1'],
        ['mm', 'ICON_MM+ICON_OCS', null],
      ],
    );
    assert.equal(config.daps[2]?.passwordEnv, 'B_PW');
  });

  it('D1: exactly one INFO_MART DAP', () => {
    const i = one(
      IM + dap('im2', 'INFO_MART') + CORE,
      'dap:im2.role: "INFO_MART" is not valid; expected roles without INFO_MART: exactly one DAP has it, and [dap:im] does (D1)',
    );
    assert.equal(i.line, 5);
    one(
      CORE,
      'dap:<name>.role: no DAP has role INFO_MART; expected exactly one [dap:<name>] section with role = INFO_MART (D1)',
    );
  });

  it('D1: the INFO_MART DAP has no other role', () => {
    one(
      dap('im', 'INFO_MART, ICON_CORE') + dap('cfg', 'ICON_CFG'),
      'dap:im.role: "INFO_MART, ICON_CORE" is not valid; expected INFO_MART alone: the Info Mart DAP has no other role (D1)',
    );
  });

  it('D2: ICON_CFG on exactly one DAP or one ha-set', () => {
    one(
      IM + CORE + dap('cfg2', 'ICON_CFG'),
      'dap:cfg2.role: "ICON_CFG" is not valid; expected roles without ICON_CFG: it is on one DAP or one ha-set only, and [dap:core] has it (D2)',
    );
    one(
      IM + dap('core', 'ICON_CORE'),
      'dap:<name>.role: no DAP has role ICON_CFG; expected one DAP, or the DAPs of one ha-set, with role ICON_CFG (D2)',
    );
    one(
      IM +
        dap('a', 'ICON_CFG', 'ha-set = s1\n') +
        dap('b', 'ICON_CFG', 'ha-set = s1\n') +
        dap('c', 'ICON_CFG, ICON_CORE', 'ha-set = s2\n'),
      'dap:c.role: "ICON_CFG, ICON_CORE" is not valid; expected roles without ICON_CFG: it is on one DAP or one ha-set only, and ha-set "s1" has it (D2)',
    );
  });

  it('D3: at least one ICON_CORE or ICON_MM', () => {
    one(
      IM + dap('cfg', 'ICON_CFG, ICON_OCS'),
      'dap:<name>.role: no DAP has role ICON_CORE or ICON_MM; expected at least one [dap:<name>] section with role ICON_CORE or ICON_MM (D3)',
    );
  });

  it('D4: DAPs of one ha-set have identical roles', () => {
    one(
      IM + CORE + dap('a', 'ICON_MM', 'ha-set = mm\n') + dap('b', 'ICON_MM, ICON_OCS', 'ha-set = mm\n'),
      'dap:b.role: "ICON_MM, ICON_OCS" is not valid; expected ICON_MM, the roles of [dap:a] in ha-set "mm" (D4)',
    );
  });

  it('D5: role and url present; no unknown or repeated role', () => {
    one(
      IM + CORE + dap('x', ''),
      'dap:x.role: "" is not valid; expected a comma-separated list of at most 5 distinct roles among ICON_CFG, ICON_CORE, ICON_MM, ICON_OCS, INFO_MART, required (D5)',
    );
    one(
      IM + CORE + '[dap:y]\nrole = ICON_MM\n',
      'dap:y.url: "" is not valid; expected postgres://host:port/db, pglite:memory or pglite:<folder>, required (D5)',
    );
    one(
      IM + CORE + dap('z', 'ICON_MM, ICON_BOGUS'),
      'dap:z.role: "ICON_MM, ICON_BOGUS" is not valid; expected a comma-separated list of at most 5 distinct roles among ICON_CFG, ICON_CORE, ICON_MM, ICON_OCS, INFO_MART (D5)',
    );
    one(
      IM + CORE + dap('w', 'ICON_MM,ICON_MM'),
      'dap:w.role: "ICON_MM,ICON_MM" is not valid; expected a comma-separated list of at most 5 distinct roles among ICON_CFG, ICON_CORE, ICON_MM, ICON_OCS, INFO_MART (D5)',
    );
    one(
      IM + CORE + '[dap:v]\nrole = ICON_MM\nurl = mysql://h/db\n',
      'dap:v.url: "mysql://h/db" is not valid; expected postgres://host:port/db, pglite:memory or pglite:<folder>',
    );
  });

  it('D7: at most one of ICON_CORE and ICON_MM on one DAP', () => {
    one(
      IM + dap('both', 'ICON_CFG, ICON_CORE, ICON_MM'),
      'dap:both.role: "ICON_CFG, ICON_CORE, ICON_MM" is not valid; expected at most one of ICON_CORE and ICON_MM on one DAP (D7)',
    );
  });

  it('warns about a password in a url', () => {
    const { warnings } = loadConfig({
      text: IM + '[dap:core]\nrole = ICON_CFG, ICON_CORE\nurl = postgres://u:secret@h:5432/icon\n',
    });
    assert.deepEqual(
      warnings.map((w) => w.message),
      ['dap:core.url: holds a password; put it in an environment variable named by password-env'],
    );
  });
});

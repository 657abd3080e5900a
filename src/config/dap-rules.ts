// Database access point rules D1-D4 and D7 (jobs reference 1.9). D5 (role and url present, roles
// known and not repeated) is part of the value checks; D6 needs the database and is checked by the
// server's configuration check. Set-level rules (D1 count, D2, D3, D4) run only when every DAP's
// roles are valid, so one bad role gives one message.

import type { ConfigIssue } from '../errors.ts';
import { DAP, type DapRole } from './options-schema.ts';
import { valueOf, type ReadSection } from './read-sections.ts';
import { invalidValueMessage } from './value-types.ts';

interface DapRoles {
  readonly section: ReadSection;
  readonly roles: readonly DapRole[];
  readonly haSet: string | null;
}

export function checkDapRules(sections: readonly ReadSection[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const daps = sections.filter((s) => s.key === 'dap:<name>');
  const known: DapRoles[] = [];
  let allKnown = true;
  for (const s of daps) {
    const roles = valueOf(DAP.role, s) as readonly DapRole[] | undefined;
    const haSet = valueOf(DAP.haSet, s);
    if (roles === undefined || roles.length === 0 || haSet === undefined) {
      allKnown = false;
      continue;
    }
    known.push({ section: s, roles, haSet });
  }

  const roleIssue = (d: DapRoles, expected: string): ConfigIssue => {
    const entry = d.section.entries.get(DAP.role.name);
    const value = entry?.value ?? '';
    return {
      section: d.section.name,
      option: DAP.role.name,
      value,
      message: invalidValueMessage(d.section.name, DAP.role.name, value, expected),
      ...(entry ? { line: entry.line } : {}),
    };
  };
  const has = (role: DapRole) => known.filter((d) => d.roles.includes(role));

  for (const d of known) {
    if (d.roles.includes('INFO_MART') && d.roles.length > 1) {
      issues.push(roleIssue(d, 'INFO_MART alone: the Info Mart DAP has no other role (D1)'));
    }
    if (d.roles.includes('ICON_CORE') && d.roles.includes('ICON_MM')) {
      issues.push(roleIssue(d, 'at most one of ICON_CORE and ICON_MM on one DAP (D7)'));
    }
  }
  if (!allKnown) return issues;

  const infoMart = has('INFO_MART');
  const [firstInfoMart, ...otherInfoMarts] = infoMart;
  if (!firstInfoMart)
    issues.push(missing('INFO_MART', 'exactly one [dap:<name>] section with role = INFO_MART (D1)'));
  for (const d of otherInfoMarts) {
    issues.push(
      roleIssue(
        d,
        `roles without INFO_MART: exactly one DAP has it, and [${firstInfoMart?.section.name}] does (D1)`,
      ),
    );
  }

  const cfg = has('ICON_CFG');
  const [firstCfg] = cfg;
  if (!firstCfg)
    issues.push(missing('ICON_CFG', 'one DAP, or the DAPs of one ha-set, with role ICON_CFG (D2)'));
  for (const d of cfg.slice(1)) {
    if (d.haSet === null || d.haSet !== firstCfg?.haSet) {
      const owner = firstCfg?.haSet ? `ha-set "${firstCfg.haSet}"` : `[${firstCfg?.section.name}]`;
      issues.push(
        roleIssue(d, `roles without ICON_CFG: it is on one DAP or one ha-set only, and ${owner} has it (D2)`),
      );
    }
  }

  if (has('ICON_CORE').length + has('ICON_MM').length === 0) {
    issues.push(
      missing(
        'ICON_CORE or ICON_MM',
        'at least one [dap:<name>] section with role ICON_CORE or ICON_MM (D3)',
      ),
    );
  }

  const haSets = new Map<string, DapRoles>();
  for (const d of known) {
    if (d.haSet === null) continue;
    const first = haSets.get(d.haSet);
    if (!first) haSets.set(d.haSet, d);
    else if (!sameRoles(first.roles, d.roles)) {
      issues.push(
        roleIssue(
          d,
          `${first.roles.join(',')}, the roles of [${first.section.name}] in ha-set "${d.haSet}" (D4)`,
        ),
      );
    }
  }
  return issues;
}

function sameRoles(a: readonly DapRole[], b: readonly DapRole[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

function missing(role: string, expected: string): ConfigIssue {
  return {
    section: 'dap',
    option: 'role',
    value: '',
    message: `dap:<name>.role: no DAP has role ${role}; expected ${expected}`,
  };
}

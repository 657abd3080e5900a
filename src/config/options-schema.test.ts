import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SECTIONS, sectionKeyOf } from './options-schema.ts';

describe('options schema', () => {
  it('every default parses with its own type (required options have none)', () => {
    for (const s of SECTIONS) {
      for (const def of s.options) {
        if (def.required) continue;
        assert.ok(def.type.parse(def.default).ok, `${s.key}.${def.name} default "${def.default}"`);
      }
    }
  });

  it('names are lower-case, distinct per section, each with a description and valid values', () => {
    for (const s of SECTIONS) {
      const names = s.options.map((d) => d.name);
      assert.equal(new Set(names).size, names.length, s.key);
      for (const def of s.options) {
        assert.match(def.name, /^[a-z][a-z0-9-]*$/);
        assert.ok(def.description.length > 10, def.name);
        assert.ok(def.type.expected.length > 3, def.name);
      }
    }
  });

  it('covers the reference option list of section 1', () => {
    const count = (key: string) => SECTIONS.find((s) => s.key === key)?.options.length;
    assert.deepEqual(
      [
        'schedule',
        'gim-etl',
        'date-time',
        'gim-transformation',
        'error-policy',
        'agg',
        'gim-export',
        'gdpr',
        'dap:<name>',
      ].map(count),
      [15, 17, 8, 3, 4, 10, 10, 2, 5],
    );
  });

  it('maps written section names to schema keys', () => {
    assert.equal(sectionKeyOf('schedule'), 'schedule');
    assert.equal(sectionKeyOf('date-time'), 'date-time');
    assert.equal(sectionKeyOf('date-time-fiscal'), 'date-time-<suffix>');
    assert.equal(sectionKeyOf('dap:core_1'), 'dap:<name>');
    assert.equal(sectionKeyOf('agg-gim-thld-QUEUE-ABN'), 'agg-gim-thld-QUEUE-ABN');
    assert.equal(sectionKeyOf('agg-gim-thld-queue-abn'), undefined);
    assert.equal(sectionKeyOf('date-time-'), undefined);
    assert.equal(sectionKeyOf('Schedule'), undefined);
  });
});

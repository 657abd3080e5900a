import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { aggregateTablesDdl } from './ddl.ts';
import { splitAggregateParams } from './index.ts';
import { bindNamed } from './recompute.ts';

describe('aggregate-gim units', () => {
  it('migration 0020 is exactly the generated DDL', () => {
    const file = readFileSync(
      new URL('../../../migrations/infomart/0020_aggregates.sql', import.meta.url),
      'utf8',
    );
    assert.equal(file, aggregateTablesDdl());
    assert.equal((file.match(/CREATE TABLE AG2_/g) ?? []).length, 13 * 6);
  });

  it('binds named parameters once each, leaving ::casts alone', () => {
    const b = bindNamed(`SELECT :lo, :hi - 900, :lo, x::int, :flavor`, { lo: 1, hi: 2, flavor: 'ALL' });
    assert.equal(b.text, 'SELECT ($1::int), ($2::int) - 900, ($1::int), x::int, $3::text');
    assert.deepEqual(b.params, [1, 2, 'ALL']);
    assert.throws(() => bindNamed('SELECT :nope', {}), /no value for :nope/);
  });

  it('splits --until-idle from the -insertPendingAgg text', () => {
    assert.deepEqual(splitAggregateParams(''), { untilIdle: false, insertPendingAgg: null });
    assert.deepEqual(splitAggregateParams(' --until-idle '), { untilIdle: true, insertPendingAgg: null });
    assert.deepEqual(splitAggregateParams('-insertPendingAgg ALLSETS:2024-01-01:2024-01-02 --until-idle'), {
      untilIdle: true,
      insertPendingAgg: '-insertPendingAgg ALLSETS:2024-01-01:2024-01-02',
    });
  });
});

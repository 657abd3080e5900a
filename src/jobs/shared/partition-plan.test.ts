import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { missingRanges, parseRangeBound } from './partition-plan.ts';

const DAY = 86400;

describe('partition planning', () => {
  it('covers [from, to) with aligned ranges', () => {
    assert.deepEqual(missingRanges([], 10 * DAY + 5, 12 * DAY + 1, DAY), [
      [10 * DAY, 11 * DAY],
      [11 * DAY, 12 * DAY],
      [12 * DAY, 13 * DAY],
    ]);
    assert.deepEqual(missingRanges([], 5 * DAY, 5 * DAY, DAY), []);
  });

  it('leaves out what existing partitions cover, also with another interval', () => {
    assert.deepEqual(
      missingRanges(
        [
          [10 * DAY, 11 * DAY],
          [11 * DAY + 3600, 11 * DAY + 7200],
        ],
        10 * DAY,
        12 * DAY,
        DAY,
      ),
      [
        [11 * DAY, 11 * DAY + 3600],
        [11 * DAY + 7200, 12 * DAY],
      ],
    );
    assert.deepEqual(missingRanges([[0, 30 * DAY]], 10 * DAY, 12 * DAY, DAY), []);
  });

  it('rejects a bad interval', () => {
    assert.throws(() => missingRanges([], 0, DAY, 0), /positive integer/);
  });

  it('parses range bounds', () => {
    assert.deepEqual(
      parseRangeBound('FOR VALUES FROM (1709596800) TO (1709683200)'),
      [1709596800, 1709683200],
    );
    assert.deepEqual(parseRangeBound("FOR VALUES FROM ('-5') TO ('7')"), [-5, 7]);
    assert.equal(parseRangeBound('DEFAULT'), null);
    assert.equal(parseRangeBound('FOR VALUES FROM (MINVALUE) TO (10)'), null);
  });
});

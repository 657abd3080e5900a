import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseIni } from './ini.ts';

describe('parseIni', () => {
  it('reads sections and trimmed values with their line numbers, skipping comments', () => {
    const doc = parseIni(
      '\uFEFF# head\r\n[schedule]\r\n  etl-frequency =  30  \r\n; note\r\netl-end-time=\r\n\r\n[dap:a]\r\nurl = pglite:data#1\r\n',
    );
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.sections, [
      {
        name: 'schedule',
        line: 2,
        entries: [
          { name: 'etl-frequency', value: '30', line: 3 },
          { name: 'etl-end-time', value: '', line: 5 },
        ],
      },
      // A '#' after the '=' belongs to the value: comments are whole lines.
      { name: 'dap:a', line: 7, entries: [{ name: 'url', value: 'pglite:data#1', line: 8 }] },
    ]);
  });

  it('reports a repeated name once, naming the first line', () => {
    const doc = parseIni('[schedule]\netl-frequency = 15\netl-frequency = 30\n');
    assert.equal(doc.errors.length, 1);
    const [e] = doc.errors;
    assert.equal(e?.line, 3);
    assert.equal(e?.section, 'schedule');
    assert.equal(e?.option, 'etl-frequency');
    assert.equal(
      e?.message,
      'schedule.etl-frequency: "30" is not valid; expected each option once per section (first at line 2)',
    );
    assert.deepEqual(doc.sections[0]?.entries, [{ name: 'etl-frequency', value: '15', line: 2 }]);
  });

  it('reports a repeated section once and does not read its lines', () => {
    const doc = parseIni(
      '[agg]\ncancel-threshold = 1\n[agg]\ncancel-threshold = 2\nsub-hour-interval = 30min\n',
    );
    assert.equal(doc.errors.length, 1);
    assert.equal(doc.errors[0]?.line, 3);
    assert.match(
      doc.errors[0]?.message ?? '',
      /^agg: section "\[agg\]" is not valid here; expected each section once \(first at line 1\)$/,
    );
    assert.equal(doc.sections.length, 1);
    assert.equal(doc.sections[0]?.entries.length, 1);
  });

  it('rejects lines that are neither header, option nor comment, and options before any section', () => {
    const doc = parseIni('run-scheduler = true\n[schedule]\nthis is wrong\n[]\n');
    assert.deepEqual(
      doc.errors.map((e) => [e.line, e.message]),
      [
        [
          1,
          'line 1: "run-scheduler = true" is not valid; expected a [section] header before the first option',
        ],
        [
          3,
          'schedule (line 3): "this is wrong" is not valid; expected "name = value", "[section]" or a comment starting with # or ;',
        ],
        [4, 'schedule (line 4): "[]" is not valid; expected a section header [name]'],
      ],
    );
  });
});

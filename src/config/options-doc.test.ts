import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderOptionsDoc } from './options-doc.ts';

it('docs/OPTIONS.md is generated from the current option table (npx tsx scripts/gen-options-doc.ts)', () => {
  const committed = readFileSync(new URL('../../docs/OPTIONS.md', import.meta.url), 'utf8');
  assert.equal(committed, renderOptionsDoc());
});

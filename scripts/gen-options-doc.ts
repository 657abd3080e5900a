// Writes docs/OPTIONS.md from the options definition table.
import { writeFileSync } from 'node:fs';
import { renderOptionsDoc } from '../src/config/options-doc.ts';

writeFileSync(new URL('../docs/OPTIONS.md', import.meta.url), renderOptionsDoc());

#!/usr/bin/env node
// The one test command (`npm test`): typecheck, lint, format check, then every test file under
// node's test runner, with a throw-away PostgreSQL 15 cluster started for the run so that the
// database tests run on both PGlite and a real server.
//
//   node scripts/test.mjs                 everything
//   node scripts/test.mjs --quick         skip typecheck/lint/format
//   node scripts/test.mjs path/to/x.test.ts …   only those files (implies --quick)
import { spawnSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgresCluster } from './pg-cluster.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const quick = args.includes('--quick') || files.length > 0;

function step(name, cmd, cmdArgs) {
  console.log(`\n== ${name}: ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal}).`);
    process.exit(1);
  }
}

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

if (!quick) {
  step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  step('lint', 'npx', ['eslint', '.']);
  step('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
}

const testFiles =
  files.length > 0 ? files : [...findTests(join(root, 'src')), ...findTests(join(root, 'test'))];
if (testFiles.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}

const cluster = await startPostgresCluster();
console.log(
  `\n== PostgreSQL ${cluster.version} test server on port ${cluster.port} (data in a temporary directory)`,
);
let code;
try {
  code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-reporter=spec',
        `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`,
        ...testFiles,
      ],
      {
        cwd: root,
        stdio: 'inherit',
        env: {
          ...process.env,
          INFOMART_TEST_PG_URL: cluster.url,
          INFOMART_TEST_PG_ADMIN_URL: cluster.adminUrl,
        },
      },
    );
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
  });
} finally {
  await cluster.stop();
}
process.exit(code);

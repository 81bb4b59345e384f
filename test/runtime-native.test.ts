// The C runtime's own unit tests, compiled natively with AddressSanitizer
// and UndefinedBehaviorSanitizer (runtime/test/run), plus the check that the
// committed runtime .wasm files match their sources when clang is present.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './support/programs.js';

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

test('native runtime tests pass under ASan and UBSan', () => {
  if (!hasCommand('gcc') && !hasCommand('clang')) {
    console.warn('SKIPPED native runtime tests: no C compiler');
    return;
  }
  const r = spawnSync('bash', [join(ROOT, 'runtime', 'test', 'run')], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toMatch(/\d+ passed, 0 failed/);
  expect(r.status).toBe(0);
}, 300000);

test('the committed runtime .wasm files are built from the current sources', () => {
  if (!hasCommand('clang-16')) {
    console.warn('SKIPPED runtime freshness check: clang-16 is not installed (.ci/run installs it)');
    return;
  }
  const r = spawnSync('bash', [join(ROOT, 'runtime', 'build'), '--check'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 300000);

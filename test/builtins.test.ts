// The compiler's builtin table must agree with the runtime's ABI: the order
// of BUILTIN_VALUE_IDS is the BuiltinId enum in runtime/include/taipan.h, and
// every runtime function a row names is exported by the runtime header.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_VALUE_IDS, BUILTINS } from '../compiler/ir/builtins.js';
import { ROOT } from './support/programs.js';

const header = readFileSync(join(ROOT, 'runtime', 'include', 'taipan.h'), 'utf8');

test('BUILTIN_VALUE_IDS follows the runtime BuiltinId enum', () => {
  const body = /enum\s*\w*\s*\{([^}]*BUILTIN_LEN[^}]*)\}/.exec(header)![1];
  const names = [...body.matchAll(/\bBUILTIN_([A-Z_]+)/g)].map((m) => m[1].toLowerCase()).filter((n) => n !== 'count');
  expect(BUILTIN_VALUE_IDS).toEqual(names);
});

test('every builtin row names a runtime function the header exports', () => {
  for (const [name, row] of Object.entries(BUILTINS)) {
    if (row.runtime === null) continue;
    expect({ name, exported: new RegExp(`\\b${row.runtime}\\(`).test(header) }).toEqual({ name, exported: true });
  }
});

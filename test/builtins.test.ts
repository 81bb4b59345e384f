// The compiler's builtin table must agree with the runtime's ABI: the order
// of BUILTIN_VALUE_IDS is the BuiltinId enum in runtime/include/taipan.h, and
// every runtime function a row names is exported by the runtime header.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUILTIN_MODULES, BUILTIN_VALUE_IDS, BUILTINS, CALL_TRAMPOLINES, EXCEPTION_TYPE_NAMES, FAST_METHODS, FIRST_EXCEPTION_TYPE_ID,
} from '../compiler/ir/builtins.js';
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

test('EXCEPTION_TYPE_NAMES follows the runtime TypeId enum from TYPE_ID_BASE_EXCEPTION', () => {
  const start = header.indexOf('TYPE_ID_TYPE = 0');
  const body = header.slice(start, header.indexOf('}', start)).replace(/\/\*[\s\S]*?\*\//g, '');
  const enumerators = [...body.matchAll(/^\s*(TYPE_ID_[A-Z_]+)\s*(?:,|= 0)/gm)].map((m) => m[1]);
  const first = enumerators.indexOf('TYPE_ID_BASE_EXCEPTION');
  expect(first).toBe(FIRST_EXCEPTION_TYPE_ID);
  const snake = (name: string): string => `TYPE_ID_${name.replace(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/g, '_').toUpperCase()}`;
  expect(enumerators.slice(first, first + EXCEPTION_TYPE_NAMES.length)).toEqual(EXCEPTION_TYPE_NAMES.map(snake));
  expect(header).toMatch(new RegExp(`TYPE_ID_LAST_EXCEPTION = ${snake(EXCEPTION_TYPE_NAMES[EXCEPTION_TYPE_NAMES.length - 1])}`));
});

test('FAST_METHODS follows the runtime FastMethodId enum, and each entry is exported', () => {
  const body = /enum FastMethodId\s*\{([^}]*)\}/.exec(header)![1];
  const ids = [...body.matchAll(/\bFAST_([A-Z_]+)/g)].map((m) => m[1].toLowerCase()).filter((n) => n !== 'method_count');
  expect(FAST_METHODS.map((row) => row.runtime.replace(/^rt_fast_/, ''))).toEqual(ids);
  for (const row of FAST_METHODS) {
    // (func, self, then the arguments)
    const params = new RegExp(`Obj \\*${row.runtime}\\(([^)]*)\\)`).exec(header);
    expect(params).not.toBeNull();
    expect(params![1].split(',').length).toBe(2 + row.nargs);
  }
});

test('CALL_TRAMPOLINES are exported with one parameter per argument after the callee', () => {
  CALL_TRAMPOLINES.forEach((name, n) => {
    const params = new RegExp(`Obj \\*${name}\\(([^)]*)\\)`).exec(header);
    expect(params).not.toBeNull();
    expect(params![1].split(',').length).toBe(1 + n);
  });
});

test('BUILTIN_MODULES follows the runtime BuiltinModuleId enum', () => {
  const body = /enum BuiltinModuleId\s*\{([^}]*)\}/.exec(header)![1];
  const names = [...body.matchAll(/\bMODULE_([A-Z_]+)/g)].map((m) => m[1].toLowerCase()).filter((n) => n !== 'count');
  expect(BUILTIN_MODULES).toEqual(names);
  // The program's taipan.module_call hook calls one entry point per module.
  for (const m of BUILTIN_MODULES) expect(header).toMatch(new RegExp(`\\brt_module_call_${m}\\(`));
});

// The builtin functions, one row each: how a call lowers (`call` through
// call_builtin, or a dedicated lowering for print and range), the argument
// counts accepted, the result type, and the runtime function that implements
// it. Scope analysis, irbuild, the op table and the backend all read this
// table; a new builtin is a row here plus a runtime function.

import { T, type IrType } from './types.js';

export interface BuiltinRow {
  lowering: 'call' | 'print' | 'range';
  /** Accepted positional argument counts for `call` builtins. */
  arities: readonly number[];
  result: IrType;
  runtime: string | null;
}

const call = (arities: number[], result: IrType, runtime: string): BuiltinRow => ({ lowering: 'call', arities, result, runtime });

export const BUILTINS: Readonly<Record<string, BuiltinRow>> = {
  print: { lowering: 'print', arities: [], result: T.none, runtime: null },
  range: { lowering: 'range', arities: [1, 2, 3], result: T.dyn, runtime: null },
  abs: call([1], T.dyn, 'rt_builtin_abs'),
  int: call([0, 1], T.int, 'rt_builtin_int'),
  float: call([0, 1], T.float, 'rt_builtin_float'),
  str: call([0, 1], T.str, 'rt_builtin_str'),
  repr: call([1], T.str, 'rt_builtin_repr'),
  bool: call([0, 1], T.bool, 'rt_builtin_bool'),
  len: call([1], T.int, 'rt_builtin_len'),
  round: call([1], T.int, 'rt_builtin_round1'),
};

export function isBuiltinName(name: string): boolean { return Object.hasOwn(BUILTINS, name); }

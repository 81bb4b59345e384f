// Builds the IR module from the AST and scope analysis: one IR function for
// the module body (the entry) and one per `def`. IR function names are
// unique even when Python reuses a name for two defs. Every function starts
// with `enter` (the recursion-depth check) and leaves through `leave`.

import type { DiagnosticBag } from '../diagnostics.js';
import type { Module, Stmt } from '../frontend/ast.js';
import type { FunctionScope, ProgramScopes } from '../frontend/scopes.js';
import type { IrFunction, IrModule } from '../ir/function.js';
import { maybeNullValues } from '../ir/analysis/definedness.js';
import { liveBlocks, newBlock, newValue } from '../ir/function.js';
import { T } from '../ir/types.js';
import { LoweringContext } from './lowering-context.js';
import { lowerStatements } from './statements.js';

export const ENTRY_FUNCTION = '__main__';

export function buildModule(module: Module, scopes: ProgramScopes, diags: DiagnosticBag): IrModule {
  const functionNames = new Map<object, string>();
  const used = new Set<string>([ENTRY_FUNCTION]);
  for (const f of scopes.functions) {
    let name = f.name;
    for (let i = 1; used.has(name); i++) name = `${f.name}.${i}`;
    used.add(name);
    functionNames.set(f.def, name);
  }
  const functions: IrFunction[] = [lowerBody(ENTRY_FUNCTION, '<module>', [], module.body, null, scopes, diags, functionNames)];
  for (const f of scopes.functions) {
    functions.push(lowerBody(functionNames.get(f.def)!, f.name, f.def.params.map((p) => p.name), f.def.body, f, scopes, diags, functionNames));
  }
  return {
    functions,
    globals: scopes.globals.map((g) => ({ name: g.name, slot: g.slot })),
    entry: ENTRY_FUNCTION,
  };
}

function lowerBody(
  name: string, pyName: string, paramNames: string[], body: Stmt[], scope: FunctionScope | null,
  scopes: ProgramScopes, diags: DiagnosticBag, functionNames: Map<object, string>,
): IrFunction {
  const fn: IrFunction = { name, pyName, paramNames, params: [], values: [], blocks: [] };
  const cx = new LoweringContext(fn, scope, scopes, diags, functionNames);
  fn.params = paramNames.map((p) => newValue(fn, T.dyn, p));
  paramNames.forEach((p, i) => cx.ssa.write(p, cx.current.id, fn.params[i]));

  // A failed depth check must not `leave`, so it gets its own exit.
  const depthFailed = newBlock(fn);
  depthFailed.term = { kind: 'raise' };
  const status = newValue(fn, T.i32);
  cx.current.insts.push({ op: 'enter', result: status, args: [] });
  const start = newBlock(fn);
  cx.current.term = { kind: 'check', value: status, ok: start.id, err: depthFailed.id };
  cx.ssa.addPredecessor(start.id, cx.current.id);
  cx.ssa.addPredecessor(depthFailed.id, cx.current.id);
  cx.ssa.seal(start.id);
  cx.ssa.seal(depthFailed.id);
  cx.startBlock(start);

  lowerStatements(cx, body);
  const none = cx.constNone();
  cx.emitEffect('leave', []);
  cx.terminate({ kind: 'return', value: none });
  cx.ssa.seal(cx.errorExit.id);
  cx.ssa.finish();
  elideProvenBoundChecks(fn);
  return fn;
}

/**
 * A local read needs its UnboundLocalError check only if some path reaches
 * it without an assignment, which is when its SSA value may be the entry's
 * `undef`. Proven reads lose the check; simplify-cfg then merges the blocks.
 */
function elideProvenBoundChecks(fn: IrFunction): void {
  const maybeUndef = maybeNullValues(fn, 'unassigned');
  for (const b of liveBlocks(fn)) {
    const last = b.insts[b.insts.length - 1];
    if (last?.op !== 'bound_check' || maybeUndef.has(last.args[0]) || b.term.kind !== 'check') continue;
    b.insts.pop();
    b.term = { kind: 'jump', target: { block: b.term.ok, args: [] } };
  }
}

// The verifier must reject broken IR: these tests take a correct function
// from the frontend, break one invariant at a time and expect a message
// naming it. A verifier that accepts everything would pass every other test.

import { compileToIr } from './support/ir.js';
import { verifyModule } from '../compiler/ir/verify.js';
import type { IrModule } from '../compiler/ir/function.js';
import { newValue } from '../compiler/ir/function.js';
import { T } from '../compiler/ir/types.js';

const SOURCE = 'def f(a, b):\n    if a < b:\n        return a - b\n    return b\nprint(f(1, 2))\n';

async function fresh(): Promise<{ module: IrModule; f: IrModule['functions'][number] }> {
  const module = await compileToIr(SOURCE);
  return { module, f: module.functions.find((fn) => fn.name === 'f')! };
}

test('accepts the unbroken module after every pass', async () => {
  const { module } = await fresh();
  expect(verifyModule(module)).toEqual([]);
});

test('rejects a use that its definition does not dominate', async () => {
  const { module, f } = await fresh();
  const block = f.blocks.find((b) => b.insts.some((i) => i.op === 'sub'))!;
  const late = newValue(f, T.int);
  block.insts.push({ op: 'const_int', result: late, args: [], imm: 1n });
  block.insts[block.insts.findIndex((i) => i.op === 'sub')].args[1] = late;
  expect(verifyModule(module).join('\n')).toMatch(/does not dominate/);
});

test('rejects a raising op whose result the terminator does not check', async () => {
  const { module, f } = await fresh();
  const block = f.blocks.find((b) => b.term.kind === 'check' && b.insts.some((i) => i.op === 'sub'))!;
  const ok = block.term.kind === 'check' ? block.term.ok : 0;
  block.term = { kind: 'jump', target: { block: ok, args: [] } };
  expect(verifyModule(module).join('\n')).toMatch(/is not checked by the terminator/);
});

test('rejects an unboxed branch condition', async () => {
  const { module, f } = await fresh();
  const block = f.blocks.find((b) => b.term.kind === 'branch')!;
  if (block.term.kind !== 'branch') throw new Error('no branch');
  block.term.cond = f.params[0];
  expect(verifyModule(module).join('\n')).toMatch(/branch condition .* expected i32/);
});

test('rejects edge arguments that do not match block parameters', async () => {
  const module = await compileToIr('def g(n):\n    i = 0\n    while i < n:\n        i += 1\n    return i\n', { beforePasses: true });
  const g = module.functions.find((fn) => fn.name === 'g')!;
  const jump = g.blocks.find((b) => b.term.kind === 'jump' && b.term.target.args.length > 0)!;
  if (jump.term.kind !== 'jump') throw new Error('no jump with arguments');
  jump.term.target.args.pop();
  expect(verifyModule(module).join('\n')).toMatch(/passes \d+ arguments to \^\d+, which has \d+ parameters/);
});

test('rejects a specialised op whose operand type is not proven', async () => {
  const { module, f } = await fresh();
  const block = f.blocks[0];
  block.insts.push({ op: 'print_item_str', result: null, args: [f.params[0], f.params[1]], imm: 1 });
  expect(verifyModule(module).join('\n')).toMatch(/needs operand 0 proven str/);
});

test('rejects a value defined twice and a call to a missing function', async () => {
  const { module, f } = await fresh();
  const block = f.blocks[0];
  block.insts.push({ op: 'const_none', result: f.params[0], args: [] });
  const caller = module.functions.find((fn) => fn.name === '__main__')!;
  const call = caller.blocks.flatMap((b) => b.insts).find((i) => i.op === 'call_direct')!;
  call.imm = 'missing';
  const problems = verifyModule(module).join('\n');
  expect(problems).toMatch(/defined twice/);
  expect(problems).toMatch(/unknown function &missing/);
});

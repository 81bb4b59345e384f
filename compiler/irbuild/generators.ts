// `yield` and `yield from` inside a generator's resume function. A yield
// ends its block with the `yield` terminator and continues in a resume
// block, where the value sent in arrives (gen_received raises instead when
// throw() resumed the generator). The generators pass later turns each
// yield into saving the live values and returning, and each resume block
// into a place the function's entry can jump to.

import type { ValueId } from '../ir/function.js';
import type { LoweringContext } from './lowering-context.js';

/** Suspends with `value`; returns the value sent in when resumed. */
export function lowerYield(cx: LoweringContext, value: ValueId): ValueId {
  suspend(cx, value);
  return cx.emitChecked('gen_received', [cx.sent]);
}

function suspend(cx: LoweringContext, value: ValueId): void {
  const resume = cx.newBlock();
  cx.current.term = { kind: 'yield', value, resume: resume.id };
  cx.ssa.addPredecessor(resume.id, cx.current.id);
  cx.ssa.seal(resume.id);
  cx.startBlock(resume);
}

/**
 * `yield from iterable`: delegate until the iterator finishes, passing each
 * value sent in (or, when resumed by throw(), the exception: yf_send throws
 * it into the iterator, or closes it for GeneratorExit). The result is the
 * iterator's return value.
 */
export function lowerYieldFrom(cx: LoweringContext, iterable: ValueId): ValueId {
  const iterator = cx.emitChecked('yf_iter', [iterable]);
  const sent = cx.temp('yfsent');
  cx.ssa.write(sent, cx.current.id, cx.constNone());
  const header = cx.newBlock();
  const finished = cx.newBlock();
  const delegate = cx.newBlock();
  cx.jump(header);
  cx.startBlock(header);
  const value = cx.emit('yf_send', [cx.generator, iterator, cx.ssa.read(sent, header.id)]);
  cx.branch(cx.emit('is_null', [value]), finished, delegate);
  cx.ssa.seal(delegate.id);
  cx.startBlock(delegate);
  suspend(cx, value);
  cx.ssa.write(sent, cx.current.id, cx.emit('gen_sent', [cx.sent]));
  cx.jump(header);
  cx.ssa.seal(header.id);
  cx.ssa.seal(finished.id);
  cx.startBlock(finished);
  cx.emitChecked('iter_error', []);
  return cx.emit('yf_result', [cx.generator]);
}

// Lowers one IR function to a wasm function through Binaryen's Relooper.
// Each IR value gets a wasm local (parameters keep their positions); block
// parameters are assigned on the edges with a parallel copy. Each op lowers
// through one row of OP_LOWERING; most rows are a call to the runtime
// function of the same meaning, which Binaryen may inline.

import { BUILTIN_VALUE_IDS, builtinRuntimeFunction, builtinTypeId } from '../ir/builtins.js';
import type { Block, Edge, ErrorSite, Inst, IrFunction, ValueId } from '../ir/function.js';
import { definingInsts, globalPyName, liveBlocks, successors } from '../ir/function.js';
import { dominatorTree } from '../ir/analysis/dominators.js';
import type { OpName } from '../ir/ops.js';
import { opRow } from '../ir/ops.js';
import type { Repr } from '../ir/types.js';
import type { Expr, WasmModule, WasmType } from './binaryen.js';
import { wasmTypes } from './binaryen.js';
import type { ConstantPool } from './constant-pool.js';
import { SMALL_INT_MAX, SMALL_INT_MIN } from './constant-pool.js';

/** What emitting a function needs to know about the rest of the module. */
export interface ModuleLinks {
  wm: WasmModule;
  pool: ConstantPool;
  /** Internal name of a runtime entry point. */
  runtime(name: string): string;
  wasmFunctionName(irName: string): string;
  /** The address of a global's cell (its IR name): a boxed value, 0 while unbound. */
  globalCell(irName: string): number;
  /** The address of the ModuleObj of module `index` of IrModule.modules (not the entry). */
  moduleObject(index: number): number;
  table: string;
  tableIndex(irName: string): number;
  /** Table index of a function's vector entry `(func, argv)`. */
  vectorIndex(irName: string): number;
  /** Address of a function's static FuncCode descriptor (runtime/include/taipan.h). */
  functionCodeAddress(irName: string): number;
  functionsByName: Map<string, IrFunction>;
  /** The traceback table's index for an error site in `fn`. */
  tracebackSite(fn: IrFunction, site: ErrorSite): number;
  /** Whether functions poll the cycle collector at entry and on loop back edges. */
  gcSafepoints: boolean;
}

export function wasmTypeOf(repr: Repr): WasmType {
  switch (repr) {
    case 'box': case 'i32': return wasmTypes.i32;
    case 'i64': return wasmTypes.i64;
    case 'f64': return wasmTypes.f64;
  }
}

class FunctionEmitter {
  readonly wm: WasmModule;
  private readonly localIndex = new Map<ValueId, number>();
  private readonly localTypes: WasmType[] = [];
  /** A scratch i32 local for lowerings that need one; never live across instructions. */
  readonly scratch: number;
  /** A second one, for the refcount inside inline incref/decref (which may work on `scratch`). */
  readonly refcountScratch: number;
  private readonly labelHelper: number;
  private readonly defs: Map<ValueId, Inst>;
  private readonly cold: Set<number>;
  /** Whether the block being lowered runs only after an exception (see coldBlocks). */
  inColdBlock = false;

  constructor(readonly fn: IrFunction, readonly links: ModuleLinks) {
    this.wm = links.wm;
    fn.params.forEach((p, i) => this.localIndex.set(p, i));
    this.scratch = this.addLocal(wasmTypes.i32);
    this.refcountScratch = this.addLocal(wasmTypes.i32);
    this.labelHelper = this.addLocal(wasmTypes.i32);
    this.defs = definingInsts(fn);
    this.cold = coldBlocks(fn);
  }

  /** A fresh local (i32 unless told) for one lowering's own use. */
  newLocal(type: WasmType = wasmTypes.i32): number { return this.addLocal(type); }

  private addLocal(type: WasmType): number {
    this.localTypes.push(type);
    return this.fn.params.length + this.localTypes.length - 1;
  }

  local(v: ValueId): number {
    let index = this.localIndex.get(v);
    if (index === undefined) {
      index = this.addLocal(wasmTypeOf(this.fn.values[v].type.repr));
      this.localIndex.set(v, index);
    }
    return index;
  }

  get(v: ValueId): Expr { return this.wm.localGet(this.local(v), wasmTypeOf(this.fn.values[v].type.repr)); }

  rt(name: string, args: Expr[], result: WasmType = wasmTypes.i32): Expr {
    return this.wm.call(this.links.runtime(name), args, result);
  }

  emit(): void {
    const relooper = this.wm.relooper();
    const blocks = liveBlocks(this.fn);
    const handles = new Map(blocks.map((b) => [b.id, relooper.addBlock(this.blockCode(b))]));
    // A loop's back edge is a safepoint: the cycle collector may run there.
    const dominance = this.links.gcSafepoints ? dominatorTree(this.fn) : null;
    const edgeCode = (from: Block, edge: Edge): Expr => {
      const copies = this.edgeCopies(edge);
      if (dominance === null || !dominance.dominates(edge.block, from.id)) return copies;
      const poll = this.rt('rt_gc_poll', [], wasmTypes.none);
      return copies === 0 ? poll : this.wm.block([copies, poll]);
    };
    for (const b of blocks) {
      const from = handles.get(b.id)!;
      const t = b.term;
      switch (t.kind) {
        case 'jump':
          relooper.addBranch(from, handles.get(t.target.block)!, 0, edgeCode(b, t.target));
          break;
        case 'branch':
          relooper.addBranch(from, handles.get(t.then.block)!, this.get(t.cond), edgeCode(b, t.then));
          relooper.addBranch(from, handles.get(t.else.block)!, 0, edgeCode(b, t.else));
          break;
        case 'check': {
          // The exception leaves this site: record it in the traceback on the way out. The record is a
          // block of its own, not code on the edge: the relooper skips empty blocks, and when both edges
          // of a check then reach one block it merges them and runs the edge code unconditionally.
          let errTarget = handles.get(t.err)!;
          if (t.site !== null) {
            const record = relooper.addBlock(
              this.rt('rt_traceback_add', [this.wm.i32Const(this.links.tracebackSite(this.fn, t.site))], wasmTypes.none));
            relooper.addBranch(record, errTarget, 0, 0);
            errTarget = record;
          }
          relooper.addBranch(from, errTarget, this.raisedCondition(t.value), 0);
          relooper.addBranch(from, handles.get(t.ok)!, 0, 0);
          break;
        }
        case 'yield': throw new Error(`&${this.fn.name}: yield reached the backend`);
        case 'return': case 'raise': case 'unreachable':
          break;
      }
    }
    const body = relooper.render(handles.get(0)!, this.labelHelper);
    const params = this.fn.params.map((p) => wasmTypeOf(this.fn.values[p].type.repr));
    // The relooper's output may fall off its end only through unreachable paths.
    this.wm.addFunction(this.links.wasmFunctionName(this.fn.name), params, wasmTypes.i32, this.localTypes,
      this.wm.block([body, this.wm.unreachable()], wasmTypes.i32));
  }

  /** The condition under which the op that defined `v` raised, per its table row. */
  private raisedCondition(v: ValueId): Expr {
    const def = this.defs.get(v)?.op;
    if (def === undefined) throw new Error(`check of %${v}, which no op defines`);
    switch (opRow(def).raises) {
      case 'null': return this.wm.i32Eqz(this.get(v));
      case 'negative': return this.wm.i32LtS(this.get(v), this.wm.i32Const(0));
      case 'never': throw new Error(`check of %${v}, defined by ${def}, which cannot raise`);
    }
  }

  private blockCode(b: Block): Expr {
    const code: Expr[] = [];
    this.inColdBlock = this.cold.has(b.id);
    for (const inst of b.insts) {
      const lowered = OP_LOWERING[inst.op](this, inst);
      code.push(inst.result === null ? lowered : this.wm.localSet(this.local(inst.result), lowered));
    }
    const t = b.term;
    if (t.kind === 'return') code.push(this.wm.return(this.get(t.value)));
    else if (t.kind === 'raise') code.push(this.wm.return(this.wm.i32Const(0)));
    else if (t.kind === 'unreachable') code.push(this.wm.unreachable());
    return this.wm.block(code);
  }

  /** Parallel copy of edge arguments into the target's parameters, through fresh temporaries. */
  private edgeCopies(edge: Edge): Expr {
    if (edge.args.length === 0) return 0;
    const params = this.fn.blocks[edge.block].params;
    const temps = edge.args.map((a) => this.addLocal(wasmTypeOf(this.fn.values[a].type.repr)));
    const code: Expr[] = edge.args.map((a, k) => this.wm.localSet(temps[k], this.get(a)));
    params.forEach((p, k) => code.push(this.wm.localSet(this.local(p), this.wm.localGet(temps[k], wasmTypeOf(this.fn.values[p].type.repr)))));
    return this.wm.block(code);
  }

  /** `if (cond) { effect; -1 } else 0`: the shape of a check that raises through the runtime. */
  statusCheck(failed: Expr, raise: Expr): Expr {
    return this.wm.if(failed, this.wm.block([raise, this.wm.i32Const(-1)], wasmTypes.i32), this.wm.i32Const(0));
  }

  strConst(text: string): Expr { return this.wm.globalGet(this.links.pool.str(text), wasmTypes.i32); }
}

type Lowering = (e: FunctionEmitter, inst: Inst) => Expr;

/** call(tuple) with a fresh tuple of the arguments, released after the call; 0 if the tuple could not be made. */
function emitTupleCall(e: FunctionEmitter, args: readonly ValueId[], call: (tuple: Expr) => Expr): Expr {
  const wm = e.wm;
  const tuple = e.newLocal();
  const result = e.newLocal();
  const get = (local: number) => (): Expr => wm.localGet(local, wasmTypes.i32);
  return wm.block([
    wm.localSet(tuple, e.rt('rt_tuple_new', [wm.i32Const(args.length)])),
    wm.if(wm.i32Eqz(get(tuple)()), wm.i32Const(0), wm.block([
      ...args.flatMap((a, i) => [
        emitIncref(e, () => e.get(a)),
        e.rt('rt_tuple_init', [get(tuple)(), wm.i32Const(i), e.get(a)], wasmTypes.none),
      ]),
      wm.localSet(result, call(get(tuple)())),
      emitDecref(e, get(tuple)),
      get(result)(),
    ], wasmTypes.i32)),
  ], wasmTypes.i32);
}

/** rt_func_prepare_call's answer for builtins and types (RT_CALL_GENERIC in runtime/include/taipan.h). */
const RT_CALL_GENERIC = -2;

const runtimeCall = (name: string): Lowering => (e, inst) => e.rt(name, inst.args.map((a) => e.get(a)));
const effectCall = (name: string): Lowering => (e, inst) => e.rt(name, inst.args.map((a) => e.get(a)), wasmTypes.none);
/*
 * incref and decref are emitted inline rather than called: they are the
 * commonest operations in compiled code. They rely on the runtime's object
 * header (runtime/include/taipan.h): an int32 refcount at offset 0, negative
 * for immortal objects, and tagged small ints (low bit set) have no header.
 */
function emitIncref(e: FunctionEmitter, object: () => Expr): Expr {
  const wm = e.wm;
  const rc = (): Expr => wm.localGet(e.refcountScratch, wasmTypes.i32);
  return wm.if(wm.i32Eqz(wm.i32And(object(), wm.i32Const(1))), wm.block([
    wm.localSet(e.refcountScratch, wm.i32Load(object())),
    wm.if(wm.i32GeS(rc(), wm.i32Const(0)), wm.i32Store(object(), wm.i32Add(rc(), wm.i32Const(1)))),
  ]));
}

function emitDecref(e: FunctionEmitter, object: () => Expr): Expr {
  const wm = e.wm;
  const rc = (): Expr => wm.localGet(e.refcountScratch, wasmTypes.i32);
  return wm.if(wm.i32Eqz(wm.i32And(object(), wm.i32Const(1))), wm.block([
    wm.localSet(e.refcountScratch, wm.i32Load(object())),
    wm.if(wm.i32GtS(rc(), wm.i32Const(0)), wm.block([
      wm.localSet(e.refcountScratch, wm.i32Sub(rc(), wm.i32Const(1))),
      wm.i32Store(object(), rc()),
      wm.if(wm.i32Eqz(rc()), e.rt('rt_dealloc', [object()], wasmTypes.none)),
    ])),
  ]));
}

/** The same, for values that may be a null box (an unassigned local, an exhausted iterator's item). */
const nullTolerant = (emit: (e: FunctionEmitter, object: () => Expr) => Expr): Lowering => (e, inst) =>
  e.wm.if(e.get(inst.args[0]), emit(e, () => e.get(inst.args[0])));

const OP_LOWERING: Record<OpName, Lowering> = {
  const_none: (e) => e.rt('rt_none', []),
  const_true: (e) => e.rt('rt_true', []),
  const_false: (e) => e.rt('rt_false', []),
  const_int: (e, inst) => {
    const v = inst.imm as bigint;
    if (v >= SMALL_INT_MIN && v <= SMALL_INT_MAX) return e.wm.i32Const(Number(v) * 2 + 1);
    return e.wm.globalGet(e.links.pool.int(v), wasmTypes.i32);
  },
  const_float: (e, inst) => e.wm.globalGet(e.links.pool.float(inst.imm as number), wasmTypes.i32),
  const_str: (e, inst) => e.strConst(inst.imm as string),
  const_bytes: (e, inst) => e.wm.globalGet(e.links.pool.bytes(inst.imm as string), wasmTypes.i32),
  undef: (e) => e.wm.i32Const(0),

  add: runtimeCall('rt_add'), sub: runtimeCall('rt_sub'), mul: runtimeCall('rt_mul'),
  truediv: runtimeCall('rt_truediv'), floordiv: runtimeCall('rt_floordiv'), mod: runtimeCall('rt_mod'),
  pow: runtimeCall('rt_pow'), lshift: runtimeCall('rt_lshift'), rshift: runtimeCall('rt_rshift'),
  bitand: runtimeCall('rt_bitand'), bitor: runtimeCall('rt_bitor'), bitxor: runtimeCall('rt_bitxor'),
  matmul: runtimeCall('rt_matmul'),
  neg: runtimeCall('rt_neg'), pos: runtimeCall('rt_pos'), invert: runtimeCall('rt_invert'),
  lt: runtimeCall('rt_lt'), le: runtimeCall('rt_le'), eq: runtimeCall('rt_eq'),
  ne: runtimeCall('rt_ne'), gt: runtimeCall('rt_gt'), ge: runtimeCall('rt_ge'),
  contains: runtimeCall('rt_contains'),
  truthy: runtimeCall('rt_truthy'),
  is: (e, inst) => e.wm.i32Eq(e.get(inst.args[0]), e.get(inst.args[1])),
  bool_not: (e, inst) => e.wm.i32Eqz(e.get(inst.args[0])),
  box_bool: runtimeCall('rt_bool_from_i32'),

  builtin_object: (e, inst) => emitBuiltinValue(e, inst.imm as string),
  set_from_constants: runtimeCall('rt_set_from_constants'),
  call_builtin: (e, inst) => {
    const fn = builtinRuntimeFunction(inst.imm as string, inst.args.length);
    if (fn === null) throw new Error(`no runtime function for builtin ${String(inst.imm)}`);
    return e.rt(fn, inst.args.map((a) => e.get(a)));
  },
  print_check: runtimeCall('rt_print_check'),
  print_item: (e, inst) => e.rt('rt_print_item', [e.get(inst.args[0]), e.get(inst.args[1]), e.wm.i32Const(inst.imm as number)]),
  print_item_str: (e, inst) =>
    e.rt('rt_print_item_str', [e.get(inst.args[0]), e.get(inst.args[1]), e.wm.i32Const(inst.imm as number)], wasmTypes.none),
  print_end: (e, inst) => e.wm.drop(e.rt('rt_print_end', [e.get(inst.args[0])])),
  print_tuple: runtimeCall('rt_print_tuple'),
  print_file: runtimeCall('rt_print_file'),

  load_global: (e, inst) => {
    const slot = (): Expr => e.wm.localGet(e.scratch, wasmTypes.i32);
    return e.wm.block([
      e.wm.localSet(e.scratch, loadCell(e, inst)),
      e.wm.if(e.wm.i32Eqz(slot()),
        e.rt('rt_raise_name_error', [e.strConst(globalPyName(inst.imm as string))], wasmTypes.none),
        emitIncref(e, slot)),
      slot(),
    ], wasmTypes.i32);
  },
  load_global_or_builtin: (e, inst) => {
    const slot = (): Expr => e.wm.localGet(e.scratch, wasmTypes.i32);
    const name = globalPyName(inst.imm as string);
    // Builtin values and types are immortal: the fallback needs no reference.
    const builtin = BUILTIN_VALUE_IDS.includes(name) ? emitBuiltinValue(e, name) : emitBuiltinType(e, name);
    return e.wm.block([
      e.wm.localSet(e.scratch, loadCell(e, inst)),
      e.wm.if(e.wm.i32Eqz(slot()), e.wm.localSet(e.scratch, builtin), emitIncref(e, slot)),
      slot(),
    ], wasmTypes.i32);
  },
  check_global: (e, inst) => e.statusCheck(
    e.wm.i32Eqz(loadCell(e, inst)),
    e.rt('rt_raise_name_error', [e.strConst(globalPyName(inst.imm as string))], wasmTypes.none)),
  store_global: (e, inst) => {
    // Store first, release the old value second: releasing may run code that reads the global.
    const old = (): Expr => e.wm.localGet(e.scratch, wasmTypes.i32);
    return e.wm.block([
      e.wm.localSet(e.scratch, loadCell(e, inst)),
      e.wm.i32Store(e.wm.i32Const(e.links.globalCell(inst.imm as string)), e.get(inst.args[0])),
      e.wm.if(old(), emitDecref(e, old)),
    ]);
  },
  bound_check: (e, inst) => e.statusCheck(
    e.wm.i32Eqz(e.get(inst.args[0])),
    e.rt('rt_raise_unbound_local', [e.strConst(inst.imm as string)], wasmTypes.none)),

  func_new: (e, inst) => {
    const name = inst.imm as string;
    const fn = e.links.functionsByName.get(name)!;
    return e.rt('rt_func_new', [
      e.wm.i32Const(e.links.functionCodeAddress(name)), e.strConst(fn.pyName), e.strConst(fn.qualname),
      fn.docstring === null ? e.rt('rt_none', []) : e.strConst(fn.docstring),
      ...inst.args.map((a) => e.get(a)),
    ]);
  },
  func_default: (e, inst) => e.rt('rt_func_default', [e.get(inst.args[0]), e.wm.i32Const(inst.imm as number)]),
  func_kwdefault: (e, inst) => e.rt('rt_func_kwdefault', [e.get(inst.args[0]), e.strConst(inst.imm as string)]),
  call_direct: (e, inst) => e.wm.call(e.links.wasmFunctionName(inst.imm as string), inst.args.map((a) => e.get(a)), wasmTypes.i32),
  call_kw: runtimeCall('rt_call'),
  args_extend: runtimeCall('rt_call_args_extend'),
  kwargs_merge: runtimeCall('rt_call_kwargs_merge'),
  cell_new: runtimeCall('rt_cell_new'),
  cell_get_local: (e, inst) => e.rt('rt_cell_get', [e.get(inst.args[0]), e.strConst(inst.imm as string), e.wm.i32Const(0)]),
  cell_get_free: (e, inst) => e.rt('rt_cell_get', [e.get(inst.args[0]), e.strConst(inst.imm as string), e.wm.i32Const(1)]),
  cell_set: effectCall('rt_cell_set'),
  closure_cell: (e, inst) => e.rt('rt_closure_cell', [e.get(inst.args[0]), e.wm.i32Const(inst.imm as number)]),
  call_dynamic: (e, inst) => {
    // A compiled function whose parameters are exactly these positional arguments is called
    // through the table (function object first); any other callable through rt_call with a
    // tuple of the arguments, which binds them; a non-callable has already raised.
    const [callee, ...args] = inst.args;
    const wm = e.wm;
    const index = e.newLocal();
    const get = (local: number) => (): Expr => wm.localGet(local, wasmTypes.i32);
    const callGeneric = emitTupleCall(e, args, (tuple) => e.rt('rt_call', [e.get(callee), tuple, wm.i32Const(0)]));
    return wm.block([
      wm.localSet(index, e.rt('rt_func_prepare_call', [e.get(callee), wm.i32Const(args.length)])),
      wm.if(wm.i32GeS(get(index)(), wm.i32Const(0)),
        wm.callIndirect(e.links.table, get(index)(), inst.args.map((a) => e.get(a)), inst.args.map(() => wasmTypes.i32), wasmTypes.i32),
        wm.if(wm.i32Eq(get(index)(), wm.i32Const(RT_CALL_GENERIC)), callGeneric, wm.i32Const(0))),
    ], wasmTypes.i32);
  },
  call_method: (e, inst) => {
    // As CPython's LOAD_METHOD/CALL: a user instance's plain method taking exactly these
    // arguments is called through the table as (function, self, args...), so a method call
    // (and method recursion) costs no runtime frames; so is a builtin's fast entry
    // (list.append, dict.get ...); anything else goes to rt_call_method.
    const [self, ...args] = inst.args;
    const wm = e.wm;
    const name = inst.imm as string;
    const callGeneric = emitTupleCall(e, args, (tuple) => e.rt('rt_call_method', [e.get(self), e.strConst(name), tuple, wm.i32Const(0)]));
    const prepared = e.newLocal(wasmTypes.i64);
    const func = e.newLocal();
    const result = e.newLocal();
    const get = (local: number) => (): Expr => wm.localGet(local, wasmTypes.i32);
    const index = (): Expr => wm.i32WrapI64(wm.localGet(prepared, wasmTypes.i64));
    return wm.block([
      wm.localSet(prepared, e.rt('rt_method_prepare', [e.get(self), e.strConst(name), wm.i32Const(args.length)], wasmTypes.i64)),
      wm.if(wm.i32GeS(index(), wm.i32Const(0)),
        wm.block([
          wm.localSet(func, wm.i32WrapI64(wm.i64ShrU(wm.localGet(prepared, wasmTypes.i64), wm.i64Const(32n)))),
          wm.localSet(result, wm.callIndirect(e.links.table, index(), [get(func)(), ...inst.args.map((a) => e.get(a))],
            [wasmTypes.i32, ...inst.args.map(() => wasmTypes.i32)], wasmTypes.i32)),
          emitDecref(e, get(func)),
          get(result)(),
        ], wasmTypes.i32),
        callGeneric),
    ], wasmTypes.i32);
  },
  // A function's entry is a safepoint too.
  // A function's entry is a safepoint too.
  enter: (e) => (e.links.gcSafepoints
    ? e.wm.block([e.rt('rt_gc_poll', [], wasmTypes.none), e.rt('rt_enter', [])], wasmTypes.i32)
    : e.rt('rt_enter', [])),
  leave: effectCall('rt_leave'),

  exc_fetch: runtimeCall('rt_exc_fetch'),
  exc_matches: runtimeCall('rt_exc_matches'),
  exc_set_handled: runtimeCall('rt_exc_set_handled'),
  exc_restore_handled: effectCall('rt_exc_restore_handled'),
  exc_handled: runtimeCall('rt_exc_handled'),
  raise: runtimeCall('rt_raise'),
  raise_from: runtimeCall('rt_raise_from'),
  reraise: runtimeCall('rt_reraise'),
  builtin_type: (e, inst) => emitBuiltinType(e, inst.imm as string),

  gen_new: (e, inst) => {
    const name = inst.imm as string;
    const resume = e.links.functionsByName.get(name)!;
    return e.rt('rt_gen_new', [
      e.get(inst.args[0]), e.strConst(resume.pyName), e.strConst(resume.qualname),
      e.wm.i32Const(e.links.vectorIndex(name)), e.wm.i32Const(resume.generator!.slots),
    ]);
  },
  gen_save: (e, inst) => e.rt('rt_gen_save', [e.get(inst.args[0]), e.wm.i32Const(inst.imm as number), e.get(inst.args[1])], wasmTypes.none),
  gen_save_i32: (e, inst) => e.rt('rt_gen_save', [e.get(inst.args[0]), e.wm.i32Const(inst.imm as number),
    e.wm.i32Or(e.wm.i32Shl(e.get(inst.args[1]), e.wm.i32Const(1)), e.wm.i32Const(1))], wasmTypes.none),
  gen_load: (e, inst) => e.rt('rt_gen_load', [e.get(inst.args[0]), e.wm.i32Const(inst.imm as number)]),
  gen_load_i32: (e, inst) => e.wm.i32ShrS(e.rt('rt_gen_load', [e.get(inst.args[0]), e.wm.i32Const(inst.imm as number)]), e.wm.i32Const(1)),
  gen_state_is: (e, inst) => e.wm.i32Eq(e.rt('rt_gen_state', [e.get(inst.args[0])]), e.wm.i32Const(inst.imm as number)),
  gen_set_state: (e, inst) => e.rt('rt_gen_set_state', [e.get(inst.args[0]), e.wm.i32Const(inst.imm as number)], wasmTypes.none),
  gen_received: (e, inst) => e.get(inst.args[0]),
  gen_sent: (e, inst) => e.get(inst.args[0]),
  yf_iter: runtimeCall('rt_yf_iter'),
  yf_send: runtimeCall('rt_yf_send'),
  yf_result: runtimeCall('rt_yf_result'),

  match_sequence: runtimeCall('rt_match_sequence'),
  match_mapping: runtimeCall('rt_match_mapping'),
  match_len_eq: (e, inst) => e.rt('rt_match_len', [e.get(inst.args[0]), e.wm.i32Const(inst.imm as number), e.wm.i32Const(0)]),
  match_len_ge: (e, inst) => e.rt('rt_match_len', [e.get(inst.args[0]), e.wm.i32Const(inst.imm as number), e.wm.i32Const(1)]),
  match_mapping_get: runtimeCall('rt_match_mapping_get'),
  match_mapping_rest: runtimeCall('rt_match_mapping_rest'),
  match_class: (e, inst) => e.rt('rt_match_class', [e.get(inst.args[0]), e.get(inst.args[1]), e.wm.i32Const(inst.imm as number)]),
  match_class_arg: (e, inst) => e.rt('rt_match_class_arg', [e.get(inst.args[0]), e.get(inst.args[1]), e.wm.i32Const(inst.imm as number)]),
  match_attr: (e, inst) => e.rt('rt_match_attr', [e.get(inst.args[0]), e.strConst(inst.imm as string)]),

  import_builtin: (e, inst) => e.rt('rt_import_builtin', [e.wm.i32Const(inst.imm as number)]),
  import_module: (e, inst) => e.rt('rt_import_module', [e.wm.i32Const(e.links.moduleObject(inst.imm as number))]),
  import_from: (e, inst) => e.rt('rt_import_from', [e.get(inst.args[0]), e.strConst(inst.imm as string)]),

  range_check: runtimeCall('rt_range_check'),
  range_continue: runtimeCall('rt_range_continue'),

  const_i32: (e, inst) => e.wm.i32Const(inst.imm as number),
  const_null: (e) => e.wm.i32Const(0),
  delete_global: (e, inst) => {
    const old = (): Expr => e.wm.localGet(e.scratch, wasmTypes.i32);
    // Unbind first, release second: releasing may run code that reads the global.
    return e.wm.block([
      e.wm.localSet(e.scratch, loadCell(e, inst)),
      e.wm.if(e.wm.i32Eqz(old()),
        e.wm.block([e.rt('rt_raise_name_error', [e.strConst(globalPyName(inst.imm as string))], wasmTypes.none), e.wm.i32Const(-1)], wasmTypes.i32),
        e.wm.block([e.wm.i32Store(e.wm.i32Const(e.links.globalCell(inst.imm as string)), e.wm.i32Const(0)), emitDecref(e, old), e.wm.i32Const(0)], wasmTypes.i32)),
    ], wasmTypes.i32);
  },

  tuple_new: (e, inst) => e.rt('rt_tuple_new', [e.wm.i32Const(inst.imm as number)]),
  tuple_init: (e, inst) => e.rt('rt_tuple_init', [e.get(inst.args[0]), e.wm.i32Const(inst.imm as number), e.get(inst.args[1])], wasmTypes.none),
  list_new: (e, inst) => e.rt('rt_list_new', [e.wm.i32Const(inst.imm as number)]),
  list_init: (e, inst) => e.rt('rt_list_init', [e.get(inst.args[0]), e.wm.i32Const(inst.imm as number), e.get(inst.args[1])], wasmTypes.none),
  dict_new: runtimeCall('rt_dict_new'),
  dict_set: runtimeCall('rt_dict_setitem'),
  dict_from_flat: runtimeCall('rt_dict_from_flat'),
  set_new: runtimeCall('rt_set_new'),
  set_add: runtimeCall('rt_set_add'),
  build_slice: runtimeCall('rt_slice_new'),
  unpack: (e, inst) => e.rt('rt_unpack', [e.get(inst.args[0]), e.wm.i32Const(inst.imm as number)]),
  unpack_ex: (e, inst) => e.rt('rt_unpack_ex', [e.get(inst.args[0]), e.wm.i32Const((inst.imm as number) & 0xff), e.wm.i32Const((inst.imm as number) >> 8)]),
  list_append: runtimeCall('rt_list_append'),
  list_extend: runtimeCall('rt_list_extend'),
  set_update: runtimeCall('rt_set_update'),
  list_to_tuple: runtimeCall('rt_list_to_tuple'),
  tuple_item: (e, inst) => e.rt('rt_tuple_item', [e.get(inst.args[0]), e.wm.i32Const(inst.imm as number)]),
  format_value: runtimeCall('rt_format'),
  join_strings: runtimeCall('rt_build_string'),
  getitem: runtimeCall('rt_getitem'),
  setitem: runtimeCall('rt_setitem'),
  delitem: runtimeCall('rt_delitem'),
  getattr: (e, inst) => e.rt('rt_getattr', [e.get(inst.args[0]), e.strConst(inst.imm as string)]),
  setattr: (e, inst) => e.rt('rt_setattr', [e.get(inst.args[0]), e.strConst(inst.imm as string), e.get(inst.args[1])]),
  delattr: (e, inst) => e.rt('rt_delattr', [e.get(inst.args[0]), e.strConst(inst.imm as string)]),
  class_new: runtimeCall('rt_class_new'),
  class_ns_load: (e, inst) => e.rt('rt_class_ns_load', [e.get(inst.args[0]), e.strConst(inst.imm as string)]),
  class_ns_delete: (e, inst) => e.rt('rt_class_ns_delete', [e.get(inst.args[0]), e.strConst(inst.imm as string)]),
  super_zero: runtimeCall('rt_super_zero'),
  // CellObj (runtime/include/taipan_internal.h): the content follows the 8-byte object header.
  cell_peek: (e, inst) => e.wm.i32Load(e.wm.i32Add(e.get(inst.args[0]), e.wm.i32Const(8))),
  not_implemented: (e) => e.rt('rt_not_implemented', []),
  ellipsis: (e) => e.rt('rt_ellipsis', []),
  with_exit: runtimeCall('rt_with_exit'),
  with_enter: runtimeCall('rt_with_enter'),
  with_exit_call: runtimeCall('rt_with_exit_call'),
  check_method: (e, inst) => e.rt('rt_check_method', [e.get(inst.args[0]), e.strConst(inst.imm as string)]),
  call_method_kw: (e, inst) => e.rt('rt_call_method', [e.get(inst.args[0]), e.strConst(inst.imm as string), e.get(inst.args[1]), e.get(inst.args[2])]),
  inplace_add: runtimeCall('rt_inplace_add'), inplace_sub: runtimeCall('rt_inplace_sub'), inplace_mul: runtimeCall('rt_inplace_mul'),
  inplace_or: runtimeCall('rt_inplace_or'), inplace_and: runtimeCall('rt_inplace_and'), inplace_xor: runtimeCall('rt_inplace_xor'),
  inplace_matmul: runtimeCall('rt_inplace_matmul'),
  range_arg: runtimeCall('rt_range_arg'),
  inplace_truediv: runtimeCall('rt_inplace_truediv'), inplace_floordiv: runtimeCall('rt_inplace_floordiv'),
  inplace_mod: runtimeCall('rt_inplace_mod'), inplace_pow: runtimeCall('rt_inplace_pow'),
  inplace_lshift: runtimeCall('rt_inplace_lshift'), inplace_rshift: runtimeCall('rt_inplace_rshift'),
  get_iter: runtimeCall('rt_get_iter'),
  iter_next: runtimeCall('rt_iter_next'),
  is_null: (e, inst) => e.wm.i32Eqz(e.get(inst.args[0])),
  iter_error: (e) => e.wm.i32Sub(e.wm.i32Const(0), e.rt('rt_err_occurred', [])),

  keep_alive: (e) => e.wm.nop(),
  incref: (e, inst) => emitIncref(e, () => e.get(inst.args[0])),
  decref: (e, inst) => (e.inColdBlock ? emitColdDecref(e, inst) : emitDecref(e, () => e.get(inst.args[0]))),
  xincref: nullTolerant(emitIncref),
  xdecref: (e, inst) => (e.inColdBlock ? emitColdDecref(e, inst) : nullTolerant(emitDecref)(e, inst)),
};

/** The immortal object of a builtin function (by BuiltinId) or of a builtin type. */
function emitBuiltinValue(e: FunctionEmitter, name: string): Expr {
  return e.rt('rt_builtin_object', [e.wm.i32Const(BUILTIN_VALUE_IDS.indexOf(name))]);
}

function emitBuiltinType(e: FunctionEmitter, name: string): Expr {
  return e.rt('rt_type_object', [e.wm.i32Const(builtinTypeId(name))]);
}

/** On an exception's path a release is a call (rt_decref takes null too): a fifth of the inline code, and never hot. */
const emitColdDecref: Lowering = (e, inst) => e.rt('rt_decref', [e.get(inst.args[0])], wasmTypes.none);

/**
 * The blocks that run only after an exception: those not reachable from the
 * entry without taking a check's error edge. Their releases are out of line.
 */
function coldBlocks(fn: IrFunction): Set<number> {
  const warm = new Set<number>([0]);
  const work = [0];
  while (work.length > 0) {
    const t = fn.blocks[work.pop()!].term;
    const next = t.kind === 'check' ? [t.ok] : successors(t);
    for (const b of next) if (!warm.has(b)) { warm.add(b); work.push(b); }
  }
  return new Set(liveBlocks(fn).map((b) => b.id).filter((id) => !warm.has(id)));
}

export function emitFunction(fn: IrFunction, links: ModuleLinks): void {
  new FunctionEmitter(fn, links).emit();
}

/** A global's value (0 while unbound): a load from its cell, at an address fixed at link time. */
function loadCell(e: FunctionEmitter, inst: Inst): Expr {
  return e.wm.i32Load(e.wm.i32Const(e.links.globalCell(inst.imm as string)));
}

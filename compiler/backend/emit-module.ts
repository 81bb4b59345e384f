// Emits the whole program as one standalone wasm module. The runtime's
// module is read in first and the program's functions, globals, constants
// and table entries are added to it, so Binaryen sees one module: it can
// inline the runtime's small helpers (incref, decref, tag checks) into
// compiled code, and drops every runtime function the program never reaches
// once the runtime's exports are removed. The result imports only WASI and
// exports `_start` and `memory`.

import type { IrFunction, IrModule, IrSourceModule } from '../ir/function.js';
import { globalPyName, liveBlocks } from '../ir/function.js';
import type { OpName } from '../ir/ops.js';
import { BUILTIN_MODULES, CALL_TRAMPOLINES, FAST_METHODS } from '../ir/builtins.js';
import type { DataSegment } from './binaryen.js';
import { WasmModule, wasmTypes } from './binaryen.js';
import { ConstantPool, encodeUtf8 } from './constant-pool.js';
import { keepLiveData, liveChunks, type RuntimeDataMap } from './data-gc.js';
import { emitFunction, type ModuleLinks } from './emit-function.js';
import { TracebackTable, type SourceFile } from './traceback-table.js';

export interface EmitOptions {
  /** Each module's source and the path tracebacks show for it, by module index (the entry first). */
  sources: SourceFile[];
  runtimeWasm: Uint8Array;
  runtimeDataMap: RuntimeDataMap;
  optLevel: number;
  emitText: boolean;
  keepNames: boolean;
}

/** Sizes worth reporting: the traceback table is the price of CPython's tracebacks. */
export interface EmitStats { tracebackSites: number; tracebackTableBytes: number }

export interface EmitResult { wasm: Uint8Array; wat?: string; stats: EmitStats }

const PAGE = 65536;

export function emitModule(module: IrModule, options: EmitOptions): EmitResult {
  const wm = WasmModule.read(options.runtimeWasm);
  try {
    return link(wm, module, options);
  } finally {
    wm.dispose();
  }
}

function link(wm: WasmModule, module: IrModule, options: EmitOptions): EmitResult {
  const exports = wm.exports();
  const runtimeNames = new Map(exports.filter((e) => e.kind === 'function').map((e) => [e.name, e.internal]));
  const memory = exports.find((e) => e.kind === 'memory' && e.name === 'memory');
  const heapBaseExport = exports.find((e) => e.kind === 'global' && e.name === '__heap_base');
  if (memory === undefined || heapBaseExport === undefined) throw new Error('runtime must export memory and __heap_base');
  const heapBase = wm.globalInitI32(heapBaseExport.internal);
  const runtimeFunctionNames = wm.functionNames();
  if (runtimeFunctionNames.length !== options.runtimeDataMap.functions) {
    throw new Error('runtime data map does not match the runtime module; rebuild the runtime');
  }
  const runtimeSegments = wm.dataSegments();

  // Right after the runtime's data: the program modules' objects (written last, once every address
  // they hold is known), then every global's cell (zeroed memory: no data needed), then the constants.
  const moduleTable = module.modules ?? [];
  const moduleObjectsBase = heapBase;
  const cellsBase = moduleObjectsBase + MODULE_OBJECT_BYTES * Math.max(0, moduleTable.length - 1);
  const cellAddress = new Map(module.globals.map((g, i) => [g.name, cellsBase + 4 * i]));
  const pool = new ConstantPool(cellsBase + 4 * module.globals.length);
  const functionsByName = new Map(module.functions.map((f) => [f.name, f]));
  const table = wm.functionTable();
  // Each function is in the table twice: its direct entry (function object, then each parameter)
  // and its vector entry (function object, then a pointer to the parameters), which the runtime's
  // generic call uses after binding arguments, whatever the function's arity.
  const tableOrder = module.functions.filter((f) => f.name !== module.entry)
    .flatMap((f) => [wasmFunctionName(f.name), vectorEntryName(f.name)]);
  const codeAddresses = new Map<string, number>();
  const functionCodeAddress = (irName: string): number => {
    let address = codeAddresses.get(irName);
    if (address === undefined) {
      const fn = functionsByName.get(irName)!;
      const names = pool.addBytes(encodeUtf8(fn.paramNames.map((n) => `${n}\0`).join('') || '\0'));
      const sig = fn.signature;
      const words = [sig.argcount, sig.posonly, sig.kwonly, (sig.varargs ? 1 : 0) | (sig.varkw ? 2 : 0),
        tableIndex(wasmFunctionName(irName)), tableIndex(vectorEntryName(irName)), names,
        fn.module === undefined || fn.module === 0 ? 0 : cString(moduleTable[fn.module].name)];
      const bytes = new Uint8Array(words.length * 4);
      const view = new DataView(bytes.buffer);
      words.forEach((w, i) => view.setInt32(i * 4, w, true));
      address = pool.addBytes(bytes, 4);
      codeAddresses.set(irName, address);
    }
    return address;
  };
  const tableIndex = (wasmName: string): number => table.size + tableOrder.indexOf(wasmName);
  const runtime = (name: string): string => {
    const internal = runtimeNames.get(name);
    if (internal === undefined) throw new Error(`runtime lacks ${name}`);
    return internal;
  };
  runtime('_initialize');
  const cString = (text: string): number => pool.addBytes(encodeUtf8(`${text}\0`));
  const traceback = new TracebackTable(options.sources);
  const gcSafepoints = needsCycleCollection(module);
  const links: ModuleLinks = {
    wm, pool, runtime,
    wasmFunctionName,
    globalCell: (irName) => {
      const address = cellAddress.get(irName);
      if (address === undefined) throw new Error(`no cell for global ${irName}`);
      return address;
    },
    moduleObject: (index) => moduleObjectsBase + MODULE_OBJECT_BYTES * (index - 1),
    table: table.name,
    tableIndex: (irName) => tableIndex(wasmFunctionName(irName)),
    vectorIndex: (irName) => tableIndex(vectorEntryName(irName)),
    functionCodeAddress,
    functionsByName,
    tracebackSite: (fn, site) => traceback.siteIndex(fn.pyName, site, fn.module ?? 0),
    gcSafepoints,
  };

  const runtimeEntries = runtimeTableEntries(module);
  tableOrder.push(...runtimeEntries.map((e) => runtime(e.runtime)));
  const tableSetup = runtimeEntries.flatMap((e) => (e.report === undefined ? [] : [wm.call(runtime(e.report.setter),
    [...e.report.args.map((a) => wm.i32Const(a)), wm.i32Const(tableIndex(runtime(e.runtime)))], wasmTypes.none)]));

  defineModuleCallHook(wm, module, runtime);
  defineClassesHook(wm, module, runtime);
  for (const fn of module.functions) {
    emitFunction(fn, links);
    if (fn.name !== module.entry) emitVectorEntry(wm, fn, links);
  }
  wm.appendToTable(table.name, table.size, tableOrder);
  const moduleObjects = moduleObjectBytes(moduleTable, links, cellAddress, cString);
  const tracebackBytes = traceback.bytes();
  const tracebackTable = traceback.siteCount > 0 ? pool.addBytes(tracebackBytes, 4) : null;
  const stats: EmitStats = { tracebackSites: traceback.siteCount, tracebackTableBytes: tracebackTable === null ? 0 : tracebackBytes.length };

  // The program's data goes right after the runtime's; the heap starts after both.
  const data = pool.data;
  const heapStart = align(pool.base + data.length, 16);
  emitStart(wm, module, links, pool, heapStart, tracebackTable, gcSafepoints, tableSetup);
  for (const e of exports) if (e.kind !== 'memory') wm.removeExport(e.name);
  wm.addFunctionExport('_start', '_start');

  // With the runtime's exports gone, only what the program reaches survives; keep only the data that reaches.
  wm.removeUnusedFunctions();
  const liveRuntimeFunctions = runtimeFunctionNames.flatMap((name, index) => (wm.hasFunction(name) ? [index] : []));
  const runtimeData = keepLiveData(runtimeSegments, options.runtimeDataMap, liveChunks(options.runtimeDataMap, liveRuntimeFunctions));
  const segments: DataSegment[] = [...runtimeData, { offset: pool.base, data }];
  if (moduleObjects.length > 0) segments.push({ offset: moduleObjectsBase, data: moduleObjects });
  wm.removeExport('memory');
  wm.setMemory(memory.internal, Math.ceil(heapStart / PAGE) + 1, segments, 'memory');
  if (!wm.validate()) throw new Error('Binaryen rejected the emitted module');
  // Functions nothing can call (a def never used) are gone by now.
  const programFunctions = ['_start', ...module.functions.flatMap((f) => [links.wasmFunctionName(f.name), vectorEntryName(f.name)])]
    .filter((name) => wm.hasFunction(name));
  wm.optimize(options.optLevel, options.keepNames, programFunctions);
  return { wasm: wm.emitBinary(), wat: options.emitText ? wm.emitText() : undefined, stats };
}

/**
 * The runtime functions compiled code may reach through the table, which
 * only this program's call sites decide: the call trampolines when it has a
 * dynamic call, and the fast method entries its method calls can use. Each
 * comes with the runtime call that reports its table index at start (the
 * first trampoline's index stands for all five).
 */
interface RuntimeTableEntry {
  runtime: string;
  /** The runtime call that learns where the entry landed: setter(...args, table index). */
  report?: { setter: string; args: number[] };
}

function runtimeTableEntries(module: IrModule): RuntimeTableEntry[] {
  let dynamicCalls = false;
  const methodSites = new Set<string>();
  for (const fn of module.functions) {
    for (const b of liveBlocks(fn)) {
      for (const inst of b.insts) {
        if (inst.op === 'call_dynamic') dynamicCalls = true;
        if (inst.op === 'call_method') methodSites.add(`${String(inst.imm)}/${inst.args.length - 1}`);
      }
    }
  }
  const entries: RuntimeTableEntry[] = [];
  if (dynamicCalls) {
    CALL_TRAMPOLINES.forEach((runtime, k) =>
      entries.push(k === 0 ? { runtime, report: { setter: 'rt_set_call_trampolines', args: [] } } : { runtime }));
  }
  FAST_METHODS.forEach((row, id) => {
    if (methodSites.has(`${row.name}/${row.nargs}`)) entries.push({ runtime: row.runtime, report: { setter: 'rt_set_fast_method', args: [id] } });
  });
  return entries;
}

/** Builtins whose values or calls make classes or class.c's objects (bound methods, properties, super, object()). */
const CLASS_MAKING_BUILTINS: ReadonlySet<string> = new Set([
  'object', 'super', 'property', 'staticmethod', 'classmethod', 'getattr', 'setattr', 'hasattr', 'delattr', 'vars',
]);

/** Ops naming an attribute in their immediate. */
const ATTRIBUTE_OPS: ReadonlySet<string> = new Set(['getattr', 'call_method', 'call_method_kw', 'check_method', 'match_attr']);

function makesClasses(module: IrModule): boolean {
  for (const fn of module.functions) {
    for (const b of liveBlocks(fn)) {
      for (const i of b.insts) {
        if (i.op === 'class_new' || i.op === 'super_zero') return true;
        if ((i.op === 'builtin_object' || i.op === 'call_builtin') && CLASS_MAKING_BUILTINS.has(i.imm as string)) return true;
        // `f.__get__(obj)` binds a function: a bound method (class.c) even without a class statement
        if (ATTRIBUTE_OPS.has(i.op) && i.imm === '__get__') return true;
      }
    }
  }
  return false;
}

/**
 * The runtime reaches class.c from code every program links (deallocation,
 * the uncaught-exception report) only through the import `taipan.classes`.
 * A program that can make classes gets it as a call to rt_classes_hook; any
 * other program can never own a class or an instance, so it gets `return
 * 0` (a trap for the freeing ops) and links none of class.c through it.
 */
function defineClassesHook(wm: WasmModule, module: IrModule, runtime: (name: string) => string): void {
  const hook = wm.functionImport('taipan', 'classes');
  if (hook === null) throw new Error('runtime lacks the taipan.classes import');
  // Without classes, freeing a class.c object (ops 0 and 1) cannot happen: trap rather than corrupt the heap if it did.
  const body = makesClasses(module)
    ? wm.call(runtime('rt_classes_hook'), [wm.localGet(0, wasmTypes.i32), wm.localGet(1, wasmTypes.i32)], wasmTypes.i32)
    : wm.block([wm.if(wm.i32LtS(wm.localGet(0, wasmTypes.i32), wm.i32Const(2)), wm.unreachable()), wm.i32Const(0)], wasmTypes.i32);
  wm.removeFunction(hook);
  wm.addFunction(hook, [wasmTypes.i32, wasmTypes.i32], wasmTypes.i32, [], body);
}

function align(n: number, to: number): number { return Math.ceil(n / to) * to; }

/** sizeof(ModuleObj) in runtime/include/taipan_internal.h: fourteen 32-bit fields. */
const MODULE_OBJECT_BYTES = 56;

/**
 * The ModuleObj of each imported module (the entry has none), as
 * runtime/include/taipan_internal.h lays it out: header (zero: the runtime
 * fills it in on first import), name, dict, state, body_index, parent,
 * attr, file, ncells, cells, names, children, next.
 */
function moduleObjectBytes(
  modules: readonly IrSourceModule[], links: ModuleLinks, cellAddress: Map<string, number>, cString: (text: string) => number,
): Uint8Array {
  const bytes = new Uint8Array(MODULE_OBJECT_BYTES * Math.max(0, modules.length - 1));
  const view = new DataView(bytes.buffer);
  modules.slice(1).forEach((m, i) => {
    const children = m.children.length === 0 ? 0 : links.pool.addBytes(words([...m.children.map((c) => links.moduleObject(c)), 0]), 4);
    const fields = [
      0, 0, cString(m.name), 0, 0, links.tableIndex(m.body),
      m.parent === null || m.parent === 0 ? 0 : links.moduleObject(m.parent), cString(m.name.slice(m.name.lastIndexOf('.') + 1)),
      cString(m.file), m.globals.length, m.globals.length === 0 ? 0 : cellAddress.get(m.globals[0])!,
      links.pool.addBytes(encodeUtf8(m.globals.map((g) => `${globalPyName(g)}\0`).join('') || '\0')), children, 0,
    ];
    fields.forEach((w, k) => view.setInt32(MODULE_OBJECT_BYTES * i + 4 * k, w, true));
  });
  return bytes;
}

function words(values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((w, i) => view.setInt32(i * 4, w, true));
  return bytes;
}

/**
 * The runtime imports `taipan.module_call(module, function, args, kwargs)`
 * to call a function of one of its modules (sys, math); the program defines
 * it here, reaching only the modules it imports, so the rest of the runtime's
 * modules are dropped with everything else it never reaches.
 */
function defineModuleCallHook(wm: WasmModule, module: IrModule, runtime: (name: string) => string): void {
  const hook = wm.functionImport('taipan', 'module_call');
  if (hook === null) throw new Error('runtime lacks the taipan.module_call import');
  const imported = new Set<number>();
  for (const fn of module.functions) for (const b of liveBlocks(fn)) for (const i of b.insts) if (i.op === 'import_builtin') imported.add(i.imm as number);
  const [MODULE, FUNCTION, ARGS, KWARGS] = [0, 1, 2, 3];
  const arg = (index: number): number => wm.localGet(index, wasmTypes.i32);
  const body = [...imported].sort((a, b) => a - b).map((id) => wm.if(
    wm.i32Eq(arg(MODULE), wm.i32Const(id)),
    wm.return(wm.call(runtime(`rt_module_call_${BUILTIN_MODULES[id]}`), [arg(FUNCTION), arg(ARGS), arg(KWARGS)], wasmTypes.i32))));
  wm.removeFunction(hook);
  wm.addFunction(hook, [wasmTypes.i32, wasmTypes.i32, wasmTypes.i32, wasmTypes.i32], wasmTypes.i32, [],
    wm.block([...body, wm.unreachable()], wasmTypes.i32));
}

/**
 * Ops that cannot give the program a container (or anything else the cycle
 * collector tracks) unless one already exists: constants, printing, frame
 * bookkeeping, globals, refcounting, and arithmetic and comparisons. A
 * program made only of these cannot form a reference cycle, so it gets no
 * collector safepoints and the collector is not linked (hello world stays
 * small).
 */
const CANNOT_MAKE_CONTAINERS: ReadonlySet<OpName> = new Set<OpName>([
  'const_none', 'const_true', 'const_false', 'const_int', 'const_float', 'const_str', 'const_bytes', 'const_i32', 'const_null', 'undef',
  'print_check', 'print_item', 'print_item_str', 'print_end', 'enter', 'leave',
  'incref', 'decref', 'xincref', 'xdecref', 'keep_alive',
  'load_global', 'store_global', 'check_global', 'delete_global', 'bound_check',
  'is', 'bool_not', 'box_bool', 'truthy', 'is_null', 'range_check', 'range_continue', 'iter_error',
  'add', 'sub', 'mul', 'truediv', 'floordiv', 'mod', 'pow', 'lshift', 'rshift', 'bitand', 'bitor', 'bitxor',
  'neg', 'pos', 'invert', 'lt', 'le', 'eq', 'ne', 'gt', 'ge', 'format_value',
]);

function needsCycleCollection(module: IrModule): boolean {
  return module.functions.some((fn) => liveBlocks(fn).some((b) => b.insts.some((i) => !CANNOT_MAKE_CONTAINERS.has(i.op))));
}

const wasmFunctionName = (irName: string): string => `py$${irName}`;
const vectorEntryName = (irName: string): string => `py$${irName}$vector`;

/** `(func, argv) -> result`: loads each parameter from argv and calls the function's direct entry. */
function emitVectorEntry(wm: WasmModule, fn: IrFunction, links: ModuleLinks): void {
  const FUNC = 0;
  const ARGV = 1;
  const args = fn.paramNames.map((_, i) => wm.i32Load(wm.i32Add(wm.localGet(ARGV, wasmTypes.i32), wm.i32Const(4 * i))));
  wm.addFunction(vectorEntryName(fn.name), [wasmTypes.i32, wasmTypes.i32], wasmTypes.i32, [],
    wm.call(links.wasmFunctionName(fn.name), [wm.localGet(FUNC, wasmTypes.i32), ...args], wasmTypes.i32));
}

/**
 * `_start`: initialise the runtime, hand it the traceback table and the table indices of the
 * runtime entries placed in the function table, build the constants, run the module
 * body, report an uncaught exception, release the module's globals (so the
 * debug runtime's leak count covers everything), and exit.
 */
function emitStart(
  wm: WasmModule, module: IrModule, links: ModuleLinks, pool: ConstantPool, heapStart: number, tracebackTable: number | null, collectCycles: boolean,
  tableSetup: number[],
): void {
  const rt = (name: string, args: number[], result = wasmTypes.i32): number => wm.call(links.runtime(name), args, result);
  const RESULT = 0;
  const CODE = 1;
  // The runtime is a WASI reactor: its static constructors run first, once.
  const body: number[] = [
    wm.call(links.runtime('_initialize'), [], wasmTypes.none),
    rt('rt_init', [wm.i32Const(heapStart)], wasmTypes.none),
  ];
  if (tracebackTable !== null) body.push(rt('rt_set_traceback_table', [wm.i32Const(tracebackTable)], wasmTypes.none));
  body.push(...tableSetup);
  body.push(...pool.materialize(wm, links.runtime));
  body.push(wm.localSet(RESULT, wm.call(links.wasmFunctionName(module.entry), [wm.i32Const(0)], wasmTypes.i32)));
  body.push(wm.if(wm.i32Eqz(wm.localGet(RESULT, wasmTypes.i32)),
    wm.localSet(CODE, rt('rt_report_uncaught', [])),
    wm.block([rt('rt_decref', [wm.localGet(RESULT, wasmTypes.i32)], wasmTypes.none), wm.localSet(CODE, wm.i32Const(0))])));
  for (const g of module.globals) {
    const cell = (): number => wm.i32Const(links.globalCell(g.name));
    body.push(wm.if(wm.i32Load(cell()), wm.block([
      wm.localSet(RESULT, wm.i32Load(cell())),
      wm.i32Store(cell(), wm.i32Const(0)),
      rt('rt_decref', [wm.localGet(RESULT, wasmTypes.i32)], wasmTypes.none),
    ])));
  }
  // With the globals gone, what is left of the heap is cyclic garbage: collect it, as CPython's shutdown does.
  if (collectCycles) body.push(rt('rt_gc_final', [], wasmTypes.none));
  body.push(rt('rt_exit', [wm.localGet(CODE, wasmTypes.i32)], wasmTypes.none));
  wm.addFunction('_start', [], wasmTypes.none, [wasmTypes.i32, wasmTypes.i32], wm.block(body));
}


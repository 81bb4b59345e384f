// The only file that imports binaryen. It exposes the small, typed surface
// the backend uses and papers over places where binaryen 132's index.d.ts
// disagrees with its JS (i64.const takes one BigInt; data segments are read
// with getNumDataSegments/getDataSegmentInfo; table sizes need the C API).

import binaryenDefault from 'binaryen';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bn: any = binaryenDefault;

export type Expr = number;
export type WasmType = number;
export type RelooperBlock = number;

export const wasmTypes = {
  none: bn.none as WasmType,
  i32: bn.i32 as WasmType,
  i64: bn.i64 as WasmType,
  f64: bn.f64 as WasmType,
  tuple: (types: WasmType[]): WasmType => bn.createType(types) as WasmType,
};

export interface DataSegment { offset: number; data: Uint8Array }

/** A Binaryen module plus the expression builders the backend needs. */
export class WasmModule {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private constructor(private readonly m: any) {}

  /**
   * Reads a module allowing exactly the features Node 20 and wasmtime enable
   * by default, so neither the runtime nor Binaryen's output can use others.
   */
  static read(bytes: Uint8Array): WasmModule {
    const f = bn.Features;
    const features = f.MVP | f.SignExt | f.MutableGlobals | f.NontrappingFPToInt | f.BulkMemory | f.BulkMemoryOpt | f.Multivalue;
    const m = bn.readBinary(bytes);
    m.setFeatures(features);
    return new WasmModule(m);
  }

  // --- module structure ---
  exports(): { name: string; kind: 'function' | 'table' | 'memory' | 'global' | 'tag'; internal: string }[] {
    const kinds = ['function', 'table', 'memory', 'global', 'tag'] as const;
    const out = [];
    for (let i = 0; i < this.m.getNumExports(); i++) {
      const info = bn.getExportInfo(this.m.getExportByIndex(i));
      out.push({ name: info.name as string, kind: kinds[info.kind as number], internal: info.value as string });
    }
    return out;
  }
  removeExport(name: string): void { this.m.removeExport(name); }

  /** Internal names of all functions, by function index (imports first). */
  functionNames(): string[] {
    const names: string[] = [];
    for (let i = 0; i < this.m.getNumFunctions(); i++) names.push(bn.getFunctionInfo(this.m.getFunctionByIndex(i)).name as string);
    return names;
  }
  hasFunction(name: string): boolean { return this.m.getFunction(name) !== 0; }
  /** The internal name of the function imported as `module.base`, or null. */
  functionImport(module: string, base: string): string | null {
    for (let i = 0; i < this.m.getNumFunctions(); i++) {
      const info = bn.getFunctionInfo(this.m.getFunctionByIndex(i));
      if (info.module === module && info.base === base) return info.name as string;
    }
    return null;
  }
  removeFunction(name: string): void { this.m.removeFunction(name); }
  /** Drops functions, globals and other elements nothing reachable from the exports uses. */
  removeUnusedFunctions(): void { this.m.runPasses(['remove-unused-module-elements']); }
  addFunctionExport(internal: string, external: string): void { this.m.addFunctionExport(internal, external); }
  addMemoryExport(internal: string, external: string): void { this.m.addMemoryExport(internal, external); }

  globalInitI32(name: string): number {
    const info = bn.getGlobalInfo(this.m.getGlobal(name));
    return bn.getExpressionInfo(info.init).value as number;
  }
  addGlobal(name: string, type: WasmType, init: Expr): void { this.m.addGlobal(name, type, true, init); }

  addFunction(name: string, params: WasmType[], result: WasmType, locals: WasmType[], body: Expr): void {
    this.m.addFunction(name, bn.createType(params), result, locals, body);
  }

  dataSegments(): DataSegment[] {
    const out: DataSegment[] = [];
    for (let i = 0; i < this.m.getNumDataSegments(); i++) {
      const info = this.m.getDataSegmentInfo(this.m.getDataSegmentByIndex(i));
      if (info.passive) throw new Error('runtime has a passive data segment');
      out.push({ offset: info.offset as number, data: new Uint8Array(info.data as ArrayBuffer) });
    }
    return out;
  }

  /** Replaces memory `internalName` (keeping its name, so loads and stores stay valid) with new segments. */
  setMemory(internalName: string, initialPages: number, segments: DataSegment[], exportName: string): void {
    this.m.setMemory(initialPages, 65536, exportName,
      segments.map((s) => ({ offset: this.m.i32.const(s.offset), data: s.data, passive: false })),
      false, false, internalName);
  }

  /** The single function table, creating it if the runtime has none. */
  functionTable(): { name: string; size: number } {
    if (this.m.getNumTables() === 0) {
      this.m.addTable('0', 0, 0xffffffff);
      return { name: '0', size: 0 };
    }
    const info = bn.getTableInfo(this.m.getTableByIndex(0));
    if (info.module) throw new Error('runtime imports its table');
    return { name: info.name as string, size: info.initial as number };
  }

  /** Appends functions to the table at its current end and grows it to fit. */
  appendToTable(table: string, offset: number, functions: string[]): void {
    if (functions.length === 0) return;
    this.m.addActiveElementSegment(table, `taipan$functions`, functions, this.m.i32.const(offset));
    const ref = this.m.getTable(table);
    bn._BinaryenTableSetInitial(ref, offset + functions.length);
    bn._BinaryenTableSetMax(ref, offset + functions.length);
  }

  // --- expressions ---
  i32Const(v: number): Expr { return this.m.i32.const(v); }
  i64Const(v: bigint): Expr { return this.m.i64.const(v); }
  f64Const(v: number): Expr { return this.m.f64.const(v); }
  localGet(index: number, type: WasmType): Expr { return this.m.local.get(index, type); }
  localSet(index: number, value: Expr): Expr { return this.m.local.set(index, value); }
  localTee(index: number, value: Expr, type: WasmType): Expr { return this.m.local.tee(index, value, type); }
  globalGet(name: string, type: WasmType): Expr { return this.m.global.get(name, type); }
  globalSet(name: string, value: Expr): Expr { return this.m.global.set(name, value); }
  call(fn: string, args: Expr[], result: WasmType): Expr { return this.m.call(fn, args, result); }
  callIndirect(table: string, target: Expr, args: Expr[], params: WasmType[], result: WasmType): Expr {
    return this.m.call_indirect(table, target, args, bn.createType(params), result);
  }
  drop(e: Expr): Expr { return this.m.drop(e); }
  block(children: Expr[], type: WasmType = bn.none): Expr { return this.m.block(null, children, type); }
  if(cond: Expr, then: Expr, otherwise?: Expr): Expr { return this.m.if(cond, then, otherwise); }
  select(cond: Expr, ifTrue: Expr, ifFalse: Expr): Expr { return this.m.select(cond, ifTrue, ifFalse); }
  return(value?: Expr): Expr { return this.m.return(value); }
  unreachable(): Expr { return this.m.unreachable(); }
  nop(): Expr { return this.m.nop(); }
  i32Eqz(e: Expr): Expr { return this.m.i32.eqz(e); }
  i32Eq(a: Expr, b: Expr): Expr { return this.m.i32.eq(a, b); }
  i32LtS(a: Expr, b: Expr): Expr { return this.m.i32.lt_s(a, b); }
  i32Sub(a: Expr, b: Expr): Expr { return this.m.i32.sub(a, b); }
  i32Add(a: Expr, b: Expr): Expr { return this.m.i32.add(a, b); }
  i32And(a: Expr, b: Expr): Expr { return this.m.i32.and(a, b); }
  i32Or(a: Expr, b: Expr): Expr { return this.m.i32.or(a, b); }
  i32Shl(a: Expr, b: Expr): Expr { return this.m.i32.shl(a, b); }
  i32ShrS(a: Expr, b: Expr): Expr { return this.m.i32.shr_s(a, b); }
  i32GeS(a: Expr, b: Expr): Expr { return this.m.i32.ge_s(a, b); }
  i32GtS(a: Expr, b: Expr): Expr { return this.m.i32.gt_s(a, b); }
  i32WrapI64(e: Expr): Expr { return this.m.i32.wrap(e); }
  i64ShrU(a: Expr, b: Expr): Expr { return this.m.i64.shr_u(a, b); }
  i32Load(ptr: Expr): Expr { return this.m.i32.load(0, 4, ptr); }
  i32Store(ptr: Expr, value: Expr): Expr { return this.m.i32.store(0, 4, ptr, value); }

  relooper(): Relooper { return new Relooper(new bn.Relooper(this.m)); }

  // --- whole module ---
  validate(): boolean { return !!this.m.validate(); }
  /**
   * Optimises the named functions at `level`, then the module's layout. The
   * runtime's own functions are left as clang optimised them: re-optimising
   * every reachable runtime function made compiling a small program take
   * seconds. `keepNames` keeps the name section (for reading WAT and profiles).
   */
  optimize(level: number, keepNames: boolean, functions: readonly string[]): void {
    bn.setOptimizeLevel(level);
    bn.setShrinkLevel(level >= 2 ? 1 : 0);
    bn.setDebugInfo(keepNames);
    if (level > 0) for (const name of functions) this.m.optimizeFunction(name);
    this.m.runPasses(level > 0 ? ['remove-unused-module-elements', 'memory-packing'] : ['remove-unused-module-elements']);
  }
  emitBinary(): Uint8Array { return this.m.emitBinary() as Uint8Array; }
  emitText(): string { return this.m.emitText() as string; }
  dispose(): void { this.m.dispose(); }
}

export class Relooper {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(private readonly r: any) {}
  addBlock(code: Expr): RelooperBlock { return this.r.addBlock(code); }
  /** `condition` 0 marks the default branch; `code` 0 means no edge code. */
  addBranch(from: RelooperBlock, to: RelooperBlock, condition: Expr, code: Expr): void {
    this.r.addBranch(from, to, condition, code);
  }
  render(entry: RelooperBlock, labelHelperLocal: number): Expr { return this.r.renderAndDispose(entry, labelHelperLocal); }
}

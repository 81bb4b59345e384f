// Module constants: the bytes of string literals and parameter-name tables,
// laid out in one data segment placed right after the runtime's data, and
// the boxed constant objects built from them once at start-up and kept in
// wasm globals (immortal, so loops never re-create them). Small ints need no
// object at all: they are tagged values, encoded inline.

import type { Expr, WasmModule } from './binaryen.js';
import { wasmTypes } from './binaryen.js';

export const SMALL_INT_MIN = -(1n << 30n);
export const SMALL_INT_MAX = (1n << 30n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** UTF-8, extended to lone surrogates (which Python strings may hold), as the runtime decodes it. */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) { cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00); i++; }
    }
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}

type PoolEntry =
  | { kind: 'str'; global: string; offset: number; length: number }
  | { kind: 'int'; global: string; value: bigint }
  /** An int beyond 64 bits, built from its decimal digits in the data segment. */
  | { kind: 'bigint'; global: string; offset: number; length: number }
  | { kind: 'float'; global: string; value: number }
  | { kind: 'bytes'; global: string; offset: number; length: number };

export class ConstantPool {
  private readonly segment: number[] = [];
  private readonly entries = new Map<string, PoolEntry>();
  private readonly blobs = new Map<string, number>();

  constructor(readonly base: number) {}

  /** Places bytes in the data segment (deduplicated) and returns their address. */
  /** Places `data` in the segment (once per distinct content) at a multiple of `alignment`; returns its address. */
  addBytes(data: Uint8Array, alignment = 1): number {
    const key = `${alignment}:${Buffer.from(data).toString('base64')}`;
    const known = this.blobs.get(key);
    if (known !== undefined) return known;
    while ((this.base + this.segment.length) % alignment !== 0) this.segment.push(0);
    const offset = this.base + this.segment.length;
    this.segment.push(...data);
    this.blobs.set(key, offset);
    return offset;
  }

  str(value: string): string {
    const key = `s:${value}`;
    let e = this.entries.get(key);
    if (e === undefined) {
      const data = encodeUtf8(value);
      e = { kind: 'str', global: `const$${this.entries.size}`, offset: this.addBytes(data), length: data.length };
      this.entries.set(key, e);
    }
    return e.global;
  }

  int(value: bigint): string {
    const key = `i:${value}`;
    let e = this.entries.get(key);
    if (e === undefined) {
      const global = `const$${this.entries.size}`;
      if (value >= INT64_MIN && value <= INT64_MAX) e = { kind: 'int', global, value };
      else {
        const digits = encodeUtf8(value.toString());
        e = { kind: 'bigint', global, offset: this.addBytes(digits), length: digits.length };
      }
      this.entries.set(key, e);
    }
    return e.global;
  }

  /** A bytes constant; `value` holds one char per byte. */
  bytes(value: string): string {
    const key = `b:${value}`;
    let e = this.entries.get(key);
    if (e === undefined) {
      const data = Uint8Array.from(value, (c) => c.charCodeAt(0));
      e = { kind: 'bytes', global: `const$${this.entries.size}`, offset: this.addBytes(data), length: data.length };
      this.entries.set(key, e);
    }
    return e.global;
  }

  float(value: number): string {
    const key = `f:${Object.is(value, -0) ? '-0' : String(value)}`;
    let e = this.entries.get(key);
    if (e === undefined) { e = { kind: 'float', global: `const$${this.entries.size}`, value }; this.entries.set(key, e); }
    return e.global;
  }

  get data(): Uint8Array { return Uint8Array.from(this.segment); }

  /** Declares the globals and returns the start-up code that fills them. Adds no bytes: the data is final by now. */
  materialize(wm: WasmModule, runtime: (name: string) => string): Expr[] {
    const init: Expr[] = [];
    for (const e of this.entries.values()) {
      wm.addGlobal(e.global, wasmTypes.i32, wm.i32Const(0));
      let value: Expr;
      switch (e.kind) {
        case 'str': value = wm.call(runtime('rt_const_str'), [wm.i32Const(e.offset), wm.i32Const(e.length)], wasmTypes.i32); break;
        case 'int': value = wm.call(runtime('rt_const_int'), [wm.i64Const(e.value)], wasmTypes.i32); break;
        case 'bigint':
          value = wm.call(runtime('rt_const_int_decimal'), [wm.i32Const(e.offset), wm.i32Const(e.length)], wasmTypes.i32);
          break;
        case 'float': value = wm.call(runtime('rt_const_float'), [wm.f64Const(e.value)], wasmTypes.i32); break;
        case 'bytes': value = wm.call(runtime('rt_const_bytes'), [wm.i32Const(e.offset), wm.i32Const(e.length)], wasmTypes.i32); break;
      }
      init.push(wm.globalSet(e.global, value));
    }
    return init;
  }
}

// The IR's type lattice. A type pairs what a value is in Python terms (kind)
// with how it is represented in wasm (repr): `box` is the uniform boxed object
// (an i32 pointer or a tagged small int, reference counted); i64/f64/i32 are
// unboxed machine values, legal only where the kind is proven or guarded.
// Invariant: only `box` values are reference counted.

export type TypeKind = 'dyn' | 'int' | 'float' | 'bool' | 'str' | 'bytes' | 'none' | 'list' | 'tuple' | 'dict' | 'func';
export type Repr = 'box' | 'i64' | 'f64' | 'i32';

export interface IrType { readonly kind: TypeKind; readonly repr: Repr }

function make(kind: TypeKind, repr: Repr): IrType { return Object.freeze({ kind, repr }); }

export const T = {
  dyn: make('dyn', 'box'),
  int: make('int', 'box'),
  float: make('float', 'box'),
  bool: make('bool', 'box'),
  str: make('str', 'box'),
  bytes: make('bytes', 'box'),
  none: make('none', 'box'),
  list: make('list', 'box'),
  tuple: make('tuple', 'box'),
  dict: make('dict', 'box'),
  func: make('func', 'box'),
  /** A machine status or flag: 0/1, or -1 for "exception pending" where the op says so. */
  i32: make('bool', 'i32'),
  i64: make('int', 'i64'),
  f64: make('float', 'f64'),
} as const;

export function sameType(a: IrType, b: IrType): boolean { return a.kind === b.kind && a.repr === b.repr; }

/** Least upper bound: equal types stay, different boxed kinds widen to dyn. */
export function joinTypes(a: IrType, b: IrType): IrType {
  if (sameType(a, b)) return a;
  if (a.repr !== 'box' || b.repr !== 'box') throw new Error(`cannot join ${typeToString(a)} and ${typeToString(b)}`);
  return T.dyn;
}

export function isBoxed(t: IrType): boolean { return t.repr === 'box'; }

/** `int` for a boxed int, `int:i64` for the unboxed form; dyn prints as `obj`. */
export function typeToString(t: IrType): string {
  const kind = t.kind === 'dyn' ? 'obj' : t.kind;
  return t.repr === 'box' ? kind : `${kind}:${t.repr}`;
}

const KINDS: readonly TypeKind[] = ['dyn', 'int', 'float', 'bool', 'str', 'bytes', 'none', 'list', 'tuple', 'dict', 'func'];

export function typeFromString(text: string): IrType | null {
  const [kindText, repr = 'box'] = text.split(':');
  const kind = (kindText === 'obj' ? 'dyn' : kindText) as TypeKind;
  if (!KINDS.includes(kind) || !['box', 'i64', 'f64', 'i32'].includes(repr)) return null;
  return make(kind, repr as Repr);
}

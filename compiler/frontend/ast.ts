// Taipan's Python AST: flat tagged unions with source ranges. Nothing after
// the frontend sees tree-sitter nodes. Invariant: every node carries the range
// of the source text it came from, so later stages can locate diagnostics and
// (later) traceback lines.

import type { SourceRange } from '../diagnostics.js';

export type BinaryOperator =
  | 'add' | 'sub' | 'mul' | 'truediv' | 'floordiv' | 'mod' | 'pow'
  | 'lshift' | 'rshift' | 'bitand' | 'bitor' | 'bitxor' | 'matmul';

export type UnaryOperator = 'neg' | 'pos' | 'invert' | 'not';

export type CompareOperator = 'lt' | 'le' | 'eq' | 'ne' | 'gt' | 'ge' | 'in' | 'not_in' | 'is' | 'is_not';

/**
 * A piece of an f-string. A field formats `value` after an optional
 * conversion (`!s`, `!r`, `!a`) with a spec that may itself contain fields;
 * `selfDoc` is the source text `expr=` that `f"{expr=}"` prints first.
 */
export type FStringPart =
  | { kind: 'text'; value: string }
  | { kind: 'field'; value: Expr; conversion: 's' | 'r' | 'a' | null; spec: FStringPart[] | null; selfDoc: string | null; range: SourceRange };

/** `name=value` in a call, or `**value` when `name` is null. */
export interface Keyword { name: string | null; value: Expr; range: SourceRange }

/** One `for target in iter if cond...` clause of a comprehension. */
export interface ComprehensionFor { target: Target; iter: Expr; ifs: Expr[]; range: SourceRange }

export type ComprehensionKind = 'list' | 'set' | 'dict' | 'generator';

export type Expr =
  | { kind: 'int'; value: bigint; range: SourceRange }
  | { kind: 'float'; value: number; range: SourceRange }
  | { kind: 'str'; value: string; range: SourceRange }
  /** A bytes literal; `value` holds one char per byte (codes 0-255). */
  | { kind: 'bytes'; value: string; range: SourceRange }
  /** An f-string (or a concatenation with one): literal text and formatted fields. */
  | { kind: 'fstring'; parts: FStringPart[]; range: SourceRange }
  | { kind: 'bool'; value: boolean; range: SourceRange }
  | { kind: 'none'; range: SourceRange }
  /** `...`, the Ellipsis singleton. */
  | { kind: 'ellipsis'; range: SourceRange }
  | { kind: 'name'; id: string; range: SourceRange }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr; range: SourceRange }
  | { kind: 'unary'; op: UnaryOperator; operand: Expr; range: SourceRange }
  | { kind: 'boolop'; op: 'and' | 'or'; left: Expr; right: Expr; range: SourceRange }
  | { kind: 'compare'; first: Expr; ops: CompareOperator[]; rest: Expr[]; range: SourceRange }
  | { kind: 'ifexp'; test: Expr; body: Expr; orelse: Expr; range: SourceRange }
  | { kind: 'call'; func: Expr; args: Expr[]; keywords: Keyword[]; range: SourceRange }
  | { kind: 'tuple'; elts: Expr[]; range: SourceRange }
  | { kind: 'list'; elts: Expr[]; range: SourceRange }
  | { kind: 'set'; elts: Expr[]; range: SourceRange }
  | { kind: 'dict'; keys: Expr[]; values: Expr[]; range: SourceRange }
  | { kind: 'subscript'; value: Expr; index: Expr; range: SourceRange }
  /** Only as a subscript's index (or an element of a tuple index): `a[lo:hi:step]`. */
  | { kind: 'slice'; lower: Expr | null; upper: Expr | null; step: Expr | null; range: SourceRange }
  | { kind: 'attribute'; value: Expr; attr: string; range: SourceRange }
  /** `*value`: only as a call argument or an element of a tuple, list or set display. */
  | { kind: 'starred'; value: Expr; range: SourceRange }
  | { kind: 'lambda'; params: Param[]; body: Expr; range: SourceRange }
  /** A comprehension or generator expression; `value` is a dict comprehension's value (`elt` its key). */
  | { kind: 'comprehension'; comp: ComprehensionKind; elt: Expr; value: Expr | null; generators: ComprehensionFor[]; range: SourceRange }
  /** `yield` or `yield value`; a function containing one is a generator. */
  | { kind: 'yield'; value: Expr | null; range: SourceRange }
  | { kind: 'yield_from'; value: Expr; range: SourceRange }
  /** `target := value` */
  | { kind: 'walrus'; target: NameTarget; value: Expr; range: SourceRange };

export type Stmt =
  | { kind: 'expr'; value: Expr; range: SourceRange }
  | { kind: 'assign'; targets: Target[]; value: Expr; range: SourceRange }
  | { kind: 'augassign'; target: Target; op: BinaryOperator; value: Expr; range: SourceRange }
  | { kind: 'if'; test: Expr; body: Stmt[]; orelse: Stmt[]; range: SourceRange }
  | { kind: 'while'; test: Expr; body: Stmt[]; orelse: Stmt[]; range: SourceRange }
  | { kind: 'for'; target: Target; iter: Expr; body: Stmt[]; orelse: Stmt[]; range: SourceRange }
  /** `docstring` is the body's leading string literal, the function's __doc__. */
  /** `boundAs` is the variable the statement binds: `name`, or its private-name mangling inside a class. */
  | { kind: 'def'; name: string; boundAs: string; params: Param[]; body: Stmt[]; decorators: Expr[]; docstring: string | null; range: SourceRange; nameRange: SourceRange }
  /** `class C(B, kw=v): ...`; `bases` are the positional arguments, `keywords` the class keywords. */
  | { kind: 'class'; name: string; boundAs: string; bases: Expr[]; keywords: Keyword[]; body: Stmt[]; decorators: Expr[]; docstring: string | null; range: SourceRange; nameRange: SourceRange }
  /** `with a as x, b: ...`: one item per context manager, outermost first. */
  | { kind: 'with'; items: WithItem[]; body: Stmt[]; range: SourceRange }
  | { kind: 'return'; value: Expr | null; range: SourceRange }
  | { kind: 'global'; names: string[]; range: SourceRange }
  | { kind: 'nonlocal'; names: string[]; range: SourceRange }
  | { kind: 'pass'; range: SourceRange }
  | { kind: 'break'; range: SourceRange }
  | { kind: 'continue'; range: SourceRange }
  | { kind: 'del'; targets: Target[]; range: SourceRange }
  | { kind: 'try'; body: Stmt[]; handlers: ExceptHandler[]; orelse: Stmt[]; finalbody: Stmt[]; range: SourceRange }
  /** `raise`, `raise exc` or `raise exc from cause`. */
  | { kind: 'raise'; exc: Expr | null; cause: Expr | null; range: SourceRange }
  | { kind: 'assert'; test: Expr; msg: Expr | null; range: SourceRange }
  | { kind: 'match'; subject: Expr; cases: MatchCase[]; range: SourceRange }
  /** `import a.b as c, d` */
  | { kind: 'import'; names: ImportAlias[]; range: SourceRange }
  /** `from .m import a as b`; `level` counts the leading dots. `from m import *` has the one name `*`. */
  | { kind: 'import_from'; module: string | null; level: number; names: ImportAlias[]; range: SourceRange };

export interface WithItem { context: Expr; target: Target | null; range: SourceRange }

/** A dotted module or attribute name and what it is bound as (null: its own name, or for `import a.b`, `a`). */
export interface ImportAlias { name: string; asname: string | null; range: SourceRange }

export interface MatchCase { pattern: Pattern; guard: Expr | null; body: Stmt[]; range: SourceRange }

/** A `case` pattern (PEP 634). A null name is the wildcard `_`. */
export type Pattern =
  /** A literal or dotted name, compared with ==. */
  | { kind: 'value'; value: Expr; range: SourceRange }
  /** None, True or False, compared with `is`. */
  | { kind: 'singleton'; value: 'none' | 'true' | 'false'; range: SourceRange }
  | { kind: 'capture'; name: string | null; range: SourceRange }
  /** `[p, *rest, q]` or `(p, q)`: at most one `star` element. */
  | { kind: 'sequence'; patterns: Pattern[]; range: SourceRange }
  | { kind: 'star'; name: string | null; range: SourceRange }
  | { kind: 'mapping'; keys: Expr[]; patterns: Pattern[]; rest: string | null; range: SourceRange }
  | { kind: 'class'; cls: Expr; patterns: Pattern[]; keywords: string[]; keywordPatterns: Pattern[]; range: SourceRange }
  | { kind: 'as'; pattern: Pattern; name: string; range: SourceRange }
  | { kind: 'or'; patterns: Pattern[]; range: SourceRange };

/** `except type as name: body`; a bare `except:` has no type. */
export interface ExceptHandler { type: Expr | null; name: NameTarget | null; body: Stmt[]; range: SourceRange }

export interface NameTarget { id: string; range: SourceRange }

/** What an assignment, `for` or `del` binds: a name, an item, an attribute, or a tuple/list of targets to unpack into. */
export type Target =
  | { kind: 'name'; id: string; range: SourceRange }
  | { kind: 'subscript'; value: Expr; index: Expr; range: SourceRange }
  | { kind: 'attribute'; value: Expr; attr: string; range: SourceRange }
  | { kind: 'unpack'; elts: Target[]; range: SourceRange }
  /** `*rest` inside an unpacking target: takes the items the others leave, as a list. */
  | { kind: 'starred'; target: Target; range: SourceRange };

/** Parameter kinds in the order a signature lists them. */
export type ParamKind = 'positional_only' | 'positional' | 'vararg' | 'keyword_only' | 'varkw';

export interface Param { name: string; kind: ParamKind; default: Expr | null; range: SourceRange }

export interface Module { body: Stmt[]; file: string }

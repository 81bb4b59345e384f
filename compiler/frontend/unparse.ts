// The source text CPython stores for an annotation under
// `from __future__ import annotations`: its compiler's unparse of the
// expression (so `Dict[str,int]` is 'Dict[str, int]' and `"Node"` is
// "'Node'"), not the text as written. Covers what annotations are made of:
// names, attributes, subscripts, tuples, lists, constants, `|` unions and
// calls. Anything else gives null, and the caller reports the construct.

import type { Expr } from './ast.js';

/** CPython's repr of a str: single quotes unless only double quotes avoid escaping. */
export function pythonStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Precedence levels of the unparsed forms, lowest first (CPython's _Precedence order, as far as used). */
const BITOR = 1;
const ATOM = 2;

export function unparseAnnotation(e: Expr): string | null {
  return unparse(e, BITOR);
}

function unparse(e: Expr, context: number): string | null {
  switch (e.kind) {
    case 'name': return e.id;
    case 'none': return 'None';
    case 'bool': return e.value ? 'True' : 'False';
    case 'ellipsis': return '...';
    case 'int': return e.value.toString();
    case 'str': return pythonStrRepr(e.value);
    case 'attribute': {
      const value = unparse(e.value, ATOM);
      // `(1).real`: an int literal needs parentheses before a dot.
      return value === null ? null : `${e.value.kind === 'int' ? `(${value})` : value}.${e.attr}`;
    }
    case 'subscript': {
      const value = unparse(e.value, ATOM);
      // A tuple index prints bare, `Dict[str, int]`; a one-element one keeps its comma.
      const index = e.index.kind === 'tuple' && e.index.elts.length > 0 ? items(e.index.elts, true) : unparse(e.index, BITOR);
      return value === null || index === null ? null : `${value}[${index}]`;
    }
    case 'tuple': {
      const inner = items(e.elts, true);
      return inner === null ? null : `(${inner})`;
    }
    case 'list': {
      const inner = items(e.elts, false);
      return inner === null ? null : `[${inner}]`;
    }
    case 'binary': {
      if (e.op !== 'bitor') return null;
      // Left-associative: only a right operand of the same operator needs parentheses.
      const left = unparse(e.left, BITOR);
      const right = unparse(e.right, BITOR + 1);
      if (left === null || right === null) return null;
      const text = `${left} | ${right}`;
      return context > BITOR ? `(${text})` : text;
    }
    case 'unary':
      if (e.op !== 'neg' || e.operand.kind !== 'int') return null;
      return `-${e.operand.value.toString()}`;
    case 'call': {
      const func = unparse(e.func, ATOM);
      const args = e.args.map((a) => unparse(a, BITOR));
      const keywords = e.keywords.map((k) => {
        const value = unparse(k.value, BITOR);
        return k.name === null || value === null ? null : `${k.name}=${value}`;
      });
      if (func === null || args.some((a) => a === null) || keywords.some((k) => k === null)) return null;
      return `${func}(${[...args, ...keywords].join(', ')})`;
    }
    default: return null;
  }
}

/** Comma-separated items; a tuple of one keeps its trailing comma. */
function items(elts: readonly Expr[], isTuple: boolean): string | null {
  const parts = elts.map((x) => unparse(x, BITOR));
  if (parts.some((p) => p === null)) return null;
  return isTuple && parts.length === 1 ? `${parts[0]},` : parts.join(', ');
}

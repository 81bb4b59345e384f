// Lowers a tree-sitter parse tree to Taipan's AST (ast.ts). This is the only
// file that knows tree-sitter's node types. Syntax errors and constructs that
// Taipan does not support yet become diagnostics naming the construct; the
// offending subtree is dropped, never silently miscompiled.

import type { Node, Tree } from 'web-tree-sitter';
import type { DiagnosticBag, SourcePos, SourceRange } from '../diagnostics.js';
import { parsePythonLoaded } from './parse.js';
import type { BinaryOperator, CompareOperator, ComprehensionFor, ComprehensionKind, ExceptHandler, Expr, ImportAlias, MatchCase, Pattern, FStringPart, Keyword, Module, Param, Stmt, Target, WithItem } from './ast.js';
import { unparseAnnotation } from './unparse.js';

const BINARY_OPERATORS: Record<string, BinaryOperator> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow',
  '<<': 'lshift', '>>': 'rshift', '&': 'bitand', '|': 'bitor', '^': 'bitxor', '@': 'matmul',
};

const MAX_DECIMAL_LITERAL_DIGITS = 4300;

/** Python's binding strength of binary operators (higher binds tighter). */
const BINARY_PRECEDENCE: Record<BinaryOperator, number> = {
  bitor: 1, bitxor: 2, bitand: 3, lshift: 4, rshift: 4, add: 5, sub: 5,
  mul: 6, truediv: 6, floordiv: 6, mod: 6, matmul: 6, pow: 8,
};

const COMPARE_OPERATORS: Record<string, CompareOperator> = {
  '<': 'lt', '<=': 'le', '==': 'eq', '!=': 'ne', '>': 'gt', '>=': 'ge',
  'in': 'in', 'not in': 'not_in', 'is': 'is', 'is not': 'is_not',
};

/** Human names for tree-sitter node types that Taipan rejects. */
const CONSTRUCT_NAMES: Record<string, string> = {
  list: 'list display', tuple: 'tuple display', dictionary: 'dict display', set: 'set display',
  list_comprehension: 'list comprehension', dictionary_comprehension: 'dict comprehension',
  set_comprehension: 'set comprehension', generator_expression: 'generator expression',
  subscript: 'subscript', attribute: 'attribute access', lambda: 'lambda', await: 'await',
  named_expression: 'assignment expression (:=)', yield: 'yield', conditional_expression: 'conditional expression',
  class_definition: 'class definition', decorated_definition: 'decorator', import_statement: 'import',
  import_from_statement: 'import', future_import_statement: 'import', try_statement: 'try statement',
  with_statement: 'with statement', raise_statement: 'raise statement', assert_statement: 'assert statement',
  delete_statement: 'del statement', nonlocal_statement: 'nonlocal statement', match_statement: 'match statement',
  exec_statement: 'exec statement', print_statement: 'print statement', type_alias_statement: 'type alias',
  pattern_list: 'tuple unpacking', tuple_pattern: 'tuple unpacking', list_pattern: 'list unpacking',
  list_splat: 'star expression', dictionary_splat: 'double-star expression',
  keyword_separator: 'keyword-only parameters', positional_separator: 'positional-only parameters',
  default_parameter: 'default parameter value', typed_default_parameter: 'default parameter value',
  list_splat_pattern: '*args parameter', dictionary_splat_pattern: '**kwargs parameter',
};

/** The __future__ features that are mandatory in Python 3.11: importing one changes nothing. */
const MANDATORY_FUTURE_FEATURES: ReadonlySet<string> = new Set([
  'nested_scopes', 'generators', 'division', 'absolute_import', 'with_statement', 'print_function', 'unicode_literals',
  'generator_stop',
]);

function constructName(type: string): string {
  return CONSTRUCT_NAMES[type] ?? type.replace(/_/g, ' ');
}

export function moduleFromTree(tree: Tree, source: string, diags: DiagnosticBag): Module {
  const lower = new TreeLowering(source, diags);
  return { body: lower.reportSyntaxErrors(tree.rootNode) ? [] : lower.block(tree.rootNode), file: diags.file };
}

/** The field holding the leftmost operand of each postfix expression. */
const PRIMARY_FIELDS: Record<string, string> = { call: 'function', attribute: 'object', subscript: 'value' };

/** The list_splat at the far left of a chain of calls, attributes and subscripts, if tree-sitter put one there. */
function leadingSplat(node: Node): Node | null {
  let current: Node | null = node;
  while (current !== null && PRIMARY_FIELDS[current.type] !== undefined) current = current.childForFieldName(PRIMARY_FIELDS[current.type]);
  return current !== null && current.type === 'list_splat' ? current : null;
}

class TreeLowering {
  private readonly lines: string[];
  /** A list_splat being lowered as its operand, its star applied to the expression around it. */
  private hoistedSplat: Node | null = null;

  /**
   * `origin` is where `source` starts in the file: f-string fields are parsed
   * as separate snippets, and their ranges must still point into the file.
   */
  constructor(
    private readonly source: string,
    private readonly diags: DiagnosticBag,
    private readonly origin: SourcePos = { line: 1, col: 1 },
  ) {
    this.lines = source.split('\n');
  }

  range(node: Node): SourceRange {
    return {
      start: this.position(node.startPosition.row, node.startPosition.column),
      end: this.position(node.endPosition.row, node.endPosition.column),
    };
  }

  /** tree-sitter columns count UTF-16 units; users count code points. */
  private position(row: number, utf16Column: number): SourcePos {
    const text = this.lines[row] ?? '';
    const col = [...text.slice(0, utf16Column)].length;
    return row === 0 ? { line: this.origin.line, col: this.origin.col + col } : { line: this.origin.line + row, col: col + 1 };
  }

  /** The position of a UTF-16 index into this lowering's source. */
  private positionOfIndex(index: number): SourcePos {
    const before = this.source.slice(0, index).split('\n');
    return this.position(before.length - 1, before[before.length - 1].length);
  }

  private unsupported(node: Node, what = constructName(node.type)): void {
    this.diags.error('unsupported', `unsupported construct: ${what}`, this.range(node));
  }

  /** Reports the first ERROR or MISSING node, as CPython reports one syntax error. */
  reportSyntaxErrors(root: Node): boolean {
    if (!root.hasError) return false;
    const stack: Node[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.isMissing) {
        this.diags.error('syntax', `invalid syntax: expected '${node.type}'`, this.range(node));
        return true;
      }
      if (node.type === 'ERROR') {
        this.diags.error('syntax', 'invalid syntax', this.range(node));
        return true;
      }
      // tree-sitter's grammar for f-string fields is not Python's (it reads `{x:=6}` as a
      // walrus); the fields are re-scanned and parsed one by one when the string is lowered.
      if (node.type === 'string' && isFStringNode(node)) continue;
      for (let i = node.childCount - 1; i >= 0; i--) {
        const child = node.child(i);
        if (child !== null && child.hasError) stack.push(child);
        else if (child !== null && (child.isMissing || child.type === 'ERROR')) stack.push(child);
      }
    }
    // Every error tree-sitter saw was inside f-strings, which are checked field by field.
    return false;
  }

  namedChildren(node: Node): Node[] {
    return node.namedChildren.filter((c): c is Node => c !== null && !c.isExtra);
  }

  block(node: Node): Stmt[] {
    const out: Stmt[] = [];
    for (const child of this.namedChildren(node)) {
      const stmt = this.statement(child);
      if (stmt !== null) out.push(stmt);
      if (this.annotationStores.length > 0) out.push(...this.annotationStores.splice(0));
    }
    return out;
  }

  /**
   * Class-body annotations, as CPython's SETUP_ANNOTATIONS and annotated
   * assignments run them: `x: T = v` in a class body (also nested in its
   * if/for/try blocks) stores v, then `__annotations__['x'] = T`, and a body
   * with such annotations starts with `__annotations__ = {}`. Function-body
   * annotations are never evaluated; module-level ones are not recorded.
   */
  private inClassBody = false;
  private classHasAnnotations = false;
  private annotationStores: Stmt[] = [];
  /** `from __future__ import annotations`: class-body annotations store their unparsed text (PEP 563). */
  private futureAnnotations = false;

  /** An annotation as the expression it evaluates: tree-sitter reads `List[int]` there as a generic_type node. */
  private annotationExpr(node: Node): Expr | null {
    const range = this.range(node);
    if (node.type === 'type') {
      const inner = this.namedChildren(node)[0];
      return inner === undefined ? null : this.annotationExpr(inner);
    }
    if (node.type === 'generic_type') {
      const [head, params] = this.namedChildren(node);
      const value = head === undefined ? null : this.annotationExpr(head);
      const items = params === undefined ? [] : this.namedChildren(params).map((p) => this.annotationExpr(p));
      if (value === null || items.length === 0 || items.some((e) => e === null)) return null;
      // `Tuple[int,]` subscripts with a one-element tuple, as its trailing comma says.
      const oneElementTuple = items.length === 1 && params!.children.some((c) => c?.type === ',');
      const index: Expr = items.length === 1 && !oneElementTuple ? items[0]! : { kind: 'tuple', elts: items as Expr[], range: this.range(params!) };
      return { kind: 'subscript', value, index, range };
    }
    if (node.type === 'list') {
      const items = this.namedChildren(node).map((p) => this.annotationExpr(p));
      return items.some((e) => e === null) ? null : { kind: 'list', elts: items as Expr[], range };
    }
    return this.expr(node);
  }

  private noteAnnotation(name: Node, annotation: Node, range: SourceRange): void {
    if (!this.inClassBody) return;
    let value = this.annotationExpr(annotation);
    if (value === null) return;
    if (this.futureAnnotations) {
      const text = unparseAnnotation(value);
      if (text === null) { this.unsupported(annotation, 'annotation form under from __future__ import annotations'); return; }
      value = { kind: 'str', value: text, range: value.range };
    }
    this.classHasAnnotations = true;
    const target: Target = {
      kind: 'subscript', value: { kind: 'name', id: '__annotations__', range }, index: { kind: 'str', value: name.text, range }, range,
    };
    this.annotationStores.push({ kind: 'assign', targets: [target], value, range });
  }

  private field(node: Node, name: string): Node {
    const child = node.childForFieldName(name);
    if (child === null) throw new Error(`tree-sitter node ${node.type} lacks field ${name}`);
    return child;
  }

  private statement(node: Node): Stmt | null {
    const range = this.range(node);
    switch (node.type) {
      case 'expression_statement': {
        const parts = this.namedChildren(node);
        const inner = parts[0];
        if (parts.length === 1 && inner.type === 'assignment') return this.assignment(inner, range);
        if (parts.length === 1 && inner.type === 'augmented_assignment') return this.augmentedAssignment(inner, range);
        const value = parts.length === 1 ? this.expr(inner) : this.tupleOf(parts, range);
        return value === null ? null : { kind: 'expr', value, range };
      }
      case 'delete_statement': {
        const [operand] = this.namedChildren(node);
        const items = operand.type === 'expression_list' ? this.namedChildren(operand) : [operand];
        const targets = items.map((t) => this.target(t));
        if (targets.some((t) => t === null)) return null;
        return { kind: 'del', targets: targets as Target[], range };
      }
      case 'if_statement': return this.ifStatement(node, range);
      case 'while_statement': {
        const test = this.expr(this.field(node, 'condition'));
        const body = this.block(this.field(node, 'body'));
        const alt = node.childForFieldName('alternative');
        const orelse = alt === null ? [] : this.block(this.field(alt, 'body'));
        return test === null ? null : { kind: 'while', test, body, orelse, range };
      }
      case 'for_statement': {
        if (node.children.some((c) => c?.type === 'async')) { this.unsupported(node, 'async for'); return null; }
        const target = this.target(this.field(node, 'left'));
        const rightNode = this.field(node, 'right');
        const iter = rightNode.type === 'expression_list' ? this.tupleOf(this.namedChildren(rightNode), this.range(rightNode)) : this.expr(rightNode);
        const body = this.block(this.field(node, 'body'));
        const alt = node.childForFieldName('alternative');
        const orelse = alt === null ? [] : this.block(this.field(alt, 'body'));
        return target === null || iter === null ? null : { kind: 'for', target, iter, body, orelse, range };
      }
      case 'function_definition': return this.functionDefinition(node, range);
      case 'class_definition': return this.classDefinition(node, range);
      case 'with_statement': return this.withStatement(node, range);
      case 'decorated_definition': return this.decoratedDefinition(node, range);
      case 'return_statement': {
        const parts = this.namedChildren(node);
        if (parts.length === 0) return { kind: 'return', value: null, range };
        const value = this.expr(parts[0]);
        return value === null ? null : { kind: 'return', value, range };
      }
      case 'global_statement':
        return { kind: 'global', names: this.namedChildren(node).map((c) => c.text), range };
      case 'nonlocal_statement':
        return { kind: 'nonlocal', names: this.namedChildren(node).map((c) => c.text), range };
      case 'pass_statement': return { kind: 'pass', range };
      case 'try_statement': return this.tryStatement(node, range);
      case 'match_statement': return this.matchStatement(node, range);
      case 'import_statement': {
        const names = node.childrenForFieldName('name').filter((c): c is Node => c !== null).map((n) => this.importAlias(n));
        return { kind: 'import', names, range };
      }
      case 'import_from_statement': return this.importFrom(node, range);
      case 'future_import_statement': return this.futureImport(node, range);
      case 'raise_statement': {
        const [exc] = this.namedChildren(node).filter((c) => c.id !== node.childForFieldName('cause')?.id);
        const causeNode = node.childForFieldName('cause');
        const value = exc === undefined ? null : this.expr(exc);
        const cause = causeNode === null ? null : this.expr(causeNode);
        if ((exc !== undefined && value === null) || (causeNode !== null && cause === null)) return null;
        return { kind: 'raise', exc: value, cause, range };
      }
      case 'assert_statement': {
        const [testNode, msgNode] = this.namedChildren(node);
        const test = this.expr(testNode);
        const msg = msgNode === undefined ? null : this.expr(msgNode);
        if (test === null || (msgNode !== undefined && msg === null)) return null;
        return { kind: 'assert', test, msg, range };
      }
      case 'break_statement': return { kind: 'break', range };
      case 'continue_statement': return { kind: 'continue', range };
      default:
        this.unsupported(node);
        return null;
    }
  }

  private assignment(node: Node, range: SourceRange): Stmt | null {
    const targets: Target[] = [];
    let current = node;
    for (;;) {
      const left = this.field(current, 'left');
      if (current.childForFieldName('type') !== null && left.type !== 'identifier' && left.type !== 'attribute' && left.type !== 'subscript') {
        this.unsupported(left, 'annotated assignment to a non-name');
        return null;
      }
      const target = this.target(left);
      if (target === null) return null;
      targets.push(target);
      const annotation = current.childForFieldName('type');
      // `self.x: T = v`: only a simple name's annotation is recorded (CPython stores no other)
      if (annotation !== null && left.type === 'identifier') this.noteAnnotation(left, annotation, range);
      const right = current.childForFieldName('right');
      if (right === null) return { kind: 'pass', range }; // a bare annotation `x: int` binds nothing
      if (right.type !== 'assignment') {
        const value = right.type === 'expression_list' ? this.tupleOf(this.namedChildren(right), this.range(right)) : this.expr(right);
        return value === null ? null : { kind: 'assign', targets, value, range };
      }
      current = right;
    }
  }

  private augmentedAssignment(node: Node, range: SourceRange): Stmt | null {
    const left = this.field(node, 'left');
    const target = ['identifier', 'subscript', 'attribute'].includes(left.type) ? this.target(left) : null;
    if (target === null && !this.diags.hasErrors) this.invalid(left, `'${constructName(left.type)}' is an illegal expression for augmented assignment`);
    const opText = this.field(node, 'operator').text;
    const op = BINARY_OPERATORS[opText.slice(0, -1)];
    if (op === undefined) { this.unsupported(node, `operator ${opText}`); return null; }
    const value = this.expr(this.field(node, 'right'));
    return target === null || value === null ? null : { kind: 'augassign', target, op, value, range };
  }

  private invalid(node: Node, message: string): void {
    this.diags.error('invalid', message, this.range(node));
  }

  /** An assignment, `for` or `del` target. */
  private target(node: Node): Target | null {
    const range = this.range(node);
    switch (node.type) {
      case 'identifier': return { kind: 'name', id: node.text, range };
      case 'subscript': case 'attribute': {
        // The expression and target forms of these have the same shape.
        const e = this.expr(node);
        return e !== null && (e.kind === 'subscript' || e.kind === 'attribute') ? e : null;
      }
      case 'pattern_list': case 'tuple_pattern': case 'list_pattern': case 'tuple': case 'list': case 'expression_list': {
        const elts = this.namedChildren(node).map((c) => this.target(c));
        return elts.some((t) => t === null) ? null : { kind: 'unpack', elts: elts as Target[], range };
      }
      case 'parenthesized_expression': {
        const inner = this.namedChildren(node);
        if (inner.length === 1) return this.target(inner[0]);
        this.unsupported(node);
        return null;
      }
      case 'list_splat_pattern': case 'list_splat': {
        const inner = this.target(this.namedChildren(node)[0]);
        return inner === null ? null : { kind: 'starred', target: inner, range };
      }
      default:
        this.invalid(node, `cannot assign to ${constructName(node.type)}`);
        return null;
    }
  }

  /** The index of a subscript: one expression or slice, or a tuple of them (`a[1, 2:3]`). */
  private subscriptIndex(node: Node): Expr | null {
    const parts = node.childrenForFieldName('subscript').filter((c): c is Node => c !== null);
    const lowered = parts.map((p) => (p.type === 'slice' ? this.slice(p) : this.expr(p)));
    if (lowered.some((e) => e === null)) return null;
    if (lowered.length === 1) return lowered[0];
    return { kind: 'tuple', elts: lowered as Expr[], range: this.range(node) };
  }

  /** `lo:hi:step`: tree-sitter gives the parts and the colons as siblings, so position follows the colons. */
  private slice(node: Node): Expr | null {
    const parts: (Expr | null)[] = [null, null, null];
    let position = 0;
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i)!;
      if (child.type === ':') { position++; continue; }
      if (!child.isNamed || child.isExtra) continue;
      const value = this.expr(child);
      if (value === null) return null;
      parts[position] = value;
    }
    return { kind: 'slice', lower: parts[0], upper: parts[1], step: parts[2], range: this.range(node) };
  }

  private tupleOf(items: Node[], range: SourceRange): Expr | null {
    const elts = items.map((i) => this.expr(i));
    return elts.some((e) => e === null) ? null : { kind: 'tuple', elts: elts as Expr[], range };
  }

  private ifStatement(node: Node, range: SourceRange): Stmt | null {
    const test = this.expr(this.field(node, 'condition'));
    const body = this.block(this.field(node, 'consequence'));
    const alternatives = node.childrenForFieldName('alternative').filter((c): c is Node => c !== null);
    // Fold `elif` chains from the back into nested ifs in the else branch.
    let orelse: Stmt[] = [];
    for (let i = alternatives.length - 1; i >= 0; i--) {
      const alt = alternatives[i];
      if (alt.type === 'else_clause') {
        orelse = this.block(this.field(alt, 'body'));
      } else {
        const elifTest = this.expr(this.field(alt, 'condition'));
        const elifBody = this.block(this.field(alt, 'consequence'));
        if (elifTest === null) return null;
        orelse = [{ kind: 'if', test: elifTest, body: elifBody, orelse, range: this.range(alt) }];
      }
    }
    return test === null ? null : { kind: 'if', test, body, orelse, range };
  }

  private tryStatement(node: Node, range: SourceRange): Stmt | null {
    const body = this.block(this.field(node, 'body'));
    const handlers: ExceptHandler[] = [];
    let orelse: Stmt[] = [];
    let finalbody: Stmt[] = [];
    let ok = true;
    for (const clause of this.namedChildren(node)) {
      switch (clause.type) {
        case 'except_clause': {
          if (clause.children.some((c) => c?.type === '*')) { this.unsupported(clause, 'except* (exception groups)'); ok = false; break; }
          const handler = this.exceptHandler(clause);
          if (handler === null) ok = false; else handlers.push(handler);
          break;
        }
        case 'except_group_clause': this.unsupported(clause, 'except* (exception groups)'); ok = false; break;
        case 'else_clause': orelse = this.block(this.field(clause, 'body')); break;
        case 'finally_clause': finalbody = this.block(this.namedChildren(clause).find((c) => c.type === 'block')!); break;
        default: break; // the body block
      }
    }
    return ok ? { kind: 'try', body, handlers, orelse, finalbody, range } : null;
  }

  private importAlias(node: Node): ImportAlias {
    if (node.type === 'aliased_import') {
      return { name: this.field(node, 'name').text, asname: this.field(node, 'alias').text, range: this.range(node) };
    }
    return { name: node.text, asname: null, range: this.range(node) };
  }

  /**
   * `from __future__ import ...`, a directive to the compiler. Every feature
   * CPython 3.11 knows is mandatory by now except `annotations`; the
   * statement binds nothing here (CPython also binds each feature's
   * _Feature object as a module global, which programs do not read).
   */
  private futureImport(node: Node, range: SourceRange): Stmt | null {
    if (!this.atFileStart(node)) {
      this.diags.error('syntax', 'from __future__ imports must occur at the beginning of the file', range);
      return null;
    }
    for (const alias of node.childrenForFieldName('name').filter((c): c is Node => c !== null)) {
      const feature = (alias.type === 'aliased_import' ? this.field(alias, 'name') : alias).text;
      if (feature === 'annotations') this.futureAnnotations = true;
      else if (feature === 'braces') this.diags.error('syntax', 'not a chance', this.range(alias));
      else if (feature === 'barry_as_FLUFL') this.unsupported(alias, 'from __future__ import barry_as_FLUFL');
      else if (!MANDATORY_FUTURE_FEATURES.has(feature)) this.diags.error('syntax', `future feature ${feature} is not defined`, this.range(alias));
    }
    return null;
  }

  /** Whether only a docstring and other future imports (and comments) come before this module-level statement. */
  private atFileStart(node: Node): boolean {
    if (node.parent?.type !== 'module') return false;
    const siblings = this.namedChildren(node.parent);
    const before = siblings.slice(0, siblings.findIndex((s) => s.startIndex === node.startIndex));
    return before.every((s, i) => s.type === 'future_import_statement'
      || (i === 0 && s.type === 'expression_statement' && s.namedChildCount === 1 && s.namedChild(0)?.type === 'string'));
  }

  private importFrom(node: Node, range: SourceRange): Stmt | null {
    const moduleNode = this.field(node, 'module_name');
    let module: string | null = moduleNode.text;
    let level = 0;
    if (moduleNode.type === 'relative_import') {
      const prefix = this.namedChildren(moduleNode).find((c) => c.type === 'import_prefix');
      level = prefix?.text.length ?? 0;
      module = this.namedChildren(moduleNode).find((c) => c.type === 'dotted_name')?.text ?? null;
    }
    const wildcard = this.namedChildren(node).find((c) => c.type === 'wildcard_import');
    if (wildcard !== undefined) return { kind: 'import_from', module, level, names: [{ name: '*', asname: null, range: this.range(wildcard) }], range };
    const names = node.childrenForFieldName('name').filter((c): c is Node => c !== null).map((n) => this.importAlias(n));
    return { kind: 'import_from', module, level, names, range };
  }

  private matchStatement(node: Node, range: SourceRange): Stmt | null {
    const subjects = node.childrenForFieldName('subject').filter((c): c is Node => c !== null);
    const subject = subjects.length === 1 ? this.expr(subjects[0]) : this.tupleOf(subjects, this.range(node));
    const cases: MatchCase[] = [];
    let ok = subject !== null;
    const body = this.field(node, 'body');
    for (const clause of this.namedChildren(body).filter((c) => c.type === 'case_clause')) {
      const patternNodes = this.namedChildren(clause).filter((c) => c.type === 'case_pattern');
      const patterns = patternNodes.map((p) => this.pattern(p));
      const guardNode = clause.childForFieldName('guard');
      const guard = guardNode === null ? null : this.expr(this.namedChildren(guardNode)[0]);
      const block = this.block(this.field(clause, 'consequence'));
      if (patterns.some((p) => p === null) || (guardNode !== null && guard === null)) { ok = false; continue; }
      // `case a, b:` is an open sequence pattern.
      const pattern: Pattern = patterns.length === 1 ? patterns[0]!
        : { kind: 'sequence', patterns: patterns as Pattern[], range: this.range(clause) };
      cases.push({ pattern, guard, body: block, range: this.range(clause) });
    }
    return ok ? { kind: 'match', subject: subject!, cases, range } : null;
  }

  /** A pattern node; `-` before a number and an empty case_pattern (`_`) are read from the raw children. */
  private pattern(node: Node): Pattern | null {
    const range = this.range(node);
    switch (node.type) {
      case 'case_pattern': return this.patternFromParts(node.children.filter((c): c is Node => c !== null && !c.isExtra), range);
      case 'union_pattern': {
        const alternatives: Node[][] = [[]];
        for (const c of node.children) {
          if (c === null || c.isExtra) continue;
          if (c.type === '|') alternatives.push([]); else alternatives[alternatives.length - 1].push(c);
        }
        const patterns = alternatives.map((parts) => this.patternFromParts(parts, parts.length > 0 ? this.rangeOf(parts) : range));
        return patterns.some((p) => p === null) ? null : { kind: 'or', patterns: patterns as Pattern[], range };
      }
      case 'as_pattern': {
        const named = this.namedChildren(node);
        const inner = this.pattern(named[0]);
        const alias = named[named.length - 1];
        return inner === null ? null : { kind: 'as', pattern: inner, name: alias.text, range };
      }
      case 'tuple_pattern': case 'list_pattern': {
        const elements = this.namedChildren(node);
        const isGroup = node.type === 'tuple_pattern' && elements.length === 1 && !node.children.some((c) => c?.type === ',');
        if (isGroup) return this.pattern(elements[0]);
        const patterns = elements.map((e) => this.pattern(e));
        if (patterns.some((p) => p === null)) return null;
        if (patterns.filter((p) => p!.kind === 'star').length > 1) {
          this.diags.error('invalid', 'multiple starred names in sequence pattern', range);
          return null;
        }
        return { kind: 'sequence', patterns: patterns as Pattern[], range };
      }
      case 'splat_pattern': {
        const [name] = this.namedChildren(node);
        return { kind: 'star', name: name === undefined || name.text === '_' ? null : name.text, range };
      }
      case 'dict_pattern': {
        const keys: Expr[] = [];
        const patterns: Pattern[] = [];
        let rest: string | null = null;
        const keyNodes = node.childrenForFieldName('key').filter((c): c is Node => c !== null);
        const valueNodes = node.childrenForFieldName('value').filter((c): c is Node => c !== null);
        for (let i = 0; i < keyNodes.length; i++) {
          const keyNode = keyNodes[i];
          const key = keyNode.type === 'dotted_name' ? this.dottedName(keyNode) : this.patternKey(this.literalPatternValue(this.precedingMinus(keyNode), keyNode));
          const value = this.pattern(valueNodes[i]);
          if (key === null || value === null) return null;
          keys.push(key);
          patterns.push(value);
        }
        const splat = this.namedChildren(node).find((c) => c.type === 'splat_pattern');
        if (splat !== undefined) rest = this.namedChildren(splat)[0]?.text ?? null;
        return { kind: 'mapping', keys, patterns, rest, range };
      }
      case 'class_pattern': {
        const [clsNode, ...args] = this.namedChildren(node);
        const cls = this.dottedName(clsNode);
        const patterns: Pattern[] = [];
        const keywords: string[] = [];
        const keywordPatterns: Pattern[] = [];
        for (const a of args) {
          const inner = a.type === 'case_pattern' ? this.namedChildren(a)[0] : a;
          if (inner?.type === 'keyword_pattern') {
            const [name, value] = this.namedChildren(inner);
            const p = this.patternFromParts(inner.children.filter((c): c is Node => c !== null).slice(2), this.range(value));
            if (p === null) return null;
            keywords.push(name.text);
            keywordPatterns.push(p);
          } else {
            if (keywords.length > 0) { this.diags.error('invalid', 'positional patterns follow keyword patterns', this.range(a)); return null; }
            const p = this.pattern(a);
            if (p === null) return null;
            patterns.push(p);
          }
        }
        return { kind: 'class', cls, patterns, keywords, keywordPatterns, range };
      }
      case 'dotted_name': {
        const parts = this.namedChildren(node);
        if (parts.length === 1) return { kind: 'capture', name: parts[0].text === '_' ? null : parts[0].text, range };
        return { kind: 'value', value: this.dottedName(node), range };
      }
      default: return this.literalPatternValue(null, node);
    }
  }

  private patternFromParts(parts: Node[], range: SourceRange): Pattern | null {
    const named = parts.filter((c) => c.isNamed);
    if (named.length === 0) return { kind: 'capture', name: null, range };
    const minus = parts.find((c) => c.type === '-') ?? null;
    if (minus !== null) return this.literalPatternValue(minus, named[0]);
    return this.pattern(named[0]);
  }

  /** A literal pattern as the mapping key it looks up. */
  private patternKey(p: Pattern | null): Expr | null {
    if (p === null) return null;
    if (p.kind === 'value') return p.value;
    if (p.kind === 'singleton') return p.value === 'none' ? { kind: 'none', range: p.range } : { kind: 'bool', value: p.value === 'true', range: p.range };
    return null;
  }

  private precedingMinus(node: Node): Node | null {
    const prev = node.previousSibling;
    return prev !== null && prev.type === '-' ? prev : null;
  }

  private rangeOf(nodes: Node[]): SourceRange {
    return { start: this.range(nodes[0]).start, end: this.range(nodes[nodes.length - 1]).end };
  }

  /** A literal pattern: a number (negated after `-`), a string or bytes, None, True or False. */
  private literalPatternValue(minus: Node | null, node: Node): Pattern | null {
    const range = minus === null ? this.range(node) : { start: this.range(minus).start, end: this.range(node).end };
    switch (node.type) {
      case 'none': return { kind: 'singleton', value: 'none', range };
      case 'true': return { kind: 'singleton', value: 'true', range };
      case 'false': return { kind: 'singleton', value: 'false', range };
      case 'integer': case 'float': case 'string': case 'concatenated_string': {
        const value = this.expr(node);
        if (value === null) return null;
        if (value.kind === 'fstring') { this.invalid(node, 'patterns may only match literals and attribute lookups'); return null; }
        if (minus === null) return { kind: 'value', value, range };
        if (value.kind === 'int') return { kind: 'value', value: { kind: 'int', value: -value.value, range }, range };
        if (value.kind === 'float') return { kind: 'value', value: { kind: 'float', value: -value.value, range }, range };
        this.invalid(node, 'patterns may only match literals and attribute lookups');
        return null;
      }
      default:
        this.unsupported(node, `${constructName(node.type)} in a case pattern`);
        return null;
    }
  }

  /** `a.b.c` as an expression (a name, then attribute lookups). */
  private dottedName(node: Node): Expr {
    const parts = this.namedChildren(node);
    let e: Expr = { kind: 'name', id: parts[0].text, range: this.range(parts[0]) };
    for (const p of parts.slice(1)) e = { kind: 'attribute', value: e, attr: p.text, range: { start: e.range.start, end: this.range(p).end } };
    return e;
  }

  private exceptHandler(clause: Node): ExceptHandler | null {
    const range = this.range(clause);
    const block = this.namedChildren(clause).find((c) => c.type === 'block');
    const body = block === undefined ? [] : this.block(block);
    const valueNode = clause.childForFieldName('value');
    if (valueNode === null) return { type: null, name: null, body, range };
    if (valueNode.type === 'as_pattern') {
      const [typeNode] = this.namedChildren(valueNode);
      const alias = this.field(valueNode, 'alias');
      const nameNode = this.namedChildren(alias)[0] ?? alias;
      if (nameNode.type !== 'identifier') { this.invalid(nameNode, `cannot use ${constructName(nameNode.type)} as an exception name`); return null; }
      const type = this.expr(typeNode);
      return type === null ? null : { type, name: { id: nameNode.text, range: this.range(nameNode) }, body, range };
    }
    const type = this.expr(valueNode);
    return type === null ? null : { type, name: null, body, range };
  }

  private functionDefinition(node: Node, range: SourceRange, decorators: Expr[] = []): Stmt | null {
    if (node.children.some((c) => c?.type === 'async')) { this.unsupported(node, 'async def'); return null; }
    if (node.childForFieldName('type_parameters') !== null) { this.unsupported(node, 'type parameters'); return null; }
    const nameNode = this.field(node, 'name');
    const params = this.parameters(this.field(node, 'parameters'));
    const bodyNode = this.field(node, 'body');
    const outerInClass = this.inClassBody;
    this.inClassBody = false;
    const body = this.block(bodyNode);
    this.inClassBody = outerInClass;
    if (params === null) return null;
    const docstring = this.docstring(bodyNode, body);
    return { kind: 'def', name: nameNode.text, boundAs: nameNode.text, params, body, decorators, docstring, range, nameRange: this.range(nameNode) };
  }

  /** The body's leading string literal, unless it is an f-string (which CPython never takes as a docstring). */
  private docstring(bodyNode: Node, body: Stmt[]): string | null {
    const first = body[0];
    if (first?.kind !== 'expr' || first.value.kind !== 'str') return null;
    const literal = this.namedChildren(this.namedChildren(bodyNode)[0])[0];
    const pieces = literal.type === 'concatenated_string' ? this.namedChildren(literal) : [literal];
    return pieces.some((p) => /^[a-zA-Z]*[fF]/.test(p.text)) ? null : first.value.value;
  }

  private decoratedDefinition(node: Node, range: SourceRange): Stmt | null {
    const decorators: Expr[] = [];
    let ok = true;
    for (const d of this.namedChildren(node).filter((c) => c.type === 'decorator')) {
      const e = this.expr(this.namedChildren(d)[0]);
      if (e === null) ok = false; else decorators.push(e);
    }
    const definition = this.field(node, 'definition');
    // CPython's def and class statements (and so their traceback lines) start at the first decorator.
    const def = definition.type === 'function_definition' ? this.functionDefinition(definition, range, decorators)
      : definition.type === 'class_definition' ? this.classDefinition(definition, range, decorators)
      : (this.unsupported(definition), null);
    return ok ? def : null;
  }

  private classDefinition(node: Node, range: SourceRange, decorators: Expr[] = []): Stmt | null {
    if (node.childForFieldName('type_parameters') !== null) { this.unsupported(node, 'type parameters'); return null; }
    const nameNode = this.field(node, 'name');
    const supers = node.childForFieldName('superclasses');
    const parsed = supers === null ? { args: [], keywords: [] } : this.callArguments(supers);
    const bodyNode = this.field(node, 'body');
    const outer = { inClass: this.inClassBody, has: this.classHasAnnotations };
    this.inClassBody = true;
    this.classHasAnnotations = false;
    const body = this.block(bodyNode);
    const hasAnnotations = this.classHasAnnotations;
    this.inClassBody = outer.inClass;
    this.classHasAnnotations = outer.has;
    if (parsed === null) return null;
    const { args: bases, keywords } = parsed;
    const starred = bases.find((b) => b.kind === 'starred');
    if (starred !== undefined) { this.diags.error('unsupported', 'unsupported construct: starred base classes', starred.range); return null; }
    for (const k of keywords) {
      if (k.name === null) { this.diags.error('unsupported', 'unsupported construct: ** in class keywords', k.range); return null; }
    }
    const docstring = this.docstring(bodyNode, body);
    if (hasAnnotations) {
      const r = this.range(bodyNode);
      body.splice(docstring === null ? 0 : 1, 0, { kind: 'assign', targets: [{ kind: 'name', id: '__annotations__', range: r }], value: { kind: 'dict', keys: [], values: [], range: r }, range: r });
    }
    return { kind: 'class', name: nameNode.text, boundAs: nameNode.text, bases, keywords, body, decorators, docstring, range, nameRange: this.range(nameNode) };
  }

  private withStatement(node: Node, range: SourceRange): Stmt | null {
    if (node.children.some((c) => c?.type === 'async')) { this.unsupported(node, 'async with'); return null; }
    const clause = this.namedChildren(node).find((c) => c.type === 'with_clause');
    const items: WithItem[] = [];
    let ok = clause !== undefined;
    for (const item of clause === undefined ? [] : this.namedChildren(clause).filter((c) => c.type === 'with_item')) {
      const valueNode = this.field(item, 'value');
      if (valueNode.type === 'as_pattern') {
        const [contextNode] = this.namedChildren(valueNode);
        const alias = this.field(valueNode, 'alias');
        const targetNode = alias.type === 'as_pattern_target' ? this.namedChildren(alias)[0] : alias;
        const context = this.expr(contextNode);
        const target = this.target(targetNode);
        if (context === null || target === null) ok = false;
        else items.push({ context, target, range: this.range(item) });
      } else {
        const context = this.expr(valueNode);
        if (context === null) ok = false; else items.push({ context, target: null, range: this.range(item) });
      }
    }
    const body = this.block(this.field(node, 'body'));
    return ok ? { kind: 'with', items, body, range } : null;
  }

  /** A parameter list (of a def or a lambda), with the kind of each parameter and its default. */
  private parameters(node: Node | null): Param[] | null {
    if (node === null) return [];
    const params: Param[] = [];
    let ok = true;
    let kind: 'positional' | 'keyword_only' = 'positional';
    let sawDefault = false;
    for (const p of this.namedChildren(node)) {
      const range = this.range(p);
      switch (p.type) {
        case 'identifier': case 'typed_parameter': {
          const id = p.type === 'identifier' ? p : this.namedChildren(p)[0];
          if (id?.type === 'list_splat_pattern' || id?.type === 'dictionary_splat_pattern') {
            const inner = this.namedChildren(id)[0];
            params.push({ name: inner.text, kind: id.type === 'list_splat_pattern' ? 'vararg' : 'varkw', default: null, range: this.range(inner) });
            if (id.type === 'list_splat_pattern') kind = 'keyword_only';
            break;
          }
          if (id?.type !== 'identifier') { this.unsupported(p); ok = false; break; }
          if (kind === 'positional' && sawDefault) {
            this.diags.error('invalid', 'non-default argument follows default argument', range);
            ok = false;
          }
          params.push({ name: id.text, kind, default: null, range: this.range(id) });
          break;
        }
        case 'default_parameter': case 'typed_default_parameter': {
          const value = this.expr(this.field(p, 'value'));
          const id = this.field(p, 'name');
          if (value === null) { ok = false; break; }
          if (kind === 'positional') sawDefault = true;
          params.push({ name: id.text, kind, default: value, range: this.range(id) });
          break;
        }
        case 'list_splat_pattern': case 'dictionary_splat_pattern': {
          const inner = this.namedChildren(p)[0];
          params.push({ name: inner.text, kind: p.type === 'list_splat_pattern' ? 'vararg' : 'varkw', default: null, range: this.range(inner) });
          if (p.type === 'list_splat_pattern') kind = 'keyword_only';
          break;
        }
        case 'keyword_separator': kind = 'keyword_only'; break;
        case 'positional_separator':
          for (const q of params) if (q.kind === 'positional') q.kind = 'positional_only';
          break;
        default: this.unsupported(p); ok = false;
      }
    }
    const seen = new Set<string>();
    for (const p of params) {
      if (seen.has(p.name)) {
        this.diags.error('invalid', `duplicate argument '${p.name}' in function definition`, p.range);
        ok = false;
      }
      seen.add(p.name);
    }
    return ok ? params : null;
  }

  private comprehension(node: Node, comp: ComprehensionKind, range: SourceRange): Expr | null {
    const bodyNode = this.field(node, 'body');
    let elt: Expr | null;
    let value: Expr | null = null;
    if (comp === 'dict') {
      elt = this.expr(this.field(bodyNode, 'key'));
      value = this.expr(this.field(bodyNode, 'value'));
      if (value === null) return null;
    } else {
      elt = this.expr(bodyNode);
    }
    if (elt === null) return null;
    const generators: ComprehensionFor[] = [];
    for (const clause of this.namedChildren(node).slice(1)) {
      if (clause.type === 'for_in_clause') {
        if (clause.children.some((c) => c?.type === 'async')) { this.unsupported(clause, 'async comprehension'); return null; }
        const target = this.target(this.field(clause, 'left'));
        const rights = clause.childrenForFieldName('right').filter((c): c is Node => c !== null);
        const iter = rights.length === 1 ? this.expr(rights[0]) : this.tupleOf(rights, this.range(clause));
        if (target === null || iter === null) return null;
        generators.push({ target, iter, ifs: [], range: this.range(clause) });
      } else if (clause.type === 'if_clause') {
        const cond = this.expr(this.namedChildren(clause)[0]);
        if (cond === null) return null;
        generators[generators.length - 1].ifs.push(cond);
      } else {
        this.unsupported(clause);
        return null;
      }
    }
    return { kind: 'comprehension', comp, elt, value, generators, range };
  }

  expr(node: Node): Expr | null {
    const range = this.range(node);
    // tree-sitter-python reads `*a.b()`, `*a[i]` and `*f(x)` as `(*a).b()`, `(*a)[i]` and `(*f)(x)`
    // when they come first in a display or argument list: the star belongs to the whole expression.
    if (PRIMARY_FIELDS[node.type] !== undefined && this.hoistedSplat === null) {
      const splat = leadingSplat(node);
      if (splat !== null) {
        this.hoistedSplat = splat;
        const inner = this.expr(node);
        this.hoistedSplat = null;
        if (inner === null) return null;
        inner.range = { start: this.range(this.namedChildren(splat)[0]).start, end: inner.range.end };
        return { kind: 'starred', value: inner, range };
      }
    }
    if (node.type === 'list_splat' && this.hoistedSplat !== null && node.id === this.hoistedSplat.id) {
      return this.expr(this.namedChildren(node)[0]);
    }
    switch (node.type) {
      case 'integer': return this.integerLiteral(node, range);
      case 'float': {
        const text = node.text.replace(/_/g, '');
        if (/[jJ]$/.test(text)) { this.unsupported(node, 'complex literal'); return null; }
        return { kind: 'float', value: Number(text), range };
      }
      case 'string': case 'concatenated_string': {
        const pieces = node.type === 'string' ? [node] : this.namedChildren(node);
        const isBytes = pieces.map((p) => /^[a-zA-Z]*/.exec(p.text)![0].toLowerCase().includes('b'));
        if (isBytes.some((b) => b)) {
          if (!isBytes.every((b) => b)) { this.invalid(node, 'cannot mix bytes and nonbytes literals'); return null; }
          let value = '';
          for (const piece of pieces) {
            const bytes = this.bytesLiteral(piece);
            if (bytes === null) return null;
            value += bytes;
          }
          return { kind: 'bytes', value, range };
        }
        const parts: FStringPart[] = [];
        for (const piece of pieces) {
          const more = this.stringParts(piece);
          if (more === null) return null;
          parts.push(...more);
        }
        const merged = mergeText(parts);
        if (merged.every((p) => p.kind === 'text')) return { kind: 'str', value: merged.map((p) => (p.kind === 'text' ? p.value : '')).join(''), range };
        return { kind: 'fstring', parts: merged, range };
      }
      case 'true': return { kind: 'bool', value: true, range };
      case 'false': return { kind: 'bool', value: false, range };
      case 'none': return { kind: 'none', range };
      case 'ellipsis': return { kind: 'ellipsis', range };
      case 'identifier': return { kind: 'name', id: node.text, range };
      case 'parenthesized_expression': {
        const inner = this.namedChildren(node);
        if (inner.length !== 1) { this.unsupported(node); return null; }
        return this.expr(inner[0]);
      }
      case 'tuple': case 'expression_list': return this.tupleOf(this.namedChildren(node), range);
      case 'list': case 'set': {
        const elts = this.namedChildren(node).map((c) => this.expr(c));
        return elts.some((e) => e === null) ? null : { kind: node.type, elts: elts as Expr[], range };
      }
      case 'dictionary': {
        const keys: Expr[] = [];
        const values: Expr[] = [];
        for (const pair of this.namedChildren(node)) {
          if (pair.type !== 'pair') { this.unsupported(pair); return null; }
          const k = this.expr(this.field(pair, 'key'));
          const v = this.expr(this.field(pair, 'value'));
          if (k === null || v === null) return null;
          keys.push(k);
          values.push(v);
        }
        return { kind: 'dict', keys, values, range };
      }
      case 'subscript': {
        const value = this.expr(this.field(node, 'value'));
        const index = this.subscriptIndex(node);
        return value === null || index === null ? null : { kind: 'subscript', value, index, range };
      }
      case 'attribute': {
        const value = this.expr(this.field(node, 'object'));
        return value === null ? null : { kind: 'attribute', value, attr: this.field(node, 'attribute').text, range };
      }
      case 'binary_operator': return this.binaryChain(node);
      case 'unary_operator': {
        const opText = this.field(node, 'operator').text;
        const op = opText === '-' ? 'neg' : opText === '+' ? 'pos' : 'invert';
        const operand = this.expr(this.field(node, 'argument'));
        return operand === null ? null : { kind: 'unary', op, operand, range };
      }
      case 'not_operator': {
        const operand = this.expr(this.field(node, 'argument'));
        return operand === null ? null : { kind: 'unary', op: 'not', operand, range };
      }
      case 'boolean_operator': {
        const op = this.field(node, 'operator').text === 'and' ? 'and' : 'or';
        const left = this.expr(this.field(node, 'left'));
        const right = this.expr(this.field(node, 'right'));
        return left === null || right === null ? null : { kind: 'boolop', op, left, right, range };
      }
      case 'comparison_operator': return this.comparison(node, range);
      case 'conditional_expression': {
        const [bodyNode, testNode, elseNode] = this.namedChildren(node);
        const body = this.expr(bodyNode);
        const test = this.expr(testNode);
        const orelse = this.expr(elseNode);
        return body === null || test === null || orelse === null ? null : { kind: 'ifexp', test, body, orelse, range };
      }
      case 'call': return this.call(node, range);
      case 'list_splat': {
        const value = this.expr(this.namedChildren(node)[0]);
        return value === null ? null : { kind: 'starred', value, range };
      }
      case 'lambda': {
        const params = this.parameters(node.childForFieldName('parameters'));
        const body = this.expr(this.field(node, 'body'));
        return params === null || body === null ? null : { kind: 'lambda', params, body, range };
      }
      case 'list_comprehension': return this.comprehension(node, 'list', range);
      case 'set_comprehension': return this.comprehension(node, 'set', range);
      case 'dictionary_comprehension': return this.comprehension(node, 'dict', range);
      case 'generator_expression': return this.comprehension(node, 'generator', range);
      case 'yield': {
        const [operand] = this.namedChildren(node);
        const isFrom = node.children.some((c) => c?.type === 'from');
        const value = operand === undefined ? null
          : operand.type === 'expression_list' ? this.tupleOf(this.namedChildren(operand), this.range(operand)) : this.expr(operand);
        if (operand !== undefined && value === null) return null;
        return isFrom ? { kind: 'yield_from', value: value!, range } : { kind: 'yield', value, range };
      }
      case 'await': this.unsupported(node, 'await'); return null;
      case 'named_expression': {
        const name = this.field(node, 'name');
        const value = this.expr(this.field(node, 'value'));
        return value === null ? null : { kind: 'walrus', target: { id: name.text, range: this.range(name) }, value, range };
      }
      default:
        this.unsupported(node);
        return null;
    }
  }

  /**
   * tree-sitter-python nests `^` and `&` the wrong way round (it parses
   * `1 | 2 ^ 3 & 4` as `1 | ((2 ^ 3) & 4)`), so an unparenthesised chain of
   * binary operators is flattened and re-parsed by Python's precedence table.
   */
  private binaryChain(node: Node): Expr | null {
    const operands: Node[] = [];
    const operators: Node[] = [];
    const flatten = (n: Node): void => {
      if (n.type !== 'binary_operator') { operands.push(n); return; }
      flatten(this.field(n, 'left'));
      operators.push(this.field(n, 'operator'));
      flatten(this.field(n, 'right'));
    };
    flatten(node);
    const lowered = operands.map((o) => this.expr(o));
    const ops: BinaryOperator[] = [];
    for (const o of operators) {
      const op = BINARY_OPERATORS[o.text];
      if (op === undefined) { this.unsupported(o, `operator ${o.text}`); return null; }
      ops.push(op);
    }
    if (lowered.some((e) => e === null)) return null;
    let next = 0;
    const parseAbove = (minPrecedence: number): Expr => {
      let left = lowered[next] as Expr;
      const start = next;
      while (next < ops.length && BINARY_PRECEDENCE[ops[next]] >= minPrecedence) {
        const op = ops[next];
        const prec = BINARY_PRECEDENCE[op];
        next++;
        // `**` is right-associative; the others associate to the left.
        const right = parseAbove(op === 'pow' ? prec : prec + 1);
        // The operand nodes' ranges include their parentheses, as CPython's BinOp range does.
        const range = { start: this.range(operands[start]).start, end: this.range(operands[next]).end };
        left = { kind: 'binary', op, left, right, range };
      }
      return left;
    };
    return parseAbove(0);
  }

  private comparison(node: Node, range: SourceRange): Expr | null {
    const operands: Expr[] = [];
    const ops: CompareOperator[] = [];
    let ok = true;
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i)!;
      if (child.isExtra) continue;
      if (node.fieldNameForChild(i) === 'operators') {
        const op = COMPARE_OPERATORS[child.type];
        if (op === undefined) { this.unsupported(child, `operator ${child.text}`); ok = false; } else ops.push(op);
      } else if (child.isNamed) {
        const operand = this.expr(child);
        if (operand === null) ok = false; else operands.push(operand);
      }
    }
    if (!ok) return null;
    return { kind: 'compare', first: operands[0], ops, rest: operands.slice(1), range };
  }

  private call(node: Node, range: SourceRange): Expr | null {
    const func = this.expr(this.field(node, 'function'));
    const argsNode = this.field(node, 'arguments');
    // `f(x for x in xs)`: a generator expression as the sole argument, without its own parentheses.
    if (argsNode.type === 'generator_expression') {
      const gen = this.expr(argsNode);
      return func === null || gen === null ? null : { kind: 'call', func, args: [gen], keywords: [], range };
    }
    if (argsNode.type !== 'argument_list') { this.unsupported(argsNode); return null; }
    const parsed = this.callArguments(argsNode);
    return func !== null && parsed !== null ? { kind: 'call', func, ...parsed, range } : null;
  }

  /** The positional and keyword arguments of a call's (or a class statement's) argument list. */
  private callArguments(argsNode: Node): { args: Expr[]; keywords: Keyword[] } | null {
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    let ok = true;
    for (const arg of this.namedChildren(argsNode)) {
      if (arg.type === 'dictionary_splat') {
        const value = this.expr(this.namedChildren(arg)[0]);
        if (value === null) ok = false; else keywords.push({ name: null, value, range: this.range(arg) });
      } else if (arg.type === 'keyword_argument') {
        const value = this.expr(this.field(arg, 'value'));
        if (value === null) { ok = false; continue; }
        const name = this.field(arg, 'name').text;
        if (keywords.some((k) => k.name === name)) {
          this.diags.error('invalid', `keyword argument repeated: ${name}`, this.range(arg));
          ok = false;
        }
        keywords.push({ name, value, range: this.range(arg) });
      } else {
        if (keywords.length > 0 && arg.type !== 'list_splat') {
          const unpacking = keywords.some((k) => k.name === null);
          this.diags.error('invalid', unpacking ? 'positional argument follows keyword argument unpacking' : 'positional argument follows keyword argument', this.range(arg));
          ok = false;
        }
        const value = this.expr(arg);
        if (value === null) ok = false; else args.push(value);
      }
    }
    return ok ? { args, keywords } : null;
  }

  private integerLiteral(node: Node, range: SourceRange): Expr | null {
    const text = node.text.replace(/_/g, '');
    if (/[jJ]$/.test(text)) { this.unsupported(node, 'complex literal'); return null; }
    if (/^0[0-9]+$/.test(text) && !/^0+$/.test(text)) {
      this.diags.error('invalid', 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', range);
      return null;
    }
    if (/^0[oO]/.test(text)) return { kind: 'int', value: BigInt('0o' + text.slice(2)), range };
    if (/^[0-9]+$/.test(text) && text.length > MAX_DECIMAL_LITERAL_DIGITS) {
      // CPython 3.11 applies its int/str conversion limit to decimal literals at compile time.
      this.diags.error('invalid', `Exceeds the limit (${MAX_DECIMAL_LITERAL_DIGITS} digits) for integer string conversion: value has ${text.length} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.`, range);
      return null;
    }
    return { kind: 'int', value: BigInt(text), range };
  }

  /** Decodes one `string` node (prefix, quotes, escapes, and for f-strings the fields) as CPython's tokenizer does. */
  private stringParts(node: Node): FStringPart[] | null {
    const text = node.text;
    const prefix = /^[a-zA-Z]*/.exec(text)![0].toLowerCase();
    if (prefix.includes('b')) { this.unsupported(node, 'bytes literal'); return null; }
    const raw = prefix.includes('r');
    if (!prefix.includes('f')) {
      const rest = text.slice(prefix.length);
      const quote = rest.startsWith('"""') || rest.startsWith("'''") ? rest.slice(0, 3) : rest[0];
      const body = rest.slice(quote.length, rest.length - quote.length);
      const value = this.decodeText(body, raw, false, node);
      return value === null ? null : [{ kind: 'text', value }];
    }
    const rest = text.slice(prefix.length);
    const quote = rest.startsWith('"""') || rest.startsWith("'''") ? rest.slice(0, 3) : rest[0];
    const body = rest.slice(quote.length, rest.length - quote.length);
    const scanner = new FStringScanner(this, body, node.startIndex + prefix.length + quote.length, raw, node);
    return scanner.parts();
  }

  /** A bytes literal's value, one char per byte: only ASCII source characters, and no \u escapes. */
  private bytesLiteral(node: Node): string | null {
    const text = node.text;
    const prefix = /^[a-zA-Z]*/.exec(text)![0].toLowerCase();
    const rest = text.slice(prefix.length);
    const quote = rest.startsWith('"""') || rest.startsWith("'''") ? rest.slice(0, 3) : rest[0];
    const body = rest.slice(quote.length, rest.length - quote.length);
    if (/[^\x00-\x7f]/.test(body)) { this.invalid(node, 'bytes can only contain ASCII literal characters'); return null; }
    if (prefix.includes('r')) return body;
    const decoded = decodeEscapes(body, true);
    if (decoded.error !== undefined) { this.diags.error(decoded.code ?? 'invalid', decoded.error, this.range(node)); return null; }
    if (/[^\x00-\xff]/.test(decoded.value)) { this.invalid(node, 'bytes escape out of range'); return null; }
    return decoded.value;
  }

  /** Reports an f-string problem at an index of the source. */
  fstringError(message: string, index: number): void {
    const at = this.positionOfIndex(index);
    this.diags.error('invalid', `f-string: ${message}`, { start: at, end: { line: at.line, col: at.col + 1 } });
  }

  /** Parses one f-string field's expression, found at `index` of this source, in its own snippet. */
  fstringExpression(text: string, index: number): Expr | null {
    // Parenthesised, as CPython does, so the field may span lines or be a bare tuple.
    const snippet = `(${text}\n)`;
    const tree = parsePythonLoaded(snippet);
    try {
      const sub = new TreeLowering(snippet, this.diags, this.positionOfIndex(index - 1));
      if (sub.reportSyntaxErrors(tree.rootNode)) return null;
      const statements = sub.namedChildren(tree.rootNode);
      const inner = statements.length === 1 && statements[0].type === 'expression_statement' ? sub.namedChildren(statements[0]) : [];
      if (inner.length !== 1) {
        this.fstringError('invalid expression', index);
        return null;
      }
      return sub.expr(inner[0]);
    } finally {
      tree.delete();
    }
  }

  decodeFStringText(text: string, raw: boolean, node: Node): string | null {
    return this.decodeText(text, raw, false, node);
  }

  private decodeText(body: string, raw: boolean, fstring: boolean, node: Node): string | null {
    const unbraced = fstring ? body.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : body;
    if (raw) return unbraced;
    const decoded = decodeEscapes(unbraced);
    if (decoded.error !== undefined) {
      this.diags.error(decoded.code ?? 'invalid', decoded.error, this.range(node));
      return null;
    }
    return decoded.value;
  }


}

function isFStringNode(node: Node): boolean {
  return /^[a-zA-Z]*/.exec(node.text)![0].toLowerCase().includes('f');
}

/**
 * Splits an f-string's body into literal text and fields, as CPython 3.11's
 * f-string parser does: `{{`/`}}` are braces, a field's expression runs to a
 * top-level `!`, `:`, `=` (self-documenting) or `}`, skipping brackets and
 * string literals, and a format spec may itself contain fields.
 */
class FStringScanner {
  private i = 0;

  constructor(
    private readonly lowering: TreeLowering,
    private readonly body: string,
    /** Index of the body's first character in the lowering's source. */
    private readonly base: number,
    private readonly raw: boolean,
    private readonly node: Node,
  ) {}

  parts(): FStringPart[] | null {
    const parts: FStringPart[] = [];
    let text = '';
    const flush = (): boolean => {
      if (text === '') return true;
      const value = this.lowering.decodeFStringText(text, this.raw, this.node);
      text = '';
      if (value === null) return false;
      parts.push({ kind: 'text', value });
      return true;
    };
    const { body } = this;
    while (this.i < body.length) {
      const c = body[this.i];
      if ((c === '{' || c === '}') && body[this.i + 1] === c) { text += c; this.i += 2; continue; }
      if (c === '}') return this.fail("single '}' is not allowed");
      if (c === '{') {
        if (!flush()) return null;
        this.i++;
        const field = this.field();
        if (field === null) return null;
        parts.push(field);
        continue;
      }
      text += c;
      this.i++;
    }
    return flush() ? parts : null;
  }

  private fail(message: string): null {
    this.lowering.fstringError(message, this.base + Math.min(this.i, this.body.length - 1));
    return null;
  }

  /** A field, from just after its `{` to just after its `}`. */
  private field(): FStringPart | null {
    const { body } = this;
    const start = this.i;
    let depth = 0;
    while (this.i < body.length) {
      const c = body[this.i];
      if (c === "'" || c === '"') {
        const quote = body.startsWith(c.repeat(3), this.i) ? c.repeat(3) : c;
        const close = body.indexOf(quote, this.i + quote.length);
        if (close < 0) return this.fail('unterminated string');
        this.i = close + quote.length;
        continue;
      }
      if (c === '\\') return this.fail('expression part cannot include a backslash');
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0) {
        const next = body[this.i + 1];
        if (c === '!' && next !== '=') break;
        if (c === ':') break;
        if (c === '=' && next !== '=' && !'=!<>'.includes(body[this.i - 1] ?? '')) break;
      }
      this.i++;
    }
    const expressionText = body.slice(start, this.i);
    if (expressionText.trim() === '') return this.fail('empty expression not allowed');
    let selfDoc: string | null = null;
    if (body[this.i] === '=') {
      this.i++;
      while (/\s/.test(body[this.i] ?? '')) this.i++;
      selfDoc = body.slice(start, this.i);
    }
    let conversion: 's' | 'r' | 'a' | null = null;
    if (body[this.i] === '!') {
      const c = body[this.i + 1];
      if (c !== 's' && c !== 'r' && c !== 'a') return this.fail(`invalid conversion character '${c ?? ''}': expected 's', 'r', or 'a'`);
      conversion = c;
      this.i += 2;
    }
    let spec: FStringPart[] | null = null;
    if (body[this.i] === ':') {
      this.i++;
      spec = [];
      let text = '';
      while (this.i < body.length && body[this.i] !== '}') {
        if (body[this.i] === '{') {
          if (text !== '') { spec.push({ kind: 'text', value: text }); text = ''; }
          this.i++;
          const inner = this.field();
          if (inner === null) return null;
          spec.push(inner);
        } else {
          text += body[this.i++];
        }
      }
      if (text !== '') spec.push({ kind: 'text', value: text });
    }
    if (body[this.i] !== '}') return this.fail("expecting '}'");
    this.i++;
    const value = this.lowering.fstringExpression(expressionText, this.base + start);
    if (value === null) return null;
    const range = this.lowering.range(this.node);
    return { kind: 'field', value, conversion, spec, selfDoc, range };
  }
}

function mergeText(parts: FStringPart[]): FStringPart[] {
  const out: FStringPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', value: last.value + p.value };
    else if (!(p.kind === 'text' && p.value === '')) out.push(p);
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** Decodes backslash escapes; in bytes literals `\u`, `\U` and `\N` are not escapes and stay as written. */
function decodeEscapes(body: string, bytes = false): { value: string; error?: undefined } | { error: string; code?: 'unsupported' } {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') { out += ch; continue; }
    const next = body[i + 1];
    if (next === undefined) { out += ch; continue; }
    if (next === '\n') { i++; continue; }
    if (next in SIMPLE_ESCAPES) { out += SIMPLE_ESCAPES[next]; i++; continue; }
    if (next >= '0' && next <= '7') {
      let digits = next;
      while (digits.length < 3 && /[0-7]/.test(body[i + 1 + digits.length] ?? '')) digits += body[i + 1 + digits.length];
      out += String.fromCodePoint(parseInt(digits, 8));
      i += digits.length;
      continue;
    }
    const hexWidth = next === 'x' ? 2 : bytes ? 0 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (hexWidth > 0) {
      const hex = body.slice(i + 2, i + 2 + hexWidth);
      if (!new RegExp(`^[0-9a-fA-F]{${hexWidth}}$`).test(hex)) {
        return { error: `(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\${next}${'X'.repeat(hexWidth)} escape` };
      }
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return { error: "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character" };
      out += String.fromCodePoint(code);
      i += 1 + hexWidth;
      continue;
    }
    if (next === 'N' && !bytes) return { error: 'unsupported construct: \\N{...} escape', code: 'unsupported' };
    out += ch; // unknown escapes stay as written, as in CPython
  }
  return { value: out };
}

// Diagnostics: coded, ranged compiler messages. Stages collect them in a
// DiagnosticBag instead of throwing, so one run reports every problem it can.
// Invariant: positions are 1-based line and 1-based column in code points,
// as a user counts them in an editor.

export interface SourcePos { line: number; col: number }
export interface SourceRange { start: SourcePos; end: SourcePos }

export type DiagnosticCode =
  | 'syntax'        // the parser could not make sense of the text
  | 'unsupported'   // valid Python that Taipan cannot compile yet
  | 'invalid'       // a construct CPython rejects at compile time too
  | 'import'        // an imported module that cannot be found (CPython's ImportError, found before running)
  | 'internal';     // a compiler bug surfaced as a diagnostic, never a stack trace

export interface Diagnostic {
  code: DiagnosticCode;
  message: string;
  file: string;
  range: SourceRange;
}

export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  constructor(readonly file: string) {}

  error(code: DiagnosticCode, message: string, range: SourceRange): void {
    this.items.push({ code, message, file: this.file, range });
  }

  get hasErrors(): boolean { return this.items.length > 0; }
}

/** Renders `file:line:col: error: message`, then the source line and a caret under the range. */
export function renderDiagnostic(d: Diagnostic, source: string | undefined): string {
  const head = `${d.file}:${d.range.start.line}:${d.range.start.col}: error: ${d.message} [${d.code}]`;
  if (source === undefined) return head;
  const line = source.split('\n')[d.range.start.line - 1];
  if (line === undefined) return head;
  const chars = [...line];
  const startCol = d.range.start.col;
  const endCol = d.range.end.line === d.range.start.line ? Math.max(d.range.end.col, startCol + 1) : chars.length + 1;
  const caretWidth = Math.max(1, Math.min(endCol, chars.length + 1) - startCol);
  const pad = chars.slice(0, startCol - 1).map((c) => (c === '\t' ? '\t' : ' ')).join('');
  return `${head}\n    ${line}\n    ${pad}${'^'.repeat(caretWidth)}`;
}

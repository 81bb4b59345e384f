// The traceback table: what the runtime needs to print CPython 3.11's
// traceback entry for each error site, computed here at compile time so the
// runtime only copies text. Per site: the line number, the frame (function
// name and file), the source line without its indentation, and the caret
// line's shape. Layout (little-endian; runtime/README.md is the contract):
//
//   u32 frameCount, u32 siteCount,
//   frames[frameCount] { u32 name, u32 file }            string offsets
//   sites[siteCount]   { u32 line, u32 frame, u32 text,  (text 0xFFFFFFFF: none)
//                        u16 indent, u16 first, u16 second, u16 third }
//   strings: NUL-terminated UTF-8, offsets from the start of this area
//
// The caret line is four spaces, `indent` spaces, then `first` carets when
// `second` is 0, else `first` '~', `second` '^', `third` '~'; all zero means
// no caret line. Carets follow CPython 3.11.7's rules: they are omitted when
// they would span the whole line; a range running onto later lines is
// underlined to the end of its first line; binary operators and subscripts
// get '~' with '^' under the operator or the index; widths count East Asian
// wide characters as two columns, as CPython does.

import type { SourcePos } from '../diagnostics.js';
import type { ErrorSite } from '../ir/function.js';
import { EAST_ASIAN_WIDE_RANGES } from './east-asian-wide.js';

const NO_TEXT = 0xffffffff;
const SITE_BYTES = 20;
const FRAME_BYTES = 8;

interface SiteRow { line: number; frame: number; text: number; indent: number; first: number; second: number; third: number }

export interface CaretShape { indent: number; first: number; second: number; third: number }

/** A source file of the program: its text and the path tracebacks show. */
export interface SourceFile { source: string; file: string }

export class TracebackTable {
  /** Each file's lines, by module index. */
  private readonly lines: string[][];
  private readonly strings: number[] = [];
  private readonly stringOffsets = new Map<string, number>();
  private readonly frames: [number, number][] = [];
  private readonly frameIndex = new Map<string, number>();
  private readonly sites: SiteRow[] = [];
  private readonly siteIndexByKey = new Map<string, number>();

  /** `files` by module index: the entry's first. */
  constructor(private readonly files: readonly SourceFile[]) {
    this.lines = files.map((f) => f.source.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)));
  }

  /** The index of the site for an error at `site` in the frame named `frameName` of module `moduleIndex`; equal sites share one. */
  siteIndex(frameName: string, site: ErrorSite, moduleIndex = 0): number {
    const key = JSON.stringify([frameName, site, moduleIndex]);
    let index = this.siteIndexByKey.get(key);
    if (index === undefined) {
      index = this.sites.length;
      this.sites.push(this.siteRow(frameName, site, moduleIndex));
      this.siteIndexByKey.set(key, index);
    }
    return index;
  }

  get siteCount(): number { return this.sites.length; }

  bytes(): Uint8Array {
    const stringsStart = 8 + this.frames.length * FRAME_BYTES + this.sites.length * SITE_BYTES;
    const out = new Uint8Array(stringsStart + this.strings.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, this.frames.length, true);
    view.setUint32(4, this.sites.length, true);
    let at = 8;
    for (const [name, file] of this.frames) {
      view.setUint32(at, name, true);
      view.setUint32(at + 4, file, true);
      at += FRAME_BYTES;
    }
    for (const s of this.sites) {
      view.setUint32(at, s.line, true);
      view.setUint32(at + 4, s.frame, true);
      view.setUint32(at + 8, s.text, true);
      view.setUint16(at + 12, s.indent, true);
      view.setUint16(at + 14, s.first, true);
      view.setUint16(at + 16, s.second, true);
      view.setUint16(at + 18, s.third, true);
      at += SITE_BYTES;
    }
    out.set(this.strings, stringsStart);
    return out;
  }

  private siteRow(frameName: string, site: ErrorSite, moduleIndex: number): SiteRow {
    const lineNumber = site.range.start.line;
    const line = this.lines[moduleIndex][lineNumber - 1];
    const frame = this.frame(frameName, this.files[moduleIndex].file);
    if (line === undefined) return { line: lineNumber, frame, text: NO_TEXT, indent: 0, first: 0, second: 0, third: 0 };
    const chars = [...line];
    const text = chars.slice(leadingIndentLength(chars)).join('');
    return { line: lineNumber, frame, text: this.string(text), ...caretShape(chars, site) };
  }

  private frame(name: string, file: string): number {
    const key = JSON.stringify([name, file]);
    let index = this.frameIndex.get(key);
    if (index === undefined) {
      index = this.frames.length;
      this.frames.push([this.string(name), this.string(file)]);
      this.frameIndex.set(key, index);
    }
    return index;
  }

  private string(s: string): number {
    let offset = this.stringOffsets.get(s);
    if (offset === undefined) {
      offset = this.strings.length;
      this.strings.push(...new TextEncoder().encode(s), 0);
      this.stringOffsets.set(s, offset);
    }
    return offset;
  }
}

/** CPython removes spaces, tabs and form feeds before printing a source line. */
function leadingIndentLength(chars: string[]): number {
  let i = 0;
  while (i < chars.length && (chars[i] === ' ' || chars[i] === '\t' || chars[i] === '\f')) i++;
  return i;
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);

/** The caret line for `site` on the source line `chars` (code points), per CPython 3.11.7. */
export function caretShape(chars: string[], site: ErrorSite): CaretShape {
  const none = { indent: 0, first: 0, second: 0, third: 0 };
  const lead = leadingIndentLength(chars);
  const { start: from, end: to } = site.range;
  const start = from.col - 1;
  let end: number;
  const singleLine = to.line === from.line;
  if (singleLine) {
    end = Math.min(to.col - 1, chars.length);
  } else {
    end = chars.length;
    while (end > 0 && isSpace(chars[end - 1])) end--;
  }
  if (start < lead || end <= start) return none;
  const segment = chars.slice(start, end);
  const anchors = singleLine && site.anchor !== undefined ? anchorOffsets(segment, start, from.line, site.anchor) : null;
  if (end - start === chars.length - lead && anchors === null) return none;
  const indent = displayWidth(chars.slice(lead, start));
  if (anchors === null) return { indent, first: displayWidth(segment), second: 0, third: 0 };
  const [left, right] = anchors;
  return {
    indent,
    first: displayWidth(segment.slice(0, left)),
    second: displayWidth(segment.slice(left, right)),
    third: displayWidth(segment.slice(right)),
  };
}

/** Where the '^' part starts and ends within `segment`, or null if the anchors are not on its line. */
function anchorOffsets(segment: string[], start: number, line: number, anchor: NonNullable<ErrorSite['anchor']>): [number, number] | null {
  const offset = (p: SourcePos): number | null => (p.line === line ? p.col - 1 - start : null);
  const a = offset(anchor.left);
  const b = offset(anchor.right);
  if (a === null || b === null) return null;
  if (anchor.kind === 'binary') {
    // The operator: the first character after the left operand that is not
    // blank or a closing parenthesis, two characters wide if the next one is
    // not blank either (`//`, `**`, `<<`).
    let left = a;
    while (left < b && (isSpace(segment[left]) || segment[left] === ')' || segment[left] === '#')) left++;
    if (left >= b) return null;
    let right = left + 1;
    if (right < b && !isSpace(segment[right])) right++;
    return [left, right];
  }
  // A subscript: from its '[' through its ']'.
  let left = a;
  while (left < segment.length && segment[left] !== '[') left++;
  let right = b + 1;
  while (right < segment.length && segment[right] !== ']') right++;
  if (right < segment.length) right++;
  return [left, right];
}

function displayWidth(chars: string[]): number {
  let width = 0;
  for (const c of chars) width += isWide(c.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = EAST_ASIAN_WIDE_RANGES.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < EAST_ASIAN_WIDE_RANGES[2 * mid]) hi = mid - 1;
    else if (cp > EAST_ASIAN_WIDE_RANGES[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

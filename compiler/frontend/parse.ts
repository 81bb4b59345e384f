// Loads tree-sitter (the WebAssembly build) and the Python grammar once per
// process. We use web-tree-sitter with the grammar .wasm that tree-sitter-python
// ships rather than the native binding: the native one needs a C++ toolchain
// newer than Debian 12's and returns undefined roots when jest loads it in
// several test files per worker (node-tree-sitter issue 181).

import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';

let parserPromise: Promise<Parser> | undefined;

async function loadParser(): Promise<Parser> {
  const require = createRequire(import.meta.url);
  await Parser.init();
  const grammarPath = require.resolve('tree-sitter-python/tree-sitter-python.wasm');
  const language = await Language.load(grammarPath);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

let loadedParser: Parser | undefined;

export async function parsePython(source: string): Promise<Tree> {
  parserPromise ??= loadParser();
  loadedParser = await parserPromise;
  return parseWith(loadedParser, source);
}

/** Parses more text with the parser parsePython already loaded (for f-string fields, found while lowering). */
export function parsePythonLoaded(source: string): Tree {
  if (loadedParser === undefined) throw new Error('parsePythonLoaded before parsePython');
  return parseWith(loadedParser, source);
}

function parseWith(parser: Parser, source: string): Tree {
  const tree = parser.parse(source);
  if (tree === null) throw new Error('tree-sitter returned no tree');
  return tree;
}

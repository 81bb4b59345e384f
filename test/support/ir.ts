// Builds IR from Python source for pass and verifier tests, without emitting wasm.

import { DiagnosticBag } from '../../compiler/diagnostics.js';
import { moduleFromTree } from '../../compiler/frontend/from-tree.js';
import { parsePython } from '../../compiler/frontend/parse.js';
import { analyzeScopes } from '../../compiler/frontend/scopes.js';
import type { IrModule } from '../../compiler/ir/function.js';
import { buildModule } from '../../compiler/irbuild/module.js';
import { runPipeline } from '../../compiler/passes/pipeline.js';

export async function compileToIr(source: string, options: { beforePasses?: boolean } = {}): Promise<IrModule> {
  const diags = new DiagnosticBag('test.py');
  const tree = await parsePython(source);
  const ast = moduleFromTree(tree, source, diags);
  tree.delete();
  const module = buildModule(ast, analyzeScopes(ast, diags), diags);
  if (diags.hasErrors) throw new Error(diags.items.map((d) => d.message).join('\n'));
  if (!options.beforePasses) runPipeline(module, { optLevel: 2, verifyEach: true });
  return module;
}

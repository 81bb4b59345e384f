// The pass table. Passes run in this order; each exports one `run` over the
// whole module. With `verifyEach`, the verifier runs after every pass and a
// failure names the pass that broke the IR. The optimizer issue adds type
// inference, specialisation and guard passes as rows here, before refcount,
// which must stay last but for cleanup: it assumes the IR will not change
// ownership afterwards.

import type { IrModule } from '../ir/function.js';
import { verifyModule } from '../ir/verify.js';
import * as dce from './dce.js';
import * as generators from './generators.js';
import * as refcount from './refcount.js';
import * as simplifyCfg from './simplify-cfg.js';

export interface PassRow {
  name: string;
  run: (module: IrModule) => void;
  /** Lowest -O level that runs the pass; correctness passes use 0. */
  minOptLevel: number;
}

export const PIPELINE: readonly PassRow[] = [
  { name: 'simplify-cfg', run: simplifyCfg.run, minOptLevel: 0 },
  { name: 'dce', run: dce.run, minOptLevel: 0 },
  { name: 'generators', run: generators.run, minOptLevel: 0 },
  { name: 'refcount', run: refcount.run, minOptLevel: 0 },
  { name: 'simplify-cfg-late', run: simplifyCfg.run, minOptLevel: 0 },
];

export class VerifyError extends Error {
  constructor(readonly pass: string, readonly problems: string[]) {
    super(`IR verification failed after ${pass}:\n${problems.join('\n')}`);
  }
}

export interface PipelineOptions {
  optLevel: number;
  verifyEach: boolean;
  /** Called with the module after each pass, e.g. to dump IR. */
  afterPass?: (pass: string, module: IrModule) => void;
}

export function runPipeline(module: IrModule, options: PipelineOptions): void {
  const verify = (pass: string): void => {
    if (!options.verifyEach) return;
    const problems = verifyModule(module);
    if (problems.length > 0) throw new VerifyError(pass, problems);
  };
  verify('irbuild');
  for (const pass of PIPELINE) {
    if (options.optLevel < pass.minOptLevel) continue;
    pass.run(module);
    options.afterPass?.(pass.name, module);
    verify(pass.name);
  }
}

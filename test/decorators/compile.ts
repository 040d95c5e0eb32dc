/** Compiles the consumer fixtures with the real `tsc`, in one decorator mode, into .tmp/decorators/<mode>. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runNode, type ChildResult } from '../helpers/child.js';

export type DecoratorMode = 'legacy' | 'standard';

const tscBin = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');

/** Where the compiled consumer files of `mode` land (set by the fixture tsconfig's outDir). */
export const compiledDir = (mode: DecoratorMode): string => join(repoRoot, '.tmp', 'decorators', mode, 'consumer');

export async function compileConsumers(mode: DecoratorMode): Promise<ChildResult> {
  rmSync(compiledDir(mode), { recursive: true, force: true });
  return runNode([tscBin, '-p', join(repoRoot, 'test', 'decorators', 'fixtures', `tsconfig.${mode}.json`)], {
    watchdogMs: 60_000,
  });
}

/**
 * `module: true`: one TypeScript source (fixtures/dual) compiled by tsc to CommonJS and to an ES module, in both
 * decorator modes, relocates in every build: the decorator finds the compiled file from its call site. Like a dual
 * package's build, each copy of the source sits under a package.json that says its format.
 */
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { callerModule } from '../../src/strategies/callsite.js';
import { DecorationError, exposeSync } from '../../src/index.js';
import { lastJson, repoRoot, runNode } from '../helpers/child.js';

const tscBin = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const source = join(repoRoot, 'test', 'decorators', 'fixtures', 'dual');

async function build(format: 'commonjs' | 'module', mode: 'legacy' | 'standard'): Promise<string> {
  const dir = join(repoRoot, '.tmp', 'dual', `${format}-${mode}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(repoRoot, join(dir, 'node_modules', 'asynchro-bridge')); // the package as a consumer installs it
  cpSync(source, join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: format }));
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    rootDir: 'src',
    outDir: 'out',
    types: ['node'],
    skipLibCheck: true,
    ...(mode === 'legacy' && { experimentalDecorators: true, emitDecoratorMetadata: true }),
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
  const compiled = await runNode([tscBin, '-p', join(dir, 'tsconfig.json')], { watchdogMs: 60_000 });
  expect(compiled.code, `tsc (${format}, ${mode}): ${compiled.stdout}${compiled.stderr}`).toBe(0);
  return join(dir, 'out', 'main.js');
}

describe('module: true', () => {
  for (const format of ['commonjs', 'module'] as const) {
    for (const mode of ['legacy', 'standard'] as const) {
      it(`an SDK (resources, a paginator, promise-returning methods) relocates from the ${format === 'module' ? 'ES module' : 'CommonJS'} build (${mode} decorators)`, async () => {
        const main = await build(format, mode);
        const result = await runNode([main], { watchdogMs: 20_000 });
        type Report = { doubled: number; user: { id: number }; all: number[]; threads: number[] };
        const { atTopLevel, afterAwait } = lastJson<{ atTopLevel: Report; afterAwait: Report }>(result);
        const same = { doubled: 140, user: { id: 101 }, all: [101, 102, 103] };
        expect(atTopLevel, result.stderr).toMatchObject(same);
        expect(afterAwait).toMatchObject(same);
        // After an await, the worker, on a twin imported from the built file. At top level: the pump in CommonJS;
        // an ES module's top level is a microtask, so the worker there too.
        expect(afterAwait.threads).toHaveLength(1);
        expect(afterAwait.threads[0]).toBeGreaterThan(0);
        expect(atTopLevel.threads).toEqual(format === 'commonjs' ? [0] : afterAwait.threads);
      });
    }
  }

  it("finds the calling file (this test), past asynchro's own frames", () => {
    const where = callerModule();
    expect(where?.replace(/^file:\/\//, '')).toBe(fileURLToPath(import.meta.url));
    class Local {
      async aget(): Promise<number> {
        return 1;
      }
    }
    expect(() => exposeSync(Local, { module: true })).not.toThrow();
    expect(() => exposeSync(Local, { module: 'relative.js' })).toThrow(DecorationError);
  });
});

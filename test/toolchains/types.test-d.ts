import { describe, expectTypeOf, it } from 'vitest';
import { setWorkerRunner } from '../../src/subpaths/worker.js';
import type { ModuleReference } from '../../src/index.js';

describe('toolchain API types', () => {
  it('setWorkerRunner takes a module reference (path or URL), or undefined for the default lookup', () => {
    expectTypeOf(setWorkerRunner).parameters.toEqualTypeOf<[location: ModuleReference | undefined]>();
    expectTypeOf(setWorkerRunner).returns.toBeVoid();
  });
});

/**
 * The calling contexts of the matrix: each one is a fixture script (test/fixtures/matrix/) that runs every cell
 * from a different place and reports. One child process per context.
 */
import { fileURLToPath } from 'node:url';

export type ContextName =
  | 'cjs-top-level'
  | 'setTimeout'
  | 'setImmediate'
  | 'process.nextTick'
  | 'EventEmitter'
  | 'http-request-handler'
  | 'fs-callback'
  | 'read-stream-data'
  | 'dns.lookup'
  | 'worker-thread'
  | 'then'
  | 'after-await'
  | 'esm-top-level';

export interface CallingContext {
  name: ContextName;
  /** Its script: test/fixtures/matrix/<name>.cjs or .mjs, run with the strategy's name as its argument. */
  script: string;
}

const script = (file: string) => fileURLToPath(new URL(`../fixtures/matrix/${file}`, import.meta.url));

const commonJsContexts: ContextName[] = [
  'cjs-top-level',
  'setTimeout',
  'setImmediate',
  'process.nextTick',
  'EventEmitter',
  'http-request-handler',
  // thread-pool completion callbacks (and events emitted from one), where libuv hides the loop's async handles
  'fs-callback',
  'read-stream-data',
  'dns.lookup',
  'worker-thread',
  'then',
  'after-await',
];

export const contexts: CallingContext[] = [
  ...commonJsContexts.map((name) => ({ name, script: script(`${name}.cjs`) })),
  { name: 'esm-top-level', script: script('esm-top-level.mjs') },
];

/** Contexts where the loop pump can turn the event loop (not inside a microtask). */
export const pumpableContexts: ReadonlySet<ContextName> = new Set([
  'cjs-top-level',
  'setTimeout',
  'setImmediate',
  'process.nextTick',
  'EventEmitter',
  'http-request-handler',
  'worker-thread',
]);

/** Thread-pool completion callbacks: the pump refuses there before starting the work (src/strategies/pump/thread-pool.ts). */
export const threadPoolContexts: ReadonlySet<ContextName> = new Set(['fs-callback', 'read-stream-data', 'dns.lookup']);

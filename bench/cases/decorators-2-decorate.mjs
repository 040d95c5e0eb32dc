// Decorating a class with 200 async methods takes under 5 ms.
import { exposeSync } from 'asynchro-bridge';

const METHODS = 200;
let kept;

// 20 verbs x 10 resources: the naming rule searches the word list for 20 leading words (agetUser -> aget), where
// the aop<i> class asks about one.
const VERBS = ['get', 'list', 'create', 'update', 'delete', 'retrieve', 'upload', 'download', 'stream', 'search'];
VERBS.push('cancel', 'poll', 'count', 'export', 'import', 'send', 'fetch', 'wait', 'attach', 'archive');
const RESOURCES = ['User', 'File', 'Model', 'Batch', 'Run', 'Thread', 'Message', 'Job', 'Key', 'Project'];
const SDK_NAMES = VERBS.flatMap((verb) => RESOURCES.map((resource) => `a${verb}${resource}`));

function classWithAsyncMethods(count, nameOf = (i) => `aop${i}`) {
  class Big {}
  for (let i = 0; i < count; i++) {
    Object.defineProperty(Big.prototype, nameOf(i), {
      value: async function () {
        return i;
      },
      writable: true,
      configurable: true,
    });
  }
  return Big;
}

let Big;

const GROUP = `decorators · decorate a class with ${METHODS} async methods`;

/** The first decoration in a fresh process of a class whose methods `nameOf(i)` names. */
const firstDecoration = (name, nameOf) => ({
  group: GROUP,
  name,
  unit: 'ms',
  processes: 5,
  once: () => {
    const Target = classWithAsyncMethods(METHODS, nameOf);
    const started = performance.now();
    kept = exposeSync(Target);
    const elapsed = performance.now() - started;
    if (Object.getOwnPropertyNames(kept.prototype).length !== METHODS + 1) throw new Error('variants missing');
    return elapsed;
  },
  targets: [{ max: 5 }],
});

export default [
  firstDecoration('first decoration in a fresh process'),
  firstDecoration('first decoration, SDK-like names (20 verbs x 10 resources)', (i) => SDK_NAMES[i]),
  {
    // The same, after one small class was decorated: without V8's one-time compilation of the decorator code
    // (about 2 ms here), which the first decoration in a process pays whatever the class.
    group: GROUP,
    name: 'first 200-method class, decorator code compiled',
    unit: 'ms',
    processes: 5,
    once: () => {
      exposeSync(classWithAsyncMethods(1));
      const Target = classWithAsyncMethods(METHODS);
      const started = performance.now();
      kept = exposeSync(Target);
      return performance.now() - started;
    },
  },
  {
    group: GROUP,
    name: 'warm decoration (ns per class)',
    setup: () => {
      Big = classWithAsyncMethods(METHODS);
    },
    run: (n) => {
      for (let i = 0; i < n; i++) kept = exposeSync(Big);
    },
    targets: [{ max: 5e6 }],
  },
];

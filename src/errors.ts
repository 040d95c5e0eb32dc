/**
 * Every error class asynchro throws, in one place. Each has a stable `code` (`ASYNCHRO_...`) for programs to test,
 * `name` set to its class name, and `functionName`: the function or method the failed call was for, where known.
 * Each class writes its `name` out: a minifier renames classes (webpack's terser, esbuild --minify), so a name read
 * from the class (`new.target.name`) would read `k` in a minified bundle, where users compare `error.name`.
 */

/** Base class of every error asynchro itself throws. */
export class AsynchroError extends Error {
  /** The stable identifier of this kind of failure; the same on every instance of the class. */
  static readonly code: string = 'ASYNCHRO_ERROR';
  /** The class's `code`, on the instance, like Node's own errors. */
  readonly code: string;
  override name = 'AsynchroError';
  /** The function or method the failed call was for, where known. */
  readonly functionName: string | undefined;

  constructor(message: string, options?: { cause?: unknown; functionName?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = (new.target as typeof AsynchroError).code;
    this.functionName = options?.functionName;
  }
}

/** The calling context cannot block: the event loop cannot be turned from here. */
export class SyncContextError extends AsynchroError {
  static override readonly code: string = 'ASYNCHRO_SYNC_CONTEXT';
  override name = 'SyncContextError';
}

/**
 * The call would move to a worker thread by itself (the pump cannot block here), and the twin there would not run
 * what the caller's object runs: `what` says what differs (a spied method, a function field, a function `twinArgs`
 * left out, a replaced `globalThis.fetch`). Refused before the work starts; the option `divergence: 'allow'` lets it
 * run on the twin all the same.
 */
export class DivergenceError extends SyncContextError {
  static override readonly code = 'ASYNCHRO_DIVERGENCE';
  override name = 'DivergenceError';
  constructor(
    message: string,
    /** What the twin would run differently. */
    readonly what: string,
    options?: { functionName?: string },
  ) {
    super(message, options);
  }
}

/**
 * Blocking calls nested more than `MAX_PUMP_DEPTH` deep (a blocking call in a callback run by a blocking call, and so
 * on). Each level keeps a nested event loop on the native stack; deeper nesting would overflow it, which Node cannot
 * survive. Refused before the work starts (a plain function is still called: it may return a plain value).
 */
export class SyncDepthError extends SyncContextError {
  static override readonly code = 'ASYNCHRO_SYNC_DEPTH';
  override name = 'SyncDepthError';
  constructor(
    message: string,
    /** The most pumps that may be in progress on one thread. */
    readonly maxDepth: number,
    options?: { functionName?: string },
  ) {
    super(message, options);
  }
}

/**
 * The loop pump cannot run in this process at all: the runtime has no libuv event loop that native code may turn
 * (Bun, Deno), or the pump's native engine does not load on this platform. Refused before the work starts, on every
 * call that would need the pump; relocatable targets take the worker instead under strategy `'auto'`.
 */
export class PumpUnavailableError extends SyncContextError {
  static override readonly code = 'ASYNCHRO_PUMP_UNAVAILABLE';
  override name = 'PumpUnavailableError';
  constructor(
    message: string,
    /** Where the pump cannot run: `Bun 1.4.5`, `Deno 2.9.6`, `Node 24.1.0 on linux-arm64`. */
    readonly runtime: string,
    options?: { cause?: unknown; functionName?: string },
  ) {
    super(message, options);
  }
}

/** The awaited work can never settle: nothing left in the event loop could complete it. */
export class DeadlockError extends AsynchroError {
  static override readonly code = 'ASYNCHRO_DEADLOCK';
  override name = 'DeadlockError';
}

/** The `timeout` option ran out before the work settled. */
export class SyncTimeoutError extends AsynchroError {
  static override readonly code = 'ASYNCHRO_TIMEOUT';
  override name = 'SyncTimeoutError';
  constructor(
    message: string,
    readonly timeout: number,
    options?: { functionName?: string },
  ) {
    super(message, options);
  }
}

/** Under the `'throw'` re-entrancy policy: a blocking call started while another one is blocked. */
export class ReentrancyError extends AsynchroError {
  static override readonly code = 'ASYNCHRO_REENTRANT';
  override name = 'ReentrancyError';
}

/**
 * A decorator cannot do what it was asked, found when the class is decorated (not when it is used): two methods
 * whose variants would share a name, a variant name taken by a non-method member, or invalid options.
 */
export class DecorationError extends AsynchroError {
  static override readonly code = 'ASYNCHRO_DECORATION';
  override name = 'DecorationError';
}

/**
 * The worker could not get the target ready: its module failed to load (syntax error, missing file, a throw at
 * its top level), the export is missing or not callable, or the worker thread itself did not start. `cause` is the
 * error the worker saw.
 */
export class WorkerStartupError extends AsynchroError {
  static override readonly code: string = 'ASYNCHRO_WORKER_STARTUP';
  override name = 'WorkerStartupError';
  constructor(
    message: string,
    /** The module the worker tried to load. */
    readonly module: string,
    /** The export it looked for. */
    readonly exportName: string,
    options?: { cause?: unknown; functionName?: string },
  ) {
    super(message, options);
  }
}

/**
 * The worker thread ended while the call was waiting: `process.exit()` in the worker (`exitCode` is its code), or
 * an uncaught exception there (`cause` is that exception). The next call starts a fresh worker.
 */
export class WorkerExitError extends AsynchroError {
  static override readonly code = 'ASYNCHRO_WORKER_EXIT';
  override name = 'WorkerExitError';
  constructor(
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown; functionName?: string },
  ) {
    super(message, options);
  }
}

/**
 * A value could not cross threads with the structured clone algorithm (a function, a class instance's methods, a
 * socket, a Proxy...). `what` names it: `argument 1`, `constructor argument 0`, `the result`, `the rejection
 * reason`, `worker context "otel"`. `cause` is the DataCloneError.
 */
export class WorkerCloneError extends AsynchroError {
  static override readonly code = 'ASYNCHRO_WORKER_CLONE';
  override name = 'WorkerCloneError';
  constructor(
    message: string,
    readonly what: string,
    options?: { cause?: unknown; functionName?: string },
  ) {
    super(message, options);
  }
}

/**
 * A worker would start a worker for a module it is still importing: that module's top level makes a blocking call
 * that moves to a worker, which would import it again, and so on without end (a script that defines a relocatable
 * class and calls it in the same file). Thrown in the worker when the call is made; the caller gets one too.
 */
export class WorkerRecursionError extends WorkerStartupError {
  static override readonly code = 'ASYNCHRO_WORKER_RECURSION';
  override name = 'WorkerRecursionError';
}

/**
 * asynchro already runs as many worker threads in this process as it may (`limit`, `ASYNCHRO_MAX_WORKERS`), counting
 * those started by workers (a target in a worker that makes a blocking call that moves to another worker).
 */
export class WorkerLimitError extends WorkerStartupError {
  static override readonly code = 'ASYNCHRO_WORKER_LIMIT';
  override name = 'WorkerLimitError';
  constructor(
    message: string,
    module: string,
    exportName: string,
    /** The most worker threads asynchro runs at once in this process. */
    readonly limit: number,
    options?: { cause?: unknown; functionName?: string },
  ) {
    super(message, module, exportName, options);
  }
}

/**
 * Every error class asynchro throws, each with a stable `code` (`ASYNCHRO_...`). Each writes its `name` out: a
 * minifier renames classes, so `new.target.name` would read `k` in a minified bundle.
 */

/** Base class of every error asynchro itself throws. */
export class AsynchroError extends Error {
  static readonly code: string = 'ASYNCHRO_ERROR';
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

/** The calling context cannot block: the pump cannot turn the event loop from here. */
export class SyncContextError extends AsynchroError {
  static override readonly code: string = 'ASYNCHRO_SYNC_CONTEXT';
  override name = 'SyncContextError';
}

/**
 * The call would move to a worker thread by itself, and the twin there would not run what the caller's object runs
 * (`what`). Refused before the work starts; `divergence: 'allow'` runs it on the twin all the same.
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
 * Blocking calls nested more than `MAX_PUMP_DEPTH` deep, each in a callback run by the one before: every level keeps
 * a nested event loop on the native stack, which deeper nesting would overflow.
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
 * The loop pump cannot run in this process (Bun, Deno, or no engine for this platform). Relocatable targets take the
 * worker instead.
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
 * A decorator cannot do what it was asked, found when the class is decorated: two variants sharing a name, a name
 * taken by a non-method member, or invalid options.
 */
export class DecorationError extends AsynchroError {
  static override readonly code = 'ASYNCHRO_DECORATION';
  override name = 'DecorationError';
}

/**
 * The worker could not get the target ready: its module failed to load, the export is missing or not callable, or
 * the thread did not start. `cause` is the error the worker saw.
 */
export class WorkerStartupError extends AsynchroError {
  static override readonly code: string = 'ASYNCHRO_WORKER_STARTUP';
  override name = 'WorkerStartupError';
  constructor(
    message: string,
    readonly module: string,
    readonly exportName: string,
    options?: { cause?: unknown; functionName?: string },
  ) {
    super(message, options);
  }
}

/**
 * The worker thread ended while the call was waiting: `process.exit()` there (`exitCode`), or an uncaught exception
 * (`cause`). The next call starts a fresh worker.
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
 * A value could not be structured-cloned to or from the worker. `what` names it (`argument 1`, `the result`,
 * `worker context "otel"`); `cause` is the DataCloneError.
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
 * A worker would start a worker for a module it is still importing (a module whose top level makes a blocking call
 * that moves to a worker), which would import it again without end.
 */
export class WorkerRecursionError extends WorkerStartupError {
  static override readonly code = 'ASYNCHRO_WORKER_RECURSION';
  override name = 'WorkerRecursionError';
}

/** asynchro already runs as many worker threads as it may (`limit`, `ASYNCHRO_MAX_WORKERS`), workers' own included. */
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

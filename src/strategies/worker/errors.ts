import { AsynchroError } from '../../errors.js';

/**
 * The worker could not get the target ready: its module failed to load (syntax error, missing file, a throw at
 * its top level), the export is missing or not callable, or the worker thread itself did not start. `cause` is the
 * error the worker saw.
 */
export class WorkerStartupError extends AsynchroError {
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
  constructor(
    message: string,
    readonly what: string,
    options?: { cause?: unknown; functionName?: string },
  ) {
    super(message, options);
  }
}

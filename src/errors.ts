/** Base class of every error asynchro itself throws. */
export class AsynchroError extends Error {
  /** The function or method the failed call was for, where known. */
  readonly functionName: string | undefined;

  constructor(message: string, options?: { cause?: unknown; functionName?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.functionName = options?.functionName;
  }
}

/** The calling context cannot block: the event loop cannot be turned from here. */
export class SyncContextError extends AsynchroError {}

/** The awaited work can never settle: nothing left in the event loop could complete it. */
export class DeadlockError extends AsynchroError {}

/** The `timeout` option ran out before the work settled. */
export class SyncTimeoutError extends AsynchroError {
  constructor(
    message: string,
    readonly timeout: number,
    options?: { functionName?: string },
  ) {
    super(message, options);
  }
}


/**
 * The re-entrancy policy: while a pump turns the loop, an unrelated callback may start another blocking call or
 * re-enter a blocked instance (the work's own nested calls are fine). The AsyncLocalStorage scope that tells them
 * apart is only paid while a call with a policy other than `'allow'` is blocked.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { REENTRANCY_DEFAULT } from '../config.js';
import { ReentrancyError } from '../errors.js';
import { REENTRANCY_POLICIES, describeValue, type ReentrancyPolicy } from '../options.js';

interface BlockedCall {
  policy: ReentrancyPolicy;
  label: string;
  instance: object | undefined;
}

let defaultPolicy: ReentrancyPolicy = REENTRANCY_DEFAULT;

/** Sets the policy for calls that do not choose one (initially `ASYNCHRO_REENTRANCY` or `'allow'`). */
export function setReentrancyPolicy(policy: ReentrancyPolicy): void {
  if (!parsePolicy(policy)) {
    throw new TypeError(
      `asynchro-bridge: setReentrancyPolicy: policy must be one of ${REENTRANCY_POLICIES.map((p) => `'${p}'`).join(', ')}; got ${describeValue(policy)}.`,
    );
  }
  defaultPolicy = policy;
  if (policy !== 'allow') trackOwnership();
}

export function reentrancyPolicy(chosen: ReentrancyPolicy | undefined): ReentrancyPolicy {
  return chosen ?? defaultPolicy;
}

function parsePolicy(value: unknown): ReentrancyPolicy | undefined {
  return REENTRANCY_POLICIES.includes(value as ReentrancyPolicy) ? (value as ReentrancyPolicy) : undefined;
}

const ownership = new AsyncLocalStorage<BlockedCall>();
const watched: BlockedCall[] = [];
const warned = new Set<string>();

/**
 * The first AsyncLocalStorage scope turns on async hooks; inside a nested pump Node would then find callbacks it never
 * saw enter and abort ("async hook stack has become corrupted"), so it is turned on before any watched call pumps.
 */
function trackOwnership(): void {
  ownership.run(undefined as never, () => {});
}
if (defaultPolicy !== 'allow') trackOwnership();

/** Runs `start` (the call and its pump) as a watched blocked call; `policy` is not `'allow'`. */
export function watchBlockedCall<T>(policy: ReentrancyPolicy, label: string, instance: unknown, start: () => T): T {
  const call: BlockedCall = {
    policy,
    label,
    instance: typeof instance === 'object' && instance !== null ? instance : undefined,
  };
  watched.push(call);
  try {
    return ownership.run(call, start);
  } finally {
    watched.splice(watched.lastIndexOf(call), 1);
  }
}

/** Called as a blocking call starts: the strictest policy of the watched calls decides. */
export function checkReentry(label: string, instance: unknown): void {
  const owner = ownership.getStore();
  if (owner && watched.includes(owner)) return; // the blocked work's own nested call
  const policy = watched.some((call) => call.policy === 'throw') ? 'throw' : 'warn';
  const reentered = watched.find((call) => call.instance !== undefined && call.instance === instance);
  const blocked = reentered ?? watched[watched.length - 1]!;
  const message = reentered
    ? `${label} re-entered an instance whose ${blocked.label} call is blocked: a callback run by that call's ` +
      `event-loop pump called back into the same object, which may see it half-way through an operation. ` +
      `Use the async method in the callback, or make this call after ${blocked.label} has returned (a setImmediate ` +
      `callback still runs during it).`
    : `${label} started a blocking call from a callback that the pump of ${blocked.label} ran on behalf of other ` +
      `code; the outer call cannot return until this one does. Use the async method in callbacks, or, if this is ` +
      `intended, set reentrancy: 'allow' on ${blocked.label}, whose policy refused it.`;
  if (policy === 'throw') throw new ReentrancyError(message, { functionName: label });
  if (!warned.has(message)) {
    warned.add(message);
    process.emitWarning(message, { type: 'AsynchroReentrancyWarning', code: 'ASYNCHRO_REENTRANT' });
  }
}

export function isWatchingReentry(): boolean {
  return watched.length > 0;
}

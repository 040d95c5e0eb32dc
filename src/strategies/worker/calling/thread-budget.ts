/**
 * The process-wide bound on asynchro's worker threads (`MAX_WORKER_THREADS`): slots in a SharedArrayBuffer kept in
 * worker_threads environment data, which every new Worker gets as the same memory.
 */
import { existsSync } from 'node:fs';
import { MAX_WORKER_THREADS } from '../../../config.js';
import { workerThreads } from '../../lazy-builtins.js';

const KEY = 'asynchro-bridge:worker-threads';
const FREE = 0;
/** Claimed, its OS thread id not known (yet, or not on this platform). */
const CLAIMED = -1;

let slots: Int32Array | undefined;

/** Each slot: FREE, CLAIMED, or the OS thread id of the worker that holds it. The first thread to need it sets it. */
function sharedSlots(): Int32Array {
  if (slots) return slots;
  const { getEnvironmentData, setEnvironmentData } = workerThreads();
  slots = getEnvironmentData(KEY) as Int32Array | undefined;
  if (!slots) {
    slots = new Int32Array(new SharedArrayBuffer(MAX_WORKER_THREADS * Int32Array.BYTES_PER_ELEMENT));
    setEnvironmentData(KEY, slots);
  }
  return slots;
}

/** The bound every thread of this process counts against (the one set by the thread that started the first worker). */
export const threadLimit = (): number => sharedSlots().length;

/** Takes a slot for a new worker thread; `undefined` when all are taken by live threads. */
export function claimThread(): number | undefined {
  const all = sharedSlots();
  for (let attempt = 0; attempt < 2; attempt++) {
    for (let slot = 0; slot < all.length; slot++)
      if (Atomics.compareExchange(all, slot, FREE, CLAIMED) === FREE) return slot;
    // A worker whose parent worker was stopped ends with it, and nobody releases its slot: Linux still shows which
    // threads exist (/proc/self/task/<id>), so such slots are freed before giving up.
    for (let slot = 0; slot < all.length; slot++) {
      const thread = Atomics.load(all, slot);
      if (thread > 0 && !existsSync(`/proc/self/task/${thread}`)) Atomics.compareExchange(all, slot, thread, FREE);
    }
  }
  return undefined;
}

/** Notes the OS thread id of the worker holding `slot` (Linux), so that the slot can be freed if it vanishes. */
export function recordThread(slot: number, thread: number): void {
  Atomics.compareExchange(sharedSlots(), slot, CLAIMED, thread);
}

/** The worker holding `slot` has exited (or never started). */
export function releaseThread(slot: number): void {
  Atomics.store(sharedSlots(), slot, FREE);
}

/** How many slots are taken (for tests). */
export const threadsInUse = (): number => sharedSlots().filter((slot) => slot !== FREE).length;

// Hand-written thread hand-offs through a MessagePort, the way a user would write them without a library:
//  - blocking (`startBlockingRpc`): post the argument, sleep in Atomics.wait until the worker bumps a counter,
//    take the reply with receiveMessageOnPort. `transfer: true` moves ArrayBuffers both ways instead of copying.
//  - promise-based (`startPromiseRpc`): post { id, x }, resolve the id's promise on the reply.
// Both run `echo` (payload cases) or `x + 1` in the worker, below.
import { MessageChannel, Worker, isMainThread, receiveMessageOnPort, workerData } from 'node:worker_threads';

const work = (x) => (typeof x === 'number' ? x + 1 : x);
const transferablesOf = (value) => (value instanceof Uint8Array ? [value.buffer] : []);

if (!isMainThread && workerData?.bareRpc) {
  const { kind, port, state, transfer } = workerData.bareRpc;
  port.on('message', (message) => {
    if (kind === 'blocking') {
      port.postMessage(work(message), transfer ? transferablesOf(message) : []);
      Atomics.add(state, 0, 1);
      Atomics.notify(state, 0);
    } else {
      port.postMessage({ id: message.id, value: work(message.x) });
    }
  });
}

async function start(kind, transfer) {
  const state = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { bareRpc: { kind, port: port2, state, transfer } },
    transferList: [port2],
  });
  await new Promise((resolve, reject) => worker.once('online', resolve).once('error', reject));
  const stop = async () => {
    port1.close();
    await worker.terminate();
  };
  return { port: port1, state, stop };
}

/** `call(x)` blocks until the worker's reply; with `transfer`, a Uint8Array argument's buffer moves (it is detached). */
export async function startBlockingRpc({ transfer = false } = {}) {
  const { port, state, stop } = await start('blocking', transfer);
  let replies = 0;
  const call = (x) => {
    port.postMessage(x, transfer ? transferablesOf(x) : []);
    while (Atomics.load(state, 0) === replies) Atomics.wait(state, 0, replies);
    replies++;
    return receiveMessageOnPort(port).message;
  };
  return { call, stop };
}

/** `call(x)` returns a promise of the worker's reply; any number may be in flight. */
export async function startPromiseRpc() {
  const { port, stop } = await start('promise', false);
  const pending = new Map();
  let nextId = 0;
  port.on('message', ({ id, value }) => {
    pending.get(id)(value);
    pending.delete(id);
  });
  const call = (x) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      port.postMessage({ id, x });
    });
  return { call, stop };
}

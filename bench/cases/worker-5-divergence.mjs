// The per-call cost of the divergence check: a relocatable client's resource call (`client.things.getSync(i)`) made
// inside a microtask, where it moves to the client's twin in the worker by itself, with the check (the default)
// against the same class opted in with divergence: 'allow', which skips it. The check reads every method of the
// client's and the resource's prototype chains and their own fields, and compares identities. No target: in full
// runs the two read alike within the noise; a quick run's 300 ms warm-up ends before the worker's code is warm,
// which makes either row read anywhere from 1x to 3x the other.
import { terminateWorkers } from 'asynchro-bridge/worker';
import { AllowedClient, CheckedClient } from '../lib/relocatable-client.mjs';

const group = "worker round trip · a relocatable client's resource call, moved by itself";
const ALLOWED = "divergence: 'allow' (not checked)";

let client;
let kept;
// Started after a microtask hop: inside a microtask the pump cannot block, so the call goes to the worker.
const loop = (n) =>
  Promise.resolve().then(() => {
    for (let i = 0; i < n; i++) kept = client.things.getSync(i);
    if (kept !== n) throw new Error(`wrong result ${kept}`);
  });

export default [
  {
    group,
    name: ALLOWED,
    baseline: true,
    setup: () => {
      client = new AllowedClient({ baseUrl: 'http://api.test' });
    },
    teardown: terminateWorkers,
    run: loop,
  },
  {
    group,
    name: 'checked (the default)',
    setup: () => {
      client = new CheckedClient({ baseUrl: 'http://api.test' });
    },
    teardown: terminateWorkers,
    run: loop,
  },
];

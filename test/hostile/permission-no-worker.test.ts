/**
 * Node's permission model without --allow-worker: a worker call is a WorkerStartupError that names the flag, never the
 * raw ERR_ACCESS_DENIED of `new Worker`; both ways its advice names work.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

const fixture = fileURLToPath(new URL('../fixtures/hostile/permission-no-worker.cjs', import.meta.url));
const permission = Number(process.versions.node.split('.')[0]) >= 22 ? '--permission' : '--experimental-permission';

describe('worker calls under --permission without --allow-worker', () => {
  it('fail with WorkerStartupError naming the flag', async () => {
    const child = await runNode([fixture], { nodeArgs: [permission, '--allow-fs-read=*'] });
    const refused = { thrown: 'WorkerStartupError', advice: true };
    expect(lastJson(child)).toEqual({ blocking: refused, offloaded: refused });
  });

  it('work with --allow-worker, the flag the advice names', async () => {
    const child = await runNode([fixture], { nodeArgs: [permission, '--allow-fs-read=*', '--allow-worker'] });
    expect(lastJson(child)).toEqual({ blocking: { value: 1 }, offloaded: { value: 1 } });
  });

  it("work with strategy 'pump' and --allow-addons, the other way the advice names", async () => {
    const without = await runNode([fixture, 'pump'], { nodeArgs: [permission, '--allow-fs-read=*'] });
    expect(lastJson(without)).toEqual({ pump: { thrown: 'PumpUnavailableError', advice: true } });
    const child = await runNode([fixture, 'pump'], { nodeArgs: [permission, '--allow-fs-read=*', '--allow-addons'] });
    expect(lastJson(child)).toEqual({ pump: { value: 1 } });
  });
});

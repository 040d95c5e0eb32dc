/**
 * Node's permission model without --allow-worker: a worker call is a WorkerStartupError that names the flag, never the
 * raw ERR_ACCESS_DENIED of `new Worker`.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

const permission = Number(process.versions.node.split('.')[0]) >= 22 ? '--permission' : '--experimental-permission';

describe('worker calls under --permission without --allow-worker', () => {
  it('fail with WorkerStartupError naming the flag', async () => {
    const child = await runNode(
      [fileURLToPath(new URL('../fixtures/hostile/permission-no-worker.cjs', import.meta.url))],
      { nodeArgs: [permission, '--allow-fs-read=*'] },
    );
    const refused = { thrown: 'WorkerStartupError', advice: true };
    expect(lastJson(child)).toEqual({ blocking: refused, offloaded: refused });
  });
});

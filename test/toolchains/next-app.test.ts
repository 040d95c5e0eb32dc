/**
 * A Next.js app (fixtures/next: a route handler and two server actions) built with `next build` by the recipe of
 * docs/bundlers.md (its next.config.mjs, read from the page), served by `next start` on a loopback port, and by its
 * standalone output copied out of the repository (also without the pump engine, as without the recipe's
 * outputFileTracingIncludes), and requested as a browser would. Each makes the six calls of
 * fixtures/apps/src/app.mjs, from the app's own code (which Next.js bundles, asynchro with it) and from an external
 * package, my-sdk (loaded from node_modules).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runNode } from '../helpers/child.js';

const fixtures = join(repoRoot, 'test/toolchains/fixtures');
const project = join(repoRoot, '.tmp', 'next');
const nextBin = join(repoRoot, 'node_modules/next/dist/bin/next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

let users: Server;
let usersUrl: string;
const servers: ChildProcess[] = [];
const deployment = mkdtempSync(join(tmpdir(), 'asynchro-next-'));
let base: string;
let standalone: string;
let withoutEngine: string;

/** The Next.js recipe of docs/bundlers.md, as written there. */
function nextConfigRecipe(): string {
  const doc = readFileSync(join(repoRoot, 'docs/bundlers.md'), 'utf8');
  const [, code] = /<!-- recipe: next\.config\.mjs -->\n```js\n([\s\S]*?)```\n/.exec(doc) ?? [];
  if (code === undefined) throw new Error('docs/bundlers.md holds no recipe next.config.mjs');
  return code;
}

/** The project as npm would lay it out: asynchro-bridge and my-sdk installed (copied) in node_modules. */
function assemble(): void {
  rmSync(project, { recursive: true, force: true });
  cpSync(join(fixtures, 'next'), project, { recursive: true, filter: (file) => !file.endsWith('my-sdk.package.json') });
  writeFileSync(join(project, 'next.config.mjs'), nextConfigRecipe());
  const sdk = join(project, 'node_modules', 'my-sdk');
  const asynchro = join(project, 'node_modules', 'asynchro-bridge');
  mkdirSync(sdk, { recursive: true });
  mkdirSync(asynchro, { recursive: true });
  cpSync(join(fixtures, 'next', 'my-sdk.package.json'), join(sdk, 'package.json'));
  cpSync(join(fixtures, 'next', 'lib', 'calls.mjs'), join(sdk, 'calls.mjs'));
  for (const file of ['calc.mjs', 'client.mjs', 'errors.mjs', 'target.mjs']) {
    cpSync(join(fixtures, 'apps', 'src', file), join(project, 'lib', file));
    cpSync(join(fixtures, 'apps', 'src', file), join(sdk, file));
  }
  cpSync(join(repoRoot, 'package.json'), join(asynchro, 'package.json'));
  for (const folder of ['dist', 'prebuilds'])
    cpSync(join(repoRoot, folder), join(asynchro, folder), { recursive: true });
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A Next.js server until it says it is ready (its own process: ended in afterAll): `next start` in the project, or
 * the standalone output's server.js copied out of the repository (as deployed: no node_modules but what it traced).
 */
async function start(how: 'next start' | 'standalone' | 'standalone without the engine'): Promise<string> {
  const port = await freePort();
  let server: ChildProcess;
  if (how === 'next start') {
    server = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], { cwd: project, env });
  } else {
    // The standalone folder mirrors the project's path from the tracing root (the repository, by its lockfile).
    const root = join(deployment, how === 'standalone' ? 'standalone' : 'without-engine');
    const app = join(root, relative(repoRoot, project));
    // verbatimSymlinks: the output's links to node_modules stay relative (cpSync would point them at the project).
    cpSync(join(project, '.next', 'standalone'), root, { recursive: true, verbatimSymlinks: true });
    // What the standalone output holds without the recipe's outputFileTracingIncludes.
    if (how !== 'standalone') rmSync(join(app, 'node_modules/asynchro-bridge/prebuilds'), { recursive: true });
    const serverEnv = { ...env, PORT: String(port), HOSTNAME: '127.0.0.1' };
    server = spawn(process.execPath, [join(app, 'server.js')], { cwd: app, env: serverEnv });
  }
  servers.push(server);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${how} did not get ready:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (/Ready in/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout?.on('data', read);
    server.stderr?.on('data', read);
    server.on('exit', (code) => reject(new Error(`${how} exited with ${code}:\n${output}`)));
  });
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  users = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ id: request.url?.split('/').pop(), name: 'Ada' }));
  });
  await new Promise<void>((resolve) => users.listen(0, '127.0.0.1', resolve));
  usersUrl = `http://127.0.0.1:${(users.address() as { port: number }).port}`;
  assemble();
  const build = await runNode([nextBin, 'build'], { cwd: project, env, watchdogMs: 240_000 });
  if (build.code !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
  [base, standalone, withoutEngine] = await Promise.all([
    start('next start'),
    start('standalone'),
    start('standalone without the engine'),
  ]);
}, 300_000);

afterAll(async () => {
  for (const server of servers) server.kill();
  rmSync(deployment, { recursive: true, force: true });
  await new Promise((resolve) => users?.close(resolve));
});

const QUOTA_ERROR = { name: 'QuotaError', code: 'E_QUOTA', message: 'no quota left for 3 units' };
const ALL_OK = {
  pump: { ok: 'timer' },
  client: { ok: { id: '7', name: 'Ada' } },
  view: { ok: { id: '8', name: 'Ada' } },
  workerSynced: { ok: 42 },
  relocatable: { ok: 42 },
  registeredError: { ok: { instanceOf: true, ...QUOTA_ERROR } },
};
/**
 * The app's own relocatable class: Next.js keeps its module's file URL, so the worker runs the source file while the
 * caller runs Next.js's bundle, two copies of the error class: it comes back by name, code and message, not as itself.
 */
const APP_OK = { ...ALL_OK, registeredError: { ok: { instanceOf: false, ...QUOTA_ERROR } } };

async function routeHandler(from: 'app' | 'sdk', server = base): Promise<unknown> {
  const response = await fetch(`${server}/api/calls?from=${from}&users=${encodeURIComponent(usersUrl)}`);
  expect(response.status).toBe(200);
  return response.json();
}

/** Calls a server action as the page's form would: a POST naming the action's id (from Next's build manifest). */
async function serverAction(name: 'runAppCalls' | 'runSdkCalls', server = base): Promise<unknown> {
  const manifest = JSON.parse(readFileSync(join(project, '.next/server/server-reference-manifest.json'), 'utf8'));
  const [id] =
    Object.entries(manifest.node).find(([, entry]) => (entry as { exportedName: string }).exportedName === name) ?? [];
  const response = await fetch(`${server}/action`, {
    method: 'POST',
    headers: {
      'next-action': String(id),
      'content-type': 'text/plain;charset=UTF-8',
      accept: 'text/x-component',
      origin: server,
    },
    body: JSON.stringify([usersUrl]),
  });
  expect(response.status).toBe(200);
  // The React Server Components stream: line `1:` is the action's result, a JSON string.
  const line = (await response.text()).split('\n').find((text) => text.startsWith('1:'));
  return JSON.parse(JSON.parse(line?.slice(2) ?? 'null'));
}

describe('a Next.js app by its recipe (next build, next start)', () => {
  it("route handler, the app's own code (bundled by Next.js, asynchro with it): every call gives its value", async () => {
    expect(await routeHandler('app')).toMatchObject(APP_OK);
  });

  it('route handler, an external package: every call gives its value', async () => {
    expect(await routeHandler('sdk')).toMatchObject(ALL_OK);
  });

  it('server action, an external package: every call gives its value', async () => {
    expect(await serverAction('runSdkCalls')).toMatchObject(ALL_OK);
  });

  it("server action, the app's own code: a new URL() worker target is refused at once, naming the setting", async () => {
    const { workerSynced, ...rest } = (await serverAction('runAppCalls')) as Record<
      string,
      { error?: { message: string } }
    >;
    const { workerSynced: _, ...others } = APP_OK;
    expect(rest).toMatchObject(others);
    expect(workerSynced?.error).toMatchObject({ name: 'TypeError' });
    expect(workerSynced?.error?.message).toContain('Next.js: serverExternalPackages in next.config');
  });
});

describe('its standalone output (output: standalone), copied out of the repository and run with node server.js', () => {
  it('route handler, a package listed in serverExternalPackages: every call gives its value', async () => {
    expect(await routeHandler('sdk', standalone)).toMatchObject(ALL_OK);
  });

  it('server action, a package listed in serverExternalPackages: every call gives its value', async () => {
    expect(await serverAction('runSdkCalls', standalone)).toMatchObject(ALL_OK);
  });

  it("route handler, the app's own code: the relocatable class, whose source is not deployed, fails at once", async () => {
    const { relocatable, registeredError, ...rest } = (await routeHandler('app', standalone)) as Record<
      string,
      { error?: object }
    >;
    const { relocatable: _, registeredError: __, ...others } = ALL_OK;
    expect(rest).toMatchObject(others);
    const advice = 'Next.js bundled the module: list its package in serverExternalPackages';
    expect(relocatable?.error).toMatchObject({ name: 'WorkerStartupError', message: expect.stringContaining(advice) });
    expect(registeredError).toMatchObject({
      ok: { instanceOf: false, name: 'WorkerStartupError', message: expect.stringContaining(advice) },
    });
  });
});

describe("the standalone output without the recipe's outputFileTracingIncludes (no pump engine)", () => {
  it.each(['app', 'sdk'] as const)(
    'route handler, %s: pump calls are refused at once, naming outputFileTracingIncludes; worker calls work',
    async (from) => {
      const calls = (await routeHandler(from, withoutEngine)) as Record<string, { error?: { message: string } }>;
      expect(calls).toMatchObject({ workerSynced: ALL_OK.workerSynced });
      for (const call of ['pump', 'client', 'view']) {
        expect(calls[call]?.error).toMatchObject({ name: 'PumpUnavailableError' });
        expect(calls[call]?.error?.message).toContain(
          "add './node_modules/asynchro-bridge/prebuilds/**' to outputFileTracingIncludes in next.config",
        );
      }
    },
  );
});

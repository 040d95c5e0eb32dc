/**
 * Error identity without a global name registry: an error thrown in the worker comes back as the class the caller's
 * module graph holds, found by where it is defined (an export of the relocated module, a re-export, a static of the
 * exported client class, or the nearest such ancestor), or registered by the package the call's target belongs to.
 * Four SDKs in one child process (test/fixtures/two-sdks/main.mjs), two pairs of which name their class `ApiError`;
 * and, in this file's own test body, an SDK file of the project, whose copy the test holds is Vite's, not Node's.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { terminateWorkers } from 'asynchro-bridge/worker';
import { ApiError, NotFoundError, Petstore } from './fixtures/petstore/client.mjs';
import { startPetstoreServer } from './fixtures/petstore/server.mjs';
import { lastJson, repoRoot, runNode } from './helpers/child.js';

interface Caught {
  name: string;
  instanceOf: string[];
  status?: number;
  message: string;
}

describe('error classes from the worker', () => {
  it('come back as their own SDK’s classes, two classes of one name never confused', async () => {
    const child = await runNode([join(repoRoot, 'test', 'fixtures', 'two-sdks', 'main.mjs')], { watchdogMs: 20_000 });
    const caught = lastJson<Record<string, Caught>>(child);
    expect(child.code, child.stderr).toBe(0);
    expect(caught).toEqual({
      // re-exported by the relocated module (the class is defined in petstore/errors.mjs)
      petstore404: {
        name: 'NotFoundError',
        instanceOf: ['PetstoreApiError', 'NotFoundError'],
        status: 404,
        message: 'no pet 500',
      },
      // a static of the exported client class, not exported by any module
      zooClosed: { name: 'ApiError', instanceOf: ['ZooApiError'], status: 503, message: 'the zoo is closed' },
      // exported nowhere: a subclass of the nearest class found (zoo's ApiError), with its own name
      zooMissing: { name: 'MissingAnimal', instanceOf: ['ZooApiError'], status: 404, message: 'no okapi here' },
      // registered by two packages under one class name: each package's calls get its own
      alpha: { name: 'ApiError', instanceOf: ['AlphaApiError'], message: 'alpha failed' },
      beta: { name: 'ApiError', instanceOf: ['BetaApiError'], message: 'beta failed' },
    });
  });
});

describe('under vitest, for an SDK that is a file of the project (Vite loads its own copy of it)', () => {
  afterAll(terminateWorkers);

  it('come back as the classes of the copy the test imported, with nothing registered', () => {
    const client = new Petstore({ baseUrl: startPetstoreServer() });
    let caught: unknown;
    try {
      client.pets.getSync(500); // on the worker: a vitest body is a microtask
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NotFoundError); // re-exported by the relocated module
    expect(caught).toBeInstanceOf(ApiError);
    expect(caught).toMatchObject({ name: 'NotFoundError', message: 'no pet 500' });
  });
});

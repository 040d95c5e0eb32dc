// An SDK shaped like the real ones (Stripe, OpenAI): a client with a config object, resources in fields, a
// paginator, typed API errors and retries. Written async-first; @exposeSync gives every method a blocking twin.
// One source, built by tsc to CommonJS and to an ES module (build.mjs): `module: true` finds the built file.
import { exposeSync, type SyncMethods } from 'asynchro-bridge';

export interface User {
  id: number;
  name: string;
}
export interface Project {
  id: number;
  title: string;
}
export interface ClientOptions {
  baseUrl: string;
  /** Retries of a 429 or 503 answer. */
  maxRetries?: number;
  /** A custom fetch (cannot cross to a worker thread: the twin uses the global one, see twinArgs below). */
  fetch?: typeof fetch;
}

/** A non-2xx answer. The blocking methods throw exactly these classes, on both paths. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class UsersAsync {
  constructor(protected readonly client: ClientAsync) {}
  async aget(id: number): Promise<User> {
    return this.client.arequest('GET', `/users/${id}`);
  }
  async acreate(name: string): Promise<User> {
    return this.client.arequest('POST', '/users', { name });
  }
  /** A paginator: fetches page after page while the caller iterates. */
  async *aiterAll(pageSize = 2): AsyncGenerator<User> {
    for (let page = 0; ; page++) {
      const { data, hasMore } = await this.client.arequest<{ data: User[]; hasMore: boolean }>(
        'GET',
        `/users?page=${page}&size=${pageSize}`,
      );
      yield* data;
      if (!hasMore) return;
    }
  }
}
export interface Users extends SyncMethods<UsersAsync> {}
@exposeSync
export class Users extends UsersAsync {}

export class ProjectsAsync {
  constructor(protected readonly client: ClientAsync) {}
  /** The server answers 503 every other time: retries (maxRetries) make it succeed. */
  async alist(): Promise<Project[]> {
    return this.client.arequest('GET', '/projects');
  }
}
export interface Projects extends SyncMethods<ProjectsAsync> {}
@exposeSync
export class Projects extends ProjectsAsync {}

export class ClientAsync {
  readonly baseUrl: string;
  maxRetries: number;
  readonly users: Users;
  readonly projects: Projects;
  readonly #fetch: typeof fetch;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl;
    this.maxRetries = options.maxRetries ?? 2;
    this.#fetch = options.fetch ?? fetch;
    this.users = new Users(this);
    this.projects = new Projects(this);
  }

  async arequest<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.#fetch(new URL(path, this.baseUrl), {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (response.ok) return (await response.json()) as T;
      if ((response.status === 429 || response.status === 503) && attempt < this.maxRetries) {
        await pause(5 * 2 ** attempt); // backoff on a timer: the pump and the worker both serve it
        continue;
      }
      const ErrorClass = response.status === 404 ? NotFoundError : ApiError;
      throw new ErrorClass(response.status, await response.text());
    }
  }
}

export interface Client extends SyncMethods<ClientAsync> {}
// The twin fetches with the global fetch (a custom one cannot cross): the SDK says that is what it wants
// (divergence: 'allow'), since a caller's fetch only wraps the same requests.
@exposeSync({
  module: true,
  timeout: 10_000,
  twinArgs: (options: ClientOptions) => [{ ...options, fetch: undefined }],
  divergence: 'allow',
})
export class Client extends ClientAsync {}

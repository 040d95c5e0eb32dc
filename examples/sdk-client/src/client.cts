// An SDK written async-first. One decorator gives its users blocking twins of every method:
// agetUser -> getUserSync, alistUsers -> listUsersSync, acreateUser -> createUserSync.
import { exposeSync, type SyncMethods } from 'asynchro-bridge';

export interface User {
  id: number;
  name: string;
}

/** A non-2xx answer. The blocking methods throw exactly this error, as the async ones reject with it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class UsersClientAsync {
  constructor(readonly baseUrl: string) {}

  async agetUser(id: number): Promise<User> {
    return this.#request('GET', `/users/${id}`);
  }

  async alistUsers(): Promise<User[]> {
    return this.#request('GET', '/users');
  }

  async acreateUser(name: string): Promise<User> {
    return this.#request('POST', '/users', { name });
  }

  /** #private: never gets a variant. */
  async #request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new ApiError(response.status, await response.text());
    return (await response.json()) as T;
  }
}

// Decorators cannot change a class's type: this interface tells TypeScript about the generated methods.
export interface UsersClient extends SyncMethods<UsersClientAsync> {}

@exposeSync({ timeout: 5_000 })
export class UsersClient extends UsersClientAsync {}

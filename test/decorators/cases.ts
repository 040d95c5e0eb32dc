/**
 * Classes whose variant names are checked at both levels: types.test-d.ts holds the type-level names equal to
 * these lists, names.test.ts holds the runtime names equal to them. Function form only: no decorator syntax, so
 * vitest can run it as is.
 */
import { exposeAsync, exposeSync } from '../../src/index.js';

export class ApiAsync {
  constructor(readonly base: string) {}
  async agetUser(id: number): Promise<{ id: number; base: string }> {
    return { id, base: this.base };
  }
  async aGetTeam(name: string, size = 2): Promise<string[]> {
    return Array.from({ length: size }, (_, i) => `${name}${i}`);
  }
  async abort(): Promise<void> {}
  async addUser(name: string): Promise<number> {
    return name.length;
  }
  async aadd(x: number, y: number): Promise<number> {
    return x + y;
  }
  async load(): Promise<string> {
    return 'loaded';
  }
  async a1(): Promise<number> {
    return 1;
  }
  async aping(): Promise<string> {
    return 'pong';
  }
  async asecret(): Promise<string> {
    return 'secret';
  }
  async ahidden(): Promise<string> {
    return 'hidden';
  }
  hello(): string {
    return 'hi';
  }
  maybe(): string | Promise<string> {
    return 'sync at runtime';
  }
  static async astats(): Promise<number> {
    return 3;
  }
}

export const apiOptions = { rename: { aping: 'checkSync', ahidden: false }, exclude: ['asecret'], statics: true } as const;
export const Api = exposeSync(ApiAsync, apiOptions);
export const apiSyncNames = ['getUserSync', 'getTeamSync', 'abortSync', 'addUserSync', 'addSync', 'loadSync', 'a1Sync', 'checkSync'] as const;
export const apiStaticSyncNames = ['statsSync'] as const;

export class LegacyApi {
  getUserSync(id: number): { id: number } {
    return { id };
  }
  compute(x: number): number {
    return x * 2;
  }
  resetSync(): void {}
  fail(): never {
    throw new RangeError('failed');
  }
  statusSync(): string | Promise<string> {
    return 'ok';
  }
  async aexisting(): Promise<string> {
    return 'the author wrote it';
  }
  existingSync(): string {
    return 'existing';
  }
  static versionSync(): string {
    return '1';
  }
}

export const legacyOptions = { rename: { compute: 'acalculate' }, exclude: ['resetSync'] } as const;
export const AsyncLegacyApi = exposeAsync(LegacyApi, legacyOptions);
export const legacyAsyncNames = ['agetUser', 'acalculate', 'afail', 'astatus'] as const;

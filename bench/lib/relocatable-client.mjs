// A relocatable SDK-shaped client for the divergence case (bench/cases/worker-5-divergence.mjs): a config, a resource
// in a field, and a dozen methods on the client and its base class, as the divergence check walks them on each call.
// Decorated twice, the same class: once checked (the default), once opted in (divergence: 'allow'), which skips it.
import { exposeSync } from 'asynchro-bridge';

class BaseClient {
  constructor(config) {
    this.config = config;
  }
  buildUrl(path) {
    return `${this.config.baseUrl}${path}`;
  }
  headers() {
    return { accept: 'application/json' };
  }
  retryDelay(attempt) {
    return 2 ** attempt;
  }
  shouldRetry(status) {
    return status === 429;
  }
  async request(path) {
    return { path };
  }
}

class Things {
  constructor(client) {
    this._client = client;
  }
  async aget(id) {
    return id + 1;
  }
  async alist() {
    return [];
  }
  async acreate(body) {
    return body;
  }
  async adelete(id) {
    return id;
  }
}
const ThingsSync = exposeSync(Things);

class ClientAsync extends BaseClient {
  constructor(config) {
    super(config);
    this.things = new ThingsSync(this);
  }
  async aping() {
    return 'pong';
  }
  async astatus() {
    return 'ok';
  }
  authHeaders() {
    return {};
  }
  defaultQuery() {
    return {};
  }
}

const options = { module: import.meta.url, timeout: 60_000 };
export const CheckedClient = exposeSync(ClientAsync, { ...options, exportName: 'CheckedClient' });
export const AllowedClient = exposeSync(ClientAsync, { ...options, exportName: 'AllowedClient', divergence: 'allow' });

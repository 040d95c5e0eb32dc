// Observability: every blocking call of the SDK client is published on diagnostics_channel, and an
// OpenTelemetry trace stays whole across it. Needs the example's build (sdk-client/build.mjs) and the
// OpenTelemetry packages from devDependencies (`npm ci` installs them).
const { once } = require('node:events');
const diagnostics = require('node:diagnostics_channel');
const api = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { awaitSync } = require('asynchro-bridge');
const { collectStats, SYNC_CHANNEL } = require('asynchro-bridge/instrumentation');
const { UsersClient } = require('./sdk-client/dist/client.cjs');
const { startUsersServer } = require('./sdk-client/dist/server.cjs');

// 1. OpenTelemetry, set up as usual for Node.
const exporter = new InMemorySpanExporter();
api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
api.trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
const tracer = api.trace.getTracer('example');

// The SDK's HTTP calls get a span each (what an HTTP instrumentation would do), so the tree shows what ran inside.
const untracedFetch = globalThis.fetch;
globalThis.fetch = (url, init = {}) =>
  tracer.startActiveSpan(`HTTP ${init.method ?? 'GET'} ${new URL(url).pathname}`, async (span) => {
    try {
      return await untracedFetch(url, init);
    } finally {
      span.end();
    }
  });

// 2. A live subscriber on the channel, and the ready-made aggregate.
diagnostics.tracingChannel(SYNC_CHANNEL).subscribe({
  start() {},
  end: (call) =>
    console.log(
      `  [${SYNC_CHANNEL}] ${call.className ?? ''}.${call.verb} -> ${call.name}: strategy=${call.strategy} ` +
        `depth=${call.depth} blocked=${call.blockedMs.toFixed(2)} ms${call.error ? ` error=${call.error.name}` : ''}`,
    ),
  asyncStart() {},
  asyncEnd() {},
  error() {},
});
const stats = collectStats();

// 3. The SDK used synchronously, inside one traced operation.
const server = startUsersServer();
awaitSync(once(server, 'listening'));
const client = new UsersClient(`http://127.0.0.1:${server.address().port}`);
client.listUsersSync(); // warm-up: fetch compiles its HTTP parser on first use

console.log('Bridged calls, as published:');
tracer.startActiveSpan('onboard user', (root) => {
  client.getUserSync(1);
  client.createUserSync('Grace');
  client.listUsersSync();
  try {
    client.getUserSync(99);
  } catch {
    // ApiError 404, recorded by the channel as an error
  }
  root.end();
});
server.close();

// 4. The trace tree: the HTTP spans started inside the async methods are children of the span around the
//    blocking calls.
const spans = exporter.getFinishedSpans();
const children = (parentId) => spans.filter((span) => span.parentSpanContext?.spanId === parentId);
const print = (span, indent) => {
  console.log(`${indent}${span.name}  (trace ${span.spanContext().traceId.slice(0, 8)}…)`);
  for (const child of children(span.spanContext().spanId)) print(child, indent + '  ');
};
console.log('\nTrace tree:');
for (const root of spans.filter((span) => span.name === 'onboard user')) print(root, '  ');

console.log('\ncollectStats().table():');
console.log(stats.table());
stats.close();

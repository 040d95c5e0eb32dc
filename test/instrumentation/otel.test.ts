import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, repoRoot, runScript } from '../helpers/child.js';

const fixtures = pathToFileURL(join(repoRoot, 'test/fixtures/otel/')).href;

interface Span {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}
interface Ids {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

describe('OpenTelemetry context across a blocking call', () => {
  it('on the pump: the span around fetchSync() is the parent of the spans started inside afetch', async () => {
    const run = await runScript(
      String.raw`
const { tracer, finishedSpans } = require(${JSON.stringify(join(repoRoot, 'test/fixtures/otel/tracing.cjs'))});
const { collectStats } = require('asynchro');
const stats = collectStats();
const { TracedClient } = require(${JSON.stringify(join(repoRoot, 'test/fixtures/otel/client.mjs'))});
const client = new TracedClient();
const result = tracer.startActiveSpan('caller', (span) => {
  const ids = client.fetchSync('pump');
  span.end();
  return ids;
});
console.log(JSON.stringify({ result, spans: finishedSpans(), strategies: stats.rows().map((r) => r.strategies) }));
`,
      'cjs',
    );
    const { result, spans, strategies } = lastJson<{ result: Ids; spans: Span[]; strategies: object[] }>(run);
    const caller = spans.find((s) => s.name === 'caller')!;
    const inner = spans.find((s) => s.name === 'afetch pump')!;
    expect(inner.traceId).toBe(caller.traceId);
    expect(inner.parentSpanId).toBe(caller.spanId);
    expect(result.spanId).toBe(inner.spanId);
    expect(strategies).toEqual([{ pump: 1 }]);
  });

  it('in the worker, through addWorkerContext: the worker span joins the caller trace', async () => {
    const run = await runScript(
      String.raw`
import tracing from '${fixtures}tracing.cjs';
import { capture } from '${fixtures}enter.mjs';
import { TracedClient } from '${fixtures}client.mjs';
import { addWorkerContext, collectStats } from 'asynchro';

addWorkerContext({ name: 'otel', capture, module: new URL('enter.mjs', '${fixtures}') });
const stats = collectStats();
const client = new TracedClient();
await null; // from here on we are inside a microtask: the pump cannot run, 'auto' takes the worker
const result = tracing.tracer.startActiveSpan('caller', (span) => {
  const ids = client.fetchSync('worker');
  span.end();
  return ids;
});
console.log(JSON.stringify({ result, spans: tracing.finishedSpans(), strategies: stats.rows().map((r) => r.strategies) }));
`,
      'mjs',
      { watchdogMs: 20_000 },
    );
    const { result, spans, strategies } = lastJson<{ result: Ids; spans: Span[]; strategies: object[] }>(run);
    const caller = spans.find((s) => s.name === 'caller')!;
    expect(strategies).toEqual([{ worker: 1 }]);
    // the worker's span was exported by the worker's own provider; its ids came back with the result
    expect(spans.map((s) => s.name)).toEqual(['caller']);
    expect(result.traceId).toBe(caller.traceId);
    expect(result.parentSpanId).toBe(caller.spanId);
    expect(result.spanId).not.toBe(caller.spanId);
  });
});

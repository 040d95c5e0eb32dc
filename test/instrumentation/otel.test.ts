import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

/** The scripts, runnable by hand, and their tracing setup live in test/fixtures/otel/. */
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/otel/${name}`, import.meta.url));

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
    const run = await runNode([fixture('pump.cjs')]);
    const { result, spans, strategies } = lastJson<{ result: Ids; spans: Span[]; strategies: object[] }>(run);
    const caller = spans.find((s) => s.name === 'caller')!;
    const inner = spans.find((s) => s.name === 'afetch pump')!;
    expect(inner.traceId).toBe(caller.traceId);
    expect(inner.parentSpanId).toBe(caller.spanId);
    expect(result.spanId).toBe(inner.spanId);
    expect(strategies).toEqual([{ pump: 1 }]);
  });

  it('in the worker, through addWorkerContext: the worker span joins the caller trace', async () => {
    const run = await runNode([fixture('worker.mjs')], { watchdogMs: 20_000 });
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

/** The context matrix harness itself: a hanging cell must fail fast, naming where it hung. */
import { expect, it } from 'vitest';
import { contexts } from './matrix/contexts.js';
import type { MatrixStrategy } from './matrix/expectations.js';
import { runContext } from './matrix/matrix.js';

it('a hang is killed by the watchdog, and the error names the context, the strategy and the cells reached', async () => {
  const hangsOnTimer: MatrixStrategy = {
    name: 'hangs-on-timer', // its blockOn never returns from the 'timer' cell
    expected: () => undefined,
  };
  const started = performance.now();
  const failure = await runContext(
    contexts.find((context) => context.name === 'setImmediate')!,
    hangsOnTimer,
    1_500,
  ).catch((error: Error) => error);
  expect(failure).toBeInstanceOf(Error);
  expect((failure as Error).message).toMatch(
    /^context setImmediate, strategy hangs-on-timer: hung, killed by the watchdog after 1500 ms; cells reached: microtasks, immediate, timer \(the last one hung\)/,
  );
  expect(performance.now() - started).toBeLessThan(6_000);
});

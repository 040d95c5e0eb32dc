/** A ready-made subscriber: per blocking entry point, how often it ran, how, and how long it blocked. */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { SYNC_CHANNEL, type SyncCallContext, type SyncStrategyUsed } from './channels.js';

const END = `tracing:${SYNC_CHANNEL}:end`;

export interface CallStats {
  /** `Class.methodSync` for generated methods, else `verb(functionName)`, e.g. `sync(readConfig)`. */
  call: string;
  calls: number;
  errors: number;
  strategies: Partial<Record<SyncStrategyUsed, number>>;
  totalBlockedMs: number;
  maxBlockedMs: number;
}

export interface StatsCollector {
  /** One row per entry point, most time blocked first. */
  rows(): CallStats[];
  /** The rows as an aligned text table. */
  table(): string;
  reset(): void;
  /** Unsubscribes; the bridge is back to zero cost if nobody else listens. */
  close(): void;
}

/** Subscribes to `asynchro-bridge:sync` and aggregates every blocking call until `close()`. */
export function collectStats(): StatsCollector {
  const byCall = new Map<string, CallStats>();
  const record = (message: unknown): void => {
    const context = message as SyncCallContext;
    const call = context.className
      ? `${context.className}.${context.verb}`
      : `${context.verb}(${context.name || '<anonymous>'})`;
    let stats = byCall.get(call);
    if (!stats)
      byCall.set(call, (stats = { call, calls: 0, errors: 0, strategies: {}, totalBlockedMs: 0, maxBlockedMs: 0 }));
    stats.calls++;
    if ('error' in context) stats.errors++;
    if (context.strategy) stats.strategies[context.strategy] = (stats.strategies[context.strategy] ?? 0) + 1;
    stats.totalBlockedMs += context.blockedMs;
    stats.maxBlockedMs = Math.max(stats.maxBlockedMs, context.blockedMs);
  };
  subscribe(END, record);

  const rows = (): CallStats[] => [...byCall.values()].sort((a, b) => b.totalBlockedMs - a.totalBlockedMs);
  return {
    rows,
    table: () => formatTable(rows()),
    reset: () => byCall.clear(),
    close: () => void unsubscribe(END, record),
  };
}

function formatTable(rows: CallStats[]): string {
  const header = ['call', 'calls', 'errors', 'strategy', 'blocked total ms', 'blocked max ms'];
  const body = rows.map((row) => [
    row.call,
    String(row.calls),
    String(row.errors),
    Object.entries(row.strategies)
      .map(([strategy, count]) => `${strategy}×${count}`)
      .join(' '),
    row.totalBlockedMs.toFixed(2),
    row.maxBlockedMs.toFixed(2),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((cells) => cells[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), ...body.map(line)].join('\n');
}

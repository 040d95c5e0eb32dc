/**
 * `asynchro-bridge/instrumentation`: watching and tuning blocking calls in a running process, for operators and
 * tracing tools: the diagnostics channels, call statistics, the process-wide re-entrancy policy, and how deep the
 * pumps on this thread are nested.
 */
export {
  SYNC_CHANNEL,
  DESYNC_CHANNEL,
  type SyncCallContext,
  type DesyncCallContext,
  type SyncStrategyUsed,
  type DesyncStrategyUsed,
} from '../instrumentation/channels.js';
export { collectStats, type StatsCollector, type CallStats } from '../instrumentation/stats.js';
export { setReentrancyPolicy } from '../instrumentation/reentrancy.js';
export { pumpDepth } from '../strategies/pump/index.js';
export { MAX_PUMP_DEPTH } from '../config.js';

/**
 * Runs real Node processes for behaviour a vitest test body cannot show (it is itself a microtask).
 * Every run has a watchdog: a hang ends in a failed assertion within seconds, never a stalled CI. The scripts are
 * fixture files a person can run by hand (test/fixtures/, parameters by argv or env); inside the repo, their
 * `require('asynchro-bridge')` / `import 'asynchro-bridge'` resolve to this package.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  wallMs: number;
}

export interface RunOptions {
  /** Kill the child after this many ms and report `timedOut`. */
  watchdogMs?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  nodeArgs?: string[];
}

export function runNode(args: string[], options: RunOptions = {}): Promise<ChildResult> {
  const { watchdogMs = 10_000, cwd = repoRoot, env = process.env, nodeArgs = [] } = options;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const watchdog = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, watchdogMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      resolve({ code, signal, stdout, stderr, timedOut, wallMs: performance.now() - started });
    });
  });
}

/** Parses the last line of stdout as JSON: scripts report their outcome that way. */
export function lastJson<T = unknown>(result: ChildResult): T {
  const lines = result.stdout.trim().split('\n');
  const last = lines[lines.length - 1];
  if (result.timedOut)
    throw new Error(`child hung and was killed by the watchdog\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  try {
    return JSON.parse(last ?? '') as T;
  } catch {
    throw new Error(
      `child printed no JSON result (exit ${result.code})\nstdout: ${result.stdout}\nstderr: ${result.stderr}`,
    );
  }
}

// scripts/check-commits.sh, run on a scratch repository: it flags the subjects CONTRIBUTING.md's commit style rules
// out, and only in commits made after the script was added (older history is left as it is).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/check-commits.sh', import.meta.url));
const repo = mkdtempSync(join(tmpdir(), 'asynchro-commits-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const git = (...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
let file = 0;
const commit = (message: string): void => {
  writeFileSync(join(repo, `f${++file}`), '');
  git('add', '.');
  git('commit', '-q', '--cleanup=verbatim', '-m', message);
};
const check = (...args: string[]) => {
  const run = spawnSync('bash', [join(repo, 'scripts/check-commits.sh'), ...args], { cwd: repo, encoding: 'utf8' });
  return { status: run.status, out: run.stdout + run.stderr };
};

describe('scripts/check-commits.sh', () => {
  git('init', '-q', '-b', 'main');
  commit(`An old commit from before the rule, whose subject runs on well past seventy-two characters`);
  mkdirSync(join(repo, 'scripts'));
  copyFileSync(script, join(repo, 'scripts/check-commits.sh'));
  commit('Add the commit subject check');
  const ruleAdded = git('rev-parse', 'HEAD').trim();
  commit(`Say what changed in ${'x'.repeat(72 - 'Say what changed in '.length)}`); // exactly 72
  commit('Subject\n\nA body after a blank line, with the reasons and the measurements.');

  it('passes commits that follow the style, and leaves older history alone', () => {
    expect(check()).toEqual({ status: 0, out: '3 passed, 0 failed\n' });
  });

  it('flags a long subject, a trailing period and a body without a blank line', () => {
    commit(`${'y'.repeat(73)}`);
    commit('Fix the thing.');
    commit('Subject\nbody straight after it');
    commit('Grüße, ünïcödé: counted in characters, not bytes');
    const { status, out } = check();
    expect(status).toBe(1);
    expect(out).toContain('subject is 73 characters (at most 72)');
    expect(out).toContain('Fix the thing.\n  - subject ends with a period');
    expect(out).toContain('no blank line between subject and body');
    expect(out).toMatch(/4 passed, 3 failed\n$/);
  });

  it('checks only the commits after a base it is given', () => {
    expect(check('HEAD~1')).toEqual({ status: 0, out: '1 passed, 0 failed\n' });
    expect(check(ruleAdded).out).toMatch(/3 failed/);
    expect(check('no-such-ref')).toMatchObject({ status: 2 });
  });
});

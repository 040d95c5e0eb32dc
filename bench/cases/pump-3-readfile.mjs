// fs.promises.readFile of a small file: a real trip through libuv's thread pool.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pumpCases } from '../lib/pump-cases.mjs';

const file = join(tmpdir(), `asynchro-bench-${process.pid}.txt`);

export default pumpCases('fs.promises.readFile (1 KiB)', {
  setup: () => writeFile(file, 'x'.repeat(1024)),
  work: () => readFile(file),
  teardown: () => rm(file, { force: true }),
  maxVsAwait: 1.1,
});

#!/usr/bin/env node
import { isMainThread, workerData } from 'node:worker_threads';
import { run, runAnalysisWorker } from './main';
import { WORKER_ROLE } from './parallel';

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === WORKER_ROLE) {
  // This bundle started as a worker thread of a large run (see parallel.ts).
  runAnalysisWorker(workerData);
} else {
  // A reader that stops early (`product-docs lint | head`) closes the pipe: stop quietly, not with a
  // stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }

  process.exitCode = run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive: process.stderr.isTTY === true,
    now: () => new Date(),
    workerScript: __filename,
  });
}

#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { run } from './main';
import { nodeWorkspacePort } from './node-workspace-port';

// A reader that stops early (`product-docs lint | head`) closes the pipe: stop quietly, not with a
// stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

void run(process.argv.slice(2), {
  cwd: process.cwd(),
  fs: nodeWorkspacePort({ blocking: true }),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
  now: () => new Date(),
  gitUserName,
}).then((code) => {
  process.exitCode = code;
});

function gitUserName(cwd: string): string {
  try {
    const result = spawnSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', timeout: 2000 });
    return result.status === 0 ? result.stdout.trim() : '';
  } catch {
    return '';
  }
}

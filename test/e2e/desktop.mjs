#!/usr/bin/env node
// The same end-to-end suite in a desktop VS Code, through @vscode/test-electron, for contributors
// whose machine can download VS Code (it cannot on the project's machines and CI: there, use
// test/e2e/run.mjs). On Linux without a display: `xvfb-run -a node test/e2e/desktop.mjs`.
// Screenshots are not taken here (takeScreenshot() resolves with undefined without the harness).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { makeRunFolders } from './run-folders.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const env = process.env;
const fromRepo = (value, fallback) => path.resolve(repoRoot, value || fallback);

const extensionPath = fromRepo(env.E2E_EXTENSION_PATH, '.');
const suitePath = fromRepo(env.E2E_SUITE_PATH, 'out/e2e/suite/index.js');
if (!fs.existsSync(suitePath)) {
  console.error(`no compiled suite at ${suitePath}: run node scripts/e2e/build-suite.mjs`);
  process.exit(1);
}
const dirs = makeRunFolders(fromRepo(env.E2E_FIXTURE, 'test/e2e/fixtures/workspace'));

let exitCode = 1;
try {
  exitCode = await runTests({
    // The VS Code the project pins for code-server (1.100.3); VSCODE_VERSION=stable for the newest.
    version: env.VSCODE_VERSION || '1.100.3',
    // Downloads go into the ignored .e2e/ folder, beside code-server.
    cachePath: path.join(repoRoot, '.e2e/vscode-test'),
    ...(env.VSCODE_EXECUTABLE_PATH ? { vscodeExecutablePath: env.VSCODE_EXECUTABLE_PATH } : {}),
    extensionDevelopmentPath: extensionPath,
    extensionTestsPath: suitePath,
    extensionTestsEnv: { E2E_WORKSPACE: dirs.workspace, E2E_GREP: env.E2E_GREP },
    launchArgs: [
      dirs.workspace,
      `--user-data-dir=${dirs.userData}`,
      `--extensions-dir=${dirs.extensions}`,
      // Other installed extensions; the one under test still loads. runTests itself adds
      // --no-sandbox, --disable-updates, --skip-welcome and --disable-workspace-trust.
      '--disable-extensions',
    ],
  });
} catch (error) {
  // runTests rejects with TestRunFailedError when VS Code exits non-zero (a failing test).
  console.error(error instanceof Error ? error.message : error);
  exitCode = typeof error?.code === 'number' && error.code !== 0 ? error.code : 1;
} finally {
  if (env.E2E_KEEP_TEMP !== '1') fs.rmSync(dirs.root, { recursive: true, force: true });
}
process.exitCode = exitCode;

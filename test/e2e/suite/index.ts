// The extensionTestsPath module: VS Code's extension host calls run() once the workbench is up,
// and ends the test session with a failure when the returned promise rejects.
import * as fs from 'node:fs';
import * as path from 'node:path';

type MochaModule = typeof Mocha & { default?: typeof Mocha };

/** Runs every compiled `*.test.js` beside this file in mocha and prints `N passed, N failed`. */
export async function run(): Promise<void> {
  // mocha 12 is an ES module whose default export is the class; Node 20's require(esm) loads it.
  // It stays external to the bundle (scripts/e2e/build-suite.mjs) and comes from node_modules.
  const mochaModule = require('mocha') as MochaModule;
  const MochaClass = mochaModule.default ?? mochaModule;
  const grep = process.env['E2E_GREP'];
  const mocha = new MochaClass({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env['E2E_TEST_TIMEOUT_MS'] ?? 30_000),
    slow: 2_000,
    ...(grep ? { grep } : {}),
  });

  // The main session runs every test outside sessions/; a session of its own (a fresh window, see
  // test/e2e/run.mjs) runs only the tests in sessions/<name>/.
  const session = process.env['E2E_SESSION'] ?? '';
  const inSession = (file: string) => (session ? file.startsWith(path.join('sessions', session) + path.sep) : !file.startsWith(`sessions${path.sep}`));
  const testFiles = (fs.readdirSync(__dirname, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.test.js') && inSession(file))
    .sort();
  for (const file of testFiles) {
    mocha.addFile(path.join(__dirname, file));
  }
  if (testFiles.length === 0) {
    throw new Error(`no *.test.js files in ${__dirname}: run scripts/e2e/build-suite.mjs`);
  }

  const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats ?? emptyStats()));
    } catch (error) {
      reject(error);
    }
  });
  // The plain closing line that CI counts; test/e2e/run.mjs repeats it as its own last line.
  const skipped = stats.pending > 0 ? `, ${stats.pending} skipped` : '';
  console.log(`${stats.passes} passed, ${stats.failures} failed${skipped}`);
  if (stats.failures > 0) {
    throw new Error(`${stats.failures} end-to-end test(s) failed`);
  }
  // A session whose tests E2E_GREP leaves out has nothing to run; the harness fails a run where no
  // session ran anything.
  if (stats.passes === 0 && !grep) {
    throw new Error('no end-to-end test ran (check E2E_GREP)');
  }
}

function emptyStats(): Mocha.Stats {
  return { suites: 0, tests: 0, passes: 0, pending: 0, failures: 0 };
}

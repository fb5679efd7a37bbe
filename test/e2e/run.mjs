#!/usr/bin/env node
// End-to-end harness: runs the compiled suite (out/e2e/suite/index.js) inside a real VS Code
// (code-server 4.100.3 = VS Code 1.100.3, installed by scripts/e2e/install-code-server.sh), whose
// workbench is opened headless in Debian's Chromium through playwright-core. Exits with the suite's
// exit code and ends with the line `e2e: N passed, N failed`. How and why: test/e2e/README.md.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { makeRunFolders } from './run-folders.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const env = process.env;
const fromRepo = (value, fallback) => path.resolve(repoRoot, value || fallback);
const config = {
  codeServerDir: fromRepo(env.E2E_CODE_SERVER_DIR, '.e2e/code-server/node_modules/code-server'),
  extensionPath: fromRepo(env.E2E_EXTENSION_PATH, '.'),
  // A .vsix to install with --install-extension and test as users get it, instead of the folder.
  vsixPath: env.E2E_VSIX ? path.resolve(repoRoot, env.E2E_VSIX) : undefined,
  suitePath: fromRepo(env.E2E_SUITE_PATH, 'out/e2e/suite/index.js'),
  fixturePath: fromRepo(env.E2E_FIXTURE, 'test/e2e/fixtures/workspace'),
  screenshotDir: fromRepo(env.E2E_SCREENSHOT_DIR, 'out/e2e/screenshots'),
  chromiumPath: env.E2E_CHROMIUM_PATH || '/usr/bin/chromium',
  timeoutMs: Number(env.E2E_TIMEOUT_MS || 180_000),
  quietMs: Number(env.E2E_SCREENSHOT_QUIET_MS || 750),
  maxSettleMs: Number(env.E2E_SCREENSHOT_MAX_WAIT_MS || 10_000),
  viewport: { width: Number(env.E2E_WIDTH || 1440), height: Number(env.E2E_HEIGHT || 900) },
  keepTemp: env.E2E_KEEP_TEMP === '1',
  verbose: env.E2E_VERBOSE === '1',
};
// The workbench logs its own start-up through codeAutomationLog too; these lines say nothing about
// the tests (the gallery look-up fails because the machine is offline, harmlessly).
const workbenchNoise = [
  /^Resolving connection token/,
  /^Resolved connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /ENOTFOUND open-vsx\.org/,
];
const resultLine = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[e2e ${elapsed()}] ${message}`);

class HarnessError extends Error {}

function checkPrerequisites() {
  const problems = [];
  const entry = path.join(config.codeServerDir, 'out/node/entry.js');
  if (!fs.existsSync(entry)) {
    problems.push(`no code-server at ${config.codeServerDir}: run bash scripts/e2e/install-code-server.sh`);
  }
  if (!fs.existsSync(config.chromiumPath)) {
    problems.push(`no Chromium at ${config.chromiumPath}: run bash scripts/e2e/system-deps.sh`);
  }
  if (!fs.existsSync(config.suitePath)) {
    problems.push(`no compiled suite at ${config.suitePath}: run node scripts/e2e/build-suite.mjs`);
  }
  const manifestPath = path.join(config.extensionPath, 'package.json');
  if (config.vsixPath) {
    if (!fs.existsSync(config.vsixPath)) problems.push(`no package at ${config.vsixPath}: run npm run package (E2E_VSIX)`);
  } else if (!fs.existsSync(manifestPath)) {
    problems.push(`no extension manifest at ${manifestPath} (E2E_EXTENSION_PATH)`);
  } else {
    const { main } = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    const mainPath = main && path.resolve(config.extensionPath, main);
    if (mainPath && !fs.existsSync(mainPath) && !fs.existsSync(`${mainPath}.js`)) {
      problems.push(`the extension's main ${main} does not exist: run npm run build`);
    }
  }
  if (!fs.existsSync(config.fixturePath)) {
    problems.push(`no fixture workspace at ${config.fixturePath} (E2E_FIXTURE)`);
  }
  if (problems.length > 0) {
    throw new HarnessError(problems.join('\n'));
  }
  return entry;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Installs the .vsix into the run's extensions folder as a user would (code-server's
 * --install-extension), and makes an empty extension to stand as the development extension: VS
 * Code runs a test suite only beside one, and the installed package must not be shadowed by the repo.
 */
function installPackage(entry, dirs) {
  const result = spawnSync(process.execPath, [entry, '--install-extension', config.vsixPath, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData], {
    env: { ...env, HOME: dirs.home, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, XDG_CACHE_HOME: dirs.xdgCache },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const installed = fs.readdirSync(dirs.extensions).filter((name) => name.startsWith('productdocs.product-docs-'));
  if (result.status !== 0 || installed.length !== 1) {
    throw new HarnessError(`installing ${config.vsixPath} failed (exit ${result.status}): ${result.stdout}${result.stderr}`);
  }
  say(`installed ${path.relative(repoRoot, config.vsixPath)} as ${installed[0]}`);
  dirs.testHost = path.join(dirs.root, 'test-host-extension');
  fs.mkdirSync(dirs.testHost, { recursive: true });
  const manifest = { name: 'e2e-test-host', publisher: 'productdocs-tests', version: '0.0.0', engines: { vscode: '^1.95.0' } };
  fs.writeFileSync(path.join(dirs.testHost, 'package.json'), JSON.stringify(manifest));
}

/** Starts code-server in its own process group and resolves once it listens. */
function startCodeServer(entry, port, dirs, session) {
  const childEnv = { ...env };
  for (const key of Object.keys(childEnv)) {
    // Inherited from a VS Code terminal, these would point the server at another VS Code.
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete childEnv[key];
  }
  Object.assign(childEnv, {
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    // The extension host inherits these: the screenshot bridge (test/e2e/suite/screenshot.ts).
    E2E_BRIDGE_DIR: dirs.bridge,
    E2E_WORKSPACE: dirs.workspace,
    // Which tests the suite runs (test/e2e/suite/index.ts): '' for the main session.
    E2E_SESSION: session,
    // Measurements the suite records for `npm run bench` (activation time, a full rescan's times).
    E2E_RESULTS_DIR: env.E2E_RESULTS_DIR || path.join(repoRoot, 'out', 'e2e'),
  });
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--config', path.join(dirs.root, 'code-server.yaml'),
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--ignore-last-opened',
  ];
  const logPath = path.join(dirs.root, 'code-server.log');
  const log = fs.createWriteStream(logPath);
  const server = spawn(process.execPath, args, {
    env: childEnv,
    cwd: dirs.root,
    detached: true, // its own process group: the extension host and its helpers die with it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanupOnSignal.children.add(server);
  const listening = new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk) => {
      log.write(chunk);
      if (config.verbose) process.stdout.write(`[code-server] ${chunk}`);
      seen += chunk.toString();
      if (seen.includes('HTTP server listening on')) resolve();
      if (seen.length > 100_000) seen = seen.slice(-1000);
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('error', reject);
    server.on('exit', (code, signal) =>
      reject(new HarnessError(`code-server exited early (${signal ?? code}); its log: ${logPath}`)),
    );
  });
  return { server, listening, logPath };
}

async function stopProcessGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    // The leader may be gone while the extension host still runs in its group.
    try { process.kill(-child.pid, 'SIGKILL'); } catch {}
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try { process.kill(-child.pid, 'SIGTERM'); } catch {}
  const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch {} }, 3_000);
  await exited;
  clearTimeout(timer);
  try { process.kill(-child.pid, 'SIGKILL'); } catch {} // stragglers in the group
}

/**
 * Waits until the workbench shows what the test did: its color theme is applied (until then the
 * workbench paints fallback colors; the theme arrives with the extension host's first scan) and
 * then nothing in the DOM has changed for E2E_SCREENSHOT_QUIET_MS (the explorer revealing a file,
 * the editor tokenizing, views filling in). Gives up after E2E_SCREENSHOT_MAX_WAIT_MS.
 */
function waitForQuietWorkbench(page) {
  return page.evaluate(async ({ quietMs, maxMs }) => {
    const started = performance.now();
    const sleep = () => new Promise((resolve) => setTimeout(resolve, 50));
    const themed = () => /(^|\s)vscode-theme-/.test(document.querySelector('.monaco-workbench')?.className ?? '');
    while (!themed()) {
      if (performance.now() - started > maxMs) return 'without its theme';
      await sleep();
    }
    let lastChange = performance.now();
    const observer = new MutationObserver((records) => {
      // The blinking cursor is the one thing that never settles.
      const changed = records.some((record) => {
        const element = record.target instanceof Element ? record.target : record.target.parentElement;
        return !element?.closest('.cursors-layer');
      });
      if (changed) lastChange = performance.now();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    try {
      while (performance.now() - lastChange < quietMs) {
        if (performance.now() - started > maxMs) return 'changing';
        await sleep();
      }
    } finally {
      observer.disconnect();
    }
    return 'quiet';
  }, { quietMs: config.quietMs, maxMs: config.maxSettleMs });
}

/**
 * One request from the extension host: `{ name }` takes a screenshot named so; `{ select }` reads
 * the DOM id, classes and text of each element matching a CSS selector: what the workbench shows
 * (the status bar, a view's message) that no extension API exposes.
 */
async function answerRequest(page, { name, select }) {
  if (select !== undefined) {
    return { elements: await page.$$eval(String(select), (found) => found.map((e) => ({ id: e.id, className: String(e.className), text: e.innerText.trim() }))) };
  }
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new Error(`bad screenshot name ${JSON.stringify(name)}`);
  const settled = await waitForQuietWorkbench(page);
  if (settled !== 'quiet') say(`screenshot ${name}: taken while the workbench was still ${settled}`);
  const target = path.join(config.screenshotDir, `${name}.png`);
  fs.mkdirSync(config.screenshotDir, { recursive: true });
  await page.screenshot({ path: target });
  say(`screenshot ${path.relative(repoRoot, target)}`);
  return { path: target };
}

/** Serves the requests that test/e2e/suite/screenshot.ts writes into the bridge dir. */
function startScreenshotBridge(page, bridgeDir) {
  let busy = false;
  const serve = async () => {
    if (busy) return;
    busy = true;
    try {
      const requests = fs.readdirSync(bridgeDir).filter((file) => file.endsWith('.request')).sort();
      for (const request of requests) {
        const id = request.slice(0, -'.request'.length);
        const requestPath = path.join(bridgeDir, request);
        let answer;
        try {
          answer = await answerRequest(page, JSON.parse(fs.readFileSync(requestPath, 'utf8')));
        } catch (error) {
          answer = { error: String(error?.message ?? error) };
        }
        fs.rmSync(requestPath, { force: true });
        fs.writeFileSync(`${path.join(bridgeDir, id)}.done.tmp`, JSON.stringify(answer));
        fs.renameSync(`${path.join(bridgeDir, id)}.done.tmp`, `${path.join(bridgeDir, id)}.done`);
      }
    } catch (error) {
      say(`screenshot bridge: ${error?.message ?? error}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(serve, 100);
  return { stop: () => clearInterval(timer) };
}

/**
 * The sessions of a run: the main one on the fixture workspace, then one fresh window per folder
 * of test/e2e/suite/sessions/<name>/, each on its own workspace test/e2e/fixtures/<name>/, for what
 * needs a window where nothing ran before (start-up, activation). test/e2e/README.md says more.
 */
function sessions() {
  const sessionsDir = path.join(repoRoot, 'test/e2e/suite/sessions');
  const extra = fs.existsSync(sessionsDir) && !env.E2E_FIXTURE
    ? fs.readdirSync(sessionsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  return [
    { name: '', fixturePath: config.fixturePath },
    ...extra.map((name) => ({ name, fixturePath: path.join(repoRoot, 'test/e2e/fixtures', name) })),
  ];
}

async function main() {
  const entry = checkPrerequisites();
  let exitCode = 0;
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const session of sessions()) {
    if (session.name) say(`session ${session.name}: a fresh window on ${path.relative(repoRoot, session.fixturePath)}`);
    const result = await runSession(entry, session);
    if (result.exitCode !== 0) exitCode = result.exitCode;
    for (const key of Object.keys(total)) total[key] += result.counts[key];
  }
  if (total.passed === 0 && exitCode === 0) {
    console.error('[e2e] no end-to-end test ran in any session (check E2E_GREP)');
    exitCode = 1;
  }
  const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
  console.log(`e2e: ${total.passed} passed, ${total.failed} failed${skipped}`);
  return exitCode;
}

async function runSession(entry, session) {
  if (!fs.existsSync(session.fixturePath)) throw new HarnessError(`no fixture workspace at ${session.fixturePath}`);
  const dirs = makeRunFolders(session.fixturePath);
  cleanupOnSignal.tempRoot = dirs.root;
  const port = await freePort();
  let server;
  let browser;
  let bridge;
  let exitCode = 1;
  let counts;
  let timer;
  try {
    say(`code-server ${path.relative(repoRoot, config.codeServerDir) || '.'} on 127.0.0.1:${port}; temp ${dirs.root}`);
    if (config.vsixPath) installPackage(entry, dirs);
    const codeServer = startCodeServer(entry, port, dirs, session.name);
    server = codeServer.server;
    const failed = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new HarnessError(`timed out after ${config.timeoutMs / 1000} s (E2E_TIMEOUT_MS)`)),
        config.timeoutMs,
      );
      codeServer.listening.catch(reject);
    });
    await Promise.race([codeServer.listening, failed]);
    say('code-server is listening');

    browser = await chromium.launch({
      executablePath: config.chromiumPath,
      headless: true,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      ],
      env: { ...env, HOME: dirs.home, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_CACHE_HOME: dirs.xdgCache },
    });
    const page = await browser.newPage({ viewport: config.viewport });

    let resolveExit;
    let rejectExit;
    const suiteExit = new Promise((resolve, reject) => { resolveExit = resolve; rejectExit = reject; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // args is a console call's arguments, format string first (mocha's reporters use %s, %d).
      const text = Array.isArray(args) ? format(...args) : String(args);
      if (!config.verbose && workbenchNoise.some((noise) => noise.test(text))) return;
      for (const line of text.split('\n')) {
        const match = resultLine.exec(line.trim());
        if (match) {
          counts = { passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3] ?? 0) };
          continue; // printed once, as the harness's last line
        }
        (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    page.on('crash', () => rejectExit(new HarnessError('the workbench page crashed')));
    if (config.verbose) {
      page.on('console', (message) => console.log(`[page ${message.type()}] ${message.text()}`));
    }
    bridge = startScreenshotBridge(page, dirs.bridge);

    const remote = (file) => `vscode-remote://127.0.0.1:${port}${file}`;
    const payload = [
      ['extensionDevelopmentPath', remote(config.vsixPath ? dirs.testHost : config.extensionPath)],
      ['extensionTestsPath', remote(config.suitePath)],
      ['skipWelcome', 'true'],
    ];
    const url = new URL(`http://127.0.0.1:${port}/`);
    url.searchParams.set('folder', dirs.workspace);
    url.searchParams.set('payload', JSON.stringify(payload));
    say(`opening the workbench: extension ${config.vsixPath ?? config.extensionPath}, suite ${path.relative(repoRoot, config.suitePath)}`);
    // The workbench goes on loading after this; the suite's end is what the harness waits for.
    await Promise.race([page.goto(url.href, { waitUntil: 'domcontentloaded', timeout: 60_000 }), failed]);

    exitCode = await Promise.race([suiteExit, failed]);
    say(`suite finished with exit code ${exitCode}`);
    // The result line and the exit code travel separately; give the line a moment to arrive.
    for (let waited = 0; !counts && waited < 2_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    exitCode = 1;
    console.error(`[e2e ${elapsed()}] ${error instanceof HarnessError ? error.message : error?.stack ?? error}`);
    if (browser && bridge) {
      // A picture of where it got stuck is worth more than the log.
      const target = path.join(config.screenshotDir, 'e2e-failure.png');
      try {
        fs.mkdirSync(config.screenshotDir, { recursive: true });
        const [page] = browser.contexts()[0]?.pages() ?? [];
        if (page) {
          await page.screenshot({ path: target, timeout: 5_000 });
          console.error(`[e2e] screenshot of the failure: ${path.relative(repoRoot, target)}`);
        }
      } catch {}
    }
    const logPath = path.join(dirs.root, 'code-server.log');
    if (fs.existsSync(logPath)) {
      const tail = fs.readFileSync(logPath, 'utf8').trim().split('\n').slice(-30).join('\n');
      console.error(`[e2e] last lines of the code-server log:\n${tail}`);
    }
  } finally {
    clearTimeout(timer);
    bridge?.stop();
    await browser?.close().catch(() => {});
    if (server) await stopProcessGroup(server);
    if (config.keepTemp) {
      say(`kept ${dirs.root}`);
    } else {
      fs.rmSync(dirs.root, { recursive: true, force: true });
    }
  }
  say(`done, exit code ${exitCode}`);
  if (!counts) {
    // The suite never reported (crash, timeout): count the whole run as one failure for CI.
    counts = { passed: 0, failed: 1, skipped: 0 };
    if (exitCode === 0) exitCode = 1;
  } else if (exitCode === 0 && counts.failed > 0) {
    exitCode = 1;
  }
  return { exitCode, counts };
}

// On Ctrl-C or a CI cancel, main()'s finally never runs: end what it started from here.
const cleanupOnSignal = { children: new Set(), tempRoot: undefined };
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`[e2e] ${signal}: stopping`);
    for (const child of cleanupOnSignal.children) {
      try { process.kill(-child.pid, 'SIGKILL'); } catch {}
    }
    if (cleanupOnSignal.tempRoot && !config.keepTemp) {
      fs.rmSync(cleanupOnSignal.tempRoot, { recursive: true, force: true });
    }
    process.exit(130);
  });
}

try {
  process.exitCode = await main();
} catch (error) {
  // Nothing started yet (a missing install or build): say what to run.
  console.error(`[e2e] ${error instanceof HarnessError ? error.message : error?.stack ?? error}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exitCode = 1;
}

// Screenshots, and what the workbench shows, from inside the extension host. A test cannot reach
// Playwright, which runs in the harness (test/e2e/run.mjs), so the two talk through files in a
// folder both can see:
//   test     writes  <bridge>/<id>.request   {"name": "..."} or {"select": "<css>"}   (written whole, then renamed)
//   harness  writes  <bridge>/<id>.done      {"path": "..."}, {"elements": [...]} or {"error": "..."}
// The test waits for the .done file, so the answer shows the workbench as the test left it.
import * as fs from 'node:fs';
import * as path from 'node:path';

const screenshotName = /^[a-z0-9][a-z0-9._-]*$/i;

interface Answer {
  path?: string;
  elements?: WorkbenchElement[];
  error?: string;
}

/** An element of the workbench's page: its DOM id, classes and text (codicons are not text). */
export interface WorkbenchElement {
  id: string;
  className: string;
  text: string;
}

/** Sends a request to the harness; undefined when no harness listens (E2E_BRIDGE_DIR unset). */
async function askHarness(request: object, what: string, timeoutMs: number): Promise<Answer | undefined> {
  const bridgeDir = process.env['E2E_BRIDGE_DIR'];
  if (!bridgeDir) return undefined;
  const id = `${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const requestPath = path.join(bridgeDir, `${id}.request`);
  const donePath = path.join(bridgeDir, `${id}.done`);
  fs.writeFileSync(`${requestPath}.tmp`, JSON.stringify(request));
  fs.renameSync(`${requestPath}.tmp`, requestPath);
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(donePath)) {
    if (Date.now() > deadline) throw new Error(`no ${what} after ${timeoutMs} ms: is test/e2e/run.mjs running?`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const answer = JSON.parse(fs.readFileSync(donePath, 'utf8')) as Answer;
  if (answer.error !== undefined) throw new Error(`${what} failed in the harness: ${answer.error}`);
  return answer;
}

/**
 * Asks the harness for a screenshot of the whole workbench, saved as `<name>.png`, and resolves
 * with the PNG's path once it is written. Resolves with undefined when no harness listens
 * (E2E_BRIDGE_DIR unset, e.g. under the desktop runner test/e2e/desktop.mjs).
 */
export async function takeScreenshot(name: string, timeoutMs = 20_000): Promise<string | undefined> {
  if (!screenshotName.test(name)) {
    throw new Error(`Unexpected screenshot name "${name}", expected letters, digits, '.', '-' or '_'`);
  }
  const answer = await askHarness({ name }, `screenshot "${name}"`, timeoutMs);
  if (!answer) return undefined;
  if (answer.path === undefined) throw new Error(`screenshot "${name}": the harness gave no path`);
  console.log(`screenshot: ${answer.path}`);
  return answer.path;
}

/** The elements of the workbench matching a CSS selector, now; undefined when no harness listens. */
export async function workbenchElements(select: string, timeoutMs = 10_000): Promise<WorkbenchElement[] | undefined> {
  return (await askHarness({ select }, `elements "${select}"`, timeoutMs))?.elements;
}

// Compiles the end-to-end suite (test/e2e/suite) for VS Code's extension host: each entry
// (index.ts and every *.test.ts) is bundled on its own into out/e2e/suite/, keeping the folder
// layout, as CommonJS for Node 20. `vscode` is provided by the extension host, and mocha is
// required at run time from node_modules (mocha 12 is an ES module; bundling it buys nothing).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suiteDir = path.join(repoRoot, 'test/e2e/suite');
const outDir = path.join(repoRoot, 'out/e2e/suite');

const entryPoints = fs
  .readdirSync(suiteDir, { recursive: true })
  .filter((file) => file === 'index.ts' || file.endsWith('.test.ts'))
  .map((file) => path.join(suiteDir, file));

// A test deleted from test/e2e/suite must not keep running from a stale bundle.
fs.rmSync(outDir, { recursive: true, force: true });
await build({
  entryPoints,
  outbase: suiteDir,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log(`e2e suite: ${entryPoints.length} entries bundled into ${path.relative(repoRoot, outDir)}`);

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

// Core is shared by the CLI, the desktop extension and the web build: it must not reach the editor
// or the machine itself.
const CORE = join(__dirname, '../../src/core');
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

function importedModules(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g)) specifiers.push(match[1]!);
  return specifiers;
}

describe('core stays pure', () => {
  const files = sourceFiles(CORE);

  it('has source files to check', () => {
    assert.ok(files.length > 20, `found only ${files.length} files under src/core`);
  });

  it('imports neither vscode nor any Node built-in', () => {
    const offending = files.flatMap((file) =>
      importedModules(readFileSync(file, 'utf8'))
        .filter((specifier) => specifier === 'vscode' || specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!))
        .map((specifier) => `${relative(CORE, file)} imports ${specifier}`),
    );
    assert.deepEqual(offending, []);
  });

  it('recognises the imports it forbids', () => {
    assert.deepEqual(importedModules(`import * as vscode from 'vscode';\nimport { readFileSync } from "node:fs";\nconst p = require('path');`), ['vscode', 'node:fs', 'path']);
  });
});

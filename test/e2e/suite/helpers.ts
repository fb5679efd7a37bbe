import * as vscode from 'vscode';
import type { ProductDocsApi } from '../../../src/vscode/extension';

export const EXTENSION_ID = 'productdocs.product-docs';

/** The activated extension's API. */
export async function productDocs(): Promise<ProductDocsApi> {
  const extension = vscode.extensions.getExtension<ProductDocsApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.isActive ? extension.exports : extension.activate();
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e run has no workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Polls until `probe` returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export function productDocsDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Product Docs');
}

export function ruleOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/** Closes every editor without saving, so one test's buffers never leak into the next. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Code actions the providers offer for a range, of one kind (e.g. 'quickfix', 'source.fixAll.productDocs'). */
export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind);
}

/** Writes the workspace config and resolves once a probe shows it applied (`applied` returns true). */
export async function writeConfig(text: string, applied: () => boolean | Promise<boolean>): Promise<void> {
  await writeText(workspaceUri('.product-docs.yaml'), text);
  await waitFor('the config to apply', applied, 15_000);
}

/** Removes the workspace config, if any. */
export async function removeConfig(): Promise<void> {
  try {
    await vscode.workspace.fs.delete(workspaceUri('.product-docs.yaml'));
  } catch {
    // already gone
  }
}

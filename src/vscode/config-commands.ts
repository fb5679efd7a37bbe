import * as vscode from 'vscode';
import { configTemplate } from '../core/config/config-template';
import type { ConfigService } from './config-service';

/** Opening (or creating) `.product-docs.yaml`, and the documentation. */
export function registerConfigCommands(configs: ConfigService, extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('productDocs.openConfig', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) {
        void vscode.window.showErrorMessage('Product Docs: open a folder first; the configuration lives at its root.');
        return;
      }
      const file = configs.configFile(folder);
      try {
        await vscode.workspace.fs.stat(file);
      } catch {
        const create = await vscode.window.showInformationMessage('This workspace has no .product-docs.yaml yet. Create one with the defaults, commented?', 'Create');
        if (create !== 'Create') return;
        await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(configTemplate()));
      }
      await vscode.window.showTextDocument(file);
    }),
    // Returns what it opened, so a test can check that the file is really there.
    vscode.commands.registerCommand('productDocs.openDocs', async (): Promise<vscode.Uri | undefined> => {
      const readme = await userDocumentation(extensionUri);
      if (readme) await vscode.commands.executeCommand('markdown.showPreview', readme);
      else void vscode.window.showErrorMessage('Product Docs: the documentation is missing from the installed extension; reinstall it.');
      return readme;
    }),
  );
}

/** The README the extension ships with: `README.md` in a folder, `readme.md` once packaged by vsce. */
async function userDocumentation(extensionUri: vscode.Uri): Promise<vscode.Uri | undefined> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(extensionUri);
    const name = entries.find(([entry, kind]) => kind === vscode.FileType.File && entry.toLowerCase() === 'readme.md')?.[0];
    return name === undefined ? undefined : vscode.Uri.joinPath(extensionUri, name);
  } catch {
    return undefined;
  }
}

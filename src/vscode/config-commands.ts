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
    vscode.commands.registerCommand('productDocs.openDocs', () => vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(extensionUri, 'README.md'))),
  );
}

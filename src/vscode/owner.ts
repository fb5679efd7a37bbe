import * as vscode from 'vscode';
import { settings } from './settings';

interface GitApi {
  repositories: { getConfig(key: string): Promise<string>; getGlobalConfig(key: string): Promise<string> }[];
}

/** The user's name for `owner:`: the productDocs.owner setting, else git's user.name. */
export class OwnerName {
  private gitName: string | undefined;
  private lookup: Promise<string> | undefined;

  /** What is known now, without waiting (git's name once it has been looked up). */
  current(): string {
    return settings().owner || this.gitName || '';
  }

  async resolve(): Promise<string> {
    if (settings().owner) return settings().owner;
    this.lookup ??= gitUserName().then((name) => (this.gitName = name));
    return this.lookup;
  }
}

/** user.name from the built-in git extension (works in remote workspaces too), or ''. */
async function gitUserName(): Promise<string> {
  try {
    const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    const api = (extension?.isActive ? extension.exports : await extension?.activate())?.getAPI(1);
    const repository = api?.repositories[0];
    if (!repository) return '';
    return ((await repository.getConfig('user.name')) || (await repository.getGlobalConfig('user.name')) || '').trim();
  } catch {
    return '';
  }
}

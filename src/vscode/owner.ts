import * as vscode from 'vscode';
import { settings } from './settings';

interface GitApi {
  repositories: { getConfig(key: string): Promise<string>; getGlobalConfig(key: string): Promise<string> }[];
}

/** After a lookup that found no name, git is not asked again for this long. */
const RETRY_AFTER_MS = 2_000;

/** The user's name for `owner:`: the productDocs.owner setting, else git's user.name. */
export class OwnerName {
  private gitName = '';
  private lookup: Promise<string> | undefined;
  private retryAt = 0;
  private readonly retryAfterMs: number;

  constructor(
    private readonly lookUpGitName: () => Promise<string> = gitUserName,
    options: { retryAfterMs?: number } = {},
  ) {
    this.retryAfterMs = options.retryAfterMs ?? RETRY_AFTER_MS;
  }

  /** What is known now, without waiting (git's name once it has been looked up). */
  current(): string {
    return settings().owner || this.gitName;
  }

  async resolve(): Promise<string> {
    if (settings().owner) return settings().owner;
    if (this.gitName) return this.gitName;
    // In a window's first seconds the git extension may have no repository open yet: an empty
    // answer is not kept, only a short back-off so a burst of uses does not ask git each time.
    if (!this.lookup && Date.now() < this.retryAt) return '';
    this.lookup ??= this.lookUpGitName().catch(() => '').then((name) => {
      this.gitName = name;
      this.lookup = undefined;
      if (!name) this.retryAt = Date.now() + this.retryAfterMs;
      return name;
    });
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

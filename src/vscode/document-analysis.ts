import * as vscode from 'vscode';
import type { Finding } from '../core/findings';
import { analyze, type Analysis } from '../core/workspace/workspace-index';
import type { ConfigService } from './config-service';
import type { OwnerName } from './owner';

/** Analyses of open documents, one per document version: diagnostics, fixes and the status bar share it. */
export class DocumentAnalyses {
  private readonly cache = new WeakMap<vscode.TextDocument, { version: number; generation: number; analysis: Analysis }>();
  /** How many analyses ran and the longest one, in ms: what linting costs the extension host. */
  readonly stats = { count: 0, longestMs: 0 };
  /** Bumped when the config changes, so cached analyses are recomputed. */
  private generation = 0;

  constructor(
    private readonly configs: ConfigService,
    private readonly owner: OwnerName,
  ) {}

  /** Resolves once the workspace's configs are read: analyses before that would use the defaults. */
  get ready(): Promise<void> {
    return this.configs.ready;
  }

  invalidate(): void {
    this.generation++;
  }

  analysisOf(document: vscode.TextDocument): Analysis {
    const cached = this.cache.get(document);
    if (cached && cached.version === document.version && cached.generation === this.generation) return cached.analysis;
    const started = performance.now();
    const analysis = this.analyzerFor(document)(document.getText());
    this.stats.count++;
    this.stats.longestMs = Math.max(this.stats.longestMs, performance.now() - started);
    this.cache.set(document, { version: document.version, generation: this.generation, analysis });
    return analysis;
  }

  /** Lints any text as if it were this document's (for fix-all's rounds). */
  linterFor(document: vscode.TextDocument): (text: string) => Finding[] {
    const analyzer = this.analyzerFor(document);
    return (text) => analyzer(text).findings;
  }

  /** Analyses texts under the document's path, config and owner. */
  private analyzerFor(document: vscode.TextDocument): (text: string) => Analysis {
    const path = vscode.workspace.asRelativePath(document.uri, false);
    const config = this.configs.configFor(document.uri);
    const owner = this.owner.current();
    // Above the size limit nothing is linted, in the editor as in the workspace scan.
    return (text) => (text.length > config.maxFileSize ? analyze('', path, config) : analyze(text, path, config, owner));
  }
}

export function isMarkdown(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown';
}

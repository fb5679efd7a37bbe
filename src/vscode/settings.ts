import * as vscode from 'vscode';
import { GROUPINGS, type Grouping } from '../core/config/config';
import { SEVERITY_SETTINGS, type SeveritySetting } from '../core/findings';

/** The `productDocs.*` settings, read fresh each time (they can change at any moment). */
export function settings() {
  const config = vscode.workspace.getConfiguration('productDocs');
  const groupBy = config.get<string>('roadmap.groupBy', 'status');
  const rules = config.get<Record<string, unknown>>('rules', {});
  return {
    docsFolder: config.get<string>('docsFolder', 'docs'),
    owner: config.get<string>('owner', '').trim(),
    lintOnType: config.get<boolean>('lint.onType', true),
    lintOnSave: config.get<boolean>('lint.onSave', true),
    lintWorkspace: config.get<boolean>('lint.workspace', false),
    groupBy: ((GROUPINGS as readonly string[]).includes(groupBy) ? groupBy : 'status') as Grouping,
    severities: Object.fromEntries(
      Object.entries(rules ?? {}).filter((entry): entry is [string, SeveritySetting] => (SEVERITY_SETTINGS as readonly unknown[]).includes(entry[1])),
    ),
  };
}

export const SETTINGS_SECTION = 'productDocs';

import { classify, type Classification } from './config/classify-document';
import type { ProductDocsConfig } from './config/config';
import type { ParsedDocument } from './document';
import type { Finding } from './findings';
import { RULES } from './rules';
import type { RuleContext } from './rules/rule';
import { matchSections } from './markdown/sections';

export interface LintOptions {
  config: ProductDocsConfig;
  /** Workspace-relative path with `/`: decides types given by `files` globs. */
  path?: string;
  /** The user's name (an editor setting, or git's user name): the missing-field fix writes it into an empty `owner`. */
  owner?: string;
}

/**
 * Lints one parsed document. Files that are not product documents get no findings. Severity is
 * applied here, from the config, and nowhere else. Never throws on any document.
 */
export function lint(doc: ParsedDocument, options: LintOptions, classification: Classification = classify(doc, options.path, options.config)): Finding[] {
  const { config, path, owner } = options;
  if (classification.kind === 'other') return [];
  const type = classification.kind === 'product' ? classification.type : undefined;
  const context: RuleContext = {
    doc,
    config,
    type,
    typedBy: classification.kind === 'product' ? classification.typedBy : undefined,
    unknownTypeName: classification.kind === 'unknown-type' ? classification.typeName : undefined,
    matched: type ? matchSections(doc, type) : [],
    path,
    owner: owner?.trim() || undefined,
  };
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const severity = config.severities[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    for (const finding of rule.check(context)) findings.push({ ...finding, severity });
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

import * as vscode from 'vscode';
import { findType } from '../core/classify';
import type { ProductDocsConfig } from '../core/config';
import { builtInTypes, type DocumentType, type FieldSpec } from '../core/document-types';
import type { ConfigService } from './config-service';
import type { DocumentAnalyses } from './document-analysis';

/** Completions and hovers for front-matter fields: what a field means and what it allows. */
export function registerFrontMatterHelp(analyses: DocumentAnalyses, configs: ConfigService): vscode.Disposable {
  const fieldsOf = (document: vscode.TextDocument): { config: ProductDocsConfig; type: DocumentType } => {
    const config = configs.configFor(document.uri);
    const analysis = analyses.analysisOf(document);
    const declared = analysis.doc.frontMatter?.data['type'];
    return { config, type: analysis.type ?? (typeof declared === 'string' ? findType(config, declared) : undefined) ?? builtInTypes()[0]! };
  };
  const inFrontMatter = (document: vscode.TextDocument, position: vscode.Position): boolean => {
    const { doc } = analyses.analysisOf(document);
    const fm = doc.frontMatter;
    if (!fm) return false;
    const first = doc.lines.positionAt(fm.contentStart).line;
    const last = fm.closed ? doc.lines.positionAt(fm.contentEnd).line - 1 : doc.lines.lineCount - 1;
    return position.line >= first && position.line <= last;
  };

  const completions: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position) {
      if (!inFrontMatter(document, position)) return undefined;
      const before = document.lineAt(position.line).text.slice(0, position.character);
      const { config, type } = fieldsOf(document);
      const valueMatch = /^([\w-]+):[ \t]*([^\s]*)$/.exec(before);
      if (valueMatch) {
        const field = valueMatch[1]!;
        const values = field === 'type' ? config.types.map((t) => t.id) : suggestedValues(type.fields[field]);
        return values.map((value, i) => {
          const item = new vscode.CompletionItem(value, vscode.CompletionItemKind.EnumMember);
          item.sortText = String(i).padStart(3, '0');
          item.detail = (field === 'type' ? config.types.find((t) => t.id === value)?.description : type.fields[field]?.description) ?? '';
          return item;
        });
      }
      if (!/^[\w-]*$/.test(before)) return undefined;
      const present = analyses.analysisOf(document).doc.frontMatter?.fields ?? new Map();
      return Object.entries(type.fields)
        .filter(([name]) => !present.has(name))
        .map(([name, spec]) => {
          const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Property);
          item.insertText = new vscode.SnippetString(`${name}: ${spec.kind === 'list' ? '[$1]' : '$1'}`);
          item.detail = spec.required ? 'required' : 'optional';
          item.documentation = fieldDocs(name, spec);
          item.sortText = `${spec.required ? 0 : 1}${name}`;
          item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };
          return item;
        });
    },
  };

  const hovers: vscode.HoverProvider = {
    provideHover(document, position) {
      if (!inFrontMatter(document, position)) return undefined;
      const line = document.lineAt(position.line).text;
      const key = /^([\w-]+)\s*:/.exec(line);
      if (!key || position.character > key[1]!.length) return undefined;
      const { config, type } = fieldsOf(document);
      const spec = type.fields[key[1]!];
      if (!spec) return undefined;
      const docs = fieldDocs(key[1]!, key[1] === 'type' ? { ...spec, values: config.types.map((t) => t.id) } : spec);
      return new vscode.Hover(docs, new vscode.Range(position.line, 0, position.line, key[1]!.length));
    },
  };

  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, completions, ':', ' '),
    vscode.languages.registerHoverProvider({ language: 'markdown' }, hovers),
  );
}

function suggestedValues(spec: FieldSpec | undefined): string[] {
  if (!spec) return [];
  if (spec.values) return spec.values;
  const today = new Date();
  if (spec.kind === 'date') return [today.toISOString().slice(0, 10)];
  if (spec.kind === 'quarter') {
    return [0, 1, 2, 3].map((ahead) => {
      const index = today.getUTCFullYear() * 4 + Math.floor(today.getUTCMonth() / 3) + ahead;
      return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
    });
  }
  if (spec.kind === 'boolean') return ['true', 'false'];
  return [];
}

function fieldDocs(name: string, spec: FieldSpec): vscode.MarkdownString {
  const allowed = spec.values
    ? `Allowed: ${spec.values.map((v) => `\`${v}\``).join(', ')}.`
    : { date: 'A date as `YYYY-MM-DD`.', quarter: 'A quarter as `YYYY-Qn`, e.g. `2026-Q3`.', list: 'A list, e.g. `[a, b]`.', boolean: '`true` or `false`.', string: spec.pattern ? `Must match \`${spec.pattern}\`.` : '' }[spec.kind];
  return new vscode.MarkdownString(`**${name}** (${spec.required ? 'required' : 'optional'})\n\n${spec.description}\n\n${allowed}`.trim());
}

import * as vscode from 'vscode';
import { findType } from '../core/config/classify-document';
import type { ProductDocsConfig } from '../core/config/config';
import { builtInTypes, type DocumentType, type FieldSpec } from '../core/config/document-types';
import { localIsoDate } from '../core/front-matter/field-values';
import { parseFrontMatter, type FrontMatter } from '../core/front-matter/front-matter';
import { LineIndex } from '../core/text';
import type { ConfigService } from './config-service';


/** Completions and hovers for front-matter fields: what a field means and what it allows. */
export function registerFrontMatterHelp(configs: ConfigService): vscode.Disposable {
  // Completions and hovers come on every space and mouse move: they read only the front matter,
  // never lint the whole (possibly 1 MB) document.
  const frontMatterOf = (document: vscode.TextDocument, position: vscode.Position): FrontMatter | undefined => {
    const head = frontMatterText(document);
    if (head === undefined) return undefined;
    const fm = parseFrontMatter(head.replace(/^\uFEFF/, ''));
    if (!fm) return undefined;
    const lines = new LineIndex(head);
    const first = lines.positionAt(fm.contentStart).line;
    const last = fm.closed ? lines.positionAt(fm.contentEnd).line - 1 : lines.lineCount - 1;
    return position.line >= first && position.line <= last ? fm : undefined;
  };
  const typeOf = (document: vscode.TextDocument, fm: FrontMatter): { config: ProductDocsConfig; type: DocumentType } => {
    const config = configs.configFor(document.uri);
    const declared = fm.data['type'];
    return { config, type: (typeof declared === 'string' ? findType(config, declared) : undefined) ?? builtInTypes()[0]! };
  };

  const completions: vscode.CompletionItemProvider = {
    async provideCompletionItems(document, position) {
      await configs.ready;
      const fm = frontMatterOf(document, position);
      if (!fm) return undefined;
      const before = document.lineAt(position.line).text.slice(0, position.character);
      const { config, type } = typeOf(document, fm);
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
      const present = fm.fields;
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
    async provideHover(document, position) {
      await configs.ready;
      const fm = frontMatterOf(document, position);
      if (!fm) return undefined;
      const line = document.lineAt(position.line).text;
      const key = /^([\w-]+)\s*:/.exec(line);
      if (!key || position.character > key[1]!.length) return undefined;
      const { config, type } = typeOf(document, fm);
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
  if (spec.kind === 'date') return [localIsoDate(today)];
  if (spec.kind === 'quarter') {
    return [0, 1, 2, 3].map((ahead) => {
      const index = today.getFullYear() * 4 + Math.floor(today.getMonth() / 3) + ahead;
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

/** The document's opening lines up to its closing front-matter fence (or undefined: no front matter). */
function frontMatterText(document: vscode.TextDocument): string | undefined {
  if (!/^\uFEFF?(---|\+\+\+)/.test(document.lineAt(0).text)) return undefined;
  let last = 1;
  while (last < document.lineCount && !/^(---|\+\+\+|\.\.\.)\s*$/.test(document.lineAt(last).text) && last < 2000) last++;
  const end = last < document.lineCount ? document.lineAt(last).range.end : document.lineAt(document.lineCount - 1).range.end;
  return document.getText(new vscode.Range(0, 0, end.line, end.character));
}

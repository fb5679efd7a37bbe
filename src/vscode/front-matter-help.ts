import * as vscode from 'vscode';
import { classify } from '../core/config/classify-document';
import { HORIZONS, type ProductDocsConfig } from '../core/config/config';
import { parseDocumentHeader } from '../core/document';
import { builtInTypes, type DocumentType, type FieldSpec } from '../core/config/document-types';
import { localIsoDate } from '../core/front-matter/field-values';
import { parseFrontMatter, type FrontMatter } from '../core/front-matter/front-matter';
import { LineIndex } from '../core/text';
import type { ConfigService } from './config-service';


/** Completions and hovers for front-matter fields: what a field means and what it allows. */
export function registerFrontMatterHelp(configs: ConfigService): vscode.Disposable {
  // Completions and hovers come on every space and mouse move: they read only the front matter,
  // never lint the whole (possibly 1 MB) document.
  const frontMatterOf = (document: vscode.TextDocument, position: vscode.Position): { fm: FrontMatter; head: string } | undefined => {
    const head = frontMatterText(document);
    if (head === undefined) return undefined;
    const fm = parseFrontMatter(head.replace(/^\uFEFF/, ''));
    if (!fm) return undefined;
    const lines = new LineIndex(head);
    const first = lines.positionAt(fm.contentStart).line;
    const last = fm.closed ? lines.positionAt(fm.contentEnd).line - 1 : lines.lineCount - 1;
    return position.line >= first && position.line <= last ? { fm, head } : undefined;
  };
  // The type the lint gives the document: its `type:`, or a type's `files:` glob matching its path.
  const typeOf = (document: vscode.TextDocument, head: string): { config: ProductDocsConfig; type: DocumentType } => {
    const config = configs.configFor(document.uri);
    const classification = classify(parseDocumentHeader(head), vscode.workspace.asRelativePath(document.uri, false), config);
    return { config, type: classification.kind === 'product' ? classification.type : (config.types[0] ?? builtInTypes()[0]!) };
  };

  const completions: vscode.CompletionItemProvider = {
    async provideCompletionItems(document, position) {
      await configs.ready;
      const found = frontMatterOf(document, position);
      if (!found) return undefined;
      const { fm, head } = found;
      const before = document.lineAt(position.line).text.slice(0, position.character);
      const { config, type } = typeOf(document, head);
      const valueMatch = /^([\w-]+):[ \t]*([^\s]*)$/.exec(before);
      if (valueMatch) {
        const field = valueMatch[1]!;
        const values = field === 'type' ? config.types.map((t) => t.id) : suggestedValues(type.fields[field]);
        // The editor's own word range stops at "-": without this, "in-" would not narrow the list.
        const typed = new vscode.Range(position.line, position.character - valueMatch[2]!.length, position.line, position.character);
        return values.map((value, i) => {
          const item = new vscode.CompletionItem(value, vscode.CompletionItemKind.EnumMember);
          item.range = typed;
          item.filterText = value;
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
          item.range = new vscode.Range(position.line, 0, position.line, position.character);
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
      const found = frontMatterOf(document, position);
      if (!found) return undefined;
      const line = document.lineAt(position.line).text;
      const key = /^([\w-]+)[ \t]*:[ \t]*/.exec(line);
      if (!key) return undefined;
      const name = key[1]!;
      const { config, type } = typeOf(document, found.head);
      const spec = type.fields[name];
      if (!spec) return undefined;
      const docs = fieldDocs(name, name === 'type' ? { ...spec, values: config.types.map((t) => t.id) } : spec);
      if (position.character <= name.length) return new vscode.Hover(docs, new vscode.Range(position.line, 0, position.line, name.length));
      // On the value: what this value means, then the field's own docs.
      const valueText = line.slice(key[0].length).replace(/[ \t]+#.*$/, '').trimEnd();
      if (!valueText || position.character < key[0].length) return undefined;
      const value = valueText.replace(/^(["'])(.*)\1$/, '$2');
      const meaning = valueMeaning(name, value, spec, type, config);
      const hover = new vscode.MarkdownString(`\`${name}: ${value.replace(/`/g, "'")}\`${meaning ? ` — ${meaning}` : ''}\n\n---\n\n`);
      hover.appendMarkdown(docs.value);
      return new vscode.Hover(hover, new vscode.Range(position.line, key[0].length, position.line, key[0].length + valueText.length));
    },
  };

  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, completions, ':', ' '),
    vscode.languages.registerHoverProvider({ language: 'markdown' }, hovers),
  );
}

/**
 * What one value means: for `type`, the type; for `status`, its place in the type's statuses, the
 * roadmap horizon it falls in and the fields it requires; for any field, whether it is allowed.
 */
function valueMeaning(name: string, value: string, spec: FieldSpec, type: DocumentType, config: ProductDocsConfig): string {
  if (name === 'type') {
    const named = config.types.find((t) => t.id === value);
    return named ? `${named.label}: ${named.description}.` : 'not a known document type.';
  }
  if (spec.values && !spec.values.includes(value)) return `not an allowed ${name}.`;
  if (name !== 'status' || !spec.values) return '';
  const parts = [`step ${spec.values.indexOf(value) + 1} of ${spec.values.length} of a ${type.label}`];
  const horizon = HORIZONS.find((h) => config.roadmap.horizons[h].includes(value));
  parts.push(type.roadmap ? (horizon ? `on the roadmap under ${horizon[0]!.toUpperCase()}${horizon.slice(1)}` : 'on the roadmap under no horizon') : 'this type is not on the roadmap');
  const requires = [...new Set(type.conditions.filter((c) => c.field === 'status' && c.values.includes(value)).flatMap((c) => c.require))];
  if (requires.length > 0) parts.push(`requires ${requires.join(', ')}`);
  return `${parts.join('; ')}.`;
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

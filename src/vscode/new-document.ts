import * as vscode from 'vscode';
import { findType } from '../core/config/classify-document';
import type { DocumentType } from '../core/config/document-types';
import { localIsoDate } from '../core/front-matter/field-values';
import { documentAsSnippet } from '../core/snippets';
import { renderNewDocument, slugify, workspaceTemplatePath, type TemplateValues } from '../core/templates';
import { freeDocumentFileName } from '../core/workspace/document-name';
import type { ConfigService } from './config-service';
import type { OwnerName } from './owner';

/** What a caller (a test, a walkthrough) may decide instead of asking. */
export interface NewDocumentOptions {
  type?: string;
  title?: string;
  folder?: vscode.Uri;
}

/**
 * New PRD / PR/FAQ / lessons-learned / any type: asks what it must, writes `<slug>.md` (never over
 * an existing file: `-2`, `-3`...), opens it with the cursor on the first guidance line.
 */
export function registerNewDocumentCommands(configs: ConfigService, owner: OwnerName): vscode.Disposable {
  const create = (fixedType: string | undefined) => (target?: vscode.Uri | NewDocumentOptions) => {
    const options: NewDocumentOptions = target instanceof vscode.Uri ? { folder: target } : (target ?? {});
    return createDocument(configs, owner, { ...options, ...(fixedType ? { type: fixedType } : {}) });
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('productDocs.newPrd', create('prd')),
    vscode.commands.registerCommand('productDocs.newPrFaq', create('prfaq')),
    vscode.commands.registerCommand('productDocs.newLessonsLearned', create('lessons-learned')),
    vscode.commands.registerCommand('productDocs.newDocument', create(undefined)),
  );
}

async function createDocument(configs: ConfigService, owner: OwnerName, options: NewDocumentOptions): Promise<vscode.Uri | undefined> {
  const workspaceFolder = options.folder ? vscode.workspace.getWorkspaceFolder(options.folder) : vscode.workspace.workspaceFolders?.[0];
  if (!workspaceFolder) {
    void vscode.window.showErrorMessage('Product Docs: open a folder first; new documents are written into the workspace.');
    return undefined;
  }
  // The very first action after start-up must see the workspace's own types and docsFolder.
  await configs.ready;
  const config = configs.configFor(workspaceFolder.uri);
  const type = options.type ? findType(config, options.type) : await pickType(config.types);
  if (!type) {
    if (options.type) void vscode.window.showErrorMessage(`Product Docs: unknown document type "${options.type}".`);
    return undefined;
  }
  const title = options.title?.trim() || (await askTitle(type));
  if (!title) return undefined;
  const folder = (await isFolder(options.folder)) ? options.folder! : vscode.Uri.joinPath(workspaceFolder.uri, config.docsFolder);
  const values: TemplateValues = { title, owner: await owner.resolve(), date: localIsoDate(new Date()) };
  const text = await renderFor(workspaceFolder, type, values);
  let file: vscode.Uri;
  try {
    await vscode.workspace.fs.createDirectory(folder);
    file = await freeFileName(folder, slugify(title));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
  } catch (error) {
    void vscode.window.showErrorMessage(`Product Docs: could not create the document in ${folder.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const editor = await vscode.window.showTextDocument(file);
  const document = editor.document;
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  // Same text, but as a snippet: the guidance lines become tab stops to type over.
  if (document.getText() === text) {
    await editor.insertSnippet(new vscode.SnippetString(documentAsSnippet(text, type)), whole, { undoStopBefore: false, undoStopAfter: false });
    if (document.isDirty && document.getText() === text) await document.save();
  }
  return file;
}

async function pickType(types: DocumentType[]): Promise<DocumentType | undefined> {
  const picked = await vscode.window.showQuickPick(
    types.map((type) => ({ label: type.label, description: type.id, ...(type.description ? { detail: type.description } : {}), type })),
    { title: 'New product document', placeHolder: 'Which kind of document?' },
  );
  return picked?.type;
}

function askTitle(type: DocumentType): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `New ${type.label}`,
    prompt: 'Title (it also names the file)',
    placeHolder: type.id === 'lessons-learned' ? 'Checkout outage, 14 October' : 'One-click checkout',
    validateInput: (value) => {
      if (!value.trim()) return 'Give the document a title.';
      if (value.length > 200) return 'Keep the title under 200 characters.';
      return undefined;
    },
  });
}

async function isFolder(uri: vscode.Uri | undefined): Promise<boolean> {
  if (!uri) return false;
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}

/** `<slug>.md`, or `<slug>-2.md`, `<slug>-3.md`... whichever is free (core's rule, the CLI's too). */
async function freeFileName(folder: vscode.Uri, slug: string): Promise<vscode.Uri> {
  const name = await freeDocumentFileName(slug, async (candidate) => {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, candidate));
      return true;
    } catch {
      return false;
    }
  });
  if (name === undefined) throw new Error(`every name from ${slug}.md to ${slug}-10000.md is taken`);
  return vscode.Uri.joinPath(folder, name);
}

/** The workspace's own template for the type when it has one, else the built-in one. */
async function renderFor(folder: vscode.WorkspaceFolder, type: DocumentType, values: TemplateValues): Promise<string> {
  let template: string | undefined;
  try {
    template = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, ...workspaceTemplatePath(type.id))));
  } catch {
    template = undefined; // none: the built-in template
  }
  return renderNewDocument(type, values, template);
}

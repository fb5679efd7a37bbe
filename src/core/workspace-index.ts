import { classify } from './classify';
import type { ProductDocsConfig } from './config';
import { parseDocumentHeader, type ParsedDocument } from './document';
import type { DocumentType } from './document-types';
import type { Finding } from './findings';
import { lint } from './lint';
import { roadmapItem, type RoadmapItem } from './roadmap/items';

/** What the index knows about one file. */
export interface IndexedFile {
  /** Hash of the text it was computed from: an unchanged text is not parsed again. */
  hash: number;
  isProductDocument: boolean;
  findings: Finding[];
  item: RoadmapItem | undefined;
}

/** The result of analysing one text: everything the roadmap and diagnostics need. */
export interface Analysis {
  doc: ParsedDocument;
  findings: Finding[];
  isProductDocument: boolean;
  /** The document's type, when it names a known one. */
  type: DocumentType | undefined;
  item: RoadmapItem | undefined;
}

/** Parses and lints a text once, and derives its roadmap item from the same parse. */
export function analyze(text: string, path: string, config: ProductDocsConfig, owner?: string): Analysis {
  // Classified from the front matter alone: a README or a note is never scanned for headings.
  const header = parseDocumentHeader(text);
  const classification = classify(header, path, config);
  if (classification.kind === 'other') return { doc: header, findings: [], isProductDocument: false, type: undefined, item: undefined };
  // Lines, headings and sections stay lazy: positions are computed only for documents with findings.
  const doc = header;
  const findings = lint(doc, { config, path, ...(owner ? { owner } : {}) }, classification);
  const type = classification.kind === 'product' ? classification.type : undefined;
  const item = type ? roadmapItem(doc, type, path, findings.length) : undefined;
  return { doc, findings, isProductDocument: true, type, item };
}

/**
 * Findings and roadmap items for every file of a workspace, updated one file at a time. Pure: the
 * editor and the CLI feed it texts; it never reads a file itself.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();

  constructor(private config: ProductDocsConfig) {}

  /** Replaces the config; every file must then be fed again (the caller re-reads them). */
  reset(config: ProductDocsConfig): void {
    this.config = config;
    this.files.clear();
  }

  get size(): number {
    return this.files.size;
  }

  /**
   * Analyses `text` under `key` (a URI, say); `path` is the workspace-relative path that `files`
   * globs and roadmap items use. Returns false when nothing changed (same text as before).
   * `analysis`, when given, supplies the analysis of exactly this text under the same config.
   */
  update(key: string, text: string, path = key, analysis?: () => Analysis): boolean {
    const hash = hashText(text);
    const previous = this.files.get(key);
    if (previous && previous.hash === hash) return false;
    // A caller that already analysed this text (the editor, for an open document) passes it in.
    const { findings, isProductDocument, item } = analysis ? analysis() : analyze(text, path, this.config);
    this.files.set(key, { hash, findings, isProductDocument, item });
    return true;
  }

  remove(key: string): boolean {
    return this.files.delete(key);
  }

  get(key: string): IndexedFile | undefined {
    return this.files.get(key);
  }

  items(): RoadmapItem[] {
    const items: RoadmapItem[] = [];
    for (const file of this.files.values()) if (file.item) items.push(file.item);
    return items;
  }

  entries(): IterableIterator<[string, IndexedFile]> {
    return this.files.entries();
  }
}

/** FNV-1a over UTF-16 code units with the length mixed in: a cheap "has this text changed". */
export function hashText(text: string): number {
  let hash = 0x811c9dc5 ^ text.length;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

import { classify, type Classification } from '../config/classify-document';
import type { ProductDocsConfig } from '../config/config';
import { parseDocumentHeader, type ParsedDocument } from '../document';
import type { DocumentType } from '../config/document-types';
import type { Finding } from '../findings';
import { lint } from '../lint';
import { roadmapItem, type RoadmapItem } from '../roadmap/items';

/** What a text's front matter alone says: whether it is a product document, and its roadmap item. */
export interface Header {
  /** Lines, headings and sections are computed on first use. */
  doc: ParsedDocument;
  classification: Classification;
  isProductDocument: boolean;
  /** The document's type, when it names a known one. */
  type: DocumentType | undefined;
  item: RoadmapItem | undefined;
}

/** The header and the lint findings of one text: everything the roadmap and diagnostics need. */
export interface Analysis extends Header {
  findings: Finding[];
}

/** Reads what the roadmap needs (front matter, and headings only for an item without a title). */
export function readHeader(text: string, path: string, config: ProductDocsConfig): Header {
  const doc = parseDocumentHeader(text);
  const classification = classify(doc, path, config);
  const type = classification.kind === 'product' ? classification.type : undefined;
  return { doc, classification, isProductDocument: classification.kind !== 'other', type, item: type && roadmapItem(doc, type, path) };
}

/** Reads the header and lints a text once. A README or a note is never scanned for headings. */
export function analyze(text: string, path: string, config: ProductDocsConfig, owner?: string): Analysis {
  const header = readHeader(text, path, config);
  if (!header.isProductDocument) return { ...header, findings: [] };
  // Lines, headings and sections stay lazy: positions are computed only for documents with findings.
  return { ...header, findings: lint(header.doc, { config, path, ...(owner ? { owner } : {}) }, header.classification) };
}

/** What the index knows about one file. */
export interface IndexedFile {
  readonly path: string;
  readonly isProductDocument: boolean;
  readonly item: RoadmapItem | undefined;
}

/**
 * Until a file is linted, the index keeps its text (to lint it, and to tell an unchanged text at
 * once); once linted, only the findings and a hash of the text, so a large workspace does not stay
 * in memory twice.
 */
type Entry = IndexedFile & ({ text: string; findings: undefined } | { hash: number; findings: Finding[] });

/**
 * Roadmap items and findings for every file of a workspace, updated one file at a time. A file's
 * roadmap item comes from its front matter when the file is fed; it is linted only when its findings
 * are first asked for, so the roadmap of a large workspace is ready as soon as its files are read.
 * Pure: the editor and the CLI feed it texts; it never reads a file itself.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, Entry>();

  constructor(private readonly config: ProductDocsConfig) {}

  get size(): number {
    return this.files.size;
  }

  /**
   * Reads `text` under `key` (a URI, say); `path` is the workspace-relative path that `files`
   * globs and roadmap items use. Returns false when nothing changed (same text and path as before).
   * `analysis`, when given, supplies the analysis of exactly this text under the same config.
   */
  update(key: string, text: string, path = key, analysis?: () => Analysis): boolean {
    const previous = this.files.get(key);
    let hash: number | undefined; // computed at most once: a 1 MB text takes over a millisecond
    if (previous && previous.path === path && ('text' in previous ? previous.text === text : previous.hash === (hash = hashText(text)))) return false;
    // A caller that already analysed this text (the editor, for an open document) passes it in.
    if (analysis) {
      const { isProductDocument, item, findings } = analysis();
      this.files.set(key, { path, isProductDocument, item, hash: hash ?? hashText(text), findings });
    } else {
      const { isProductDocument, item } = readHeader(text, path, this.config);
      this.files.set(key, { path, isProductDocument, item, text, findings: undefined });
    }
    return true;
  }

  remove(key: string): boolean {
    return this.files.delete(key);
  }

  get(key: string): IndexedFile | undefined {
    return this.files.get(key);
  }

  /** The file's lint findings (linted now if they were not yet); undefined for an unknown key. */
  findings(key: string): Finding[] | undefined {
    const entry = this.files.get(key);
    if (!entry || entry.findings) return entry?.findings;
    const { text, path, isProductDocument, item } = entry;
    // The front matter is read again here (about 7 µs): keeping every parsed header until its lint
    // would hold far more memory than the text alone.
    const findings = isProductDocument ? analyze(text, path, this.config).findings : [];
    this.files.set(key, { path, isProductDocument, item, hash: hashText(text), findings });
    return findings;
  }

  /** The findings if the file was linted already, without linting it. */
  lintedFindings(key: string): Finding[] | undefined {
    return this.files.get(key)?.findings;
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

import type { ProductDocsConfig } from './config';
import type { ParsedDocument } from '../document';
import type { DocumentType } from './document-types';
import { MAX_FRONT_MATTER_LENGTH } from '../front-matter/front-matter';
import { globSetOf } from './glob';

/** What a markdown file is to Product Docs. */
export type Classification =
  /** `typedBy` says where the type came from: a `files` glob needs no `type:` field. */
  | { kind: 'product'; type: DocumentType; typedBy: 'front-matter' | 'files' }
  /** `type:` names no known type, but the file looks like a product document. */
  | { kind: 'unknown-type'; typeName: string }
  | { kind: 'other' };

/** Fields whose presence says "this is meant to be a product document" even with an unknown type. */
const PRODUCT_DOC_SIGNS = ['status', 'owner'];

/**
 * A file is a product document when its front matter names a known `type`, or when it matches a
 * type's `files` globs. Everything else (READMEs, notes, blog posts) is left alone.
 */
export function classify(doc: ParsedDocument, relativePath: string | undefined, config: ProductDocsConfig): Classification {
  const declared = doc.frontMatter?.data['type'] ?? typeInBrokenFrontMatter(doc, config);
  if (typeof declared === 'string' && declared.trim()) {
    const name = declared.trim();
    const type = findType(config, name);
    if (type) return { kind: 'product', type, typedBy: 'front-matter' };
    const looksLikeProductDoc = PRODUCT_DOC_SIGNS.some((field) => field in (doc.frontMatter?.data ?? {}));
    return looksLikeProductDoc || nearType(config, name) ? { kind: 'unknown-type', typeName: name } : { kind: 'other' };
  }
  if (relativePath !== undefined) {
    const type = config.types.find((t) => t.files.length > 0 && globSetOf(t.files).matches(relativePath));
    if (type) return { kind: 'product', type, typedBy: 'files' };
  }
  return { kind: 'other' };
}

/**
 * The known type a front matter that could not be read names on a `type:` line of its own, so that
 * a product document with a YAML error (or an unclosed fence) is still linted and the error shown.
 * Only a known type counts: a broken front matter elsewhere (a blog post, TOML) stays ignored.
 */
function typeInBrokenFrontMatter(doc: ParsedDocument, config: ProductDocsConfig): string | undefined {
  const fm = doc.frontMatter;
  if (!fm || fm.problems.length === 0) return undefined;
  // An unclosed front matter runs to the end of the file: read only up to its first blank line.
  // Front matter is never read past its size limit, and neither is it searched (a 50 MB one would be split whole).
  const raw = doc.text.slice(fm.contentStart, Math.min(fm.contentEnd, fm.contentStart + MAX_FRONT_MATTER_LENGTH)).split(/\r\n|\r|\n/);
  const firstBlank = raw.findIndex((line) => !line.trim());
  const lines = fm.closed || firstBlank < 0 ? raw : raw.slice(0, firstBlank);
  for (const line of lines) {
    const m = /^type[ \t]*[:=][ \t]*(["']?)([A-Za-z0-9_-]+)\1[ \t]*(?:#.*)?$/.exec(line);
    if (m && findType(config, m[2]!)) return m[2];
  }
  return undefined;
}

export function findType(config: ProductDocsConfig, name: string): DocumentType | undefined {
  const wanted = name.trim().toLowerCase();
  return config.types.find((t) => t.id.toLowerCase() === wanted);
}

function nearType(config: ProductDocsConfig, name: string): boolean {
  const wanted = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return config.types.some((t) => {
    const id = t.id.replace(/[^a-z0-9]/g, '');
    return id === wanted || (wanted.length >= 3 && (id.startsWith(wanted) || wanted.startsWith(id)));
  });
}

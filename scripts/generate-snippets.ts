// Writes snippets/markdown.json from the built-in document types (one source of truth).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInTypes } from '../src/core/config/document-types';
import { buildSnippets } from '../src/core/snippets';

export const SNIPPETS_FILE = join(__dirname, '..', 'snippets', 'markdown.json');

export function snippetsJson(): string {
  return `${JSON.stringify(buildSnippets(builtInTypes()), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SNIPPETS_FILE, snippetsJson());
  console.log(`wrote ${SNIPPETS_FILE}`);
}

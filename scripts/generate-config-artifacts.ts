// Writes schemas/product-docs.schema.json and the settings tables of docs/config.md from the
// settings table in src/core/config/settings.ts (one source of truth). `npm run generate`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema, withSettingsTables } from '../src/core/config/settings-artifacts';
import { RULES } from '../src/core/rules';

export const SCHEMA_FILE = join(__dirname, '..', 'schemas', 'product-docs.schema.json');
export const CONFIG_DOCS_FILE = join(__dirname, '..', 'docs', 'config.md');

/** The schema file's text. */
export function schemaJson(): string {
  return `${JSON.stringify(configSchema(RULES), null, 2)}\n`;
}

/** docs/config.md with its generated tables written afresh; the prose around them is kept. */
export function configDocs(current: string): string {
  return withSettingsTables(current);
}

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, schemaJson());
  writeFileSync(CONFIG_DOCS_FILE, configDocs(readFileSync(CONFIG_DOCS_FILE, 'utf8')));
  console.log(`wrote ${SCHEMA_FILE} and the tables of ${CONFIG_DOCS_FILE}`);
}

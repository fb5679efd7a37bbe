import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../core/findings';
import { RULES } from '../core/rules';

/** A finding in CLI terms: file relative to the current folder with `/`, 1-based lines and columns. */
export interface Report {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
}

export const LINT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

/** The pseudo-rule under which config-file problems are reported. */
export const CONFIG_RULE = 'invalid-config';

export function toReport(file: string, finding: Finding): Report {
  const { start, end } = finding.range;
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: finding.severity,
    rule: finding.rule,
    message: finding.message,
  };
}

/** What the output formats need to know about the run. */
export interface RunInfo {
  version: string;
  /** The folder report paths are relative to (absolute). */
  cwd: string;
}

export function formatReports(reports: readonly Report[], format: LintFormat, run: RunInfo): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(reports, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(reports, run), null, 2)}\n`;
    case 'github':
      return reports.map(githubAnnotation).join('');
    case 'text':
      return asText(reports);
  }
}

function asText(reports: readonly Report[]): string {
  if (reports.length === 0) return 'No problems found.\n';
  const lines = reports.map((r) => `${r.file}:${r.line}:${r.column}: ${r.severity} ${oneLine(r.message)} (${r.rule})`);
  const count = (severity: Severity) => reports.filter((r) => r.severity === severity).length;
  const files = new Set(reports.map((r) => r.file)).size;
  const parts = [`${count('error')} error${count('error') === 1 ? '' : 's'}`, `${count('warning')} warning${count('warning') === 1 ? '' : 's'}`];
  if (count('info') > 0) parts.push(`${count('info')} info`);
  lines.push('', `${reports.length} problem${reports.length === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} file${files === 1 ? '' : 's'}.`);
  return `${lines.join('\n')}\n`;
}

/** A message quoting a multi-line value must not break the one-finding-per-line text output. */
function oneLine(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

/** GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions */
function githubAnnotation(r: Report): string {
  const command = r.severity === 'error' ? 'error' : r.severity === 'warning' ? 'warning' : 'notice';
  const properties = [`file=${escapeProperty(r.file)}`, `line=${r.line}`, `col=${r.column}`, `endLine=${r.endLine}`, `endColumn=${r.endColumn}`, `title=${escapeProperty(`Product Docs ${r.rule}`)}`];
  return `::${command} ${properties.join(',')}::${escapeData(r.message)}\n`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** The base the relative artifact URIs resolve against; `%SRCROOT%` is the name tools expect. */
const SOURCE_ROOT = '%SRCROOT%';

/** A relative `/` path as a URI reference: each segment percent-encoded, so `#`, `?` and `%` survive. */
function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html */
function toSarif(reports: readonly Report[], { version, cwd }: RunInfo): object {
  const root = pathToFileURL(cwd).href;
  const rules = [...RULES.map((rule) => ({ id: rule.id, description: rule.description, level: rule.defaultSeverity })), { id: CONFIG_RULE, description: 'The .product-docs.yaml config file must be valid.', level: 'error' as Severity }];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'product-docs',
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.description },
              defaultConfiguration: { level: SARIF_LEVEL[rule.level] },
            })),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: root.endsWith('/') ? root : `${root}/` } },
        columnKind: 'utf16CodeUnits',
        results: reports.map((r) => ({
          ruleId: r.rule,
          ruleIndex: rules.findIndex((rule) => rule.id === r.rule),
          level: SARIF_LEVEL[r.severity],
          message: { text: r.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: relativeUri(r.file), uriBaseId: SOURCE_ROOT },
                region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}

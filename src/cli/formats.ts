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

export function formatReports(reports: readonly Report[], format: LintFormat, version: string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(reports, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(reports, version), null, 2)}\n`;
    case 'github':
      return reports.map(githubAnnotation).join('');
    case 'text':
      return asText(reports);
  }
}

function asText(reports: readonly Report[]): string {
  if (reports.length === 0) return 'No problems found.\n';
  const lines = reports.map((r) => `${r.file}:${r.line}:${r.column}: ${r.severity} ${r.message} (${r.rule})`);
  const count = (severity: Severity) => reports.filter((r) => r.severity === severity).length;
  const files = new Set(reports.map((r) => r.file)).size;
  const parts = [`${count('error')} error${count('error') === 1 ? '' : 's'}`, `${count('warning')} warning${count('warning') === 1 ? '' : 's'}`];
  if (count('info') > 0) parts.push(`${count('info')} info`);
  lines.push('', `${reports.length} problem${reports.length === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} file${files === 1 ? '' : 's'}.`);
  return `${lines.join('\n')}\n`;
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

function toSarif(reports: readonly Report[], version: string): object {
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
        columnKind: 'utf16CodeUnits',
        results: reports.map((r) => ({
          ruleId: r.rule,
          ruleIndex: rules.findIndex((rule) => rule.id === r.rule),
          level: SARIF_LEVEL[r.severity],
          message: { text: r.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(r.file) },
                region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}

import type { Range, TextEdit } from './text';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/** A change that resolves a finding; applying it never removes the user's text. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** One lint result. `rule` is the stable rule id: diagnostic code, config key and CLI output. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
}

import type { FieldSpec } from '../config/document-types';
import { closestMatch } from '../text';

/** Why a field value is not allowed, and the value that probably was meant. */
export interface FieldValueProblem {
  message: string;
  suggestion?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const QUARTER = /^\d{4}-Q[1-4]$/;
/** Values longer than this are not matched against workspace patterns (bounded regex time). */
const MAX_PATTERN_INPUT = 500;

/** The value as text when it is a scalar; YAML may hand back numbers, booleans or Dates. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return undefined;
}

/** True when a field counts as absent: missing, null, or blank. */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** YYYY-MM-DD of the local calendar day: a document written in the evening is dated that day. */
export function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function isValidIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Checks one present value against its field spec. */
export function checkFieldValue(name: string, value: unknown, spec: FieldSpec): FieldValueProblem | undefined {
  if (spec.kind === 'list') {
    if (Array.isArray(value)) {
      return value.every((item) => scalarText(item) !== undefined) ? undefined : { message: `Field "${name}" must be a list of text values.` };
    }
    const text = scalarText(value);
    return { message: `Field "${name}" must be a list, e.g. ${name}: [${text ?? 'a, b'}].`, ...(text !== undefined ? { suggestion: `[${text}]` } : {}) };
  }
  if (spec.kind === 'boolean') {
    return typeof value === 'boolean' ? undefined : { message: `Field "${name}" must be true or false.` };
  }
  const text = scalarText(value);
  if (text === undefined) return { message: `Field "${name}" must be a single value, not ${Array.isArray(value) ? 'a list' : 'a mapping'}.` };
  if (spec.values && !spec.values.includes(text)) {
    const suggestion = closestMatch(text, spec.values);
    return {
      message: `Unexpected ${name} ${quoted(text)}, expected one of: ${spec.values.join(', ')}.${didYouMean(suggestion)}`,
      ...(suggestion ? { suggestion } : {}),
    };
  }
  if (spec.kind === 'date' && !isValidIsoDate(text)) {
    const suggestion = repairDate(text);
    return { message: `Unexpected ${name} ${quoted(text)}, expected a date as YYYY-MM-DD.${didYouMean(suggestion)}`, ...(suggestion ? { suggestion } : {}) };
  }
  if (spec.kind === 'quarter' && !QUARTER.test(text)) {
    const suggestion = repairQuarter(text);
    return { message: `Unexpected ${name} ${quoted(text)}, expected a quarter as YYYY-Qn (e.g. 2026-Q3).${didYouMean(suggestion)}`, ...(suggestion ? { suggestion } : {}) };
  }
  if (spec.pattern && text.length <= MAX_PATTERN_INPUT && !new RegExp(`^(?:${spec.pattern})$`).test(text)) {
    return { message: `Unexpected ${name} ${quoted(text)}, expected a value matching ${spec.pattern}.` };
  }
  return undefined;
}

function didYouMean(suggestion: string | undefined): string {
  return suggestion ? ` Did you mean "${suggestion}"?` : '';
}

/** "2026/3/5", "2026.03.05", "2026-03-05T10:00:00Z" -> "2026-03-05". */
function repairDate(text: string): string | undefined {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[-+]\d{2}:?\d{2})?)?$/i.exec(text.trim());
  if (!m) return undefined;
  const candidate = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidIsoDate(candidate) ? candidate : undefined;
}

/** "Q3 2026", "2026 q3", "2026Q3", "2026-3" -> "2026-Q3". */
function repairQuarter(text: string): string | undefined {
  const t = text.trim();
  const yearFirst = /^(\d{4})\s*[-/ ]?\s*[Qq]?([1-4])$/.exec(t);
  if (yearFirst) return `${yearFirst[1]}-Q${yearFirst[2]}`;
  const quarterFirst = /^[Qq]([1-4])\s*[-/ ]?\s*(\d{4})$/.exec(t);
  if (quarterFirst) return `${quarterFirst[2]}-Q${quarterFirst[1]}`;
  return undefined;
}

/** A value as messages show it: on one line, quoted, and cut short when long. */
function quoted(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

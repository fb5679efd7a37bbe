import type { ProductDocsConfig } from '../config/config';
import type { ParsedDocument } from '../document';
import type { DocumentType } from '../config/document-types';
import type { Finding, Severity } from '../findings';
import type { MatchedSection } from '../markdown/sections';

/** Everything a rule may look at; computed once per lint. */
export interface RuleContext {
  doc: ParsedDocument;
  config: ProductDocsConfig;
  /** The document's type; undefined when its `type:` names no known type. */
  type: DocumentType | undefined;
  /** Whether the type was named by `type:` or given by a `files` glob of the config (then `type:` is not required). */
  typedBy: 'front-matter' | 'files' | undefined;
  /** The raw `type:` value when it names no known type. */
  unknownTypeName: string | undefined;
  /** The type's sections found in the document, in document order. */
  matched: MatchedSection[];
  /** Workspace-relative path with `/`, when known (for titles derived from file names). */
  path: string | undefined;
  /** The user's name, when the front end knows it: the value a fix writes into a missing `owner`. */
  owner: string | undefined;
}

/** A finding before severity is applied: severity is set in one place, by lint(). */
export type RuleFinding = Omit<Finding, 'severity'>;

export interface Rule {
  /** Stable kebab-case id: diagnostic code, config key, CLI `rule`, docs anchor. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  check(context: RuleContext): RuleFinding[];
}

import { duplicateSection } from './duplicate-section';
import { emptySection } from './empty-section';
import { frontMatterSyntax } from './front-matter-syntax';
import { invalidField } from './invalid-field';
import { missingField } from './missing-field';
import { missingSection } from './missing-section';
import { placeholder } from './placeholder';
import type { Rule } from './rule';
import { sectionOrder } from './section-order';
import { unknownType } from './unknown-type';

/** Every lint rule, in the order their findings are reported for the same line. */
export const RULES: readonly Rule[] = [
  frontMatterSyntax,
  unknownType,
  missingField,
  invalidField,
  missingSection,
  emptySection,
  placeholder,
  sectionOrder,
  duplicateSection,
];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

import type { ParsedDocument, Section } from '../document';
import { normalizeHeading } from '../document';
import { sectionNames, type DocumentType } from '../config/document-types';

/** A document section recognised as one of its type's sections. */
export interface MatchedSection {
  section: Section;
  /** Index into the type's `sections`. */
  specIndex: number;
}

/** Which of the type's sections the document has, in document order. */
export function matchSections(doc: ParsedDocument, type: DocumentType): MatchedSection[] {
  const lookup = sectionLookup(type);
  const matched: MatchedSection[] = [];
  for (const section of doc.sections) {
    const specIndex = lookup.get(section.name);
    if (specIndex !== undefined) matched.push({ section, specIndex });
  }
  return matched;
}

/** The index of the type's section a heading name (already normalised) stands for, if any. */
export function sectionIndexOf(type: DocumentType, name: string): number | undefined {
  return sectionLookup(type).get(name);
}

const lookups = new WeakMap<DocumentType, Map<string, number>>();

/** Normalised heading name -> section index; computed once per type definition. */
function sectionLookup(type: DocumentType): Map<string, number> {
  let lookup = lookups.get(type);
  if (!lookup) {
    lookup = new Map();
    type.sections.forEach((spec, index) => {
      for (const name of sectionNames(spec)) if (!lookup!.has(normalizeHeading(name))) lookup!.set(normalizeHeading(name), index);
    });
    lookups.set(type, lookup);
  }
  return lookup;
}

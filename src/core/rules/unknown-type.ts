import { setFieldEdit } from '../front-matter/front-matter-edits';
import { closestMatch } from '../text';
import type { Rule } from './rule';

export const unknownType: Rule = {
  id: 'unknown-type',
  description: 'The front-matter "type" must name a known document type (built in or from the config).',
  defaultSeverity: 'warning',
  check({ doc, config, unknownTypeName }) {
    if (unknownTypeName === undefined) return [];
    const ids = config.types.map((t) => t.id);
    const suggestion = closestMatch(unknownTypeName, ids);
    const location = doc.frontMatter?.fields.get('type');
    const range = location ? doc.lines.rangeOf(location.valueStart, location.valueEnd) : doc.lines.rangeOf(0, 3);
    const edit = suggestion ? setFieldEdit(doc, 'type', suggestion) : undefined;
    return [
      {
        rule: 'unknown-type',
        message: `Unknown document type "${unknownTypeName}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Known types: ${ids.join(', ')} (add others under "types:" in .product-docs.yaml).`,
        range,
        ...(edit ? { fix: { title: `Change type to ${suggestion}`, edits: [edit] } } : {}),
      },
    ];
  },
};

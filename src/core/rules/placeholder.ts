import { scalarText } from '../front-matter/field-values';
import { sectionContent } from '../markdown/section-content';
import { maskCodeSpans, proseRanges } from '../markdown/prose';
import type { Rule, RuleFinding } from './rule';

/** Markers people leave for "fill this in later". Whole words, upper case, as people write them. */
const PLACEHOLDER = /\b(?:TODO|TBD|TBC|FIXME|TKTK)\b|\{\{\s*[\w-]+\s*\}\}|\?\?\?/g;
/** A field value that is nothing but a marker. */
const WHOLE_PLACEHOLDER = new RegExp(`^(?:${PLACEHOLDER.source})$`);
/**
 * A cheap test that the prose can hold a marker: most documents have none, and they skip the block
 * scan that finds code. Cutting out code blocks (which start after a container prefix and end at a
 * line end) and masking code spans (a span's backticks become spaces) keeps every other character
 * and word boundary, so a marker in the prose is one in the text; only `{{ a`b` }}` can become one,
 * hence any `{{` counts.
 */
const MAYBE_PLACEHOLDER = /\b(?:TODO|TBD|TBC|FIXME|TKTK)\b|\{\{|\?\?\?/;

export const placeholder: Rule = {
  id: 'placeholder',
  description: 'No TODO, TBD, FIXME, ??? or {{variables}} left in, and no template guidance left beside real content.',
  defaultSeverity: 'warning',
  check({ doc, type, matched }) {
    const findings: RuleFinding[] = [];
    const fm = doc.frontMatter;
    for (const [name, location] of fm?.fields ?? []) {
      const text = scalarText(fm!.data[name]);
      if (text !== undefined && WHOLE_PLACEHOLDER.test(text.trim())) {
        findings.push({ rule: 'placeholder', message: `Field "${name}" is still a placeholder ("${text.trim()}"): fill it in.`, range: doc.lines.rangeOf(location.valueStart, location.valueEnd) });
      }
    }
    for (const range of MAYBE_PLACEHOLDER.test(doc.text) ? proseRanges(doc.text, fm?.bodyStart ?? 0) : []) {
      const slice = maskCodeSpans(doc.text.slice(range.start, range.end));
      for (const m of slice.matchAll(PLACEHOLDER)) {
        const start = range.start + m.index;
        findings.push({ rule: 'placeholder', message: `Unexpected placeholder "${m[0]}": replace it with the content it stands for.`, range: doc.lines.rangeOf(start, start + m[0].length) });
      }
    }
    if (type) {
      for (const { section, specIndex } of matched) {
        const content = sectionContent(doc, section, type);
        if (content.empty) continue; // empty-section reports it
        for (const line of content.guidance) {
          findings.push({
            rule: 'placeholder',
            message: `Template guidance left in section "${type.sections[specIndex]!.title}": delete the prompt now that the section has content.`,
            range: doc.lines.rangeOf(line.start, line.end),
          });
        }
      }
    }
    return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  },
};

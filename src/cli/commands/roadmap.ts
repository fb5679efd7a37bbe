import { resolve } from 'node:path';
import { GROUPINGS, type Grouping, type ProductDocsConfig } from '../../core/config/config';
import { isValidIsoDate, localIsoDate } from '../../core/front-matter/field-values';
import { EXPORT_FORMATS, itemsAsJson, roadmapAsCsv, roadmapAsMarkdown, roadmapAsMermaid } from '../../core/roadmap/export';
import { combinedConfig, sortItems } from '../../core/roadmap/grouping';
import type { LintedItem } from '../../core/roadmap/items';
import { roadmapAsText } from '../../core/roadmap/text-format';
import { choice, stringOption, UsageError } from '../args';
import { analysePaths, locatorFor, pathsOf, warnConfigProblems } from '../analyse';
import { argsOrHelp, CONFIG_OPTION_HELP, type Command } from './command';

const ROADMAP_FORMATS = ['text', 'json', ...EXPORT_FORMATS] as const;

/** `product-docs roadmap`: the roadmap built from the documents' front matter. */
export const roadmapCommand: Command = {
  name: 'roadmap',
  synopsis: 'roadmap [paths...]',
  summary: "Print the roadmap built from the documents' front matter",
  help: `Usage: product-docs roadmap [paths...] [options]

Options:
  --format <f>     text (default), json, markdown, csv or mermaid (gantt of dated items)
  --group-by <g>   status, quarter, horizon, owner, theme or type (default from the config)
${CONFIG_OPTION_HELP}
  --today <date>   Date used to mark overdue items, as YYYY-MM-DD (default: today)

Exit codes: 0 printed, 2 usage error or unreadable path.
`,
  async run(argv, io) {
    const args = argsOrHelp(this, argv, io, ['format', 'group-by', 'config', 'today']);
    if (!args) return 0;
    const format = choice(args, 'format', ROADMAP_FORMATS, 'text');
    const groupByOption = args.options.has('group-by') ? choice<Grouping>(args, 'group-by', GROUPINGS, 'status') : undefined;
    const today = stringOption(args, 'today') ?? localIsoDate(io.now());
    if (!isValidIsoDate(today)) throw new UsageError(`--today must be a date as YYYY-MM-DD, not "${today}".`);
    const paths = pathsOf(args);
    const locator = await locatorFor(args, io);
    const { reports, items, incomplete } = await analysePaths(paths, locator, io);
    warnConfigProblems(io, reports);
    // The grouping comes from the workspace of the first path (or --config); type labels and horizons
    // from every workspace the items came from.
    const first = (await locator.forPath(resolve(io.cwd, paths[0]!))).config;
    const config = combinedConfig([first, ...locator.loaded().map((workspace) => workspace.config)]);
    const groupBy = groupByOption ?? first.roadmap.groupBy;
    io.stdout(renderRoadmap(format, items, groupBy, config, today));
    return incomplete ? 2 : 0;
  },
};

function renderRoadmap(format: (typeof ROADMAP_FORMATS)[number], items: LintedItem[], groupBy: Grouping, config: ProductDocsConfig, today: string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(itemsAsJson(sortItems(items), today, config), null, 2)}\n`;
    case 'markdown':
      return roadmapAsMarkdown(items, groupBy, config, today);
    case 'csv':
      return roadmapAsCsv(sortItems(items), today, config);
    case 'mermaid':
      return roadmapAsMermaid(items, groupBy, config, today);
    case 'text':
      return roadmapAsText(items, groupBy, today, config);
  }
}

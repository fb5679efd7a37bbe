import * as vscode from 'vscode';
import { GROUPINGS, type Grouping, type ProductDocsConfig } from '../core/config/config';
import { localIsoDate } from '../core/front-matter/field-values';
import { combinedConfig, groupItems, type RoadmapGroup } from '../core/roadmap/grouping';
import { activeItemFilters, describeItemFilter, matchesItemFilter, withItemFilter, type ItemFilter, type ItemFilterField } from '../core/roadmap/item-filter';
import { isOverdue, type RoadmapItem } from '../core/roadmap/items';
import { statusMeaning } from '../core/config/status-meaning';
import type { ConfigService } from './config-service';
import { settings } from './settings';
import type { ModelItem, WorkspaceModel } from './workspace-model';

export type RoadmapNode = { kind: 'group'; group: RoadmapGroup; members: ModelItem[] } | { kind: 'item'; entry: ModelItem };

/** One filter the user set: free text (title, owner, theme, id, file) or one field's exact value. */
export interface RoadmapFilter {
  field: ItemFilterField;
  value: string;
}

const GROUP_BY_KEY = 'productDocs.roadmap.groupBy';
const FILTERED_CONTEXT = 'productDocs.roadmap.filtered';

/** The roadmap view: product documents grouped the way a PM thinks, live as files change. */
export class RoadmapTree implements vscode.TreeDataProvider<RoadmapNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RoadmapNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filterValue: ItemFilter = {};
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly model: WorkspaceModel,
    private readonly configs: ConfigService,
    private readonly state: vscode.Memento,
  ) {
    const refresh = () => this.changed.fire(undefined);
    // Items appear as soon as the files are read; their problem counts follow once linted.
    this.subscriptions = [this.changed, model.onDidChange(refresh), model.onDidLint(refresh)];
  }

  get groupBy(): Grouping {
    const stored = this.state.get<string>(GROUP_BY_KEY);
    return stored && (GROUPINGS as readonly string[]).includes(stored) ? (stored as Grouping) : settings().groupBy;
  }

  async setGroupBy(grouping: Grouping): Promise<void> {
    await this.state.update(GROUP_BY_KEY, grouping);
    this.changed.fire(undefined);
  }

  /** The filters in force (text, status, owner, theme): an item must match all of them. */
  get filter(): ItemFilter {
    return this.filterValue;
  }

  /** Sets one field's filter (a value) or removes it (undefined); the other fields' filters stay. */
  async setFilter(field: ItemFilterField, value: string | undefined): Promise<void> {
    await this.replaceFilter(withItemFilter(this.filterValue, field, value));
  }

  async clearFilter(): Promise<void> {
    await this.replaceFilter({});
  }

  private async replaceFilter(filter: ItemFilter): Promise<void> {
    this.filterValue = filter;
    await vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, activeItemFilters(filter).length > 0);
    this.changed.fire(undefined);
  }

  /** What the tree shows now (filtered), for the filter pickers and export. */
  visibleItems(filter: ItemFilter = this.filterValue): ModelItem[] {
    const items = this.model.items();
    return activeItemFilters(filter).length > 0 ? items.filter(({ item }) => matchesItemFilter(item, filter)) : items;
  }

  /** The config that groups the roadmap: in a multi-root window, every folder's types and horizons. */
  config(): ProductDocsConfig {
    const folders = vscode.workspace.workspaceFolders ?? [];
    return combinedConfig(folders.length > 0 ? folders.map((folder) => this.configs.configFor(folder.uri)) : [this.configs.configFor(vscode.Uri.file('/'))]);
  }

  async getChildren(node?: RoadmapNode): Promise<RoadmapNode[]> {
    if (node?.kind === 'item') return [];
    if (node?.kind === 'group') return node.members.map((entry) => ({ kind: 'item', entry }));
    await this.model.ensureScanned();
    const entries = this.visibleItems();
    const byItem = new Map<RoadmapItem, ModelItem>(entries.map((entry) => [entry.item, entry]));
    return groupItems(
      entries.map((e) => e.item),
      this.groupBy,
      this.config(),
    ).map((group) => ({ kind: 'group', group, members: group.items.map((item) => byItem.get(item)!) }));
  }

  getTreeItem(node: RoadmapNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${this.groupBy}:${node.group.key}`;
      item.description = String(node.group.items.length);
      item.contextValue = 'roadmapGroup';
      return item;
    }
    const { item: roadmapItem, uri } = node.entry;
    const today = localIsoDate(new Date());
    const overdue = isOverdue(roadmapItem, today, this.config());
    const item = new vscode.TreeItem(roadmapItem.title, vscode.TreeItemCollapsibleState.None);
    item.id = `item:${uri.toString()}`;
    item.resourceUri = uri;
    const problems = this.model.lintedProblemsOf(uri);
    // Words, not glyphs: a TreeItem description renders no $(codicon), and emoji such as ⏰ can
    // show as a missing character; "overdue" and "n problems" also read differently at a glance.
    const marks = [overdue ? 'overdue' : '', problems ? `${problems} problem${problems === 1 ? '' : 's'}` : ''].filter(Boolean);
    const details = [roadmapItem.owner, roadmapItem.quarter, roadmapItem.priority, this.groupBy === 'status' ? '' : roadmapItem.status].filter(Boolean);
    item.description = [...marks, details.join(' · ')].filter(Boolean).join('  ');
    // A watch, not the warning sign that problems use elsewhere in the workbench.
    const meaning = statusMeaning(this.config(), roadmapItem.type, roadmapItem.status);
    const [icon, color] = overdue ? ['watch', 'charts.red'] : [meaning.icon, meaning.colour];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.contextValue = 'roadmapItem';
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    return item;
  }

  /** The tooltip, built when the user hovers an item rather than for each of thousands of items. */
  resolveTreeItem(item: vscode.TreeItem, node: RoadmapNode): vscode.TreeItem {
    if (node.kind === 'item') {
      const today = localIsoDate(new Date());
      item.tooltip = tooltip(node.entry.item, isOverdue(node.entry.item, today, this.config()), this.model.lintedProblemsOf(node.entry.uri));
    }
    return item;
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

function tooltip(item: RoadmapItem, overdue: boolean, problems: number | undefined): vscode.MarkdownString {
  const rows: [string, string | undefined][] = [
    ['Type', item.type],
    ['Status', item.status],
    ['Owner', item.owner],
    ['Quarter', item.quarter],
    ['Target', item.target ? `${item.target}${overdue ? ' (overdue)' : ''}` : undefined],
    ['Priority', item.priority],
    ['Theme', item.theme],
    ['Id', item.id],
    ['Depends on', item.dependsOn.length ? item.dependsOn.join(', ') : undefined],
    ['Problems', problems === undefined ? 'being checked' : String(problems)],
    ['File', item.file],
  ];
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(item.title)}**\n\n`);
  md.appendMarkdown('| | |\n|---|---|\n');
  for (const [label, value] of rows) if (value !== undefined) md.appendMarkdown(`| ${label} | ${escapeMarkdown(value)} |\n`);
  return md;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/**
 * The tree view, with a message when files were skipped (too large, binary) so none go missing
 * silently, or when the filter hides every item (the welcome text would wrongly say there are none).
 */
export function createRoadmapView(tree: RoadmapTree, model: WorkspaceModel, configs: ConfigService): vscode.Disposable {
  const view = vscode.window.createTreeView('productDocs.roadmap', { treeDataProvider: tree, showCollapseAll: true });
  const showMessage = () => {
    const count = model.skipped.size;
    const skipped = count === 0 ? '' : `${count} markdown file${count === 1 ? ' was' : 's were'} skipped (too large or binary): see Output › Product Docs.`;
    const filter = describeItemFilter(tree.filter);
    const noMatch = filter && tree.visibleItems().length === 0 ? `No roadmap item matches the filter (${filter}).` : '';
    const stale = configs.stale().map(({ line }) => `Using the last valid .product-docs.yaml: fix the syntax error at line ${line}.`);
    // The title-bar icon alone did not say which filters hide items. The header's description
    // says it where the sidebar is wide enough; the message says it always (a narrow sidebar
    // truncates the header to its title and icons).
    view.message = [...stale, noMatch || (filter ? `Filtered: ${filter}.` : ''), skipped].filter(Boolean).join(' ');
    view.description = filter;
  };
  // The tree changes with the model, the lint, the filter and the grouping: the message follows it,
  // and a config that stopped parsing (which changes nothing in the tree).
  return vscode.Disposable.from(view, tree.onDidChangeTreeData(showMessage), configs.onDidChangeStale(showMessage));
}

/**
 * Generates the benchmark corpus: realistic product-document workspaces (1,000 and 10,000 PRDs,
 * PR/FAQs and lessons-learned reviews with front matter and sections, about 10% with problems),
 * a few non-product READMEs and notes, a node_modules folder full of markdown the tools must skip,
 * and two single product documents (20 KB and 1 MB). Deterministic: a seeded PRNG, no clock.
 *
 * Written under .bench/corpus-v<GENERATOR_VERSION>/ (gitignored) and reused while the version is
 * unchanged. Run directly to (re)generate: `tsx scripts/bench/generate.ts [--force]`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { builtInTypes, DELIVERY_STATUSES, PRIORITIES, REVIEW_STATUSES, type DocumentType, type SectionSpec } from '../../src/core/config/document-types';
import { Rng } from './prng';

/** Bump whenever the output changes: a new version is generated next to the old one. */
export const GENERATOR_VERSION = 1;
const SEED = 20250404;
export const WORKSPACE_SIZES = [1000, 10000] as const;
const DOCS_PER_FOLDER = 100;
const PROBLEM_SHARE = 0.1;

export interface WorkspaceManifest {
  folder: string;
  productDocuments: number;
  problemDocuments: number;
  /** Markdown outside node_modules that is not a product document (READMEs, notes). */
  otherMarkdown: number;
  /** Markdown inside node_modules, which both tools are told to skip. */
  skippedMarkdown: number;
  /** Bytes of the markdown files outside node_modules. */
  bytes: number;
  problemsByKind: Record<string, number>;
}

export interface CorpusManifest {
  version: number;
  seed: number;
  root: string;
  workspaces: Record<string, WorkspaceManifest>;
  singles: Record<'20kb' | '1mb', { file: string; bytes: number }>;
}

export function corpusRoot(repoRoot: string): string {
  return join(repoRoot, '.bench', `corpus-v${GENERATOR_VERSION}`);
}

/** The corpus for this generator version: read from disk when complete, generated otherwise. */
export function ensureCorpus(repoRoot: string, force = false, log: (line: string) => void = () => {}): CorpusManifest {
  const root = corpusRoot(repoRoot);
  const manifestFile = join(root, 'manifest.json');
  if (!force && existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as CorpusManifest;
    if (manifest.version === GENERATOR_VERSION && manifest.seed === SEED) return { ...manifest, root };
  }
  const staging = `${root}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const started = Date.now();
  const workspaces: Record<string, WorkspaceManifest> = {};
  for (const size of WORKSPACE_SIZES) {
    const name = `ws-${size}`;
    workspaces[name] = { ...writeWorkspace(join(staging, name), size), folder: name };
    log(`generated ${name}: ${workspaces[name]!.productDocuments} product documents`);
  }
  const singles = {
    '20kb': writeSingle(staging, 'single/prd-20kb.md', 20_000, 7),
    '1mb': writeSingle(staging, 'single/prd-1mb.md', 1_000_000, 11),
  };
  const manifest: CorpusManifest = { version: GENERATOR_VERSION, seed: SEED, root: '', workspaces, singles };
  writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(root, { recursive: true, force: true });
  renameSync(staging, root);
  log(`corpus written to ${root} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ...manifest, root };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const PRODUCTS = ['Checkout', 'Search', 'Notifications', 'Billing', 'Onboarding', 'Payments', 'Reporting', 'Mobile app', 'Admin console', 'Inventory', 'Recommendations', 'Identity', 'Messaging', 'Analytics', 'Marketplace', 'Subscriptions', 'Shipping', 'Returns', 'Loyalty', 'Pricing'];
const FEATURES = ['address autocomplete', 'saved carts', 'one-click reorder', 'bulk export', 'usage alerts', 'SSO for teams', 'dark mode', 'offline sync', 'fraud scoring', 'price rules', 'smart filters', 'weekly digest', 'audit log', 'role-based access', 'partial refunds', 'gift cards', 'delivery slots', 'in-app chat', 'CSV import', 'webhooks v2', 'spend limits', 'tax estimates', 'guest checkout', 'saved searches', 'multi-currency invoices', 'push preferences', 'team workspaces', 'API rate limits', 'status page', 'self-serve plan changes'];
const PERSONAS = ['new customers', 'store admins', 'finance teams', 'support agents', 'mobile shoppers', 'enterprise buyers', 'warehouse staff', 'developers integrating our API', 'small merchants', 'account owners', 'first-time sellers', 'operations leads'];
const TASKS = ['finish a purchase', 'find the right product', 'reconcile their monthly invoices', 'answer a ticket', 'change their plan', 'export last quarter’s orders', 'invite a teammate', 'set up a new store', 'track a delivery', 'recover a failed payment', 'review suspicious orders', 'compare two reports'];
const STRUGGLES = ['give up', 'contact support', 'wait several minutes', 'lose their work', 'make mistakes', 'switch to a spreadsheet', 'ask a colleague for help', 'retry more than once'];
const NOUNS = ['conversion', 'latency', 'retention', 'ticket volume', 'error rate', 'time to first value', 'activation', 'churn', 'page weight', 'order value', 'NPS', 'refund rate'];
const VERBS = ['simplify', 'rebuild', 'extend', 'instrument', 'consolidate', 'redesign', 'automate', 'harden', 'localise', 'speed up'];
const TEAMS = ['growth', 'core', 'platform', 'payments', 'mobile', 'search', 'data', 'trust', 'ops', 'web'];
const AREAS = ['commerce', 'platform', 'finance', 'growth', 'mobile', 'data', 'identity', 'support', 'logistics', 'developer'];
const FIRST = ['maria', 'li', 'ahmed', 'sofia', 'jonas', 'priya', 'diego', 'yuki', 'fatima', 'tom', 'elena', 'kwame', 'noah', 'aisha', 'lars'];
const LAST = ['garcia', 'chen', 'hassan', 'rossi', 'berg', 'patel', 'silva', 'tanaka', 'okafor', 'smith', 'novak', 'mensah', 'klein', 'khan', 'nilsen'];
const THEMES = ['Conversion', 'Reliability', 'Enterprise readiness', 'Cost to serve', 'International', 'Self-serve', 'Trust and safety', 'Developer experience'];
const LANGUAGES = ['json', 'yaml', 'ts', 'sql', 'sh', 'python'];

// ---------------------------------------------------------------------------------------------
// Prose

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function person(rng: Rng): string {
  return `${rng.pick(FIRST)}.${rng.pick(LAST)}`;
}

function inline(rng: Rng, text: string): string {
  const roll = rng.next();
  if (roll < 0.08) return `**${text}**`;
  if (roll < 0.14) return `_${text}_`;
  if (roll < 0.2) return `\`${text.replace(/\s+/g, '_')}\``;
  if (roll < 0.25) return `[${text}](https://wiki.example.com/${text.replace(/\W+/g, '-').toLowerCase()})`;
  return text;
}

function sentence(rng: Rng): string {
  switch (rng.int(0, 7)) {
    case 0:
      return `${capitalize(rng.pick(PERSONAS))} ${rng.pick(STRUGGLES)} when they try to ${rng.pick(TASKS)}.`;
    case 1:
      return `Today ${rng.int(3, 62)}% of ${inline(rng, rng.pick(PERSONAS))} ${rng.pick(STRUGGLES)}, which costs us about ${rng.int(2, 90)}k in ${rng.pick(NOUNS)} every quarter.`;
    case 2:
      return `We will ${rng.pick(VERBS)} ${inline(rng, rng.pick(FEATURES))} so that ${rng.pick(PERSONAS)} can ${rng.pick(TASKS)} without help.`;
    case 3:
      return `This builds on the ${rng.pick(FEATURES)} work the ${rng.pick(TEAMS)} team shipped in ${rng.int(2023, 2025)}-Q${rng.int(1, 4)}.`;
    case 4:
      return `Research with ${rng.int(5, 40)} ${rng.pick(PERSONAS)} showed that ${inline(rng, rng.pick(NOUNS))} drops by ${rng.int(2, 30)}% when the flow takes more than ${rng.int(2, 9)} steps.`;
    case 5:
      return `The ${rng.pick(PRODUCTS)} ${rng.pick(FEATURES)} experiment moved ${rng.pick(NOUNS)} by ${rng.int(1, 12)}.${rng.int(0, 9)} points (see the dashboard).`;
    case 6:
      return `Work to ${rng.pick(VERBS)} ${rng.pick(FEATURES)} also lets us retire ${rng.int(2, 6)} legacy services owned by ${rng.pick(TEAMS)}.`;
    default:
      return `Ask @${person(rng)} for the raw numbers; the summary lives in the ${rng.pick(PRODUCTS)} quarterly review.`;
  }
}

function paragraph(rng: Rng, sentences = rng.int(2, 5)): string {
  return Array.from({ length: sentences }, () => sentence(rng)).join(' ');
}

function bullets(count: number, item: () => string, ordered = false): string {
  return Array.from({ length: count }, (_, i) => `${ordered ? `${i + 1}.` : '-'} ${item()}`).join('\n');
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function isoDate(rng: Rng, year = rng.int(2024, 2026)): string {
  return `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

function codeFence(rng: Rng): string {
  const language = rng.pick(LANGUAGES);
  const fence = rng.chance(0.15) ? '~~~' : '```';
  let body: string;
  switch (language) {
    case 'json':
      body = `{\n  "event": "${rng.pick(FEATURES).replace(/\W+/g, '_')}",\n  "userId": "u_${rng.int(1000, 9999)}",\n  "properties": { "step": ${rng.int(1, 6)}, "variant": "${rng.pick(['a', 'b', 'control'])}" }\n}`;
      break;
    case 'yaml':
      body = `# feature flag\nflag: ${rng.pick(FEATURES).replace(/\W+/g, '-')}\nrollout:\n  - cohort: beta\n    percent: ${rng.int(1, 50)}\n  - cohort: everyone\n    percent: 100`;
      break;
    case 'ts':
      body = `export interface ${rng.pick(PRODUCTS).replace(/\W/g, '')}Event {\n  id: string;\n  occurredAt: Date;\n  amountCents: number; // ${rng.pick(NOUNS)}\n}`;
      break;
    case 'sql':
      body = `SELECT date_trunc('week', created_at) AS week, count(*)\nFROM orders\nWHERE status = '${rng.pick(['failed', 'abandoned', 'refunded'])}'\nGROUP BY 1\nORDER BY 1;`;
      break;
    case 'sh':
      body = `# reproduce locally\n## needs the staging token\ncurl -s https://api.example.com/v2/${rng.pick(['orders', 'carts', 'invoices'])} \\\n  -H "Authorization: Bearer $TOKEN" | jq '.items | length'`;
      break;
    default:
      body = `# quick estimate\nrate = ${rng.int(1, 40)} / 100\nprint(f"expected uplift: {rate * ${rng.int(1000, 90000)}:.0f} orders")`;
  }
  return `${fence}${language}\n${body}\n${fence}`;
}

function extras(rng: Rng): string[] {
  const blocks: string[] = [];
  if (rng.chance(0.08)) blocks.push(`> ${sentence(rng)}\n> ${sentence(rng)}`);
  if (rng.chance(0.05)) blocks.push(`<!-- ${sentence(rng)} -->`);
  if (rng.chance(0.04)) blocks.push(`<details>\n<summary>Raw data</summary>\n\n${bullets(3, () => `${rng.pick(NOUNS)}: ${rng.int(1, 999)}`)}\n\n</details>`);
  if (rng.chance(0.03)) blocks.push(`![${rng.pick(FEATURES)} mockup](./images/${rng.pick(FEATURES).replace(/\W+/g, '-')}.png)`);
  if (rng.chance(0.03)) blocks.push('---');
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Documents

type Problem =
  | 'missing-section'
  | 'empty-section'
  | 'guidance-left'
  | 'duplicate-section'
  | 'section-order'
  | 'placeholder'
  | 'bad-status'
  | 'bad-quarter'
  | 'bad-date'
  | 'bad-priority'
  | 'missing-owner'
  | 'yaml-error'
  | 'unknown-type';
const PROBLEMS: Problem[] = ['missing-section', 'empty-section', 'guidance-left', 'duplicate-section', 'section-order', 'placeholder', 'bad-status', 'bad-quarter', 'bad-date', 'bad-priority', 'missing-owner', 'yaml-error', 'unknown-type'];

interface DocPlan {
  type: DocumentType;
  title: string;
  id: string;
  problems: Set<Problem>;
  /** Pad the Requirements (or first) section until the document has this many characters. */
  targetLength?: number;
}

function sectionBody(rng: Rng, spec: SectionSpec, plan: DocPlan, depth: number): string[] {
  const key = spec.title.toLowerCase();
  const sub = '#'.repeat(Math.min(depth + 1, 6));
  const blocks: string[] = [];
  switch (key) {
    case 'goals':
      blocks.push(bullets(rng.int(2, 4), () => `${capitalize(rng.pick(VERBS))} ${rng.pick(NOUNS)} for ${rng.pick(PERSONAS)} by ${rng.int(5, 40)}%.`, true));
      if (rng.chance(0.5)) blocks.push(paragraph(rng, 2));
      break;
    case 'non-goals':
      blocks.push(bullets(rng.int(2, 4), () => `${capitalize(rng.pick(FEATURES))}: ${sentence(rng)}`));
      break;
    case 'user stories':
      blocks.push(bullets(rng.int(3, 5), () => `As one of the ${rng.pick(PERSONAS)}, I want ${rng.pick(FEATURES)} so that I can ${rng.pick(TASKS)}.`));
      break;
    case 'requirements':
      if (rng.chance(0.5)) {
        for (const level of rng.sample(['Must have', 'Should have', 'Could have'], rng.int(2, 3))) {
          blocks.push(`${sub} ${level}`, bullets(rng.int(2, 4), () => `${capitalize(rng.pick(VERBS))} ${rng.pick(FEATURES)} for ${rng.pick(PERSONAS)}.`, true));
        }
      } else {
        blocks.push(table(['ID', 'Requirement', 'Priority'], Array.from({ length: rng.int(3, 6) }, (_, i) => [`R${i + 1}`, `${capitalize(rng.pick(VERBS))} ${rng.pick(FEATURES)}`, rng.pick(PRIORITIES)])));
      }
      if (rng.chance(0.3)) blocks.push(codeFence(rng));
      break;
    case 'success metrics':
      blocks.push(table(['Metric', 'Baseline', 'Target'], Array.from({ length: rng.int(2, 4) }, () => [capitalize(rng.pick(NOUNS)), `${rng.int(1, 60)}%`, `${rng.int(61, 99)}%`])));
      break;
    case 'milestones':
      blocks.push(bullets(rng.int(3, 5), () => `${isoDate(rng)}: ${capitalize(rng.pick(['beta', 'internal dogfood', 'GA', 'design review', 'pilot with 5 customers']))}`));
      break;
    case 'risks':
      blocks.push(table(['Risk', 'Likelihood', 'Mitigation'], Array.from({ length: rng.int(2, 4) }, () => [capitalize(rng.pick(FEATURES)) + ' slips', rng.pick(['low', 'medium', 'high']), sentence(rng)])));
      break;
    case 'open questions':
      blocks.push(bullets(rng.int(2, 4), () => `Do we ${rng.pick(VERBS)} ${rng.pick(FEATURES)} before ${rng.pick(['beta', 'GA', 'the pricing change'])}? (@${person(rng)})`));
      break;
    case 'appendix':
      blocks.push(codeFence(rng), bullets(2, () => `[${capitalize(rng.pick(FEATURES))} research](https://docs.example.com/research/${rng.int(100, 999)})`));
      break;
    case 'external faq':
    case 'internal faq':
      for (let i = rng.int(2, 4); i > 0; i--) blocks.push(`${sub} Q: How does ${rng.pick(FEATURES)} help ${rng.pick(PERSONAS)}?`, paragraph(rng, rng.int(1, 3)));
      break;
    case 'press release':
      blocks.push(`**${plan.title}: ${rng.pick(PERSONAS)} can now ${rng.pick(TASKS)} in seconds**`, paragraph(rng), `> "${sentence(rng)}" said ${capitalize(person(rng).replace('.', ' '))}.`, paragraph(rng, 2));
      break;
    case 'timeline':
      blocks.push(bullets(rng.int(4, 7), () => `${isoDate(rng)} ${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')} UTC: ${sentence(rng)}`));
      break;
    case 'action items':
      blocks.push(bullets(rng.int(2, 5), () => `[${rng.chance(0.4) ? 'x' : ' '}] ${capitalize(rng.pick(VERBS))} ${rng.pick(FEATURES)} (@${person(rng)}, due ${isoDate(rng)})`));
      break;
    default:
      blocks.push(paragraph(rng));
      if (rng.chance(0.7)) blocks.push(paragraph(rng, rng.int(2, 4)));
      if (rng.chance(0.35)) blocks.push(bullets(rng.int(2, 4), () => sentence(rng)));
      if (rng.chance(0.12)) blocks.push(`${sub} ${capitalize(rng.pick(FEATURES))}`, paragraph(rng, 2));
  }
  if (rng.chance(0.1)) blocks.push(codeFence(rng));
  blocks.push(...extras(rng));
  return blocks;
}

function padding(rng: Rng, depth: number, index: number): string[] {
  const sub = '#'.repeat(Math.min(depth + 1, 6));
  return [
    `${sub} Area ${index}: ${capitalize(rng.pick(FEATURES))}`,
    paragraph(rng, rng.int(3, 6)),
    table(['ID', 'Requirement', 'Priority'], Array.from({ length: rng.int(3, 8) }, (_, i) => [`R${index}.${i + 1}`, `${capitalize(rng.pick(VERBS))} ${rng.pick(FEATURES)} for ${rng.pick(PERSONAS)}`, rng.pick(PRIORITIES)])),
    bullets(rng.int(2, 5), () => sentence(rng)),
    ...(rng.chance(0.4) ? [codeFence(rng)] : []),
    ...(rng.chance(0.02) ? [`TODO: confirm the scope of area ${index} with @${person(rng)}.`] : []),
  ];
}

function frontMatter(rng: Rng, plan: DocPlan, ids: readonly string[]): string {
  const { type, problems } = plan;
  const review = type.id === 'lessons-learned';
  const year = rng.int(2024, 2026);
  const quarter = `${year}-Q${rng.int(1, 4)}`;
  const fields: [string, string][] = [];
  fields.push(['type', problems.has('unknown-type') ? rng.pick(['prd-v2', 'PRDs', 'prfaq2']) : type.id]);
  fields.push(['title', rng.chance(0.3) || plan.title.includes(':') ? JSON.stringify(plan.title) : plan.title]);
  const statuses = review ? REVIEW_STATUSES : DELIVERY_STATUSES;
  fields.push(['status', problems.has('bad-status') ? rng.pick(['done', 'wip', 'blocked', 'Ready']) : rng.pick(statuses)]);
  if (!problems.has('missing-owner')) fields.push(['owner', person(rng)]);
  if (!review || rng.chance(0.3)) fields.push(['quarter', problems.has('bad-quarter') ? rng.pick([`Q${rng.int(1, 4)} ${year}`, `${year}Q${rng.int(1, 4)}`, `${year}-Q5`]) : quarter]);
  if (rng.chance(0.7)) fields.push(['target', problems.has('bad-date') ? rng.pick([`${year}-13-01`, `31/12/${year}`, `${year}-02-30`]) : isoDate(rng, year)]);
  if (!review) fields.push(['priority', problems.has('bad-priority') ? rng.pick(['high', 'P5', 'urgent']) : rng.pick(PRIORITIES)]);
  if (rng.chance(0.8)) fields.push(['theme', rng.pick(THEMES)]);
  fields.push(['id', plan.id]);
  if (rng.chance(0.2)) fields.push(['created', isoDate(rng, year - 1)]);
  if (rng.chance(0.15)) fields.push(['approvers', `[${rng.sample(FIRST, rng.int(1, 3)).join(', ')}]`]);
  const lines = fields.map(([key, value]) => `${key}: ${value}`);
  if (ids.length > 0 && rng.chance(0.5)) {
    const deps = rng.sample(ids, rng.int(1, 3));
    if (rng.chance(0.5)) lines.push(`depends-on: [${deps.join(', ')}]`);
    else lines.push('depends-on:', ...deps.map((d) => `  - ${d}`));
  }
  if (problems.has('yaml-error')) lines.splice(rng.int(1, lines.length - 1), 0, rng.pick(['notes: "unclosed quote', 'labels: [alpha, beta', 'owner maria.garcia', '  bad indentation: here']));
  return `---\n${lines.join('\n')}\n---`;
}

function renderDoc(rng: Rng, plan: DocPlan, ids: readonly string[]): string {
  const { type, problems } = plan;
  const numbered = rng.chance(0.06);
  const setextTitle = rng.chance(0.03);
  const depth = rng.chance(0.9) ? 2 : 1;
  let specs = type.sections.filter((s) => s.required || rng.chance(0.65));
  if (problems.has('missing-section')) {
    const required = specs.filter((s) => s.required);
    const dropped = new Set(rng.sample(required, rng.int(1, 2)));
    specs = specs.filter((s) => !dropped.has(s));
  }
  if (problems.has('section-order') && specs.length >= 3) {
    const i = rng.int(0, specs.length - 2);
    specs = [...specs.slice(0, i), specs[i + 1]!, specs[i]!, ...specs.slice(i + 2)];
  }
  if (problems.has('duplicate-section') && specs.length > 0) specs = [...specs, rng.pick(specs)];
  const emptyIndex = problems.has('empty-section') ? rng.int(0, specs.length - 1) : -1;
  const guidanceIndex = problems.has('guidance-left') ? rng.int(0, specs.length - 1) : -1;
  const todoIndex = problems.has('placeholder') ? rng.int(0, specs.length - 1) : -1;
  const parts: string[] = [frontMatter(rng, plan, ids)];
  parts.push(setextTitle ? `${plan.title}\n${'='.repeat(plan.title.length)}` : `# ${plan.title}`);
  if (rng.chance(0.3)) parts.push(`_${capitalize(rng.pick(PRODUCTS))} · ${rng.pick(TEAMS)} team_`);
  const sections: string[][] = [];
  specs.forEach((spec, index) => {
    const name = rng.chance(0.1) && spec.aliases.length > 0 ? rng.pick(spec.aliases) : spec.title;
    const heading = `${'#'.repeat(depth)} ${numbered ? `${index + 1}. ` : ''}${name}${rng.chance(0.02) ? ':' : ''}`;
    const blocks = [heading];
    if (index === emptyIndex) {
      if (rng.chance(0.5)) blocks.push(`_${spec.guidance}_`);
    } else {
      if (index === guidanceIndex) blocks.push(`_${spec.guidance}_`);
      blocks.push(...sectionBody(rng, spec, plan, depth));
      if (index === todoIndex) blocks.push(rng.pick([`TODO: ${sentence(rng)}`, `${sentence(rng)} Numbers TBD.`, `FIXME ${rng.pick(FEATURES)} estimate`, `Owner: ???`]));
    }
    sections.push(blocks);
  });
  if (plan.targetLength !== undefined && sections.length > 0) {
    const grow = sections.find((blocks) => /requirements/i.test(blocks[0]!)) ?? sections[0]!;
    let length = parts.join('\n\n').length + sections.reduce((sum, blocks) => sum + blocks.join('\n\n').length + 2, 0);
    for (let i = 1; length < plan.targetLength; i++) {
      const more = padding(rng, depth, i);
      grow.push(...more);
      length += more.join('\n\n').length + 2;
    }
  }
  for (const blocks of sections) parts.push(...blocks);
  return `${parts.join('\n\n')}\n`;
}

function planDoc(rng: Rng, types: readonly DocumentType[], index: number, withProblems: boolean): DocPlan {
  const roll = rng.next();
  const type = roll < 0.6 ? types[0]! : roll < 0.8 ? types[1]! : types[2]!;
  const feature = rng.pick(FEATURES);
  const title = type.id === 'lessons-learned'
    ? `${rng.pick(PRODUCTS)} ${rng.pick(['outage', 'launch', 'incident', 'migration'])} review: ${feature}`
    : `${rng.pick(PRODUCTS)} ${feature}${rng.chance(0.2) ? ` v${rng.int(2, 4)}` : ''}`;
  const prefix = type.id === 'prd' ? 'PRD' : type.id === 'prfaq' ? 'PRFAQ' : 'LL';
  const problems = new Set<Problem>();
  if (withProblems) for (const p of rng.sample(PROBLEMS, rng.chance(0.7) ? 1 : 2)) problems.add(p);
  return { type, title, id: `${prefix}-${String(index).padStart(5, '0')}`, problems };
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

// ---------------------------------------------------------------------------------------------
// Workspaces

function writeWorkspace(folder: string, size: number): Omit<WorkspaceManifest, 'folder'> {
  const rng = new Rng(SEED ^ size);
  const types = builtInTypes();
  const ids: string[] = [];
  const used = new Set<string>();
  const problemsByKind: Record<string, number> = {};
  let bytes = 0;
  let problemDocuments = 0;
  const put = (file: string, text: string) => {
    write(join(folder, file), text);
    bytes += Buffer.byteLength(text);
  };
  for (let i = 0; i < size; i++) {
    const plan = planDoc(rng, types, i + 1, rng.chance(PROBLEM_SHARE));
    if (plan.problems.size > 0) problemDocuments++;
    for (const p of plan.problems) problemsByKind[p] = (problemsByKind[p] ?? 0) + 1;
    const text = renderDoc(rng, plan, ids.slice(-200));
    ids.push(plan.id);
    const f = Math.floor(i / DOCS_PER_FOLDER);
    const dir = `docs/${AREAS[f % AREAS.length]}/${TEAMS[Math.floor(f / AREAS.length) % TEAMS.length]}${f >= AREAS.length * TEAMS.length ? `-${Math.floor(f / (AREAS.length * TEAMS.length))}` : ''}`;
    let name = slug(plan.title);
    if (used.has(`${dir}/${name}`)) name = `${name}-${plan.id.toLowerCase()}`;
    used.add(`${dir}/${name}`);
    put(`${dir}/${name}.md`, text);
  }
  let otherMarkdown = 0;
  const other = (file: string, text: string) => {
    put(file, text);
    otherMarkdown++;
  };
  other('README.md', `# Product documents\n\n${paragraph(rng)}\n\n## Layout\n\n${bullets(4, () => `\`docs/${rng.pick(AREAS)}/\`: ${sentence(rng)}`)}\n\n## Contributing\n\n${paragraph(rng)}\n`);
  other('CONTRIBUTING.md', `# Contributing\n\n${paragraph(rng)}\n\n\`\`\`sh\nnpx product-docs lint docs\n\`\`\`\n`);
  for (const area of AREAS.slice(0, Math.min(AREAS.length, Math.ceil(size / DOCS_PER_FOLDER)))) {
    other(`docs/${area}/README.md`, `# ${capitalize(area)}\n\n${paragraph(rng)}\n\n## Owners\n\n${bullets(3, () => `@${person(rng)}`)}\n`);
  }
  for (let i = 1; i <= 5; i++) {
    other(`notes/meeting-${i}.md`, `---\ntitle: Planning sync ${i}\ndate: ${isoDate(rng, 2025)}\ntags: [planning]\n---\n\n# Planning sync ${i}\n\n${bullets(5, () => sentence(rng))}\n`);
  }
  // Markdown under node_modules must be skipped: if a tool read it, it would cost a lot.
  let skippedMarkdown = 0;
  for (let p = 0; p < 40; p++) {
    const pkg = `node_modules/${rng.pick(['@acme/', ''])}pkg-${p}`;
    write(join(folder, pkg, 'README.md'), `# pkg-${p}\n\n${paragraph(rng)}\n\n## Usage\n\n${codeFence(rng)}\n`);
    write(join(folder, pkg, 'CHANGELOG.md'), `# Changelog\n\n${Array.from({ length: 120 }, (_, v) => `## ${v}.0.0\n\n- ${sentence(rng)}`).join('\n\n')}\n`);
    write(join(folder, pkg, 'docs/api.md'), `---\ntype: prd\ntitle: Not a product document\n---\n\n# API\n\n${paragraph(rng)}\n`);
    skippedMarkdown += 3;
  }
  return { productDocuments: size, problemDocuments, otherMarkdown, skippedMarkdown, bytes, problemsByKind };
}

/**
 * `count` product documents generated in memory like the workspaces' (problems included), from
 * `seed`: realistic input for tests that compare a fast path with its reference.
 */
export function generateDocuments(count: number, seed: number): string[] {
  const rng = new Rng(seed);
  const types = builtInTypes();
  const ids: string[] = [];
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    const plan = planDoc(rng, types, i + 1, rng.chance(0.5));
    texts.push(renderDoc(rng, plan, ids.slice(-200)));
    ids.push(plan.id);
  }
  return texts;
}

function writeSingle(root: string, file: string, targetLength: number, seed: number): { file: string; bytes: number } {
  const rng = new Rng(SEED ^ seed);
  const types = builtInTypes();
  const plan: DocPlan = { type: types[0]!, title: `${rng.pick(PRODUCTS)} ${rng.pick(FEATURES)} platform`, id: `PRD-9${seed}`, problems: new Set(['placeholder']), targetLength };
  const text = renderDoc(rng, plan, ['PRD-00001', 'PRD-00002']);
  write(join(root, file), text);
  return { file, bytes: Buffer.byteLength(text) };
}

if (require.main === module) {
  const repoRoot = resolve(__dirname, '../..');
  const manifest = ensureCorpus(repoRoot, process.argv.includes('--force'), (line) => console.log(line));
  console.log(JSON.stringify(manifest, null, 2));
}

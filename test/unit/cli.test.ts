// The command-line tool as people and CI run it: the built dist/cli.js in a child process, in
// throwaway workspaces under the OS temp folder. A few tests call run() in-process where only an
// injected Io can stand in for a terminal or a clock.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatReports } from '../../src/cli/formats';
import { run, type Io } from '../../src/cli/main';
import { nodeWorkspacePort } from '../../src/cli/node-workspace-port';
import { buildTheCliWhenStale, CLI, REPO, runCli, stdoutJson, type CliResult } from '../support/built-cli';
import { tempWorkspace } from '../support/temp-workspace';

before(buildTheCliWhenStale);

// ---------------------------------------------------------------------------------------------
// Helpers

/** No git identity, so `new` without --owner is deterministic. */
const CHILD_ENV = { ...process.env, GIT_CONFIG_GLOBAL: path.join(os.tmpdir(), 'product-docs-no-gitconfig'), GIT_CONFIG_NOSYSTEM: '1' };

function cli(cwd: string, ...args: string[]): CliResult {
  return cliWithEnv({}, cwd, ...args);
}

function cliWithEnv(env: Record<string, string>, cwd: string, ...args: string[]): CliResult {
  return runCli(cwd, args, { env: { ...CHILD_ENV, ...env } });
}

const json = stdoutJson;
const workspace = (files: Record<string, string | Buffer> = {}) => tempWorkspace('product-docs-cli-', files);

function read(root: string, rel: string): string {
  return fs.readFileSync(path.join(root, ...rel.split('/')), 'utf8');
}

/** A PRD with every required section written; `front` lines go between the `---` lines. */
function prd(front: string, openQuestions = 'Which providers come first?'): string {
  return `---
${front}
---
# Plan

## Problem

Shoppers abandon carts at the payment step.

## Goals

Halve the abandonment rate.

## Non-goals

Changing the catalogue.

## Requirements

1. Pay with one click.

## Success metrics

Abandonment below 20%.

## Open questions

${openQuestions}
`;
}

const CLEAN_PRD = prd('type: prd\ntitle: Clean plan\nstatus: draft\nowner: Ana');
/** Errors: an invalid status (line 4, columns 9-17). Warnings: a TBD (line 31, columns 18-21). */
const BAD_PRD = prd('type: prd\ntitle: Bad plan\nstatus: drafting\nowner: Ana', 'Which providers? TBD');
/** Only a warning: a TODO (line 31, columns 1-5). */
const WARNING_PRD = prd('type: prd\ntitle: Warned plan\nstatus: draft\nowner: Ana', 'TODO');

const BAD_STATUS = {
  file: 'docs/bad.md',
  line: 4,
  column: 9,
  endLine: 4,
  endColumn: 17,
  severity: 'error',
  rule: 'invalid-field',
  message: 'Unexpected status "drafting", expected one of: draft, in-review, approved, in-progress, shipped, cancelled. Did you mean "draft"?',
};
const BAD_PLACEHOLDER = {
  file: 'docs/bad.md',
  line: 31,
  column: 18,
  endLine: 31,
  endColumn: 21,
  severity: 'warning',
  rule: 'placeholder',
  message: 'Unexpected placeholder "TBD": replace it with the content it stands for.',
};

interface JsonReport {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
}

/** The minimal workspace with known problems: one error and one warning in docs/bad.md. */
function problemWorkspace(): string {
  return workspace({ 'docs/bad.md': BAD_PRD, 'docs/clean.md': CLEAN_PRD, 'README.md': '# Readme\n\nTODO: write this.\n' });
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0: the properties the OASIS schema requires, and the value constraints it states.

const SARIF_LEVELS = ['none', 'note', 'warning', 'error'];
const SARIF_LOG_KEYS = ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'];

function assertValidSarif(log: any): void {
  assert.equal(typeof log, 'object');
  for (const key of Object.keys(log)) assert.ok(SARIF_LOG_KEYS.includes(key), `sarifLog has no property "${key}"`);
  assert.equal(log.version, '2.1.0', 'sarifLog.version is required and must be "2.1.0"');
  assert.ok(Array.isArray(log.runs), 'sarifLog.runs is required and must be an array');
  for (const run of log.runs) {
    assert.equal(typeof run.tool, 'object', 'run.tool is required');
    assert.equal(typeof run.tool.driver, 'object', 'tool.driver is required');
    assert.equal(typeof run.tool.driver.name, 'string', 'toolComponent.name is required');
    assert.ok(run.tool.driver.name.length > 0);
    const rules: any[] = run.tool.driver.rules ?? [];
    assert.ok(Array.isArray(rules));
    for (const rule of rules) {
      assert.equal(typeof rule.id, 'string', 'reportingDescriptor.id is required');
      if (rule.shortDescription !== undefined) assert.equal(typeof rule.shortDescription.text, 'string', 'multiformatMessageString.text is required');
      if (rule.defaultConfiguration?.level !== undefined) assert.ok(SARIF_LEVELS.includes(rule.defaultConfiguration.level));
    }
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'rule ids are unique');
    if (run.columnKind !== undefined) assert.ok(['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind));
    const baseIds: Record<string, any> = run.originalUriBaseIds ?? {};
    for (const base of Object.values(baseIds)) assert.match(base.uri, /^file:\/\/.*\/$/, 'a uriBaseId resolves to an absolute folder URI ending in "/"');
    assert.ok(Array.isArray(run.results), 'results is an array');
    for (const result of run.results) {
      assert.ok(typeof result.message?.text === 'string' || typeof result.message?.id === 'string', 'result.message needs text or id');
      if (result.level !== undefined) assert.ok(SARIF_LEVELS.includes(result.level), `level ${result.level}`);
      if (result.ruleIndex !== undefined) {
        assert.ok(Number.isInteger(result.ruleIndex) && result.ruleIndex >= 0, 'ruleIndex points into the rules');
        assert.equal(rules[result.ruleIndex].id, result.ruleId, 'ruleIndex and ruleId agree');
      }
      assert.ok(Array.isArray(result.locations) && result.locations.length > 0);
      for (const location of result.locations) {
        const physical = location.physicalLocation;
        assert.ok(physical.artifactLocation || physical.address, 'physicalLocation needs artifactLocation or address');
        const artifact = physical.artifactLocation;
        assert.doesNotMatch(artifact.uri, /[\s\\#?]/, 'the uri is a URI reference');
        if (artifact.uriBaseId !== undefined) assert.ok(artifact.uriBaseId in baseIds, `uriBaseId ${artifact.uriBaseId} is declared`);
        const region = physical.region;
        for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(region[key]) && region[key] >= 1, `region.${key} >= 1`);
        assert.ok(region.endLine > region.startLine || (region.endLine === region.startLine && region.endColumn >= region.startColumn), 'the region does not end before it starts');
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

describe('product-docs CLI', () => {
  describe('lint output formats', () => {
    it('json prints every finding as {file, line, column, endLine, endColumn, severity, rule, message}, 1-based, relative to the cwd with /', () => {
      const root = problemWorkspace();
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.status, 1, result.stderr);
      assert.deepEqual(json(result), [BAD_STATUS, BAD_PLACEHOLDER]);
      assert.deepEqual(Object.keys(json<JsonReport[]>(result)[0]!), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message']);
    });

    it('json paths are relative to the current folder, also when linting a subfolder or a parent', () => {
      const root = problemWorkspace();
      const fromParent = json<JsonReport[]>(cli(path.dirname(root), 'lint', path.basename(root), '--format', 'json'));
      assert.deepEqual(new Set(fromParent.map((r) => r.file)), new Set([`${path.basename(root)}/docs/bad.md`]));
      const fromDocs = json<JsonReport[]>(cli(path.join(root, 'docs'), 'lint', '--format', 'json'));
      assert.deepEqual(new Set(fromDocs.map((r) => r.file)), new Set(['bad.md']));
      const fromElsewhere = json<JsonReport[]>(cli(path.join(root, 'docs'), 'lint', '../docs/bad.md', '--format', 'json'));
      assert.deepEqual(new Set(fromElsewhere.map((r) => r.file)), new Set(['bad.md']));
    });

    it('json prints [] when nothing is wrong', () => {
      const result = cli(workspace({ 'docs/clean.md': CLEAN_PRD }), 'lint', '--format=json');
      assert.equal(result.status, 0);
      assert.deepEqual(json(result), []);
    });

    it('text prints file:line:column: severity message (rule) and a count', () => {
      const result = cli(problemWorkspace(), 'lint');
      assert.equal(result.status, 1);
      assert.equal(
        result.stdout,
        `docs/bad.md:4:9: error ${BAD_STATUS.message} (invalid-field)\n` +
          `docs/bad.md:31:18: warning ${BAD_PLACEHOLDER.message} (placeholder)\n` +
          '\n2 problems (1 error, 1 warning) in 1 file.\n',
      );
      assert.equal(result.stderr, '');
    });

    it('text says so when nothing is wrong', () => {
      const result = cli(workspace({ 'docs/clean.md': CLEAN_PRD }), 'lint');
      assert.equal(result.stdout, 'No problems found.\n');
    });

    it('text keeps one finding per line when a message quotes a value with a line break', () => {
      const root = workspace({ 'docs/odd.md': prd('type: prd\ntitle: Odd\nstatus: "a\\nb"\nowner: Ana') });
      const lines = cli(root, 'lint').stdout.split('\n');
      assert.ok(lines[0]!.startsWith('docs/odd.md:4:9: error Unexpected status "a\\nb"'), lines[0]);
    });

    it('sarif is a valid SARIF 2.1.0 log whose results match the json findings', () => {
      const root = problemWorkspace();
      const result = cli(root, 'lint', '--format', 'sarif');
      assert.equal(result.status, 1);
      const log = json<any>(result);
      assertValidSarif(log);
      const run = log.runs[0];
      assert.equal(run.tool.driver.name, 'product-docs');
      const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
      for (const id of ['missing-section', 'empty-section', 'placeholder', 'section-order', 'duplicate-section', 'front-matter-syntax', 'missing-field', 'invalid-field', 'unknown-type', 'invalid-config']) {
        assert.ok(ruleIds.includes(id), `rule ${id} is described`);
      }
      assert.deepEqual(run.originalUriBaseIds['%SRCROOT%'], { uri: `file://${root}/` });
      assert.deepEqual(
        run.results.map((r: any) => ({ ruleId: r.ruleId, level: r.level, text: r.message.text, location: r.locations[0].physicalLocation })),
        [
          {
            ruleId: 'invalid-field',
            level: 'error',
            text: BAD_STATUS.message,
            location: { artifactLocation: { uri: 'docs/bad.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 9, endLine: 4, endColumn: 17 } },
          },
          {
            ruleId: 'placeholder',
            level: 'warning',
            text: BAD_PLACEHOLDER.message,
            location: { artifactLocation: { uri: 'docs/bad.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 31, startColumn: 18, endLine: 31, endColumn: 21 } },
          },
        ],
      );
    });

    it('sarif percent-encodes file names so that "#", "%" and spaces stay part of the path', () => {
      const root = workspace({ 'docs/a #1 100%.md': BAD_PRD });
      const log = json<any>(cli(root, 'lint', '--format', 'sarif'));
      assertValidSarif(log);
      assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'docs/a%20%231%20100%25.md');
    });

    it('sarif with no findings is still a valid log with an empty results list', () => {
      const log = json<any>(cli(workspace({ 'docs/clean.md': CLEAN_PRD }), 'lint', '--format', 'sarif'));
      assertValidSarif(log);
      assert.deepEqual(log.runs[0].results, []);
    });

    it('github prints one ::error/::warning workflow annotation per finding', () => {
      const result = cli(problemWorkspace(), 'lint', '--format', 'github');
      assert.equal(result.status, 1);
      assert.equal(
        result.stdout,
        `::error file=docs/bad.md,line=4,col=9,endLine=4,endColumn=17,title=Product Docs invalid-field::${BAD_STATUS.message}\n` +
          `::warning file=docs/bad.md,line=31,col=18,endLine=31,endColumn=21,title=Product Docs placeholder::${BAD_PLACEHOLDER.message}\n`,
      );
    });

    it('github escapes %, CR and LF in messages and also "," and ":" in properties', () => {
      const root = workspace({ 'docs/odd,name:x.md': prd('type: prd\ntitle: Odd\nstatus: "50%\\r\\nbad"\nowner: Ana') });
      const result = cli(root, 'lint', '--format', 'github');
      assert.equal(result.stdout.split('\n').length, 2, 'one annotation, one line');
      assert.match(result.stdout, /^::error file=docs\/odd%2Cname%3Ax\.md,line=4,col=9,/);
      // The value is quoted on one line in the message; its % is escaped.
      assert.match(result.stdout, /::Unexpected status "50%25\\r\\nbad", expected/);
      const report = { file: 'a.md', line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'error' as const, rule: 'invalid-field', message: 'one\r\ntwo 100%' };
      assert.equal(formatReports([report], 'github', { version: '0', cwd: root }), '::error file=a.md,line=1,col=1,endLine=1,endColumn=2,title=Product Docs invalid-field::one%0D%0Atwo 100%25\n');
    });
  });

  describe('exit codes', () => {
    it('1 when any finding is an error', () => {
      assert.equal(cli(problemWorkspace(), 'lint').status, 1);
    });

    it('0 when there are only warnings', () => {
      const result = cli(workspace({ 'docs/warned.md': WARNING_PRD }), 'lint', '--format', 'json');
      assert.equal(result.status, 0);
      assert.deepEqual(
        json<JsonReport[]>(result).map((r) => [r.rule, r.severity]),
        [['placeholder', 'warning']],
      );
    });

    it('0 when there are no product documents at all', () => {
      const result = cli(workspace({ 'notes.md': '# Notes\n\nTODO\n' }), 'lint');
      assert.equal(result.status, 0);
      assert.equal(result.stdout, 'No problems found.\n');
    });

    const usageErrors: [string, string[], RegExp][] = [
      ['an unknown option', ['lint', '--colour'], /Unknown option --colour/],
      ['a short option, which is not offered', ['lint', '-f', 'json'], /Unknown option -f/],
      ['an unknown command', ['lnit'], /Unknown command "lnit"/],
      ['a bad --format', ['lint', '--format', 'xml'], /--format must be one of: text, json, sarif, github/],
      ['--format without a value', ['lint', '--format'], /--format needs a value/],
      ['a bad roadmap --format', ['roadmap', '--format', 'sarif'], /--format must be one of: text, json, markdown, csv, mermaid/],
      ['no command', [], /Usage: product-docs <command>/],
      ['a --config that does not exist', ['lint', '--config', 'nope.yaml'], /Config file not found: nope\.yaml/],
    ];
    for (const [what, args, message] of usageErrors) {
      it(`2 with a message on stderr and nothing on stdout for ${what}`, () => {
        const result = cli(problemWorkspace(), ...args);
        assert.equal(result.status, 2);
        assert.match(result.stderr, message);
        assert.equal(result.stdout, '');
      });
    }

    it('2 for a path that does not exist, after linting the paths that do', () => {
      const result = cli(problemWorkspace(), 'lint', 'docs', 'missing.md', '--format', 'json');
      assert.equal(result.status, 2);
      assert.equal(result.stderr, 'product-docs: skipped missing.md: no such file or folder (ENOENT)\n');
      assert.deepEqual(json(result), [BAD_STATUS, BAD_PLACEHOLDER]);
    });
  });

  describe('help', () => {
    for (const command of ['lint', 'roadmap', 'new', 'init']) {
      it(`${command} --help prints the command's usage on stdout and exits 0`, () => {
        const result = cli(os.tmpdir(), command, '--help');
        assert.equal(result.status, 0);
        assert.ok(result.stdout.startsWith(`Usage: product-docs ${command}`), result.stdout);
        assert.equal(result.stderr, '');
        assert.deepEqual(cli(os.tmpdir(), 'help', command).stdout, result.stdout, `"help ${command}" prints the same`);
        assert.deepEqual(cli(os.tmpdir(), command, '-h').stdout, result.stdout, `"${command} -h" prints the same`);
      });
    }

    it('--help lists every command; --version prints the package version', () => {
      const help = cli(os.tmpdir(), '--help');
      assert.equal(help.status, 0);
      for (const command of ['lint', 'roadmap', 'new', 'init']) assert.match(help.stdout, new RegExp(`^  ${command}\\b`, 'm'));
      const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
      assert.equal(cli(os.tmpdir(), '--version').stdout, `${version}\n`);
    });

    it('a usage error prints the failing command\'s usage', () => {
      const result = cli(os.tmpdir(), 'roadmap', '--group-by', 'colour');
      assert.equal(result.status, 2);
      assert.match(result.stderr, /--group-by must be one of: status, quarter, horizon, owner, theme, type/);
      assert.match(result.stderr, /Usage: product-docs roadmap/);
    });
  });

  describe('config', () => {
    it('--config FILE is used instead of the .product-docs.yaml found upward', () => {
      const root = workspace({
        '.product-docs.yaml': 'rules:\n  placeholder: off\n',
        'ci/strict.yaml': 'rules:\n  placeholder: error\n',
        'docs/warned.md': WARNING_PRD,
      });
      assert.deepEqual(json(cli(root, 'lint', '--format', 'json')), []);
      const strict = cli(root, 'lint', '--format', 'json', '--config', 'ci/strict.yaml');
      assert.equal(strict.status, 1);
      assert.deepEqual(
        json<JsonReport[]>(strict).map((r) => [r.file, r.rule, r.severity]),
        [['docs/warned.md', 'placeholder', 'error']],
      );
    });

    it('--config FILE globs are relative to the current folder, not to the folder of FILE', () => {
      const root = workspace({ 'ci/product-docs.yaml': 'exclude: ["archive/**"]\n', 'archive/old.md': BAD_PRD, 'docs/bad.md': BAD_PRD });
      const result = cli(root, 'lint', '--format', 'json', '--config', 'ci/product-docs.yaml');
      assert.deepEqual(json(result), [BAD_STATUS, BAD_PLACEHOLDER]);
    });

    it('looks upward from each linted path, so nested workspaces keep their own rules and excludes', () => {
      const root = workspace({
        '.product-docs.yaml': 'rules:\n  placeholder: off\nexclude: ["archive/**"]\n',
        'docs/outer.md': WARNING_PRD,
        'archive/old.md': BAD_PRD,
        'team/.product-docs.yaml': 'rules:\n  placeholder: error\nexclude: ["drafts/**"]\n',
        'team/docs/inner.md': WARNING_PRD,
        'team/drafts/wip.md': BAD_PRD,
      });
      const expected = [['team/docs/inner.md', 'placeholder', 'error']];
      const all = cli(root, 'lint', '--format', 'json');
      assert.deepEqual(json<JsonReport[]>(all).map((r) => [r.file, r.rule, r.severity]), expected);
      assert.equal(all.status, 1);
      const listed = cli(root, 'lint', 'docs', 'team/docs/inner.md', 'team', '--format', 'json');
      assert.deepEqual(json<JsonReport[]>(listed).map((r) => [r.file, r.rule, r.severity]), expected, 'a file listed twice is linted once');
      const fromInside = cli(path.join(root, 'team', 'docs'), 'lint', '--format', 'json');
      assert.deepEqual(json<JsonReport[]>(fromInside).map((r) => [r.file, r.rule]), [['inner.md', 'placeholder']]);
    });

    it('a bad config is an invalid-config finding at its file:line:column, and linting goes on with the defaults', () => {
      const root = workspace({ '.product-docs.yaml': '# settings\nrules:\n  placeholder: loud\n', 'docs/warned.md': WARNING_PRD });
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.status, 1);
      const reports = json<JsonReport[]>(result);
      assert.deepEqual(reports[0], {
        file: '.product-docs.yaml',
        line: 3,
        column: 16,
        endLine: 3,
        endColumn: 20,
        severity: 'error',
        rule: 'invalid-config',
        message: 'Rule "placeholder" has severity "loud"; expected one of off, info, warning, error. The default is used until it is fixed.',
      });
      assert.deepEqual(reports.slice(1).map((r) => [r.file, r.rule, r.severity]), [['docs/warned.md', 'placeholder', 'warning']]);
      assert.match(cli(root, 'lint').stdout, /^\.product-docs\.yaml:3:16: error Rule "placeholder" has severity "loud"/);
    });

    it('several config problems are reported in file order', () => {
      const root = workspace({ '.product-docs.yaml': 'bogus: 1\nrules:\n  placeholder: loud\n' });
      const reports = json<JsonReport[]>(cli(root, 'lint', '--format', 'json'));
      assert.deepEqual(reports.map((r) => [r.rule, r.line]), [['invalid-config', 1], ['invalid-config', 3]]);
    });

    it('a config that is not valid YAML is reported at the error and the defaults are used', () => {
      const root = workspace({ '.product-docs.yaml': 'rules:\n  placeholder: [error\n', 'docs/bad.md': BAD_PRD });
      const reports = json<JsonReport[]>(cli(root, 'lint', '--format', 'json'));
      assert.equal(reports[0]!.rule, 'invalid-config');
      assert.equal(reports[0]!.file, '.product-docs.yaml');
      assert.ok(reports[0]!.line >= 2, `line ${reports[0]!.line}`);
      assert.deepEqual(reports.slice(1), [BAD_STATUS, BAD_PLACEHOLDER]);
    });
  });

  describe('walking folders', () => {
    it('lints *.md under the folders, skipping node_modules, .git, config excludes and non-product markdown, in name order', () => {
      const root = workspace({
        '.product-docs.yaml': 'exclude: ["drafts/**", "**/*.draft.md"]\n',
        'README.md': '# Project\n\n## Problem\n\nTODO\n',
        'docs/b.md': BAD_PRD,
        'docs/a.md': BAD_PRD,
        'docs/z.draft.md': BAD_PRD,
        'docs/notes.txt': BAD_PRD,
        'docs/deeper/c.md': BAD_PRD,
        'drafts/d.md': BAD_PRD,
        'node_modules/pkg/e.md': BAD_PRD,
        'docs/node_modules/f.md': BAD_PRD,
        '.git/g.md': BAD_PRD,
      });
      const files = json<JsonReport[]>(cli(root, 'lint', '--format', 'json')).map((r) => r.file);
      assert.deepEqual([...new Set(files)], ['docs/a.md', 'docs/b.md', 'docs/deeper/c.md']);
    });

    it('a file named on the command line is linted even when it is not in a walked folder', () => {
      const root = workspace({ 'notes/bad.markdown': BAD_PRD });
      const reports = json<JsonReport[]>(cli(root, 'lint', 'notes/bad.markdown', '--format', 'json'));
      assert.deepEqual(reports.map((r) => r.rule), ['invalid-field', 'placeholder']);
    });

    it('type files globs from the config make a file a product document without a "type:" field', () => {
      const root = workspace({
        '.product-docs.yaml': 'types:\n  rfc:\n    files: ["rfcs/**/*.md"]\n    sections: [Summary]\n',
        'rfcs/one.md': '---\ntitle: One\nstatus: draft\nowner: Ana\n---\n# One\n\n## Summary\n\nShort.\n',
        'rfcs/two.md': '---\ntitle: Two\nstatus: approved\n---\n# Two\n\n## Summary\n\nShort.\n',
        'other/one.md': '---\ntitle: One\nstatus: approved\n---\n# One\n',
      });
      const result = cli(root, 'lint', '--format', 'json');
      // No "type:" is asked for; the type's other required fields are.
      assert.deepEqual(json<JsonReport[]>(result).map((r) => `${r.file} ${r.rule} ${r.message}`), [
        'rfcs/two.md missing-field Missing front-matter field "owner": add "owner:" to the front matter.',
      ], result.stdout);
    });
  });

  describe('roadmap', () => {
    const ROADMAP_DOCS = {
      'docs/a.md': prd('type: prd\ntitle: Alpha\nstatus: approved\nowner: Ana\nquarter: 2026-Q3\ntarget: 2026-08-01\npriority: P1\ntheme: payments'),
      'docs/b.md': prd('type: prd\ntitle: Beta\nstatus: in-progress\nowner: Ben\nquarter: 2026-Q4\ntarget: 2026-12-01\npriority: P0\ntheme: search\nid: beta\ndepends-on: [alpha]'),
      'docs/c.md': '---\ntype: prfaq\ntitle: Gamma\nstatus: draft\nowner: Ana\nquarter: 2027-Q1\npriority: P2\n---\n# Gamma\n\n## Press release\n\nNews.\n\n## External FAQ\n\nQ and A.\n\n## Internal FAQ\n\nQ and A.\n',
      'docs/d.md': prd('type: prd\ntitle: Delta\nstatus: shipped\nowner: Ben\nquarter: 2026-Q2\ntarget: 2026-05-01\npriority: P1\ntheme: payments'),
      'docs/review.md': '---\ntype: lessons-learned\ntitle: Outage\nstatus: published\nowner: Ana\n---\n# Outage\n',
      'docs/hidden.md': prd('type: prd\ntitle: Hidden\nstatus: draft\nowner: Ana\nroadmap: false'),
      'README.md': '# Readme\n',
    };
    const roadmapWorkspace = (extra: Record<string, string> = {}) => workspace({ ...ROADMAP_DOCS, ...extra });
    /** Group headers of the text format: "Label (count)". */
    const textGroups = (stdout: string) => stdout.split('\n').filter((line) => /^\S.* \(\d+\)$/.test(line));

    it('json lists every item with its fields, sorted by priority, target, title, with overdue for --today', () => {
      const result = cli(roadmapWorkspace(), 'roadmap', '--format', 'json', '--today', '2026-09-01');
      assert.equal(result.status, 0, result.stderr);
      const items = json<any[]>(result);
      assert.deepEqual(items.map((i) => i.title), ['Beta', 'Delta', 'Alpha', 'Gamma']);
      assert.deepEqual(items[0], {
        file: 'docs/b.md',
        title: 'Beta',
        type: 'prd',
        status: 'in-progress',
        quarter: '2026-Q4',
        target: '2026-12-01',
        owner: 'Ben',
        priority: 'P0',
        theme: 'search',
        id: 'beta',
        dependsOn: ['alpha'],
        problems: 0,
        overdue: false,
        fields: {},
      });
      assert.deepEqual(items.map((i) => i.overdue), [false, false, true, false], 'Alpha (approved, target 2026-08-01) is overdue; shipped Delta is not');
      const before = json<any[]>(cli(roadmapWorkspace(), 'roadmap', '--format', 'json', '--today', '2026-07-01'));
      assert.deepEqual(before.map((i) => i.overdue), [false, false, false, false]);
    });

    it('text groups items, marks overdue ones and counts their lint problems', () => {
      const root = roadmapWorkspace({ 'docs/e.md': prd('type: prd\ntitle: Epsilon\nstatus: draft\nowner: Ana\npriority: P3', 'TBD') });
      const result = cli(root, 'roadmap', '--today', '2026-09-01');
      assert.equal(result.status, 0);
      assert.deepEqual(textGroups(result.stdout), ['Draft (2)', 'Approved (1)', 'In progress (1)', 'Shipped (1)']);
      assert.match(result.stdout, /^ {2}Alpha {2}P1 · 2026-Q3 · target 2026-08-01 · @Ana {2}\[OVERDUE\]\n {4}docs\/a\.md$/m);
      assert.match(result.stdout, /^ {2}Epsilon {2}P3 · @Ana {2}\[1 problem\]$/m);
    });

    it('items from several workspaces take type labels and horizons from their own workspace config', () => {
      const root = workspace({
        'team-a/.product-docs.yaml': 'types:\n  rfc:\n    label: RFC\n    sections: [Summary]\nroadmap:\n  horizons:\n    now: [building]\n',
        'team-a/docs/r.md': '---\ntype: rfc\ntitle: Rho\nstatus: building\nowner: Ana\n---\n# Rho\n\n## Summary\n\nS.\n',
        'team-b/docs/a.md': ROADMAP_DOCS['docs/a.md'],
      });
      // team-b (defaults) comes first, so only the combination knows RFC and "building".
      assert.deepEqual(textGroups(cli(root, 'roadmap', 'team-b', 'team-a', '--group-by', 'type').stdout), ['PRD (1)', 'RFC (1)']);
      assert.deepEqual(textGroups(cli(root, 'roadmap', 'team-b', 'team-a', '--group-by', 'horizon').stdout), ['Now (1)', 'Next (1)']);
    });

    const groupings: Record<string, string[]> = {
      status: ['Draft (1)', 'Approved (1)', 'In progress (1)', 'Shipped (1)'],
      quarter: ['2026-Q2 (1)', '2026-Q3 (1)', '2026-Q4 (1)', '2027-Q1 (1)'],
      horizon: ['Now (1)', 'Next (1)', 'Later (1)', 'Done (1)'],
      owner: ['Ana (2)', 'Ben (2)'],
      theme: ['payments (2)', 'search (1)', 'No theme (1)'],
      type: ['PRD (3)', 'PR/FAQ (1)'],
    };
    for (const [groupBy, groups] of Object.entries(groupings)) {
      it(`--group-by ${groupBy} groups the text, markdown and mermaid output alike`, () => {
        const root = roadmapWorkspace();
        const text = cli(root, 'roadmap', '--group-by', groupBy);
        assert.equal(text.status, 0);
        assert.deepEqual(textGroups(text.stdout), groups);
        const markdown = cli(root, 'roadmap', '--group-by', groupBy, '--format', 'markdown').stdout;
        assert.deepEqual(markdown.split('\n').filter((l) => l.startsWith('## ')), groups.map((g) => `## ${g}`));
        const mermaid = cli(root, 'roadmap', '--group-by', groupBy, '--format', 'mermaid').stdout;
        assert.deepEqual(mermaid.split('\n').filter((l) => l.startsWith('  section ')), groups.map((g) => `  section ${g.replace(/ \(\d+\)$/, '').replace(/[:#;]/g, ' ').trim()}`));
      });
    }

    it('the config\'s roadmap.groupBy is the default grouping', () => {
      const root = roadmapWorkspace({ '.product-docs.yaml': 'roadmap:\n  groupBy: owner\n' });
      assert.deepEqual(textGroups(cli(root, 'roadmap').stdout), groupings['owner']);
      assert.deepEqual(textGroups(cli(root, 'roadmap', 'docs').stdout), groupings['owner'], 'also when a subfolder is named');
      assert.deepEqual(textGroups(cli(root, 'roadmap', '--group-by', 'quarter').stdout), groupings['quarter'], '--group-by wins');
    });

    it('markdown is a table per group with linked titles', () => {
      const stdout = cli(roadmapWorkspace(), 'roadmap', '--format', 'markdown', '--group-by', 'horizon', '--today', '2026-09-01').stdout;
      assert.ok(stdout.startsWith('# Roadmap\n\n## Now (1)\n\n| Title | Status | Quarter | Target | Owner | Priority | Theme |\n| --- |'), stdout);
      assert.match(stdout, /^\| \[Alpha\]\(docs\/a\.md\) \(overdue\) \| approved \| 2026-Q3 \| 2026-08-01 \| Ana \| P1 \| payments \|$/m);
    });

    it('csv has a header and one CRLF row per item', () => {
      const stdout = cli(roadmapWorkspace(), 'roadmap', '--format', 'csv', '--today', '2026-09-01').stdout;
      const rows = stdout.split('\r\n');
      assert.equal(rows.pop(), '');
      assert.equal(rows[0], 'title,type,status,quarter,target,owner,priority,theme,id,file,depends-on,problems,overdue');
      assert.deepEqual(rows.slice(1).map((r) => r.split(',')[0]), ['Beta', 'Delta', 'Alpha', 'Gamma']);
      assert.equal(rows[3], 'Alpha,prd,approved,2026-Q3,2026-08-01,Ana,P1,payments,,docs/a.md,,0,true');
    });

    it('mermaid is a gantt chart of the dated items', () => {
      const stdout = cli(roadmapWorkspace(), 'roadmap', '--format', 'mermaid', '--group-by', 'horizon', '--today', '2026-09-01').stdout;
      assert.ok(stdout.startsWith('gantt\n  title Roadmap\n  dateFormat YYYY-MM-DD\n'), stdout);
      assert.match(stdout, /^ {2}Beta :active, 2026-10-01, 2026-12-01$/m);
      assert.match(stdout, /^ {2}Delta :done, 2026-04-01, 2026-05-01$/m);
      assert.match(stdout, /^ {2}Gamma :2027-01-01, 2027-03-31$/m);
    });

    it('says so when there is nothing to show', () => {
      const result = cli(workspace({ 'README.md': '# Hi\n' }), 'roadmap');
      assert.equal(result.status, 0);
      assert.match(result.stdout, /No roadmap items/);
      assert.deepEqual(json(cli(workspace({ 'README.md': '# Hi\n' }), 'roadmap', '--format', 'json')), []);
    });

    it('--today must be a real date', () => {
      for (const today of ['2026-13-01', 'tomorrow', '2026-02-30']) {
        const result = cli(roadmapWorkspace(), 'roadmap', '--today', today);
        assert.equal(result.status, 2, today);
        assert.match(result.stderr, /--today must be a date as YYYY-MM-DD/);
      }
    });

    it('reports config problems on stderr and exits 2 for a missing path', () => {
      const root = roadmapWorkspace({ '.product-docs.yaml': 'roadmap:\n  groupBy: colour\n' });
      const result = cli(root, 'roadmap', '.', 'gone');
      assert.equal(result.status, 2);
      assert.match(result.stderr, /^product-docs: \.product-docs\.yaml:2:12: roadmap\.groupBy is "colour"; expected one of .* \(invalid-config\)$/m);
      assert.match(result.stderr, /^product-docs: skipped gone: no such file or folder/m);
      assert.deepEqual(textGroups(result.stdout), groupings['status'], 'the default grouping stands in');
    });
  });

  describe('new', () => {
    const today = () => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };

    it('writes docs/<slug>.md from the built-in template, prints its path, and the result has no lint errors', () => {
      const root = workspace();
      const result = cli(root, 'new', 'prd', '--title', 'Checkout: v2!', '--owner', 'Ana Lee');
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, 'docs/checkout-v2.md\n');
      const text = read(root, 'docs/checkout-v2.md');
      assert.ok(text.startsWith(`---\ntype: prd\ntitle: "Checkout: v2!"\nstatus: draft\nowner: Ana Lee\ncreated: ${today()}\n---\n\n# Checkout: v2!\n`), text);
      for (const section of ['Problem', 'Goals', 'Non-goals', 'Requirements', 'Success metrics', 'Open questions']) assert.match(text, new RegExp(`^## ${section}$`, 'm'));
      const lint = cli(root, 'lint', '--format', 'json');
      assert.deepEqual(json<JsonReport[]>(lint).filter((r) => r.severity === 'error'), []);
    });

    it('never overwrites: an existing <slug>.md leaves it untouched and takes <slug>-2.md, then -3, as the editor does', () => {
      const root = workspace({ 'docs/checkout.md': 'my words\n' });
      const second = cli(root, 'new', 'prd', '--title', 'Checkout', '--owner', 'Ana');
      assert.equal(second.status, 0, second.stderr);
      assert.equal(second.stdout, 'docs/checkout-2.md\n');
      assert.equal(cli(root, 'new', 'prd', '--title', 'Checkout', '--owner', 'Ana').stdout, 'docs/checkout-3.md\n');
      assert.equal(read(root, 'docs/checkout.md'), 'my words\n');
      assert.match(read(root, 'docs/checkout-2.md'), /^title: Checkout$/m);
    });

    it('--dir chooses the folder; docsFolder from the config is the default', () => {
      const root = workspace({ '.product-docs.yaml': 'docsFolder: product/specs\n' });
      fs.mkdirSync(path.join(root, 'sub'));
      assert.equal(cli(path.join(root, 'sub'), 'new', 'prfaq', '--title', 'Voice', '--owner', 'Ana').stdout, '../product/specs/voice.md\n');
      assert.equal(cli(root, 'new', 'prfaq', '--title', 'Voice', '--owner', 'Ana', '--dir', 'elsewhere').stdout, 'elsewhere/voice.md\n');
      assert.match(read(root, 'elsewhere/voice.md'), /^type: prfaq$/m);
    });

    it('uses .product-docs/templates/<type>.md with {{title}}, {{date}}, {{owner}} and {{slug}} filled in', () => {
      const root = workspace({
        '.product-docs/templates/prd.md': '---\ntype: prd\ntitle: {{title}}\nstatus: draft\nowner: {{ owner }}\ncreated: {{date}}\n---\n# {{title}} ({{slug}})\n\nOur own template.\n',
      });
      const result = cli(root, 'new', 'prd', '--title', 'Search: v3', '--owner', 'Ben');
      assert.equal(result.status, 0, result.stderr);
      assert.equal(read(root, 'docs/search-v3.md'), `---\ntype: prd\ntitle: "Search: v3"\nstatus: draft\nowner: Ben\ncreated: ${today()}\n---\n# Search: v3 (search-v3)\n\nOur own template.\n`);
    });

    it('an unknown type exits 2 and lists the known types, including the config\'s own', () => {
      const root = workspace({ '.product-docs.yaml': 'types:\n  rfc:\n    sections: [Summary, Decision]\n' });
      const result = cli(root, 'new', 'spec', '--title', 'X');
      assert.equal(result.status, 2);
      assert.match(result.stderr, /Unknown document type "spec"\. Known types: prd, prfaq, lessons-learned, rfc\./);
      assert.equal(fs.existsSync(path.join(root, 'docs')), false);
    });

    it('a type defined in the config gets its own sections, and the new document lints with that type', () => {
      const root = workspace({ '.product-docs.yaml': 'types:\n  rfc:\n    sections: [Summary, Decision]\n' });
      const result = cli(root, 'new', 'rfc', '--title', 'Use YAML', '--owner', 'Ana');
      assert.equal(result.status, 0, result.stderr);
      const text = read(root, 'docs/use-yaml.md');
      assert.match(text, /^type: rfc$/m);
      assert.match(text, /^## Summary\n[\s\S]*^## Decision$/m);
      const reports = json<JsonReport[]>(cli(root, 'lint', '--format', 'json'));
      assert.ok(reports.every((r) => r.rule !== 'unknown-type' && r.severity !== 'error'), JSON.stringify(reports));
    });

    it('needs a type and a --title', () => {
      const root = workspace();
      assert.match(cli(root, 'new', '--title', 'X').stderr, /Name one document type/);
      const noTitle = cli(root, 'new', 'prd');
      assert.equal(noTitle.status, 2);
      assert.match(noTitle.stderr, /--title is required/);
    });

    it('without --owner the owner is git\'s user.name, or left empty when git has none', () => {
      const root = workspace({ 'gitconfig': '[user]\n\tname = Grace Hopper\n' });
      assert.equal(cliWithEnv({ GIT_CONFIG_GLOBAL: path.join(root, 'gitconfig') }, root, 'new', 'prd', '--title', 'Somebody').status, 0);
      assert.match(read(root, 'docs/somebody.md'), /^owner: Grace Hopper$/m);
      cli(root, 'new', 'prd', '--title', 'Nobody');
      assert.match(read(root, 'docs/nobody.md'), /^owner: $/m);
    });
  });

  describe('init', () => {
    it('writes a .product-docs.yaml that the CLI reads without any config problem', () => {
      const root = workspace({ 'docs/clean.md': CLEAN_PRD });
      const result = cli(root, 'init');
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, '.product-docs.yaml\n');
      assert.match(read(root, '.product-docs.yaml'), /^# /);
      const lint = cli(root, 'lint', '--format', 'json');
      assert.deepEqual(json(lint), []);
      assert.equal(lint.stderr, '');
      assert.equal(cli(root, 'roadmap').stderr, '');
    });

    it('never overwrites an existing config', () => {
      const root = workspace({ '.product-docs.yaml': 'rules: {}\n' });
      const result = cli(root, 'init');
      assert.equal(result.status, 1);
      assert.match(result.stderr, /\.product-docs\.yaml already exists; not overwriting it/);
      assert.equal(read(root, '.product-docs.yaml'), 'rules: {}\n');
    });

    it('--dir writes into another folder', () => {
      const root = workspace();
      fs.mkdirSync(path.join(root, 'team'));
      assert.equal(cli(root, 'init', '--dir', 'team').stdout, 'team/.product-docs.yaml\n');
      assert.ok(fs.existsSync(path.join(root, 'team', '.product-docs.yaml')));
    });
  });

  describe('progress line', () => {
    const manyFiles = () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 600; i++) files[`notes/n${String(i).padStart(3, '0')}.md`] = `# Note ${i}\n`;
      return workspace(files);
    };

    it('is not printed when stderr is not a terminal', () => {
      const result = cli(manyFiles(), 'lint');
      assert.equal(result.status, 0);
      assert.equal(result.stderr, '');
      assert.equal(result.stdout, 'No problems found.\n');
    });

    it('is printed on a terminal and erased before the results', async () => {
      const root = manyFiles();
      const out: string[] = [];
      const err: string[] = [];
      const code = await run(['lint'], { ...nodeIo(root), stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), interactive: true });
      assert.equal(code, 0);
      const stderr = err.join('');
      assert.match(stderr, /\rproduct-docs: 0\/600 files/);
      assert.match(stderr, /\rproduct-docs: 500\/600 files/);
      assert.ok(stderr.endsWith('\r\x1b[K'), 'the line is erased at the end');
      assert.equal(out.join(''), 'No problems found.\n');
    });

    it('is shown by the built CLI when stderr is a real terminal', function () {
      // `script` (util-linux) gives the child a pseudo-terminal; without it this case cannot be set up.
      if (spawnSync('script', ['--version']).status !== 0) this.skip();
      const root = manyFiles();
      const result = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} lint`, '/dev/null'], { cwd: root, encoding: 'utf8', timeout: 20_000, env: CHILD_ENV });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /product-docs: \d+\/600 files/);
    });
  });

  describe('hostile files and paths', () => {
    it('skips a binary .md (NUL bytes) with a notice and lints the rest', () => {
      const root = workspace({ 'docs/bad.md': BAD_PRD, 'docs/image.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]) });
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.status, 1);
      assert.equal(result.stderr, 'product-docs: skipped docs/image.md: looks binary (it contains NUL bytes)\n');
      assert.deepEqual(json(result), [BAD_STATUS, BAD_PLACEHOLDER]);
    });

    it('skips a file over maxFileSizeKb with a notice saying how to lint it', () => {
      const root = workspace({ '.product-docs.yaml': 'maxFileSizeKb: 1\n', 'docs/big.md': BAD_PRD + 'x'.repeat(2048), 'docs/clean.md': CLEAN_PRD });
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.status, 0);
      assert.match(result.stderr, /^product-docs: skipped docs\/big\.md: is larger than the 1 KB limit \(3 KB\); raise maxFileSizeKb in \.product-docs\.yaml to lint it\n$/);
      assert.deepEqual(json(result), []);
    });

    it('does not follow a folder link that loops back to its parent, and says so', () => {
      const root = workspace({ 'docs/bad.md': BAD_PRD });
      fs.symlinkSync('..', path.join(root, 'docs', 'loop'));
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.status, 1);
      assert.equal(result.stderr, 'product-docs: skipped docs/loop: is a link to a folder that contains it (a link loop); links to folders are not followed\n');
      assert.deepEqual(json(result), [BAD_STATUS, BAD_PLACEHOLDER], 'each file once');
    });

    it('reports a link loop named on the command line and exits 2', () => {
      const root = workspace({ 'docs/bad.md': BAD_PRD });
      fs.symlinkSync('self.md', path.join(root, 'docs', 'self.md'));
      const named = cli(root, 'lint', 'docs/self.md');
      assert.equal(named.status, 2);
      assert.equal(named.stderr, 'product-docs: skipped docs/self.md: too many levels of symbolic links, a link loop (ELOOP)\n');
      const walked = cli(root, 'lint', '--format', 'json');
      assert.equal(walked.status, 1, 'a broken link inside a folder is a notice, not a failure');
      assert.match(walked.stderr, /^product-docs: skipped docs\/self\.md: is a broken link \(too many levels of symbolic links/);
    });

    it('reports a .md that is a named pipe instead of waiting on it', () => {
      const root = workspace({ 'docs/clean.md': CLEAN_PRD });
      const fifo = path.join(root, 'docs', 'pipe.md');
      // mkfifo is POSIX; without it (Windows) there is no named pipe to test.
      const made = spawnSync('mkfifo', [fifo]);
      assert.equal(made.status, 0, String(made.error ?? made.stderr));
      const walked = cli(root, 'lint');
      assert.equal(walked.status, 0);
      assert.equal(walked.stderr, 'product-docs: skipped docs/pipe.md: is not a regular file (a pipe, socket or device)\n');
      const named = cli(root, 'lint', 'docs/pipe.md');
      assert.equal(named.stderr, 'product-docs: skipped docs/pipe.md: is not a regular file (a pipe, socket or device)\n');
    });

    it('reports a file it is not allowed to read and exits 2', function () {
      if (process.getuid?.() === 0) {
        // Root reads files whatever their mode, so chmod 000 cannot make one unreadable here; the
        // ELOOP case above covers the same "cannot be read" path.
        this.skip();
      }
      const root = workspace({ 'docs/locked.md': BAD_PRD, 'docs/clean.md': CLEAN_PRD });
      fs.chmodSync(path.join(root, 'docs', 'locked.md'), 0o000);
      const result = cli(root, 'lint');
      assert.equal(result.status, 2);
      assert.equal(result.stderr, 'product-docs: skipped docs/locked.md: permission denied (EACCES)\n');
    });

    it('takes an empty .md quietly: it is not a product document', () => {
      const result = cli(workspace({ 'docs/empty.md': '' }), 'lint');
      assert.equal(result.status, 0);
      assert.equal(result.stderr, '');
      assert.equal(result.stdout, 'No problems found.\n');
    });

    it('lints a file that is not valid UTF-8 with a notice, reading the bad bytes as U+FFFD', () => {
      const latin1 = Buffer.concat([Buffer.from(BAD_PRD.replace('title: Bad plan', 'title: Caf')), Buffer.from([0xe9])]);
      const root = workspace({ 'docs/bad.md': latin1 });
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.status, 1);
      assert.equal(result.stderr, 'product-docs: docs/bad.md is not valid UTF-8; its invalid bytes were read as U+FFFD.\n');
      assert.deepEqual(json(result), [BAD_STATUS, BAD_PLACEHOLDER]);
    });

    it('reports a path that does not exist and exits 2, for roadmap too', () => {
      const root = workspace();
      for (const command of ['lint', 'roadmap']) {
        const result = cli(root, command, 'no/such/place');
        assert.equal(result.status, 2, command);
        assert.equal(result.stderr, 'product-docs: skipped no/such/place: no such file or folder (ENOENT)\n');
      }
    });

    it('stops quietly when the reader closes the pipe early', () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 300; i++) files[`docs/b${i}.md`] = BAD_PRD;
      const root = workspace(files);
      const result = spawnSync('sh', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} lint --format json 2>err.txt | head -c 10 >/dev/null; cat err.txt`], {
        cwd: root,
        encoding: 'utf8',
        timeout: 20_000,
      });
      assert.equal(result.stdout, '', 'no stack trace on stderr');
    });
  });

  describe('the bundled examples workspace', () => {
    it('lint finds the deliberate problems of needs-work.md and no errors elsewhere', () => {
      const result = cli(REPO, 'lint', 'examples', '--format', 'json');
      assert.equal(result.status, 1, result.stderr);
      const reports = json<JsonReport[]>(result);
      const needsWork = reports.filter((r) => r.file === 'examples/docs/needs-work.md');
      assert.ok(needsWork.filter((r) => r.severity === 'error').length >= 3, JSON.stringify(needsWork));
      assert.deepEqual(reports.filter((r) => r.file !== 'examples/docs/needs-work.md' && r.severity === 'error'), []);
      assert.ok(reports.every((r) => r.file.startsWith('examples/docs/')), 'the README and the config are not reported');
      assert.equal(result.stderr, '');
    });

    it('roadmap shows the example documents by horizon, without the lessons-learned review', () => {
      const result = cli(REPO, 'roadmap', 'examples');
      assert.equal(result.status, 0, result.stderr);
      const groups = result.stdout.split('\n').filter((line) => /^\S.* \(\d+\)$/.test(line)).map((line) => line.replace(/ \(\d+\)$/, ''));
      assert.ok(groups.length >= 2 && groups.every((g) => ['Now', 'Next', 'Later', 'Done', 'Other'].includes(g)), groups.join(', '));
      assert.match(result.stdout, /examples\/docs\/needs-work\.md/);
      assert.doesNotMatch(result.stdout, /examples\/docs\/reviews\//);
      const items = json<{ file: string }[]>(cli(REPO, 'roadmap', 'examples', '--format', 'json'));
      assert.ok(items.length >= 4);
    });
  });

  describe('run() with an injected Io', () => {
    it('works from io.cwd and dates new documents with io.now, not the process\'s', async () => {
      const root = workspace();
      const out: string[] = [];
      const code = await run(['new', 'prd', '--title', 'Injected', '--owner', 'Ana'], {
        ...nodeIo(root),
        stdout: (t) => void out.push(t),
        stderr: (t) => assert.fail(t),
        now: () => new Date(2031, 0, 2, 23, 30),
      } satisfies Io);
      assert.equal(code, 0);
      assert.equal(out.join(''), 'docs/injected.md\n');
      assert.match(read(root, 'docs/injected.md'), /^created: 2031-01-02$/m);
    });

    it('returns 2 and never throws, even for a failure it did not expect', async () => {
      const err: string[] = [];
      const code = await run(['lint'], {
        ...nodeIo(workspace({ 'docs/bad.md': BAD_PRD })),
        stdout: () => {
          throw new Error('disk full');
        },
        stderr: (t) => void err.push(t),
      });
      assert.equal(code, 2);
      assert.match(err.join(''), /^product-docs: unexpected failure: Error: disk full/);
    });
  });
});

/** The Io index.ts wires, on the real file system, working in `cwd`, with no git identity. */
function nodeIo(cwd: string): Io {
  return { cwd, fs: nodeWorkspacePort({ blocking: true }), stdout: () => {}, stderr: () => {}, interactive: false, now: () => new Date(), gitUserName: () => '' };
}

/**
 * A big workspace with node_modules in it, for the "never walks node_modules" stress test
 * (test/unit/cli-hostile.test.ts at 5,000 files, scripts/stress/fifty-thousand.ts at 50,000).
 *
 * 60% of the files are under docs/ (every fifth a PRD, the rest notes), 40% under node_modules
 * folders (top-level and nested in packages/*), where every file is a PRD with errors: read, each
 * would show in the output. node_modules also holds traps that would each print a notice if the
 * walker went in: a named pipe, a folder link loop, a broken link, a binary and an oversized .md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StressWorkspace {
  /** Workspace-relative paths (with `/`) of the product documents outside node_modules. */
  productDocs: string[];
  /** How many files were written in all, node_modules included. */
  files: number;
  /** How many of them are under a node_modules folder. */
  inNodeModules: number;
}

const FILES_PER_FOLDER = 100;

function prd(i: number, status: string): string {
  return `---\ntype: prd\ntitle: Plan ${i}\nstatus: ${status}\nowner: Ana\n---\n# Plan ${i}\n\n## Problem\n\nShoppers abandon carts.\n`;
}

/** Writes `count` markdown files (plus the traps) under `root`, which must exist and be empty. */
export function writeStressWorkspace(root: string, count: number): StressWorkspace {
  const productDocs: string[] = [];
  let inNodeModules = 0;
  const made = new Set<string>();
  const write = (rel: string, content: string | Buffer) => {
    const folder = rel.slice(0, rel.lastIndexOf('/'));
    if (!made.has(folder)) {
      mkdirSync(join(root, folder), { recursive: true });
      made.add(folder);
    }
    writeFileSync(join(root, rel), content);
  };
  for (let i = 0; i < count; i++) {
    const folder = Math.floor(i / FILES_PER_FOLDER);
    if (i % 10 < 4) {
      inNodeModules++;
      // Top-level node_modules, and node_modules nested in a workspace package.
      const rel = i % 2 === 0 ? `node_modules/pkg${folder}/docs/f${i}.md` : `packages/app${folder % 7}/node_modules/dep${folder}/f${i}.md`;
      write(rel, prd(i, 'drafting'));
    } else {
      const rel = `docs/area${folder}/f${i}.md`;
      if (i % 5 === 0) {
        write(rel, prd(i, i % 3 === 0 ? 'drafting' : 'draft'));
        productDocs.push(rel);
      } else write(rel, `# Note ${i}\n\nJust notes, not a product document.\n`);
    }
  }
  write('node_modules/traps/binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
  write('node_modules/traps/huge.md', prd(0, 'drafting') + 'x'.repeat(2 * 1024 * 1024));
  write('.git/notes/prd.md', prd(0, 'drafting'));
  symlinkSync('..', join(root, 'node_modules', 'traps', 'loop'));
  symlinkSync('missing.md', join(root, 'node_modules', 'traps', 'broken.md'));
  // mkfifo is POSIX; where it is missing the other traps still stand.
  spawnSync('mkfifo', [join(root, 'node_modules', 'traps', 'pipe.md')]);
  return { productDocs: productDocs.sort(), files: count, inNodeModules };
}

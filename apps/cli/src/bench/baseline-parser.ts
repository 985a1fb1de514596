import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** parseReport of another revision: same signature, answer not looked at (only timed). */
export type ParseFunction = (bytes: Uint8Array, options: { fileName?: string }) => Promise<unknown>;

export interface BaselineParser {
  /** The commit the parser was built from (full hash). */
  commit: string;
  parse: ParseFunction;
}

/**
 * The parser (libs/report-parser with libs/report-model) as it was at a git revision, compiled
 * once into tmp/baseline-parser/<commit>, so that a benchmark can time today's parser and that
 * one in the same run, on the same machine, against the same files. The workspace's
 * node_modules serve both; the baseline's `@atlas/report-model` is its own copy.
 */
export function loadBaselineParser(root: string, ref: string): BaselineParser {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  const commit = git('rev-parse', '--verify', `${ref}^{commit}`);
  const dir = join(root, 'tmp', 'baseline-parser', commit);
  const entry = join(dir, 'dist', 'libs', 'report-parser', 'src', 'index.js');
  if (!existsSync(entry)) {
    mkdirSync(dir, { recursive: true });
    const archive = execFileSync('git', ['archive', commit, 'tsconfig.base.json', 'libs/report-model', 'libs/report-parser'], {
      cwd: root,
      maxBuffer: 256 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    execFileSync(
      join(root, 'node_modules', '.bin', 'tsc'),
      ['-p', join(dir, 'libs', 'report-parser', 'tsconfig.lib.json'), '--outDir', join(dir, 'dist'), '--rootDir', dir, '--sourceMap', 'false'],
      { cwd: root, stdio: 'inherit' },
    );
    // The compiled parser imports @atlas/report-model by name: point that name at the copy.
    const shim = join(dir, 'dist', 'node_modules', '@atlas', 'report-model');
    mkdirSync(shim, { recursive: true });
    const target = relative(shim, join(dir, 'dist', 'libs', 'report-model', 'src', 'index.js')).split('\\').join('/');
    writeFileSync(join(shim, 'index.js'), `module.exports = require('${target}');\n`);
  }
  const loaded = require(entry) as { parseReport: ParseFunction };
  return { commit, parse: loaded.parseReport };
}

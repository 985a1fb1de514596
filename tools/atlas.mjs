#!/usr/bin/env node
// `npm run atlas -- <command>`: (re)builds the CLI through Nx (a cache hit when nothing changed)
// and runs it from the folder the user called npm in, so relative file paths work.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nx = join(root, 'node_modules', '.bin', 'nx');

const build = spawnSync(nx, ['run', 'cli:build', '--output-style=static'], { cwd: root, encoding: 'utf8' });
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}\n构建 CLI 失败 / building the CLI failed\n`);
  process.exit(build.status ?? 1);
}

const run = spawnSync(
  process.execPath,
  [join(root, 'dist/apps/cli/apps/cli/src/main.js'), ...process.argv.slice(2)],
  { cwd: process.env.INIT_CWD ?? process.cwd(), stdio: 'inherit' },
);
process.exit(run.status ?? 1);

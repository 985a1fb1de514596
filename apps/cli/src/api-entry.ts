import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliInputError, type CliIo } from './io';

/** The monorepo root: where the API's entry points are built. */
export function workspaceRoot(from: string = __dirname): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@atlas/source'
    )
      return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** Builds the API (an Nx cache hit when nothing changed); returns the workspace root. */
export function buildApi(io: CliIo): string {
  const root = workspaceRoot();
  if (!root) throw new CliInputError('找不到项目根目录 / cannot find the workspace root');
  const build = spawnSync(
    join(root, 'node_modules', '.bin', 'nx'),
    ['run', 'api:build', '--output-style=static'],
    { cwd: root, encoding: 'utf8' },
  );
  if (build.status !== 0) {
    io.err(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    throw new CliInputError('构建 API 失败 / building the API failed');
  }
  return root;
}

/** Where the built API keeps a standalone entry (`scripts/seed.js`) or `main.js`. */
export function builtApiFile(root: string, file: string): string {
  return join(root, 'dist/apps/api/apps/api/src', file);
}

/**
 * Builds the API and runs one of its standalone entries (dist/apps/api/apps/api/src/scripts/…)
 * against DATABASE_URL or the embedded database. The CLI never imports API code: it starts it.
 */
export function runApiEntry(
  io: CliIo,
  entry: string,
  args: string[],
  stdout: 'inherit' | 'pipe',
  env: NodeJS.ProcessEnv = process.env,
): SpawnSyncReturns<string> {
  const root = buildApi(io);
  return spawnSync(process.execPath, [builtApiFile(root, join('scripts', entry)), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', stdout, 'inherit'],
  });
}

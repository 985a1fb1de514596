import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { CliInputError, type CliIo } from '../io';

/** The monorepo root: where the API's seeding entry is built. */
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

/**
 * `atlas seed` runs the API's own seeding entry (the same services as an upload), against
 * DATABASE_URL or the embedded database; the CLI only builds and starts it.
 */
export function registerSeedCommand(program: Command, io: CliIo): void {
  program
    .command('seed')
    .description(
      '写入演示数据（青山县 56 个单位 7 个年度的年报、演示账号、真实语料）/ load the demo data',
    )
    .option('--force', '即使已写入过也再写一遍 / load again even if loaded before')
    .action((options: { force?: boolean }) => {
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
      const entry = join(root, 'dist/apps/api/apps/api/src/database/seed.js');
      const run = spawnSync(process.execPath, [entry, ...(options.force ? ['--force'] : [])], {
        cwd: root,
        stdio: 'inherit',
      });
      if (run.status !== 0)
        throw new CliInputError(
          `写入演示数据失败（退出码 ${run.status ?? 'signal'}）/ seeding failed`,
        );
    });
}

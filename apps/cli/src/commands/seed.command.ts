import type { Command } from 'commander';
import { runApiEntry } from '../api-entry';
import { CliInputError, type CliIo } from '../io';

/**
 * `atlas seed` runs the API's own seeding entry (the same services as an upload), against
 * DATABASE_URL or the embedded database.
 */
export function registerSeedCommand(program: Command, io: CliIo): void {
  program
    .command('seed')
    .description(
      '写入演示数据（青山县 56 个单位 7 个年度的年报、演示账号、真实语料）/ load the demo data',
    )
    .option('--force', '即使已写入过也再写一遍 / load again even if loaded before')
    .action((options: { force?: boolean }) => {
      const run = runApiEntry(io, 'seed.js', options.force ? ['--force'] : [], 'inherit');
      if (run.status !== 0)
        throw new CliInputError(
          `写入演示数据失败（退出码 ${run.status ?? 'signal'}）/ seeding failed`,
        );
    });
}

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runApiEntry } from '../api-entry';
import { CliInputError, type CliIo } from '../io';

/**
 * `atlas backup FILE` and `atlas restore FILE [--wipe]` run the API's backup entry against
 * DATABASE_URL or the embedded database (the running API's, or one started for the command).
 * FILE is resolved here, where the user typed it; the entry runs from the workspace root.
 */
export function registerBackupCommands(program: Command, io: CliIo): void {
  program
    .command('backup')
    .argument(
      '<file>',
      '备份文件（gzip），例如 atlas-2026-12-07.backup.gz / the backup file to write',
    )
    .description('备份数据库（全部表，含上传的原始文件）/ back up the database, originals included')
    .action((file: string) =>
      runBackupEntry(io, ['backup', resolve(file)], '备份失败 / backup failed'),
    );

  program
    .command('restore')
    .argument('<file>', '由 atlas backup 写出的备份文件 / a file written by atlas backup')
    .option(
      '--wipe',
      '目标数据库已有数据时，先删除其全部内容 / replace what the target database holds',
    )
    .description(
      '从备份恢复数据库（需先停止 API）/ restore the database from a backup (stop the API first)',
    )
    .action((file: string, options: { wipe?: boolean }) =>
      runBackupEntry(
        io,
        ['restore', resolve(file), ...(options.wipe ? ['--wipe'] : [])],
        '恢复失败 / restore failed',
      ),
    );
}

function runBackupEntry(io: CliIo, args: string[], failure: string): void {
  const run = runApiEntry(io, 'backup.js', args, 'inherit');
  if (run.status !== 0) throw new CliInputError(`${failure}（退出码 ${run.status ?? 'signal'}）`);
}

// Backs up or restores the configured database (DATABASE_URL, or the embedded one, running or
// not): `npm run atlas -- backup FILE`, `npm run atlas -- restore FILE [--wipe]`.
import 'reflect-metadata';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { appVersion } from '../common/app-version';
import { ConfigError, loadConfig } from '../config/app-config';
import { BackupFileError } from '../database/backup/backup-file';
import { restoreBackupFile, writeBackupFile } from '../database/backup/backup-files';
import { BackupRefusedError } from '../database/backup/database-backup';
import { provideDatabaseForTool } from '../database/database';

const USAGE = '用法 / usage: backup.js backup FILE | backup.js restore FILE [--wipe]';

async function main(): Promise<void> {
  const [command, fileArgument] = process.argv
    .slice(2)
    .filter((argument) => !argument.startsWith('--'));
  const wipe = process.argv.includes('--wipe');
  if ((command !== 'backup' && command !== 'restore') || !fileArgument)
    throw new BackupRefusedError(USAGE);
  const file = resolve(fileArgument);
  const config = loadConfig();
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
  const startedAt = Date.now();
  if (command === 'restore')
    await stat(file).catch(() =>
      Promise.reject(new BackupRefusedError(`找不到备份文件 ${file} / no such file`)),
    );

  const database = await provideDatabaseForTool(config, () => undefined);
  try {
    const tables =
      command === 'backup'
        ? await writeBackupFile(database.url, file, appVersion())
        : await restoreBackupFile(database.url, file, { wipe, log });
    const rows = tables.reduce((sum, table) => sum + table.rows, 0);
    const size = (await stat(file)).size;
    process.stdout.write(
      `${command === 'backup' ? '备份完成 / backed up' : '恢复完成 / restored'}: ${tables.length} 张表 tables, ${rows} 行 rows, ` +
        `${(size / 1024 / 1024).toFixed(1)} MB, ${((Date.now() - startedAt) / 1000).toFixed(1)} s — ${file}\n`,
    );
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  const known =
    error instanceof ConfigError ||
    error instanceof BackupRefusedError ||
    error instanceof BackupFileError;
  const code = (error as { code?: string }).code ?? '';
  const gzip = code.startsWith('Z_')
    ? '备份文件已损坏、不完整或不是 gzip 文件 / damaged, cut short or not gzip: '
    : '';
  process.stderr.write(
    `${known ? error.message : `${gzip}备份/恢复失败 / failed: ${String(error)}`}\n`,
  );
  process.exit(1);
});

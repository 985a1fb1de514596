import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import {
  dumpDatabase,
  type RestoreOptions,
  restoreDatabase,
  type TableSummary,
} from './database-backup';

/** Written beside the target and renamed at the end: a failed run never leaves a partial FILE. */
export async function writeBackupFile(
  url: string,
  file: string,
  appVersion: string,
): Promise<TableSummary[]> {
  const partial = `${file}.partial`;
  const gzip = createGzip({ level: 6 });
  const written = pipeline(gzip, createWriteStream(partial));
  try {
    const tables = await dumpDatabase(url, gzip, appVersion);
    gzip.end();
    await written;
    await rename(partial, file);
    return tables;
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

export function restoreBackupFile(
  url: string,
  file: string,
  options: RestoreOptions,
): Promise<TableSummary[]> {
  return restoreDatabase(url, () => createReadStream(file).pipe(createGunzip()), options);
}

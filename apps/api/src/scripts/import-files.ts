// Imports a zip of report files straight into the configured database (DATABASE_URL or the
// embedded one), without a running API: `npm run atlas -- import <dir|zip> --direct`. The job
// runs on this process's own queue worker; the finished job is printed as JSON on stdout.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config/app-config';
import { UsersService } from '../modules/auth';
import { ImportsService } from '../modules/imports';
import { withAppContext } from './with-app-context';

const POLL_MS = 300;

async function importFiles(zipPath: string, fileName: string): Promise<void> {
  const config = loadConfig();
  if (!config.jobs)
    throw new Error('ATLAS_JOBS=false：本进程不处理导入任务 / this process does not run jobs');
  await withAppContext(config, async (context) => {
    const admin = await context.get(UsersService).systemActor();
    const imports = context.get(ImportsService);
    const created = await imports.create(
      { user: admin, address: null },
      { bytes: readFileSync(zipPath), fileName },
    );
    let job = await imports.get(admin, created.id);
    while (job.status !== 'finished') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      job = await imports.get(admin, created.id);
    }
    process.stdout.write(`${JSON.stringify(job)}\n`);
  });
}

const [zipPath, fileName] = process.argv.slice(2);
if (!zipPath || !fileName) {
  process.stderr.write('usage: import-files <zip path> <file name>\n');
  process.exit(2);
}
importFiles(zipPath, fileName).catch((error: unknown) => {
  const reason =
    error instanceof ConfigError
      ? error.message
      : error && typeof error === 'object' && 'getResponse' in error
        ? JSON.stringify((error as { getResponse(): unknown }).getResponse())
        : String(error);
  process.stderr.write(`导入失败 / import failed: ${reason}\n`);
  process.exit(2);
});

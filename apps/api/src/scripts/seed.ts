// Seeds the demo into the configured database (DATABASE_URL, or the embedded one) and exits:
// `npm run atlas -- seed`. Safe to run twice: the second run sees the demo is there.
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/app-config';
import { DemoSeedService } from '../modules/demo';
import { withAppContext } from './with-app-context';

async function seed(): Promise<void> {
  const config = loadConfig();
  await withAppContext(config, async (context) => {
    const force = process.argv.includes('--force');
    const summary = await context.get(DemoSeedService).seed({ force });
    process.stdout.write(
      summary.skipped
        ? '演示数据已存在，未重复写入（--force 强制重写）/ the demo is already there\n'
        : `演示数据已写入 / demo loaded: ${summary.agencies} agencies, ${summary.reports} reports, ${summary.corpusReports} corpus reports\n`,
    );
    for (const failure of summary.failures) process.stderr.write(`  ! ${failure}\n`);
    process.exitCode = summary.failures.length > 0 ? 1 : 0;
  });
}

seed().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `写入演示数据失败 / seeding failed: ${String(error)}`}\n`,
  );
  process.exit(1);
});

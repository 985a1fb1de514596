// Rebuilds the analytics projection from the reports and agencies modules' replays (every
// report's snapshot and the agency tree) and exits: `npx nx run api:rebuild-analytics`. The
// projection is kept up to date by events as reports and agencies change; this is for a
// database whose copy is in doubt (a restore, rows written behind the services' backs). The
// API itself rebuilds once at start-up when the layout of the stored arrays changed.
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/app-config';
import { AnalyticsProjection } from '../modules/analytics';
import { withAppContext } from './with-app-context';

async function rebuildAnalytics(): Promise<void> {
  const config = loadConfig({ ...process.env, ATLAS_JOBS: 'false', ATLAS_DEMO_DATA: 'false' });
  await withAppContext(config, async (context) => {
    const started = Date.now();
    const reports = await context.get(AnalyticsProjection).rebuild();
    process.stdout.write(`统计分析已重建 / analytics rebuilt: ${reports} reports in ${Date.now() - started} ms\n`);
  });
}

rebuildAnalytics().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `重建统计分析失败 / analytics rebuild failed: ${String(error)}`}\n`,
  );
  process.exit(1);
});

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '..', '..', '..');

/** Runs the real entry point from source with the given environment. */
function runMain(environment: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', SWC_NODE_PROJECT: 'tsconfig.node-dev.json', ...environment },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('start-up configuration', () => {
  it('stops with a clear message naming each wrong variable', () => {
    const result = runMain({ PORT: 'eighty', ATLAS_LOG_LEVEL: 'loud' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('配置无效 / invalid configuration');
    expect(result.stderr).toContain('PORT="eighty"');
    expect(result.stderr).toContain('ATLAS_LOG_LEVEL="loud"');
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    const result = runMain({ DATABASE_URL: 'mysql://root@localhost/atlas' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL=(hidden)');
  });
});

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config';

const PROCESS_SECRET = randomBytes(32).toString('hex');

/**
 * The token-signing secret: ATLAS_SESSION_SECRET when set; in tests one per process; otherwise
 * generated once and kept in ATLAS_DATA_DIR, so tokens survive a restart of a single node.
 */
export function resolveSessionSecret(config: AppConfig): string {
  if (config.sessionSecret) return config.sessionSecret;
  if (config.env === 'test') return PROCESS_SECRET;
  const file = join(config.dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

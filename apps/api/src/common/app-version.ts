import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT_PACKAGE_NAME = '@atlas/source';

/** The workspace root: the nearest folder up from here whose package.json is the monorepo's. */
export function findWorkspaceRoot(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const { name } = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (name === ROOT_PACKAGE_NAME) return dir;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

let cachedVersion: string | undefined;

/** The application version from the root package.json (the same in source, dist and Docker). */
export function appVersion(): string {
  if (cachedVersion === undefined) {
    const root = findWorkspaceRoot();
    cachedVersion = root
      ? ((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0')
      : '0.0.0';
  }
  return cachedVersion;
}

import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '..', '..', '..');
const API_MAIN = join(workspaceRoot, 'dist/apps/api/apps/api/src/main.js');
const START_TIMEOUT_MS = 60_000;

export interface AppServer {
  readonly baseUrl: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Starts the built application on a free port with a fresh embedded database. */
export async function startAppServer(): Promise<AppServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'atlas-browser-'));
  await chmod(dataDir, 0o755); // the embedded cluster runs as the postgres user under root
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: workspaceRoot,
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), ATLAS_DATA_DIR: dataDir, ATLAS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const baseUrl = `http://127.0.0.1:${port}`;
  const server: AppServer = {
    baseUrl,
    output: () => output,
    async stop() {
      await terminate(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(baseUrl, child);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- app output ---\n${output}`);
  }
  return server;
}

async function waitForHealth(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`GET ${baseUrl}/api/health did not answer 200 within ${START_TIMEOUT_MS} ms`);
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

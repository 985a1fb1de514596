import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { zipSync } from 'fflate';
import { runApiEntry } from '../api-entry';
import { CliInputError, type CliIo, EXIT_FAILURE, EXIT_OK } from '../io';
import { formatTable } from '../text-table';

/**
 * `atlas import <dir|zip>`: sends a zip of reports (a folder is zipped first) to the API's bulk
 * import, waits for the job and prints what became of every file. It talks HTTP only, like any
 * other client: the CLI must not reach into the API's code. With `--direct` the same job runs
 * straight against the database through the API's own entry point, as `atlas seed` does.
 */

interface ImportOptions {
  api: string;
  user: string;
  password?: string;
  interval: string;
  timeout: string;
  format: 'text' | 'json';
  direct?: boolean;
}

/** Ends the command with an exit code of its own (1: some files failed, or the job did not end). */
export class CliExitCode extends Error {
  override name = 'CliExitCode';
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** As the API answers GET /api/imports/{id}; declared here because the CLI does not import API code. */
export interface ImportJobView {
  id: string;
  status: 'queued' | 'running' | 'finished';
  total: number;
  done: number;
  imported: number;
  duplicates: number;
  failed: number;
  items: ImportItemView[];
}

export interface ImportItemView {
  fileName: string;
  agencyCode: string | null;
  agencyName: string | null;
  year: number | null;
  inferred: { agency?: string; year?: string; yearSource?: string };
  status: 'queued' | 'imported' | 'duplicate' | 'failed';
  version: number | null;
  findingCounts: { errors: number; warnings: number } | null;
  code: string | null;
  message: string | null;
}

interface ZipSource {
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

const DEFAULT_API = 'http://localhost:3000';

export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description(
      '批量导入年报：把目录（或 zip）发给 API，等待处理完毕并列出每个文件的结果 / bulk-import a folder or zip of reports through the API',
    )
    .argument(
      '<path>',
      '年报目录或 .zip（可含 manifest.csv：文件,单位编码,年度）/ a folder or a .zip of report files',
    )
    .option(
      '--api <url>',
      'API 地址 / the API base URL',
      process.env['ATLAS_API_URL'] ?? DEFAULT_API,
    )
    .option('-u, --user <name>', '用户名 / user name', 'admin')
    .option(
      '-p, --password <password>',
      '密码（也可用环境变量 ATLAS_PASSWORD）/ password, or ATLAS_PASSWORD',
    )
    .option('--interval <ms>', '查询进度的间隔毫秒数 / polling interval in ms', '1000')
    .option('--timeout <seconds>', '最长等待秒数 / give up waiting after this many seconds', '3600')
    .option(
      '--direct',
      '不经 API，直接写入数据库（DATABASE_URL 或嵌入式数据库）/ straight into the database, no running API',
    )
    .addOption(
      new Option('-f, --format <format>', '输出格式 / output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .action(async (path: string, options: ImportOptions) => {
      const code = options.direct
        ? await runDirectImport(path, options, io)
        : await runImport(path, options, io);
      if (code !== EXIT_OK) throw new CliExitCode(code);
    });
}

/**
 * Straight into the database: the API's own import entry runs the same job (same checks, same
 * per-file results) in a process of its own against DATABASE_URL or the embedded database.
 */
async function runDirectImport(path: string, options: ImportOptions, io: CliIo): Promise<number> {
  const source = await readSource(path);
  const folder = await mkdtemp(join(tmpdir(), 'atlas-import-'));
  try {
    const zipPath = join(folder, 'import.zip');
    await writeFile(zipPath, source.bytes);
    const run = runApiEntry(io, 'import-files.js', [zipPath, source.fileName], 'pipe');
    if (run.status !== 0)
      throw new CliInputError(
        `直接导入失败（退出码 ${run.status ?? 'signal'}）/ the direct import failed`,
      );
    const job = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as ImportJobView;
    io.out(options.format === 'json' ? `${JSON.stringify(job, null, 2)}\n` : describeJob(job));
    return job.failed > 0 ? EXIT_FAILURE : EXIT_OK;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function runImport(path: string, options: ImportOptions, io: CliIo): Promise<number> {
  const password = options.password ?? process.env['ATLAS_PASSWORD'];
  if (!password)
    throw new CliInputError('缺少 --password（或环境变量 ATLAS_PASSWORD）/ --password is required');
  const interval = nonNegativeNumber(options.interval, '--interval');
  const timeoutMs = nonNegativeNumber(options.timeout, '--timeout') * 1000;
  const api = new ApiClient(apiBase(options.api));

  const source = await readSource(path);
  await api.login(options.user, password);
  const created = await api.postImport(source);
  io.err(`导入任务 ${created.id}：${created.total} 个文件，处理中… / import job queued\n`);

  const deadline = Date.now() + timeoutMs;
  let job = await api.getImport(created.id);
  let shown = -1;
  while (job.status !== 'finished') {
    if (job.done !== shown && job.total > 0) {
      io.err(`  ${job.done}/${job.total}\n`);
      shown = job.done;
    }
    if (Date.now() >= deadline) {
      io.err(
        `atlas: 等待超时，任务仍在进行，可稍后查看 GET /api/imports/${job.id} / timed out waiting; the job goes on\n`,
      );
      return EXIT_FAILURE;
    }
    await sleep(interval);
    job = await api.getImport(created.id);
  }

  io.out(options.format === 'json' ? `${JSON.stringify(job, null, 2)}\n` : describeJob(job));
  return job.failed > 0 ? EXIT_FAILURE : EXIT_OK;
}

// ── input ──────────────────────────────────────────────────────────────────────────────────

/** A .zip as it is, or a folder zipped here (hidden files and __MACOSX left out). */
export async function readSource(path: string): Promise<ZipSource> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliInputError(
      code === 'ENOENT'
        ? `找不到 ${path} / no such file or folder`
        : `无法读取 ${path} / cannot read (${code ?? String(error)})`,
    );
  }
  if (info.isDirectory()) {
    const files = await collectFiles(path, '');
    if (Object.keys(files).length === 0)
      throw new CliInputError(`目录 ${path} 中没有文件 / the folder holds no files`);
    return { bytes: zipSync(files, { level: 6 }), fileName: `${basename(resolve(path))}.zip` };
  }
  const bytes = new Uint8Array(await readFile(path));
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    throw new CliInputError(`${path} 不是 zip 压缩包，也不是目录 / not a .zip file or a folder`);
  }
  return { bytes, fileName: basename(path) };
}

async function collectFiles(root: string, prefix: string): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === '__MACOSX') continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, await collectFiles(root, relative));
    else if (entry.isFile()) files[relative] = new Uint8Array(await readFile(join(root, relative)));
  }
  return files;
}

function apiBase(value: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new CliInputError(`--api ${value} 不是 http(s) 地址 / not an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}

function nonNegativeNumber(value: string, name: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0)
    throw new CliInputError(`${name} ${value} 应为非负数 / must be a non-negative number`);
  return number;
}

// ── HTTP ───────────────────────────────────────────────────────────────────────────────────

interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The few API calls an import needs, over global fetch; refusals become one clear line. */
class ApiClient {
  private token: string | null = null;

  constructor(private readonly base: string) {}

  async login(username: string, password: string): Promise<void> {
    const answer = await this.call('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const token = field(answer.body, 'accessToken');
    if (answer.status !== 200 || typeof token !== 'string') {
      throw new CliInputError(`登录失败：${refusalOf(answer)} / login failed`);
    }
    this.token = token;
  }

  async postImport(source: ZipSource): Promise<{ id: string; total: number }> {
    const form = new FormData();
    form.append('file', new Blob([source.bytes], { type: 'application/zip' }), source.fileName);
    const answer = await this.call('/api/imports', { method: 'POST', body: form });
    const id = field(answer.body, 'id');
    const total = field(answer.body, 'total');
    if (answer.status !== 202 || typeof id !== 'string' || typeof total !== 'number') {
      throw new CliInputError(`导入被拒绝：${refusalOf(answer)} / the import was refused`);
    }
    return { id, total };
  }

  async getImport(id: string): Promise<ImportJobView> {
    const answer = await this.call(`/api/imports/${encodeURIComponent(id)}`, { method: 'GET' });
    if (answer.status !== 200 || !isImportJob(answer.body)) {
      throw new CliInputError(
        `无法读取导入任务 ${id}：${refusalOf(answer)} / cannot read the import job`,
      );
    }
    return answer.body;
  }

  private async call(path: string, init: RequestInit): Promise<ApiAnswer> {
    const headers = new Headers(init.headers);
    if (this.token) headers.set('authorization', `Bearer ${this.token}`);
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, { ...init, headers });
    } catch (error) {
      throw new CliInputError(
        `无法连接 API ${this.base}（${networkReason(error)}）/ API unreachable`,
      );
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON (a proxy's error page): keep the text for the message.
    }
    return { status: response.status, body };
  }
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

/** The API's Chinese message and code (plus the first manifest problems), or the bare status. */
function refusalOf(answer: ApiAnswer): string {
  const message = field(answer.body, 'message');
  const code = field(answer.body, 'code');
  const errors = field(answer.body, 'errors');
  const problems = Array.isArray(errors)
    ? errors.slice(0, 5).flatMap((problem) => {
        const text = field(problem, 'message');
        return typeof text === 'string' ? [text] : [];
      })
    : [];
  const main = typeof message === 'string' ? message : `HTTP ${answer.status}`;
  return [main, ...problems].join('；') + (typeof code === 'string' ? `（${code}）` : '');
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  const code = field(cause, 'code');
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

function isImportJob(body: unknown): body is ImportJobView {
  return (
    typeof field(body, 'id') === 'string' &&
    typeof field(body, 'status') === 'string' &&
    typeof field(body, 'total') === 'number' &&
    Array.isArray(field(body, 'items'))
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

// ── output ─────────────────────────────────────────────────────────────────────────────────

const STATUS_LABELS: Record<ImportItemView['status'], string> = {
  queued: '未处理',
  imported: '已导入',
  duplicate: '已存在',
  failed: '失败',
};

const YEAR_SOURCE_LABELS: Record<string, string> = {
  title: '标题',
  period: '统计期间',
  body: '正文',
  fileName: '文件名',
};

/** One row per file, then the totals. */
export function describeJob(job: ImportJobView): string {
  const rows = job.items.map((item) => [
    item.fileName,
    item.agencyName ?? item.agencyCode ?? '—',
    item.year === null ? '—' : String(item.year),
    item.status === 'imported' && item.version !== null
      ? `${STATUS_LABELS.imported} 第${item.version}版`
      : STATUS_LABELS[item.status],
    noteOf(item),
  ]);
  const summary =
    `共 ${job.total} 个文件：导入 ${job.imported}，已存在 ${job.duplicates}，失败 ${job.failed}` +
    ` / ${job.total} files: ${job.imported} imported, ${job.duplicates} duplicates, ${job.failed} failed\n`;
  return formatTable(['文件', '单位', '年度', '结果', '说明'], rows) + summary;
}

function noteOf(item: ImportItemView): string {
  if (item.status === 'failed') return `${item.code ?? ''} ${item.message ?? ''}`.trim();
  const notes: string[] = [];
  if (item.findingCounts)
    notes.push(`错误 ${item.findingCounts.errors}，提示 ${item.findingCounts.warnings}`);
  if (item.inferred.agency === 'name') notes.push('单位按文件中的名称匹配');
  if (item.inferred.agency === 'uploader') notes.push('单位为本单位');
  if (item.inferred.year === 'document') {
    const where = item.inferred.yearSource
      ? YEAR_SOURCE_LABELS[item.inferred.yearSource]
      : undefined;
    notes.push(`年度取自文件${where ?? ''}`);
  }
  if (item.status === 'duplicate' && item.version !== null) notes.push(`与第${item.version}版相同`);
  return notes.join('；');
}

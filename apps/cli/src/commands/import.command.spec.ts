import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { runCli } from '../program';

function capture() {
  const buffers = { out: '', err: '' };
  return {
    buffers,
    io: { out: (t: string) => (buffers.out += t), err: (t: string) => (buffers.err += t) },
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function item(fileName: string, status: string, extra: Record<string, unknown> = {}) {
  return {
    fileName,
    agencyCode: 'PT',
    agencyName: '平潭综合实验区',
    year: 2021,
    inferred: {},
    status,
    version: status === 'failed' ? null : 1,
    findingCounts: status === 'imported' ? { errors: 1, warnings: 0 } : null,
    code: null,
    message: null,
    ...extra,
  };
}

interface Recorded {
  url: string;
  method: string;
  authorization: string | null;
  zip?: Record<string, string>;
  fileName?: string;
}

/** A fake API: login, accept the import, answer "running" once, then the finished job. */
function fakeApi(finished: { items: ReturnType<typeof item>[] }, importStatus = 202) {
  const calls: Recorded[] = [];
  let polls = 0;
  const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    const call: Recorded = {
      url,
      method: init?.method ?? 'GET',
      authorization: headers.get('authorization'),
    };
    calls.push(call);
    if (url.endsWith('/api/auth/login')) {
      const { password } = JSON.parse(String(init?.body)) as { password: string };
      return password === 'secret'
        ? json({ accessToken: 'tok' })
        : json({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' }, 401);
    }
    if (url.endsWith('/api/imports') && call.method === 'POST') {
      const file = (init?.body as FormData).get('file') as File;
      call.fileName = file.name;
      const files = unzipSync(new Uint8Array(await file.arrayBuffer()));
      call.zip = Object.fromEntries(
        Object.entries(files).map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')]),
      );
      return importStatus === 202
        ? json({ id: 'job-1', status: 'queued', total: finished.items.length }, 202)
        : json(
            {
              statusCode: 422,
              code: 'IMPORT_MANIFEST_INVALID',
              message: 'manifest.csv 有 1 处错误，未导入任何文件',
              errors: [{ row: 2, column: 'year', message: '第 2 行的年度“20x”应为四位年份' }],
            },
            422,
          );
    }
    if (url.endsWith('/api/imports/job-1')) {
      polls += 1;
      const items = finished.items;
      const counts = {
        total: items.length,
        done: polls === 1 ? 0 : items.length,
        imported: items.filter((i) => i.status === 'imported').length,
        duplicates: items.filter((i) => i.status === 'duplicate').length,
        failed: items.filter((i) => i.status === 'failed').length,
      };
      return json({
        id: 'job-1',
        status: polls === 1 ? 'running' : 'finished',
        ...counts,
        items: polls === 1 ? [] : items,
      });
    }
    return json({ statusCode: 404, code: 'NOT_FOUND', message: '请求的资源不存在' }, 404);
  });
  return { calls, spy };
}

describe('atlas import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-import-'));
    await mkdir(join(dir, 'reports', 'pingtan-2021'), { recursive: true });
    await writeFile(join(dir, 'reports', 'pingtan-2021', 'source.txt'), '平潭 2021');
    await writeFile(
      join(dir, 'reports', 'manifest.csv'),
      'file,agency_code,year\npingtan-2021/source.txt,PT,2021\n',
    );
    await writeFile(join(dir, 'reports', '.DS_Store'), 'x');
    await mkdir(join(dir, 'empty'));
    await writeFile(join(dir, 'notes.txt'), 'not a zip');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  afterEach(() => jest.restoreAllMocks());

  const args = (path: string, ...more: string[]) => [
    'import',
    path,
    '--api',
    'http://api.test/',
    '--password',
    'secret',
    '--interval',
    '0',
    ...more,
  ];

  it('zips a folder, posts it, waits for the job and prints every file; exit 0 when none failed', async () => {
    const { calls } = fakeApi({
      items: [
        item('pingtan-2021/source.txt', 'imported'),
        item('pingtan-2022/source.txt', 'duplicate', {
          year: 2022,
          inferred: { year: 'document', yearSource: 'title' },
        }),
      ],
    });
    const { io, buffers } = capture();
    expect(await runCli(args(join(dir, 'reports')), io)).toBe(0);

    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'POST http://api.test/api/auth/login',
      'POST http://api.test/api/imports',
      'GET http://api.test/api/imports/job-1',
      'GET http://api.test/api/imports/job-1',
    ]);
    expect(calls.slice(1).every((call) => call.authorization === 'Bearer tok')).toBe(true);
    expect(calls[1]?.fileName).toBe('reports.zip');
    expect(calls[1]?.zip).toEqual({
      'manifest.csv': 'file,agency_code,year\npingtan-2021/source.txt,PT,2021\n',
      'pingtan-2021/source.txt': '平潭 2021',
    });
    expect(buffers.out).toContain('pingtan-2021/source.txt');
    expect(buffers.out).toMatch(/已导入 第1版\s+错误 1，提示 0/);
    expect(buffers.out).toContain('年度取自文件标题');
    expect(buffers.out).toContain('共 2 个文件：导入 1，已存在 1，失败 0');
    expect(buffers.err).toContain('import job queued');
  });

  it('exits 1 when some files failed, naming why', async () => {
    fakeApi({
      items: [
        item('a.txt', 'imported'),
        item('b.pdf', 'failed', {
          code: 'PARSE_CORRUPT_FILE',
          message: 'PDF 文件已损坏或不完整，无法读取',
        }),
      ],
    });
    const zip = join(dir, 'given.zip');
    await writeFile(zip, zipSync({ 'a.txt': new TextEncoder().encode('a') }));
    const { io, buffers } = capture();
    expect(await runCli([...args(zip), '--format', 'json'], io)).toBe(1);
    const job = JSON.parse(buffers.out) as { failed: number; items: { code: string | null }[] };
    expect(job.failed).toBe(1);
    expect(job.items[1]?.code).toBe('PARSE_CORRUPT_FILE');
  });

  it.each([
    ['no such path', () => join(dir, 'missing'), '找不到'],
    ['a file that is not a zip', () => join(dir, 'notes.txt'), '不是 zip 压缩包'],
    ['an empty folder', () => join(dir, 'empty'), '没有文件'],
  ])(
    'exits 2 with one clear line for %s, without calling the API',
    async (_name, path, message) => {
      const { spy } = fakeApi({ items: [] });
      const { io, buffers } = capture();
      expect(await runCli(args(path()), io)).toBe(2);
      expect(buffers.err).toContain(message);
      expect(buffers.err.trim().split('\n')).toHaveLength(1);
      expect(spy).not.toHaveBeenCalled();
    },
  );

  it('exits 2 with one clear line when the API cannot be reached', async () => {
    jest.spyOn(globalThis, 'fetch').mockRejectedValue(
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      }),
    );
    const { io, buffers } = capture();
    expect(await runCli(args(join(dir, 'reports')), io)).toBe(2);
    expect(buffers.err.trim()).toBe(
      'atlas: 无法连接 API http://api.test（ECONNREFUSED）/ API unreachable',
    );
  });

  it('exits 2 when the login or the zip is refused, with the API’s own message', async () => {
    fakeApi({ items: [] });
    const login = capture();
    expect(
      await runCli(
        ['import', join(dir, 'reports'), '--api', 'http://api.test', '--password', 'wrong'],
        login.io,
      ),
    ).toBe(2);
    expect(login.buffers.err).toContain('登录失败：用户名或密码错误（INVALID_CREDENTIALS）');

    jest.restoreAllMocks();
    fakeApi({ items: [] }, 422);
    const refused = capture();
    expect(await runCli(args(join(dir, 'reports')), refused.io)).toBe(2);
    expect(refused.buffers.err.trim().split('\n')).toHaveLength(1);
    expect(refused.buffers.err).toContain('第 2 行的年度“20x”应为四位年份');
    expect(refused.buffers.err).toContain('IMPORT_MANIFEST_INVALID');
  });

  it('exits 2 without a password', async () => {
    const previous = process.env['ATLAS_PASSWORD'];
    delete process.env['ATLAS_PASSWORD'];
    const { io, buffers } = capture();
    expect(await runCli(['import', join(dir, 'reports')], io)).toBe(2);
    expect(buffers.err).toContain('--password');
    if (previous !== undefined) process.env['ATLAS_PASSWORD'] = previous;
  });
});

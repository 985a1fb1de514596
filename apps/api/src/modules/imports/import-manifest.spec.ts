import { HttpException } from '@nestjs/common';
import type { ArchiveEntry } from './import-archive';
import { parseManifest, planItems } from './import-manifest';

function refusal(work: () => unknown): { code?: string; errors?: { row: number | null; message: string }[] } {
  try {
    work();
  } catch (error) {
    if (error instanceof HttpException) return error.getResponse() as { code?: string };
    throw error;
  }
  throw new Error('expected a refusal');
}

const entry = (path: string): ArchiveEntry => ({ path, bytes: Buffer.from(path) });

describe('parseManifest', () => {
  it('reads English headers, blank cells as "infer", and skips empty lines', () => {
    const rows = parseManifest(Buffer.from('file,agency_code,year\na.txt,PT,2023\n\nb.txt,,\n', 'utf8'));
    expect(rows).toEqual([
      { row: 2, file: 'a.txt', agencyCode: 'PT', year: 2023 },
      { row: 4, file: 'b.txt', agencyCode: null, year: null },
    ]);
  });

  it('reads Chinese headers in any order, a BOM, extra columns, and GB18030 from Excel', () => {
    const utf8 = Buffer.from('\uFEFF年度,单位名称,单位编码,文件\n2022,平潭,PT,x.txt\n', 'utf8');
    expect(parseManifest(utf8)).toEqual([{ row: 2, file: 'x.txt', agencyCode: 'PT', year: 2022 }]);
    // 文件,年度 / a.txt,2021 in GB18030
    const gbk = Buffer.concat([
      Buffer.from([0xce, 0xc4, 0xbc, 0xfe, 0x2c, 0xc4, 0xea, 0xb6, 0xc8, 0x0a]),
      Buffer.from('a.txt,2021\n'),
    ]);
    expect(parseManifest(gbk)).toEqual([{ row: 2, file: 'a.txt', agencyCode: null, year: 2021 }]);
  });

  it('refuses a manifest without a file column, and wrong years, naming the rows', () => {
    expect(refusal(() => parseManifest(Buffer.from('name,year\nx,2023\n'))).code).toBe('IMPORT_MANIFEST_INVALID');
    const wrong = refusal(() => parseManifest(Buffer.from('file,year\na.txt,23\nb.txt,1999\nc.txt,2023\n')));
    expect(wrong.code).toBe('IMPORT_MANIFEST_INVALID');
    expect(wrong.errors?.map((problem) => problem.row)).toEqual([2, 3]);
    expect(wrong.errors?.[0]?.message).toContain('“23”');
  });

  it('refuses broken quoting', () => {
    expect(refusal(() => parseManifest(Buffer.from('file\n"a.txt\n'))).code).toBe('IMPORT_MANIFEST_INVALID');
  });
});

describe('planItems', () => {
  const entries = [entry('pingtan-2021/source.txt'), entry('pingtan-2022/source.txt'), entry('jiyuan.txt')];

  it('pairs rows by path or by a file name that names one file; the rest are inferred', () => {
    const planned = planItems(entries, [
      { row: 2, file: 'pingtan-2022/source.txt', agencyCode: 'PT', year: 2022 },
      { row: 3, file: 'jiyuan.txt', agencyCode: 'JY', year: null },
    ]);
    expect(planned.map((item) => [item.position, item.path, item.agencyCode, item.year, item.manifestRow])).toEqual([
      [1, 'pingtan-2021/source.txt', null, null, null],
      [2, 'pingtan-2022/source.txt', 'PT', 2022, 2],
      [3, 'jiyuan.txt', 'JY', null, 3],
    ]);
  });

  it('refuses rows naming missing, ambiguous or already named files', () => {
    const refused = refusal(() =>
      planItems(entries, [
        { row: 2, file: 'nope.txt', agencyCode: null, year: null },
        { row: 3, file: 'source.txt', agencyCode: null, year: null },
        { row: 4, file: 'jiyuan.txt', agencyCode: null, year: null },
        { row: 5, file: './jiyuan.txt', agencyCode: null, year: null },
      ]),
    );
    expect(refused.code).toBe('IMPORT_MANIFEST_INVALID');
    expect(refused.errors?.map((problem) => problem.row)).toEqual([2, 3, 5]);
    expect(refused.errors?.[1]?.message).toContain('完整路径');
  });
});

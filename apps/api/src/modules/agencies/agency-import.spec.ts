import {
  checkAgencyImport,
  parseAgencySheet,
  planAgencyImport,
  type AgencyImportRow,
} from './agency-import';
import type { SheetRow } from './agency-table';
import type { StoredAgency } from './agency-tree';

/** Rows as a sheet: the header is row 1. */
function sheet(...lines: string[][]): SheetRow[] {
  return lines.map((cells, index) => ({ rowNumber: index + 1, cells }));
}

const ENGLISH_HEADER = [
  'code',
  'name',
  'level',
  'kind',
  'parent_code',
  'active_from_year',
  'active_to_year',
];

function stored(id: string, code: string, name: string, parent: StoredAgency | null): StoredAgency {
  return {
    id,
    code,
    name,
    level: 'county',
    kind: 'government',
    parentId: parent?.id ?? null,
    path: parent ? `${parent.path}.${id}` : id,
    depth: parent ? parent.depth + 1 : 0,
    activeFromYear: null,
    activeToYear: null,
  };
}

function row(
  rowNumber: number,
  code: string,
  name: string,
  parentCode: string | null | undefined,
): AgencyImportRow {
  return {
    rowNumber,
    code,
    name,
    level: 'county',
    kind: 'government',
    parentCode,
    activeFromYear: undefined,
    activeToYear: undefined,
  };
}

describe('parseAgencySheet', () => {
  it('accepts Chinese headers and Chinese level and kind labels', () => {
    const result = parseAgencySheet(
      sheet(
        ['编码', '名称', '层级', '类型', '上级编码', '起始年度', '终止年度'],
        [' 330100 ', '杭州市人民政府', '市级', '人民政府', '330000', '2008', ''],
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        rowNumber: 2,
        code: '330100',
        name: '杭州市人民政府',
        level: 'city',
        kind: 'government',
        parentCode: '330000',
        activeFromYear: 2008,
        activeToYear: null,
      },
    ]);
  });

  it('accepts English keys in any case and header spelling, in any column order', () => {
    const result = parseAgencySheet(
      sheet(
        ['Kind', 'Parent Code', 'CODE', 'name', 'level'],
        ['Development_Zone', '', 'Z1', '开发区', 'OTHER'],
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({
      code: 'Z1',
      level: 'other',
      kind: 'development_zone',
      parentCode: null,
    });
  });

  it('marks optional columns missing from the file as undefined (kept on update), and skips blank rows', () => {
    const result = parseAgencySheet(
      sheet(
        ['code', 'name', 'level', 'kind', ''],
        ['', '', '', '', ''],
        ['A', '甲', 'county', 'town', ''],
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        rowNumber: 3,
        code: 'A',
        name: '甲',
        level: 'county',
        kind: 'town',
        parentCode: undefined,
        activeFromYear: undefined,
        activeToYear: undefined,
      },
    ]);
  });

  it('refuses unknown, duplicate and missing required columns in the header', () => {
    const result = parseAgencySheet(sheet(['编码', 'code', '名字', 'level', 'kind']));
    expect(result.errors).toEqual([
      { row: 1, column: 'code', message: '列“编码”重复出现' },
      { row: 1, column: null, message: expect.stringContaining('无法识别的列“名字”') },
      { row: 1, column: 'name', message: '缺少必需的列“名称”（name）' },
    ]);
  });

  it('refuses an empty file and a header without data', () => {
    expect(parseAgencySheet([]).errors).toEqual([{ row: null, column: null, message: '文件为空' }]);
    expect(parseAgencySheet(sheet(ENGLISH_HEADER)).errors).toEqual([
      { row: 1, column: null, message: '文件中只有表头，没有机构数据' },
    ]);
  });

  it('reports every bad cell of every row with its row, column and a Chinese reason', () => {
    const result = parseAgencySheet(
      sheet(
        ENGLISH_HEADER,
        ['', '甲', '省', 'town', '', '08', '2020'],
        ['B 2', '', 'county', '单位', '', '2019', 'x'],
        ['C', 'x'.repeat(201), 'county', 'town', '', '', ''],
      ),
    );
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      { row: 2, column: 'code', message: '编码不能为空' },
      {
        row: 2,
        column: 'level',
        message: expect.stringMatching(/^层级“省”无效，可填：省级\(province\)/),
      },
      {
        row: 2,
        column: 'active_from_year',
        message: '起始年度“08”无效，应为 1900–2100 之间的四位年份',
      },
      { row: 3, column: 'code', message: expect.stringMatching(/^编码“B 2”无效/) },
      { row: 3, column: 'name', message: '名称不能为空' },
      {
        row: 3,
        column: 'kind',
        message: expect.stringMatching(/^类型“单位”无效，可填：人民政府\(government\)/),
      },
      {
        row: 3,
        column: 'active_to_year',
        message: '终止年度“x”无效，应为 1900–2100 之间的四位年份',
      },
      { row: 4, column: 'name', message: '名称不能超过 200 个字' },
    ]);
  });
});

describe('checkAgencyImport', () => {
  const province = stored('p', 'P', '省政府', null);
  const city = stored('c', 'C', '市政府', province);

  it('accepts parents that come later in the file and parents already stored', () => {
    const rows = [
      row(2, 'D', '区政府', 'NEWCITY'),
      row(3, 'NEWCITY', '新市', 'P'),
      row(4, 'E', '县政府', 'C'),
    ];
    expect(checkAgencyImport(rows, [province, city])).toEqual([]);
  });

  it('refuses duplicate codes in the file', () => {
    expect(checkAgencyImport([row(2, 'X', '甲', null), row(5, 'X', '乙', null)], [])).toEqual([
      { row: 5, column: 'code', message: '编码“X”与第 2 行重复' },
    ]);
  });

  it('refuses unknown parents and an agency as its own parent', () => {
    expect(checkAgencyImport([row(2, 'X', '甲', 'NOPE'), row(3, 'Y', '乙', 'Y')], [])).toEqual([
      {
        row: 2,
        column: 'parent_code',
        message: '上级编码“NOPE”不存在：文件中和系统中都没有这个编码',
      },
      { row: 3, column: 'parent_code', message: '上级编码不能是本机构自己的编码' },
    ]);
  });

  it('refuses loops within the file and loops through stored agencies', () => {
    expect(checkAgencyImport([row(2, 'A', '甲', 'B'), row(3, 'B', '乙', 'A')], [])).toEqual([
      { row: 2, column: 'parent_code', message: '上级关系形成循环：A → B → A' },
      { row: 3, column: 'parent_code', message: '上级关系形成循环：A → B → A' },
    ]);
    // Moving the stored province under its own city.
    expect(checkAgencyImport([row(2, 'P', '省政府', 'C')], [province, city])).toEqual([
      { row: 2, column: 'parent_code', message: '上级关系形成循环：P → C → P' },
    ]);
  });

  it('refuses two agencies of one name under one parent, in the file or against stored ones', () => {
    expect(checkAgencyImport([row(2, 'X', '市政府', 'P')], [province, city])).toEqual([
      { row: 2, column: 'name', message: '同一上级下已有名称为“市政府”的机构（编码 C）' },
    ]);
    // Renaming the stored city in the same file frees its name.
    expect(
      checkAgencyImport(
        [row(2, 'X', '市政府', 'P'), row(3, 'C', '老市政府', 'P')],
        [province, city],
      ),
    ).toEqual([]);
  });

  it('checks the year range with the stored value when the file leaves a column out', () => {
    const ended = { ...city, activeToYear: 2010 };
    expect(
      checkAgencyImport(
        [{ ...row(2, 'C', '市政府', 'P'), activeFromYear: 2015 }],
        [province, ended],
      ),
    ).toEqual([{ row: 2, column: 'active_from_year', message: '起始年度 2015 晚于终止年度 2010' }]);
  });
});

describe('planAgencyImport', () => {
  const province = stored('p', 'P', '省政府', null);
  const city = stored('c', 'C', '市政府', province);
  const county = stored('k', 'K', '县政府', city);
  let sequence = 0;
  const newId = () => `new${(sequence += 1)}`;
  beforeEach(() => {
    sequence = 0;
  });

  it('creates children listed before their parents, inserting parents first', () => {
    const plan = planAgencyImport(
      [row(2, 'D', '区', 'N'), row(3, 'N', '新市', 'P')],
      [province],
      newId,
    );
    expect(plan.inserts).toEqual([
      expect.objectContaining({ id: 'new2', code: 'N', parentId: 'p', path: 'p.new2', depth: 1 }),
      expect.objectContaining({
        id: 'new1',
        code: 'D',
        parentId: 'new2',
        path: 'p.new2.new1',
        depth: 2,
      }),
    ]);
    expect(plan).toMatchObject({ updates: [], created: 2, updated: 0, unchanged: 0 });
  });

  it('counts identical rows as unchanged and writes nothing for them', () => {
    const plan = planAgencyImport(
      [row(2, 'C', '市政府', 'P'), row(3, 'P', '省政府', null)],
      [province, city],
      newId,
    );
    expect(plan).toEqual({ inserts: [], updates: [], created: 0, updated: 0, unchanged: 2 });
  });

  it('keeps stored values for columns the file leaves out', () => {
    const dated = { ...city, activeFromYear: 2001 };
    const plan = planAgencyImport([row(2, 'C', '市政府', undefined)], [province, dated], newId);
    expect(plan).toMatchObject({ updates: [], unchanged: 1 });
  });

  it('moves a stored subtree: the moved row is updated, its descendants get new paths', () => {
    const other = stored('o', 'O', '另一省', null);
    const plan = planAgencyImport(
      [row(2, 'C', '市政府', 'O')],
      [province, city, county, other],
      newId,
    );
    expect(plan.updates).toEqual([
      expect.objectContaining({ id: 'c', parentId: 'o', path: 'o.c', depth: 1 }),
      expect.objectContaining({ id: 'k', parentId: 'c', path: 'o.c.k', depth: 2 }),
    ]);
    expect(plan).toMatchObject({ inserts: [], created: 0, updated: 1, unchanged: 0 });
  });

  it('makes an agency a root when its parent cell is empty', () => {
    const plan = planAgencyImport([row(2, 'K', '县政府', null)], [province, city, county], newId);
    expect(plan.updates).toEqual([
      expect.objectContaining({ id: 'k', parentId: null, path: 'k', depth: 0 }),
    ]);
  });

  it('places a stored agency under a new one', () => {
    const plan = planAgencyImport(
      [row(2, 'K', '县政府', 'N'), row(3, 'N', '新市', 'P')],
      [province, city, county],
      newId,
    );
    expect(plan.inserts).toEqual([expect.objectContaining({ id: 'new1', path: 'p.new1' })]);
    expect(plan.updates).toEqual([
      expect.objectContaining({ id: 'k', parentId: 'new1', path: 'p.new1.k', depth: 2 }),
    ]);
    expect(plan).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
  });
});

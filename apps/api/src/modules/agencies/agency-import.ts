import {
  AGENCY_CODE_MAX_LENGTH,
  AGENCY_CODE_PATTERN,
  AGENCY_CODE_RULE,
  AGENCY_KIND_LABELS,
  AGENCY_KINDS,
  AGENCY_LEVEL_LABELS,
  AGENCY_LEVELS,
  AGENCY_NAME_MAX_LENGTH,
  AGENCY_YEAR_MAX,
  AGENCY_YEAR_MIN,
  type AgencyKind,
  type AgencyLevel,
  parseAgencyKind,
  parseAgencyLevel,
} from './agency-taxonomy';
import {
  AGENCY_COLUMNS,
  type AgencyColumn,
  type AgencyFileRecord,
  type SheetRow,
} from './agency-table';
import { findParentCycles, pathBelow, type StoredAgency } from './agency-tree';

/** One reason an import is refused; `row` as Excel numbers it, `column` by its key. */
export interface AgencyImportError {
  readonly row: number | null;
  readonly column: AgencyColumn | null;
  readonly message: string;
}

/**
 * A validated data row. Optional columns missing from the file are `undefined` (an update keeps
 * the stored value); an empty cell is `null` (the value is cleared, the agency becomes a root).
 */
export interface AgencyImportRow {
  readonly rowNumber: number;
  readonly code: string;
  readonly name: string;
  readonly level: AgencyLevel;
  readonly kind: AgencyKind;
  readonly parentCode: string | null | undefined;
  readonly activeFromYear: number | null | undefined;
  readonly activeToYear: number | null | undefined;
}

const REQUIRED_COLUMNS: readonly AgencyColumn[] = ['code', 'name', 'level', 'kind'];

const LABEL_OF: Readonly<Record<AgencyColumn, string>> = Object.fromEntries(
  AGENCY_COLUMNS.map((column) => [column.key, column.label]),
) as Record<AgencyColumn, string>;

/** "parent_code", "Parent Code", "parentCode" and "上级编码" all name the same column. */
function normalizeHeader(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

const COLUMN_BY_HEADER = new Map<string, AgencyColumn>(
  AGENCY_COLUMNS.flatMap((column) => [
    [normalizeHeader(column.key), column.key],
    [normalizeHeader(column.label), column.key],
  ]),
);

type ColumnIndex = Partial<Record<AgencyColumn, number>>;

function mapHeader(header: SheetRow): { columns: ColumnIndex; errors: AgencyImportError[] } {
  const columns: ColumnIndex = {};
  const errors: AgencyImportError[] = [];
  header.cells.forEach((text, index) => {
    if (text.trim() === '') return; // trailing empty columns Excel leaves behind
    const column = COLUMN_BY_HEADER.get(normalizeHeader(text));
    if (column === undefined) {
      const known = AGENCY_COLUMNS.map((known) => `${known.label}(${known.key})`).join('、');
      errors.push({
        row: header.rowNumber,
        column: null,
        message: `无法识别的列“${text.trim()}”，可用的列：${known}`,
      });
    } else if (columns[column] !== undefined) {
      errors.push({ row: header.rowNumber, column, message: `列“${LABEL_OF[column]}”重复出现` });
    } else {
      columns[column] = index;
    }
  });
  for (const column of REQUIRED_COLUMNS) {
    if (columns[column] === undefined) {
      errors.push({
        row: header.rowNumber,
        column,
        message: `缺少必需的列“${LABEL_OF[column]}”（${column}）`,
      });
    }
  }
  return { columns, errors };
}

/**
 * Reads the header and checks every data row on its own (required cells, code syntax, level and
 * kind, years). Rows whose cells are all empty are skipped.
 */
export function parseAgencySheet(sheet: readonly SheetRow[]): {
  rows: AgencyImportRow[];
  errors: AgencyImportError[];
} {
  const [header, ...body] = sheet.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  if (!header) return { rows: [], errors: [{ row: null, column: null, message: '文件为空' }] };
  const { columns, errors } = mapHeader(header);
  if (errors.length > 0) return { rows: [], errors };
  if (body.length === 0) {
    return {
      rows: [],
      errors: [{ row: header.rowNumber, column: null, message: '文件中只有表头，没有机构数据' }],
    };
  }

  const rows: AgencyImportRow[] = [];
  for (const sheetRow of body) {
    const rowErrors: AgencyImportError[] = [];
    const fail = (column: AgencyColumn, message: string): null => {
      rowErrors.push({ row: sheetRow.rowNumber, column, message });
      return null;
    };
    const cell = (column: AgencyColumn): string | undefined => {
      const index = columns[column];
      return index === undefined ? undefined : (sheetRow.cells[index] ?? '').trim();
    };
    const required = (column: AgencyColumn): string | null => {
      const text = cell(column) ?? '';
      return text === '' ? fail(column, `${LABEL_OF[column]}不能为空`) : text;
    };
    const year = (column: AgencyColumn): number | null | undefined => {
      const text = cell(column);
      if (text === undefined || text === '') return text === undefined ? undefined : null;
      const value = /^\d{4}$/.test(text) ? Number(text) : NaN;
      if (value >= AGENCY_YEAR_MIN && value <= AGENCY_YEAR_MAX) return value;
      return fail(
        column,
        `${LABEL_OF[column]}“${text}”无效，应为 ${AGENCY_YEAR_MIN}–${AGENCY_YEAR_MAX} 之间的四位年份`,
      );
    };

    const code = checkCode(required('code'), (message) => fail('code', message));
    const name = required('name');
    if (name !== null && name.length > AGENCY_NAME_MAX_LENGTH)
      fail('name', `名称不能超过 ${AGENCY_NAME_MAX_LENGTH} 个字`);
    const levelText = required('level');
    const level = levelText === null ? null : parseAgencyLevel(levelText);
    if (levelText !== null && level === null) {
      fail(
        'level',
        `层级“${levelText}”无效，可填：${AGENCY_LEVELS.map((key) => `${AGENCY_LEVEL_LABELS[key]}(${key})`).join('、')}`,
      );
    }
    const kindText = required('kind');
    const kind = kindText === null ? null : parseAgencyKind(kindText);
    if (kindText !== null && kind === null) {
      fail(
        'kind',
        `类型“${kindText}”无效，可填：${AGENCY_KINDS.map((key) => `${AGENCY_KIND_LABELS[key]}(${key})`).join('、')}`,
      );
    }
    const parentText = cell('parent_code');
    const activeFromYear = year('active_from_year');
    const activeToYear = year('active_to_year');

    if (rowErrors.length > 0 || code === null || name === null || level === null || kind === null) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      rowNumber: sheetRow.rowNumber,
      code,
      name,
      level,
      kind,
      parentCode:
        parentText === undefined || parentText === ''
          ? parentText === undefined
            ? undefined
            : null
          : parentText,
      activeFromYear,
      activeToYear,
    });
  }
  return { rows, errors };
}

function checkCode(code: string | null, fail: (message: string) => null): string | null {
  if (code === null) return null;
  if (code.length > AGENCY_CODE_MAX_LENGTH)
    return fail(`编码不能超过 ${AGENCY_CODE_MAX_LENGTH} 个字符`);
  if (!AGENCY_CODE_PATTERN.test(code)) return fail(`编码“${code}”无效：${AGENCY_CODE_RULE}`);
  return code;
}

/** The state an agency will have after the import, keyed by code (the import's identity). */
interface PlannedAgency extends AgencyFileRecord {
  readonly id: string;
  readonly row: AgencyImportRow | null;
  readonly stored: StoredAgency | null;
}

/** Merges the file over the stored tree: rows win, stored agencies not in the file stay as they are. */
function mergeOverStored(
  rows: readonly AgencyImportRow[],
  stored: readonly StoredAgency[],
  newId: () => string,
): Map<string, PlannedAgency> {
  const codeById = new Map(stored.map((agency) => [agency.id, agency.code]));
  const planned = new Map<string, PlannedAgency>();
  for (const agency of stored) {
    planned.set(agency.code, {
      ...agency,
      parentCode: agency.parentId === null ? null : (codeById.get(agency.parentId) ?? null),
      row: null,
      stored: agency,
    });
  }
  for (const row of rows) {
    const current = planned.get(row.code);
    const previous = current?.stored ? current : null;
    planned.set(row.code, {
      id: previous?.id ?? newId(),
      code: row.code,
      name: row.name,
      level: row.level,
      kind: row.kind,
      parentCode: row.parentCode === undefined ? (previous?.parentCode ?? null) : row.parentCode,
      activeFromYear:
        row.activeFromYear === undefined ? (previous?.activeFromYear ?? null) : row.activeFromYear,
      activeToYear:
        row.activeToYear === undefined ? (previous?.activeToYear ?? null) : row.activeToYear,
      row,
      stored: previous?.stored ?? null,
    });
  }
  return planned;
}

/**
 * Checks the rows against each other and against the stored tree: duplicate codes, unknown
 * parents, loops, two agencies with one name under one parent, year ranges.
 */
export function checkAgencyImport(
  rows: readonly AgencyImportRow[],
  stored: readonly StoredAgency[],
): AgencyImportError[] {
  const errors: AgencyImportError[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const row of rows) {
    const first = firstRowOfCode.get(row.code);
    if (first === undefined) firstRowOfCode.set(row.code, row.rowNumber);
    else
      errors.push({
        row: row.rowNumber,
        column: 'code',
        message: `编码“${row.code}”与第 ${first} 行重复`,
      });
  }
  if (errors.length > 0) return errors; // with duplicates, "the" row of a code is ambiguous

  const planned = mergeOverStored(rows, stored, () => '');
  for (const agency of planned.values()) {
    const row = agency.row;
    if (row === null) continue;
    if (agency.parentCode === agency.code) {
      errors.push({
        row: row.rowNumber,
        column: 'parent_code',
        message: '上级编码不能是本机构自己的编码',
      });
    } else if (agency.parentCode !== null && !planned.has(agency.parentCode)) {
      errors.push({
        row: row.rowNumber,
        column: 'parent_code',
        message: `上级编码“${agency.parentCode}”不存在：文件中和系统中都没有这个编码`,
      });
    }
    if (
      agency.activeFromYear !== null &&
      agency.activeToYear !== null &&
      agency.activeFromYear > agency.activeToYear
    ) {
      errors.push({
        row: row.rowNumber,
        column: 'active_from_year',
        message: `起始年度 ${agency.activeFromYear} 晚于终止年度 ${agency.activeToYear}`,
      });
    }
  }

  const parentOf = new Map(
    [...planned.values()].map((agency) => [
      agency.code,
      agency.parentCode !== agency.code &&
      agency.parentCode !== null &&
      planned.has(agency.parentCode)
        ? agency.parentCode
        : null,
    ]),
  );
  for (const cycle of findParentCycles(parentOf)) {
    const loop = [...cycle, cycle[0]].join(' → ');
    for (const code of cycle) {
      const row = planned.get(code)?.row;
      if (row)
        errors.push({
          row: row.rowNumber,
          column: 'parent_code',
          message: `上级关系形成循环：${loop}`,
        });
    }
  }

  const byParentAndName = new Map<string, PlannedAgency[]>();
  for (const agency of planned.values()) {
    const key = `${agency.parentCode ?? ''}\u0000${agency.name}`;
    const group = byParentAndName.get(key);
    if (group) group.push(agency);
    else byParentAndName.set(key, [agency]);
  }
  for (const group of byParentAndName.values()) {
    if (group.length < 2) continue;
    for (const agency of group) {
      if (agency.row === null) continue;
      const others = group
        .filter((other) => other !== agency)
        .map((other) => other.code)
        .join('、');
      errors.push({
        row: agency.row.rowNumber,
        column: 'name',
        message: `同一上级下已有名称为“${agency.name}”的机构（编码 ${others}）`,
      });
    }
  }
  return errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

export interface AgencyImportPlan {
  /** New agencies, parents before children. */
  readonly inserts: readonly StoredAgency[];
  /** Stored agencies in their new state: changed by a row, or moved along with an ancestor. */
  readonly updates: readonly StoredAgency[];
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** What to write for rows that passed `checkAgencyImport` (no loops, every parent known). */
export function planAgencyImport(
  rows: readonly AgencyImportRow[],
  stored: readonly StoredAgency[],
  newId: () => string,
): AgencyImportPlan {
  const planned = mergeOverStored(rows, stored, newId);
  const placed = new Map<string, { path: string; depth: number }>();
  const placeOf = (code: string): { path: string; depth: number } => {
    // Climb to the nearest placed ancestor, then place the chain top-down (no recursion).
    const chain: PlannedAgency[] = [];
    for (let agency = planned.get(code); agency && !placed.has(agency.code);) {
      chain.push(agency);
      agency = agency.parentCode === null ? undefined : planned.get(agency.parentCode);
    }
    for (const agency of chain.reverse()) {
      const parent = agency.parentCode === null ? undefined : placed.get(agency.parentCode);
      placed.set(agency.code, {
        path: pathBelow(parent?.path ?? null, agency.id),
        depth: parent ? parent.depth + 1 : 0,
      });
    }
    const place = placed.get(code);
    if (!place) throw new Error(`agency ${code} was not placed`);
    return place;
  };

  const inserts: StoredAgency[] = [];
  const updates: StoredAgency[] = [];
  let created = 0;
  let updated = 0;
  for (const agency of planned.values()) {
    const next: StoredAgency = {
      id: agency.id,
      code: agency.code,
      name: agency.name,
      level: agency.level,
      kind: agency.kind,
      parentId: agency.parentCode === null ? null : (planned.get(agency.parentCode)?.id ?? null),
      ...placeOf(agency.code),
      activeFromYear: agency.activeFromYear,
      activeToYear: agency.activeToYear,
    };
    if (agency.stored === null) {
      inserts.push(next);
      created += 1;
      continue;
    }
    const ownChange = !sameOwnFields(agency.stored, next);
    if (ownChange && agency.row !== null) updated += 1;
    if (ownChange || agency.stored.path !== next.path || agency.stored.depth !== next.depth)
      updates.push(next);
  }
  inserts.sort((a, b) => a.depth - b.depth);
  return { inserts, updates, created, updated, unchanged: rows.length - created - updated };
}

function sameOwnFields(a: StoredAgency, b: StoredAgency): boolean {
  return (
    a.code === b.code &&
    a.name === b.name &&
    a.level === b.level &&
    a.kind === b.kind &&
    a.parentId === b.parentId &&
    a.activeFromYear === b.activeFromYear &&
    a.activeToYear === b.activeToYear
  );
}

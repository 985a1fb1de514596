import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { type CellValue, Workbook } from 'exceljs';
import { assertZipUnpacksWithin, ParseError } from '@atlas/report-parser';
import { neutraliseCsvCell, restoreCsvCell } from '../../common/http/csv-cell';
import {
  AGENCY_FILE_COLUMNS,
  AGENCY_FILE_FORMATS,
  type AgencyFileColumn,
  type AgencyFileFormat,
} from '@atlas/api-contract';
import {
  AGENCY_KIND_LABELS,
  AGENCY_LEVEL_LABELS,
  type AgencyKind,
  type AgencyLevel,
} from './agency-taxonomy';

/** The columns of an agency file, in file order, with the Chinese header accepted and exported. */
export const AGENCY_COLUMNS = AGENCY_FILE_COLUMNS;
export type AgencyColumn = AgencyFileColumn;

export { AGENCY_FILE_FORMATS, type AgencyFileFormat };

export const AGENCY_FILE_CONTENT_TYPES: Readonly<Record<AgencyFileFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** One spreadsheet row as text cells; `rowNumber` is what Excel shows (the header is row 1). */
export interface SheetRow {
  readonly rowNumber: number;
  readonly cells: readonly string[];
}

/** The file could not be read as a table at all (broken quoting, not a workbook). */
export class SheetReadError extends Error {
  constructor(
    message: string,
    readonly rowNumber: number | null = null,
  ) {
    super(message);
  }
}

export function fileFormatOf(fileName: string): AgencyFileFormat | null {
  const match = /\.(csv|xlsx)$/i.exec(fileName.trim());
  return match ? (match[1]?.toLowerCase() as AgencyFileFormat) : null;
}

export async function readSheet(format: AgencyFileFormat, content: Buffer): Promise<SheetRow[]> {
  return format === 'csv' ? readCsvSheet(content) : readXlsxSheet(content);
}

/**
 * UTF-8 (with or without BOM), else GB18030: "CSV" saved by Excel on Chinese Windows is in the
 * ANSI code page, and refusing it would send every user to a text editor.
 */
export function decodeCsvText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

export function readCsvSheet(content: Buffer): SheetRow[] {
  let records: string[][];
  try {
    records = parseCsv(decodeCsvText(content), {
      bom: true,
      relax_column_count: true,
      // Blank lines stay in as empty records so that row numbers match what Excel shows.
      record_delimiter: ['\r\n', '\n', '\r'],
    });
  } catch (error) {
    const line =
      typeof (error as { lines?: unknown }).lines === 'number'
        ? (error as { lines: number }).lines
        : null;
    throw new SheetReadError('CSV 格式错误（引号未闭合或字段分隔有误），无法读取', line);
  }
  return records.map((cells, index) => ({
    rowNumber: index + 1,
    cells: cells.map(restoreCsvCell),
  }));
}

/**
 * What an agency workbook may unpack to. exceljs inflates every part whole and builds a cell
 * object per cell, so a 1 MB zip bomb once took the API up by 1.1 GB; 100,000 agency rows are
 * about 30 MB of sheet XML.
 */
export const AGENCY_XLSX_MAX_UNPACKED_BYTES = 48 * 1024 * 1024;

export async function readXlsxSheet(
  content: Buffer,
  maxUnpackedBytes = AGENCY_XLSX_MAX_UNPACKED_BYTES,
): Promise<SheetRow[]> {
  try {
    // The sizes the zip declares and those it really inflates to, streamed within the limit,
    // before exceljs sees the file.
    assertZipUnpacksWithin(content, maxUnpackedBytes, {
      corruptZh: '不是有效的 XLSX 文件，无法读取',
      corruptEn: 'not a valid XLSX file',
    });
  } catch (error) {
    if (error instanceof ParseError) throw new SheetReadError(error.messageZh);
    throw error;
  }
  const workbook = new Workbook();
  try {
    // exceljs types declare their own `Buffer extends ArrayBuffer`; it reads Node Buffers.
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new SheetReadError('不是有效的 XLSX 文件，无法读取');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetReadError('XLSX 文件中没有工作表');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    // exceljs row cells are 1-based; unset cells in between read as empty text.
    for (let column = 1; column <= row.cellCount; column += 1)
      cells.push(cellText(row.getCell(column).value));
    rows.push({ rowNumber: row.number, cells });
  });
  return rows;
}

/** The text a user sees in a cell: numbers as typed (codes like 330100), formulas by their result. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return 'result' in value && value.result !== undefined
      ? cellText(value.result as CellValue)
      : '';
  }
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return String(value.error);
  return '';
}

/** One agency as it appears in a file: the parent by its code, level and kind by key. */
export interface AgencyFileRecord {
  readonly code: string;
  readonly name: string;
  readonly level: AgencyLevel;
  readonly kind: AgencyKind;
  readonly parentCode: string | null;
  readonly activeFromYear: number | null;
  readonly activeToYear: number | null;
}

/** Chinese headers and labels: the files are opened in Excel by people; import accepts both. */
function toFileCells(record: AgencyFileRecord): (string | number | null)[] {
  return [
    record.code,
    record.name,
    AGENCY_LEVEL_LABELS[record.level],
    AGENCY_KIND_LABELS[record.kind],
    record.parentCode,
    record.activeFromYear,
    record.activeToYear,
  ];
}

export function writeAgencyCsv(records: readonly AgencyFileRecord[]): Buffer {
  const text = stringifyCsv(
    [
      AGENCY_COLUMNS.map((column) => column.label),
      ...records.map((record) => toFileCells(record).map(neutraliseCsvCell)),
    ],
    {
      bom: true, // without it Excel reads UTF-8 as the ANSI code page and shows mojibake
      record_delimiter: 'windows',
    },
  );
  return Buffer.from(text, 'utf8');
}

export async function writeAgencyXlsx(records: readonly AgencyFileRecord[]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('机构');
  sheet.columns = AGENCY_COLUMNS.map((column) => ({
    header: column.label,
    key: column.key,
    width: column.key === 'name' ? 40 : 16,
    // Codes stay text so that Excel keeps leading zeros and long digit strings.
    style: column.key === 'code' || column.key === 'parent_code' ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const record of records) sheet.addRow(toFileCells(record));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

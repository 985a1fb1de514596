import { parse as parseCsv } from 'csv-parse/sync';
import { FIRST_REPORT_YEAR, latestEndedYear } from '../../common/reporting-calendar';
import type { ArchiveEntry } from './import-archive';
import { type ManifestProblem, manifestInvalid } from './import.errors';

/** One line of manifest.csv: which agency and year a file of the zip is for. */
export interface ManifestRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  readonly row: number;
  readonly file: string;
  readonly agencyCode: string | null;
  readonly year: number | null;
}

/** A file of the zip with what the manifest says about it (nulls: infer from the document). */
export interface PlannedItem {
  readonly position: number;
  readonly path: string;
  readonly bytes: Buffer;
  readonly agencyCode: string | null;
  readonly year: number | null;
  readonly manifestRow: number | null;
}

type ManifestColumn = 'file' | 'agency_code' | 'year';

/** Header spellings accepted, after lower-casing and dropping spaces, `_` and `-`. */
const HEADERS: Readonly<Record<string, ManifestColumn>> = {
  file: 'file',
  filename: 'file',
  path: 'file',
  文件: 'file',
  文件名: 'file',
  agencycode: 'agency_code',
  agency: 'agency_code',
  单位编码: 'agency_code',
  机构编码: 'agency_code',
  year: 'year',
  年度: 'year',
  报告年度: 'year',
};

/**
 * Reads manifest.csv (UTF-8 with or without BOM, or GB18030 as Excel on Chinese Windows saves
 * it). Columns: file / 文件, agency_code / 单位编码, year / 年度; others are ignored. Blank agency
 * or year cells mean "infer from the document". Any problem refuses the whole import (422).
 */
export function parseManifest(content: Buffer): ManifestRow[] {
  let records: string[][];
  try {
    records = parseCsv(decodeText(content), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    throw manifestInvalid([
      {
        row: typeof line === 'number' ? line : null,
        column: null,
        message: 'manifest.csv 不是有效的 CSV（引号不配对？）',
      },
    ]);
  }

  const [header = [], ...body] = records;
  const columns = header.map((title) => HEADERS[title.toLowerCase().replace(/[\s_-]/g, '')]);
  const index = (column: ManifestColumn) => columns.indexOf(column);
  if (index('file') < 0) {
    throw manifestInvalid([
      { row: 1, column: 'file', message: '表头缺少 file（文件）列；应为 file,agency_code,year 或 文件,单位编码,年度' },
    ]);
  }

  const problems: ManifestProblem[] = [];
  const rows: ManifestRow[] = [];
  // Only a year that has ended has a published report.
  const latest = latestEndedYear();
  body.forEach((cells, offset) => {
    const row = offset + 2;
    const cell = (column: ManifestColumn) => (index(column) < 0 ? '' : (cells[index(column)] ?? ''));
    if (cells.every((value) => value === '')) return;
    const file = cell('file');
    if (file === '') {
      problems.push({ row, column: 'file', message: `第 ${row} 行没有填写文件名` });
      return;
    }
    const yearText = cell('year');
    let year: number | null = null;
    if (yearText !== '') {
      year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
      if (!(year >= FIRST_REPORT_YEAR && year <= latest)) {
        problems.push({
          row,
          column: 'year',
          message: `第 ${row} 行的年度“${yearText}”应为 ${FIRST_REPORT_YEAR}–${latest} 之间的四位年份`,
        });
        return;
      }
    }
    const agencyCode = cell('agency_code');
    rows.push({ row, file, agencyCode: agencyCode === '' ? null : agencyCode, year });
  });
  if (problems.length > 0) throw manifestInvalid(problems);
  return rows;
}

/**
 * Pairs the manifest's rows with the files of the zip, by path, or by file name when that names one
 * file only. Files the manifest does not name are imported too (agency and year inferred).
 */
export function planItems(
  entries: readonly ArchiveEntry[],
  manifest: readonly ManifestRow[],
): PlannedItem[] {
  const problems: ManifestProblem[] = [];
  const byEntry = new Map<ArchiveEntry, ManifestRow>();
  for (const row of manifest) {
    const wanted = row.file.replace(/\\/g, '/').replace(/^\.?\//, '');
    let matches = entries.filter((entry) => entry.path === wanted);
    if (matches.length === 0 && !wanted.includes('/')) {
      matches = entries.filter((entry) => baseName(entry.path) === wanted);
    }
    const [entry] = matches;
    if (entry === undefined) {
      problems.push({ row: row.row, column: 'file', message: `第 ${row.row} 行：压缩包中没有文件“${row.file}”` });
    } else if (matches.length > 1) {
      problems.push({
        row: row.row,
        column: 'file',
        message: `第 ${row.row} 行：压缩包中有 ${matches.length} 个“${row.file}”，请写出完整路径（如 ${matches[0]?.path}）`,
      });
    } else if (byEntry.has(entry)) {
      problems.push({
        row: row.row,
        column: 'file',
        message: `第 ${row.row} 行：文件“${entry.path}”已在第 ${byEntry.get(entry)?.row} 行出现`,
      });
    } else byEntry.set(entry, row);
  }
  if (problems.length > 0) throw manifestInvalid(problems);

  return entries.map((entry, offset) => {
    const row = byEntry.get(entry);
    return {
      position: offset + 1,
      path: entry.path,
      bytes: entry.bytes,
      agencyCode: row?.agencyCode ?? null,
      year: row?.year ?? null,
      manifestRow: row?.row ?? null,
    };
  });
}

/** UTF-8 when it is valid UTF-8, else GB18030 (what Excel on Chinese Windows writes as "CSV"). */
export function decodeText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

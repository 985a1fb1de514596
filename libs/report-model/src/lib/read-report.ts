import { APPLICATION_ROW, type Table3Layout } from './applications';
import { listCells, type ReportCell, setCellAt } from './cells';
import { FORMAT_VERSIONS, type FormatVersion } from './format-version';
import { isReportPartKey, NARRATIVE_NUMBERS, type Narrative } from './narrative';
import { type CanonicalReport, emptyReport, REPORT_SCHEMA } from './report';

export type ReportReading =
  | { readonly ok: true; readonly report: CanonicalReport }
  | { readonly ok: false; readonly problems: string[] };

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

interface ReportShape {
  /** Every table cell of the format and layout, in document order. */
  readonly cells: readonly ReportCell[];
  /** The columns each row has, e.g. "applications.granted" → 7 keys. */
  readonly columnsByRow: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The cells of each format and layout, listed once: a replay of the analytics projection reads
 * every stored report, and listing them per report took a third of that.
 */
const SHAPES = new Map<string, ReportShape>();

function shapeOf(formatVersion: FormatVersion, layout: Table3Layout): ReportShape {
  const key = `${formatVersion}|${layout}`;
  const known = SHAPES.get(key);
  if (known) return known;
  const cells = listCells(emptyReport(formatVersion, layout));
  const columnsByRow = new Map<string, Set<string>>();
  for (const cell of cells) {
    const rowAddress = `${cell.table}.${cell.row}`;
    columnsByRow.set(rowAddress, (columnsByRow.get(rowAddress) ?? new Set()).add(cell.column));
  }
  const shape = { cells, columnsByRow };
  SHAPES.set(key, shape);
  return shape;
}

/**
 * Reads canonical JSON (`atlas.report/v1`) from outside — a file, a request body, a stored row —
 * into a complete CanonicalReport, or says in Chinese what is wrong with it, cell by cell.
 * Every table cell the format needs must be a number; rows or columns the format does not have
 * are refused rather than silently dropped. Missing title, agency, year and narrative default to
 * empty; `findings` are not read, because they are derived from the numbers.
 */
export function readCanonicalReport(input: unknown): ReportReading {
  if (!isObject(input)) return { ok: false, problems: ['报告应为 JSON 对象'] };
  const problems: string[] = [];

  if (input['schema'] !== undefined && input['schema'] !== REPORT_SCHEMA) {
    problems.push(`schema 应为 "${REPORT_SCHEMA}"，实为 ${JSON.stringify(input['schema'])}`);
  }
  const formatVersion = input['formatVersion'];
  if (!FORMAT_VERSIONS.includes(formatVersion as FormatVersion)) {
    return { ok: false, problems: [...problems, `formatVersion 应为 ${FORMAT_VERSIONS.join(' 或 ')}，实为 ${JSON.stringify(formatVersion)}`] };
  }
  const tables = ['proactive', 'applications', 'reviewLitigation'] as const;
  for (const table of tables) {
    if (!isObject(input[table])) problems.push(`缺少表格 ${table}`);
  }
  if (problems.length > 0) return { ok: false, problems };

  const applications = input['applications'] as JsonObject;
  const layout: Table3Layout = 'otherHandling' in applications ? 'singleOtherHandling' : 'itemizedOtherHandling';
  const report = emptyReport(formatVersion as FormatVersion, layout);

  const { cells, columnsByRow } = shapeOf(formatVersion as FormatVersion, layout);
  for (const cell of cells) {
    const row = (input[cell.table] as JsonObject)[cell.row];
    const value = isObject(row) ? row[cell.column] : undefined;
    if (!isFiniteNumber(value)) {
      problems.push(`${cell.address}: 应为数字，实为 ${value === undefined ? '缺失' : JSON.stringify(value)}`);
      continue;
    }
    setCellAt(report, cell, value);
  }
  for (const table of tables) {
    for (const [rowKey, row] of Object.entries(input[table] as JsonObject)) {
      const known = columnsByRow.get(`${table}.${rowKey}`);
      if (!known) {
        const hint = table === 'applications' && rowKey in APPLICATION_ROW ? '（与同表其他行的（六）写法不一致）' : '';
        problems.push(`${table}.${rowKey}: ${formatVersion} 格式没有这一行${hint}`);
        continue;
      }
      for (const column of Object.keys(isObject(row) ? row : {})) {
        if (!known.has(column)) problems.push(`${table}.${rowKey}.${column}: 没有这一列`);
      }
    }
  }

  const year = input['year'];
  if (year !== undefined && year !== null && !(Number.isInteger(year) && (year as number) >= 1990 && (year as number) <= 2100)) {
    problems.push(`year 应为 1990–2100 的整数或 null，实为 ${JSON.stringify(year)}`);
  } else {
    report.year = (year as number | null | undefined) ?? null;
  }
  for (const field of ['title', 'agencyName'] as const) {
    const value = input[field];
    if (value !== undefined && value !== null && typeof value !== 'string') problems.push(`${field} 应为字符串或 null`);
    else report[field] = value ?? null;
  }
  readNarrative(input['narrative'], report.narrative, problems);

  return problems.length > 0 ? { ok: false, problems } : { ok: true, report };
}

function readNarrative(input: unknown, narrative: Narrative, problems: string[]): void {
  if (input === undefined || input === null) return;
  if (!isObject(input)) {
    problems.push('narrative 应为对象');
    return;
  }
  for (const part of ['overview', 'problems', 'other'] as const) {
    const text = input[part];
    if (text === undefined || text === null) continue;
    if (typeof text === 'string') narrative[part] = text;
    else problems.push(`narrative.${part} 应为字符串`);
  }
  readStructure(input, narrative, problems);
  const metrics = input['metrics'];
  if (metrics === undefined || metrics === null) return;
  if (!isObject(metrics)) {
    problems.push('narrative.metrics 应为对象');
    return;
  }
  for (const { key } of NARRATIVE_NUMBERS) {
    const value = metrics[key];
    if (value === undefined || value === null) continue;
    if (isFiniteNumber(value)) narrative.metrics[key] = value;
    else problems.push(`narrative.metrics.${key} 应为数字或 null`);
  }
  const items = metrics['publishedItems'];
  if (Array.isArray(items)) {
    const valid = items.every((item) => isObject(item) && typeof item['channel'] === 'string' && isFiniteNumber(item['count']) && typeof item['approximate'] === 'boolean');
    if (valid) narrative.metrics.publishedItems = items as Narrative['metrics']['publishedItems'];
    else problems.push('narrative.metrics.publishedItems 每项应为 {channel, count, approximate}');
  }
  const rates = metrics['inspectionPassRates'];
  if (Array.isArray(rates)) {
    const valid = rates.every((rate) => isObject(rate) && typeof rate['subject'] === 'string' && isFiniteNumber(rate['rate']));
    if (valid) narrative.metrics.inspectionPassRates = rates as Narrative['metrics']['inspectionPassRates'];
    else problems.push('narrative.metrics.inspectionPassRates 每项应为 {subject, rate}');
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The parts found and the stated period (what S.PARTS and S.PERIOD read), when given. */
function readStructure(input: JsonObject, narrative: Narrative, problems: string[]): void {
  const parts = input['partsFound'];
  if (parts !== undefined && parts !== null) {
    if (Array.isArray(parts) && parts.every((part) => typeof part === 'string' && isReportPartKey(part))) {
      narrative.partsFound = parts.filter((part): part is NonNullable<Narrative['partsFound']>[number] => isReportPartKey(part));
    } else problems.push('narrative.partsFound 应为部分名称（overview、proactive…）的数组');
  }
  const period = input['period'];
  if (period === null) narrative.period = null;
  else if (period !== undefined) {
    const valid = isObject(period) && typeof period['start'] === 'string' && ISO_DATE.test(period['start']) && typeof period['end'] === 'string' && ISO_DATE.test(period['end']) && typeof period['text'] === 'string';
    if (valid) narrative.period = { start: period['start'] as string, end: period['end'] as string, text: period['text'] as string };
    else problems.push('narrative.period 应为 {start, end, text}（日期为 YYYY-MM-DD）');
  }
}

import type { ParsedReport } from '@atlas/report-parser';
import type { ReportWarning } from './report-warnings';

export const yearMismatchMessage = (parsedYear: number, declaredYear: number) =>
  `文件是 ${parsedYear} 年度的报告，与所选年度 ${declaredYear} 不符；请核对年度或文件`;

/** Where the document states its year plainly (title, reporting period) rather than by a guess. */
const FIRM_YEAR_SOURCES: ReadonlySet<ParsedReport['yearSource']> = new Set(['title', 'period']);

export type YearAssessment =
  | { readonly kind: 'consistent'; readonly warnings: ReportWarning[] }
  | { readonly kind: 'mismatch'; readonly parsedYear: number };

/**
 * Compares the year the uploader chose with the one read from the document. A firm, different
 * year is plainly another year's report; a guessed one only deserves a warning.
 */
export function assessDocumentYear(
  declaredYear: number,
  parsedYear: number | null,
  yearSource: ParsedReport['yearSource'],
): YearAssessment {
  if (parsedYear === null) {
    return {
      kind: 'consistent',
      warnings: [
        {
          code: 'YEAR_NOT_FOUND',
          message: `未能从文件中读出报告年度，按所选年度 ${declaredYear} 保存`,
        },
      ],
    };
  }
  if (parsedYear === declaredYear) return { kind: 'consistent', warnings: [] };
  if (FIRM_YEAR_SOURCES.has(yearSource)) return { kind: 'mismatch', parsedYear };
  return {
    kind: 'consistent',
    warnings: [
      {
        code: 'YEAR_DIFFERS',
        message: `文件${yearSource === 'fileName' ? '名' : '正文'}中的年度 ${parsedYear} 与所选年度 ${declaredYear} 不一致，请核对`,
      },
    ],
  };
}

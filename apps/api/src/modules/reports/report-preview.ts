import type { ReportPreview } from '@atlas/api-contract';
import type { CanonicalReport } from '@atlas/report-model';
import type { ParsedReport } from '@atlas/report-parser';
import { withCrossReportFindings } from './report-findings';
import type { ReportWarning } from './report-warnings';
import { assessDocumentYear, yearMismatchMessage } from './report-year';

/** What a preview checks the reading against, found before the file is parsed. */
export interface PreviewContext {
  /** The year the uploader chose, if any. */
  readonly year?: number;
  /**
   * With an agency and a year chosen: the agency's current report of the year before (null if
   * it has none), for the cross-report rules. Absent otherwise.
   */
  readonly previousYear?: CanonicalReport | null;
}

/**
 * The preview's answer: the reading, checked as an upload would check it, without refusing —
 * what an upload would refuse becomes a warning. Pure, so that it runs in the parse thread
 * beside the parse (see ReportParsingService.preview).
 */
export function composePreview(parsed: ParsedReport, context: PreviewContext): ReportPreview {
  const canonical = parsed.report;
  const warnings: ReportWarning[] = [];
  if (context.year !== undefined) {
    const yearCheck = assessDocumentYear(context.year, canonical.year, parsed.yearSource);
    if (yearCheck.kind === 'mismatch') {
      warnings.push({
        code: 'YEAR_MISMATCH',
        message: yearMismatchMessage(yearCheck.parsedYear, context.year),
      });
    } else warnings.push(...yearCheck.warnings);
    canonical.year = context.year;
    if (context.previousYear !== undefined) {
      canonical.findings = withCrossReportFindings(
        canonical.findings,
        canonical,
        context.previousYear,
      );
    }
  }
  return {
    report: canonical,
    findings: canonical.findings,
    provenance: parsed.provenance,
    warnings,
    format: parsed.format,
    yearSource: parsed.yearSource,
  };
}

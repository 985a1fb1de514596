import { REPORT_PART, REPORT_PARTS, type ReportPartKey } from '../narrative';
import type { CanonicalReport } from '../report';
import { createFinding, type Finding } from '../rules';

/** "第五部分“存在的主要问题及改进情况”" from the part's label "五、存在的主要问题及改进情况". */
export function partName(part: ReportPartKey): string {
  const label = REPORT_PART[part].label;
  const mark = label.indexOf('、');
  return `第${label.slice(0, mark)}部分“${label.slice(mark + 1)}”`;
}

const partIndex = (part: ReportPartKey): number => REPORT_PARTS.findIndex((p) => p.key === part);

/**
 * S.PARTS — the six parts are all printed, in the order 一 … 六. Judged only when the reading
 * says which headings the document prints (`partsFound`) and found at least one: reports entered
 * as data, and tables without any text (a spreadsheet of the tables), are not.
 */
export function checkReportParts({ narrative }: Pick<CanonicalReport, 'narrative'>): Finding[] {
  const found = narrative.partsFound;
  if (found === undefined || found.length === 0) return [];
  const missing = REPORT_PARTS.map((part) => part.key).filter((key) => !found.includes(key));
  // A part is out of place when a part printed before it has a higher number.
  const misplaced = found.filter((part, i) =>
    found.slice(0, i).some((earlier) => partIndex(earlier) > partIndex(part)),
  );
  if (missing.length === 0 && misplaced.length === 0) return [];
  const problems = [
    ...(missing.length > 0 ? [`缺少${missing.map(partName).join('、')}`] : []),
    ...misplaced.map((part) => {
      const before = found
        .slice(0, found.indexOf(part))
        .filter((e) => partIndex(e) > partIndex(part));
      return `${partName(part)}排在${before.map(partName).join('、')}之后`;
    }),
  ];
  return [
    createFinding('S.PARTS', [], `正文六个部分不全或顺序不对：${problems.join('；')}`, {
      parts: [...missing, ...misplaced],
    }),
  ];
}

/** The first year a title names: "…2023年度政府信息公开工作年度报告" or "…报告（2020年）". */
export function titleYear(title: string | null): number | null {
  const match = /(20\d{2})\s*年/.exec(title ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * S.PERIOD — the title's year, the stated reporting period (1月1日 to 12月31日 of one year) and the
 * year the report is filed for (`report.year`; the API stores the year the uploader chose) agree.
 * What the text does not state is not judged.
 */
export function checkReportPeriod(
  report: Pick<CanonicalReport, 'title' | 'year' | 'narrative'>,
): Finding[] {
  const fromTitle = titleYear(report.title);
  const period = report.narrative.period ?? null;
  const periodYear = period === null ? null : Number(period.start.slice(0, 4));
  const problems: string[] = [];
  if (period !== null) {
    const wholeYear =
      period.start === `${periodYear}-01-01` && period.end === `${periodYear}-12-31`;
    if (!wholeYear) problems.push(`统计期限“${period.text}”不是一个完整年度（1月1日至12月31日）`);
  }
  if (fromTitle !== null && report.year !== null && fromTitle !== report.year)
    problems.push(`标题年度 ${fromTitle} ≠ 报告年度 ${report.year}`);
  if (periodYear !== null && report.year !== null && periodYear !== report.year)
    problems.push(`统计期限年度 ${periodYear} ≠ 报告年度 ${report.year}`);
  else if (
    periodYear !== null &&
    report.year === null &&
    fromTitle !== null &&
    periodYear !== fromTitle
  )
    problems.push(`统计期限年度 ${periodYear} ≠ 标题年度 ${fromTitle}`);
  if (problems.length === 0) return [];
  return [createFinding('S.PERIOD', [], `报告年度与统计期限不一致：${problems.join('；')}`)];
}

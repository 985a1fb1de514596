import { readFile } from 'node:fs/promises';
import {
  type CanonicalReport,
  type Finding,
  readCanonicalReport,
  runCrossReportChecks,
  runSingleReportChecks,
} from '@atlas/report-model';
import { type Command, Option } from 'commander';
import { CliInputError, type CliIo } from '../io';

interface CheckOptions {
  previous?: string;
  format: 'json' | 'text';
}

export interface CheckResult {
  file: string;
  agencyName: string | null;
  year: number | null;
  findings: Finding[];
}

export function registerCheckCommand(program: Command, io: CliIo): void {
  program
    .command('check')
    .description('校验规范化报告 JSON 的勾稽关系 / run the checks on canonical report JSON')
    .argument('<files...>', '规范化报告 JSON 文件（atlas.report/v1）/ canonical report files')
    .option(
      '-p, --previous <file>',
      "同一单位上一年度的报告，用于跨年度校验（X.CARRY、T2.STOCK）/ last year's report",
    )
    .addOption(
      new Option('-f, --format <format>', '输出格式 / output format')
        .choices(['json', 'text'])
        .default('json'),
    )
    .action(async (files: string[], options: CheckOptions) => {
      const previous = options.previous ? await loadReport(options.previous) : undefined;
      const results: CheckResult[] = [];
      for (const file of files) {
        const report = await loadReport(file);
        const findings = runSingleReportChecks(report);
        if (previous)
          findings.push(...crossReportFindings(report, previous, options.previous ?? ''));
        results.push({ file, agencyName: report.agencyName, year: report.year, findings });
      }
      io.out(
        options.format === 'text'
          ? results.map(describeResult).join('\n')
          : `${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`,
      );
    });
}

async function loadReport(file: string): Promise<CanonicalReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliInputError(
      code === 'ENOENT'
        ? `找不到文件 ${file} / file not found`
        : `无法读取 ${file} / cannot read: ${code ?? String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CliInputError(
      `${file} 不是合法的 JSON / not valid JSON: ${(error as Error).message}`,
    );
  }
  const reading = readCanonicalReport(json);
  if (!reading.ok) {
    const shown = reading.problems.slice(0, 3).join('；');
    const more = reading.problems.length > 3 ? ` 等 ${reading.problems.length} 处` : '';
    throw new CliInputError(`${file} 不是规范化报告 / not a canonical report: ${shown}${more}`);
  }
  return reading.report;
}

function crossReportFindings(
  report: CanonicalReport,
  previous: CanonicalReport,
  previousFile: string,
): Finding[] {
  try {
    return runCrossReportChecks(report, previous);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new CliInputError(
        `${previousFile} 是 ${previous.year} 年度的报告，应为 ${(report.year ?? 0) - 1} 年度 / --previous must be the year before`,
      );
    }
    throw error;
  }
}

function describeResult(result: CheckResult): string {
  const heading = `${result.file}${result.agencyName ? `  ${result.agencyName}` : ''}${result.year ? `  ${result.year} 年度` : ''}`;
  if (result.findings.length === 0) return `${heading}\n  ✓ 未发现问题 / no findings\n`;
  const errors = result.findings.filter((finding) => finding.severity === 'error').length;
  const lines = result.findings.map(
    (finding) =>
      `  ${finding.severity === 'error' ? '✗' : '!'} ${finding.rule}  ${finding.message}\n      ${finding.cells.join(', ')}`,
  );
  return `${heading}\n${lines.join('\n')}\n  ${errors} 个错误，${result.findings.length - errors} 个警告 / ${errors} errors, ${result.findings.length - errors} warnings\n`;
}

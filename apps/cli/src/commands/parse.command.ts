import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROW,
  applicationCell,
  type CanonicalReport,
  getCell,
  PROACTIVE_ROW_2019,
  PROACTIVE_ROW_2021,
  presentApplicationRowKeys,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  reviewLitigationCell,
} from '@atlas/report-model';
import {
  DEFAULT_READ_LIMITS,
  formatByteSize,
  ParseError,
  type ParsedReport,
  parseReport,
} from '@atlas/report-parser';
import { type Command, Option } from 'commander';
import { CliInputError, type CliIo } from '../io';
import { formatTable } from '../text-table';

interface ParseOptions {
  provenance?: boolean;
  format: 'json' | 'text';
}

export function registerParseCommand(program: Command, io: CliIo): void {
  program
    .command('parse')
    .description(
      '读取年报文件（TXT/MD/HTML/DOCX/PDF/XLSX）并输出规范化 JSON / read report files into canonical JSON',
    )
    .argument('<files...>', '年报文件 / report files')
    .option('--provenance', '附上每个单元格的来源 / add where each cell was read')
    .addOption(
      new Option('-f, --format <format>', '输出格式 / output format')
        .choices(['json', 'text'])
        .default('json'),
    )
    .action(async (files: string[], options: ParseOptions) => {
      const outputs: unknown[] = [];
      const texts: string[] = [];
      const failures: string[] = [];
      for (const file of files) {
        try {
          const parsed = await parseFile(file);
          outputs.push(
            options.provenance
              ? { ...parsed.report, provenance: parsed.provenance }
              : parsed.report,
          );
          texts.push(describeReport(file, parsed));
        } catch (error) {
          if (!(error instanceof CliInputError)) throw error;
          failures.push(error.message);
        }
      }
      if (outputs.length > 0) {
        io.out(
          options.format === 'text'
            ? texts.join('\n')
            : `${JSON.stringify(files.length === 1 ? outputs[0] : outputs, null, 2)}\n`,
        );
      }
      if (failures.length > 0) {
        // Every file that could be read was printed; the ones that could not end the run with 2.
        throw new CliInputError(failures.join('\natlas: '));
      }
    });
}

async function parseFile(file: string): Promise<ParsedReport> {
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (info.size > DEFAULT_READ_LIMITS.maxInputBytes) {
      throw new CliInputError(
        `${file}: 文件超过 ${formatByteSize(DEFAULT_READ_LIMITS.maxInputBytes)} / the file is larger than ${formatByteSize(DEFAULT_READ_LIMITS.maxInputBytes)}`,
      );
    }
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    if (error instanceof CliInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliInputError(
      code === 'ENOENT'
        ? `${file}: 找不到文件 / file not found`
        : `${file}: 无法读取 / cannot read (${code ?? String(error)})`,
    );
  }
  try {
    return await parseReport(bytes, { fileName: basename(file) });
  } catch (error) {
    if (error instanceof ParseError)
      throw new CliInputError(`${file}: ${error.messageZh} / ${error.messageEn}`);
    throw error;
  }
}

/** Tables 2–4 and the findings, for a person at a terminal. */
function describeReport(file: string, parsed: ParsedReport): string {
  const { report } = parsed;
  const heading = `${file}\n${report.title ?? '（无标题）'}  单位：${report.agencyName ?? '未知'}  年度：${report.year ?? '未知'}  格式：${report.formatVersion}`;
  const value = (address: string) => String(getCell(report, address) ?? '');

  const proactiveRows = Object.values(
    report.formatVersion === '2021' ? PROACTIVE_ROW_2021 : PROACTIVE_ROW_2019,
  ) as unknown as {
    key: string;
    label: string;
    columns: readonly string[];
  }[];
  const table2 = formatTable(
    ['表二', '数值'],
    proactiveRows.map((row) => [
      row.label,
      row.columns.map((column) => value(`proactive.${row.key}.${column}`)).join(' / '),
    ]),
  );
  const table3 = formatTable(
    ['表三', ...APPLICANT_COLUMNS.map((column) => column.shortLabel)],
    presentApplicationRowKeys(report.applications).map((rowKey) => [
      APPLICATION_ROW[rowKey].shortLabel,
      ...APPLICANT_COLUMNS.map((column) => value(applicationCell(rowKey, column.key))),
    ]),
  );
  const table4 = formatTable(
    ['表四', ...REVIEW_COLUMNS.map((column) => column.label)],
    REVIEW_GROUPS.map((group) => [
      group.label,
      ...REVIEW_COLUMNS.map((column) => value(reviewLitigationCell(group.key, column.key))),
    ]),
  );
  const findings =
    report.findings.length === 0
      ? '✓ 未发现问题 / no findings\n'
      : report.findings
          .map(
            (finding) =>
              `${finding.severity === 'error' ? '✗' : '!'} ${finding.rule}  ${finding.message}\n`,
          )
          .join('');
  return [heading, table2, table3, table4, findings].join('\n');
}

export type { CanonicalReport };

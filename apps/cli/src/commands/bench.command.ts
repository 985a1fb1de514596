import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { benchParse, corpusInputs } from '../bench/parse-bench';
import { CliInputError, type CliIo } from '../io';
import { formatTable } from '../text-table';

interface BenchOptions {
  corpus: string;
  out: string;
  runs: string;
}

const BENCHMARKS = ['parse'] as const;

export function registerBenchCommand(program: Command, io: CliIo): void {
  program
    .command('bench')
    .description('运行基准测试并写入 bench-results/<name>.json / run a benchmark')
    .argument('<name>', `基准名称 / benchmark: ${BENCHMARKS.join(', ')}`)
    .option('--corpus <dir>', '语料目录 / corpus folder', '../shared/corpus')
    .option('--out <dir>', '结果目录 / results folder', 'bench-results')
    .option('--runs <n>', '每个文件的测量次数 / measured runs per file', '20')
    .action(async (name: string, options: BenchOptions) => {
      if (!BENCHMARKS.includes(name as (typeof BENCHMARKS)[number])) {
        throw new CliInputError(
          `未知的基准 ${name}，可选：${BENCHMARKS.join(', ')} / unknown benchmark`,
        );
      }
      const runs = Number.parseInt(options.runs, 10);
      if (!Number.isInteger(runs) || runs < 1)
        throw new CliInputError('--runs 应为正整数 / --runs must be a positive integer');
      const inputs = corpusInputs(resolve(options.corpus));
      if (inputs.length === 0)
        throw new CliInputError(`语料目录 ${options.corpus} 中没有文件 / no corpus files found`);

      const rows = await benchParse(inputs, runs);
      io.out(
        formatTable(
          [
            '格式 format',
            '文件 files',
            '解析 parse ms',
            '基线 baseline ms',
            '倍数 ratio',
            '目标 target ms',
            '',
          ],
          rows.map((row) => [
            row.format,
            String(row.files.length),
            row.parseMs.toFixed(3),
            row.baselineMs.toFixed(3),
            `${row.ratio.toFixed(2)}×`,
            String(row.targetMs),
            row.parseMs <= row.targetMs ? 'ok' : 'SLOW',
          ]),
        ),
      );
      await mkdir(options.out, { recursive: true });
      const file = join(options.out, `${name}.json`);
      const result = {
        benchmark: name,
        measuredAt: new Date().toISOString(),
        node: process.version,
        runsPerFile: runs,
        formats: rows,
      };
      await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
      io.out(`\n写入 / written: ${file}\n`);
    });
}

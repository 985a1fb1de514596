import { RULES } from '@atlas/report-model';
import type { Command } from 'commander';
import type { CliIo } from '../io';
import { formatTable } from '../text-table';

const SCOPE_LABEL = { report: '单份报告', crossReport: '跨年度', parse: '解析' } as const;

export function registerRulesCommand(program: Command, io: CliIo): void {
  program
    .command('rules')
    .description('列出校验规则（勾稽关系）/ list the check rules')
    .option('--json', '输出 JSON / print JSON')
    .action((options: { json?: boolean }) => {
      if (options.json) {
        io.out(`${JSON.stringify(RULES, null, 2)}\n`);
        return;
      }
      io.out(
        formatTable(
          ['规则 rule', '级别 severity', '范围 scope', '名称 name', '说明 description'],
          RULES.map((rule) => [
            rule.id,
            rule.severity,
            SCOPE_LABEL[rule.scope],
            rule.name,
            rule.description,
          ]),
        ),
      );
    });
}

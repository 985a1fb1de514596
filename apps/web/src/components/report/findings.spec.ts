import { describe, expect, it } from 'vitest';
import { countFindings, describeCell, findingsByCell, ruleOf, worstSeverity } from './findings';
import { brokenReport, BROKEN_CELL, consistentReport } from './test-fixtures';

describe('describeCell', () => {
  it('names cells of every table with the labels of the report model', () => {
    expect(describeCell('applications.newReceived.naturalPerson')).toBe('表三 新收 · 自然人');
    expect(describeCell('applications.denied.stateSecret.total')).toBe(
      '表三 不予公开·属于国家秘密 · 总计',
    );
    expect(describeCell('proactive.normativeDocuments.inForce')).toBe(
      '表二 行政规范性文件 · 现行有效件数',
    );
    expect(describeCell('proactive.procurement.amount')).toBe('表二 政府集中采购 · 采购总金额');
    expect(describeCell('reviewLitigation.litigationDirect.total')).toBe(
      '表四 行政诉讼（未经复议直接起诉） · 总计',
    );
    expect(describeCell('narrative.metrics.applicationsReceived')).toBe(
      '正文 · 正文所述收到申请数',
    );
    expect(describeCell('nonsense')).toBe('nonsense');
  });
});

describe('findings by cell', () => {
  it('finds nothing in a consistent report', () => {
    expect(consistentReport().findings).toEqual([]);
  });

  it('lists every finding naming a cell, errors first', () => {
    const { findings } = brokenReport();
    const onCell = findingsByCell(findings).get(BROKEN_CELL) ?? [];
    expect(onCell.map((finding) => finding.rule).sort()).toEqual(['T3.BALANCE', 'T3.ROWSUM']);
    expect(worstSeverity(onCell)).toBe('error');
    expect(worstSeverity([{ severity: 'warning' }])).toBe('warning');
    expect(worstSeverity([])).toBeUndefined();
    expect(countFindings(findings)).toEqual({ errors: findings.length, warnings: 0 });
  });

  it('knows the rules by id and tolerates unknown ones', () => {
    expect(ruleOf({ rule: 'T3.BALANCE' })?.name).toBe('表三收支平衡');
    expect(ruleOf({ rule: 'X.NEW' as never })).toBeUndefined();
  });
});

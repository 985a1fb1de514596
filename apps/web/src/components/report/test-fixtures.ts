import {
  type CanonicalReport,
  emptyReport,
  type Report2021,
  runSingleReportChecks,
  setCell,
} from '@atlas/report-model';

/**
 * Reports for component tests: a small consistent 2021-format report, and the same with one
 * cell of table 3 made wrong. Findings come from the report model's own rules, not by hand.
 */
export function consistentReport(): Report2021 {
  const report = emptyReport('2021');
  report.year = 2024;
  report.agencyName = '青山县自然资源局';
  report.title = '青山县自然资源局2024年政府信息公开工作年度报告';
  const cells: Record<string, number> = {
    'proactive.normativeDocuments.issued': 2,
    'proactive.normativeDocuments.inForce': 12,
    'proactive.licensing.decisions': 35,
    'proactive.fees.amountWanYuan': 1.25,
    'applications.newReceived.naturalPerson': 3,
    'applications.newReceived.commercial': 1,
    'applications.newReceived.total': 4,
    'applications.granted.naturalPerson': 2,
    'applications.granted.total': 2,
    'applications.unavailable.notHeld.naturalPerson': 1,
    'applications.unavailable.notHeld.commercial': 1,
    'applications.unavailable.notHeld.total': 2,
    'applications.totalHandled.naturalPerson': 3,
    'applications.totalHandled.commercial': 1,
    'applications.totalHandled.total': 4,
    'reviewLitigation.review.upheld': 1,
    'reviewLitigation.review.total': 1,
  };
  for (const [address, value] of Object.entries(cells)) setCell(report, address, value);
  report.narrative.overview = '本年度共收到政府信息公开申请4件。';
  report.narrative.metrics.applicationsReceived = 4;
  report.findings = runSingleReportChecks(report);
  return report;
}

export const BROKEN_CELL = 'applications.newReceived.naturalPerson';

/** 新收 · 自然人 says 5 where 3 would balance: T3.BALANCE and T3.ROWSUM fail. */
export function brokenReport(): CanonicalReport {
  const report = consistentReport();
  setCell(report, BROKEN_CELL, 5);
  report.findings = runSingleReportChecks(report);
  return report;
}

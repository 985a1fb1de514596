import {
  type CanonicalReport,
  createFinding,
  emptyReport,
  type Finding,
  type Report2021,
  runSingleReportChecks,
  setCell,
} from '@atlas/report-model';
import { afterEach, beforeEach } from 'vitest';
import type { Provenance } from '../../api/reports';
import { i18n } from '../../locales';

/**
 * Reports for component tests: a small consistent 2021-format report, and the same with one
 * cell of table 3 made wrong. Findings come from the report model's own rules, not by hand.
 * Also the provenance of a report read with some cells inferred and some uncertain.
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

/** Table 3's rows of 不予公开 taken by row order (inferred) in the column of natural persons. */
export const INFERRED_CELLS = [
  'applications.denied.stateSecret.naturalPerson',
  'applications.denied.lawProhibited.naturalPerson',
  'applications.denied.thirdParty.naturalPerson',
];

/** Cells of table 4 whose places the layout did not settle: an F.LAYOUT finding names them. */
export const UNCERTAIN_CELLS = [
  'reviewLitigation.review.upheld',
  'reviewLitigation.review.corrected',
  'reviewLitigation.review.other',
  'reviewLitigation.review.pending',
  'reviewLitigation.review.total',
  'reviewLitigation.litigationDirect.upheld',
  'reviewLitigation.litigationDirect.corrected',
  'reviewLitigation.litigationDirect.other',
  'reviewLitigation.litigationDirect.pending',
  'reviewLitigation.litigationDirect.total',
];

/**
 * Where the values of a report were read (a DOCX): most cells as the layout has them, the rows
 * above by row order, table 4's first two groups uncertain; also a narrative number, which the
 * tables do not draw.
 */
export function layoutProvenance(): Provenance {
  const provenance: Provenance = {
    [BROKEN_CELL]: { source: { table: 2, row: 4, column: 2 }, raw: '5' },
    'narrative.metrics.applicationsReceived': {
      source: { table: 1, row: 1 },
      raw: '4',
      certainty: 'inferred',
    },
  };
  INFERRED_CELLS.forEach((address, index) => {
    provenance[address] = {
      source: { table: 2, row: 12 + index, column: 2 },
      raw: '0',
      method: 'row-order',
      certainty: 'inferred',
    };
  });
  UNCERTAIN_CELLS.forEach((address, index) => {
    provenance[address] = {
      source: { table: 3, row: 4, column: 1 + index },
      raw: '1',
      certainty: 'uncertain',
    };
  });
  return provenance;
}

/** The F.LAYOUT finding on UNCERTAIN_CELLS, as the parser would make it. */
export function layoutFinding(): Finding {
  return createFinding(
    'F.LAYOUT',
    UNCERTAIN_CELLS,
    '表四 第 4 行：10 个数值排不进 15 列，无法确定各自所属的列，请核对原文',
  );
}

/**
 * For a describe block of component tests: each test in zh-CN, and the component it mounted
 * (passed through the returned function) unmounted afterwards, the page emptied.
 */
export function unmountAfterEach(): <W extends { unmount(): void }>(mounted: W) => W {
  let current: { unmount(): void } | undefined;
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    current?.unmount();
    current = undefined;
    document.body.innerHTML = '';
  });
  return (mounted) => {
    current = mounted;
    return mounted;
  };
}

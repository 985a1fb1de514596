import { describe, expect, it, vi } from 'vitest';
import type {
  ReportDetail,
  ReportVersionDetail,
  ReportWriteResult,
  UploadOptions,
} from '../../api/reports';
import { ApiError } from '../../api/request';
import { brokenReport, BROKEN_CELL, consistentReport } from '../report/test-fixtures';
import {
  checkReportFile,
  describeUploadError,
  useUploadFlow,
  type UploadFlowApi,
} from './upload-flow';

const ID = 'b0000000-0000-4000-8000-000000000001';
const AGENCY = 'a0000000-0000-4000-8000-000000000001';

function file(name: string, content = 'x'): File {
  return new File([content], name);
}

/** An API stand-in keeping one stored report, as the real one would. */
function fakeApi() {
  let report = brokenReport();
  let status: ReportDetail['status'] = 'draft';
  const detail = (): ReportDetail =>
    ({
      id: ID,
      agencyId: AGENCY,
      agencyName: '青山县自然资源局',
      year: 2024,
      status,
      version: 1,
      report,
      findings: report.findings,
      warnings: [],
      versions: [],
      deadline: '2025-01-31',
      deadlineSource: 'statutory',
      onTime: status === 'submitted' ? true : null,
      daysLate: status === 'submitted' ? 0 : null,
    }) as unknown as ReportDetail;
  const written = (): ReportWriteResult => ({
    id: ID,
    agencyId: AGENCY,
    year: 2024,
    version: 1,
    status,
    findings: report.findings,
    warnings: [{ code: 'YEAR_DIFFERS', message: '正文中的年度与所选年度不同' }],
  });
  const api = {
    uploadReport: vi.fn(async (_input, options?: UploadOptions) => {
      options?.onProgress?.({ loaded: 50, total: 100 });
      options?.onProgress?.({ loaded: 100, total: 100 });
      return written();
    }),
    getReport: vi.fn(async () => detail()),
    getReportVersion: vi.fn(
      async () =>
        ({ ...detail(), provenance: {}, corrections: [] }) as unknown as ReportVersionDetail,
    ),
    correctCells: vi.fn(async () => {
      report = consistentReport();
      return written();
    }),
    submitReport: vi.fn(async () => {
      status = 'submitted';
      return written();
    }),
    listReports: vi.fn(async () => ({
      items: [{ id: ID }],
      total: 1,
      page: 1,
      pageSize: 1,
    })),
  };
  return api as typeof api & UploadFlowApi;
}

describe('checkReportFile', () => {
  it('refuses types the parser does not read and empty files, in Chinese', () => {
    expect(checkReportFile({ name: '年报.doc', size: 10 })).toMatchObject({
      kind: 'unsupported',
      message: '不支持“.doc”格式的文件',
    });
    expect(checkReportFile({ name: '年报.DOCX', size: 0 })).toMatchObject({ kind: 'empty' });
    expect(checkReportFile({ name: '年报.pdf', size: 10 })).toBeNull();
  });
});

describe('describeUploadError', () => {
  it('sorts the API refusals into the problems the page explains', () => {
    const cases: [number, string, string][] = [
      [422, 'PARSE_CORRUPT_FILE', 'unreadable'],
      [422, 'PARSE_NOT_A_REPORT', 'unreadable'],
      [422, 'YEAR_MISMATCH', 'yearMismatch'],
      [409, 'REPORT_DUPLICATE', 'duplicate'],
      [409, 'REPORT_LOCKED', 'locked'],
      [413, 'PAYLOAD_TOO_LARGE', 'tooLarge'],
      [413, 'SOMETHING_NEW', 'tooLarge'],
      [403, 'FORBIDDEN', 'forbidden'],
      [0, 'NETWORK_ERROR', 'network'],
      [500, 'INTERNAL', 'failed'],
    ];
    for (const [status, code, kind] of cases) {
      expect(describeUploadError(new ApiError(status, code, '原因'))).toEqual({
        kind,
        code,
        message: '原因',
      });
    }
  });
});

describe('useUploadFlow', () => {
  it('goes from uploading with progress through parsing to the review of the stored draft', async () => {
    const api = fakeApi();
    const phases: string[] = [];
    api.uploadReport.mockImplementation(async (_input, options) => {
      options?.onProgress?.({ loaded: 40, total: 100 });
      phases.push(`${flow.state.phase} ${flow.state.percent}`);
      options?.onProgress?.({ loaded: 100, total: 100 });
      phases.push(`${flow.state.phase} ${flow.state.percent}`);
      return {
        id: ID,
        agencyId: AGENCY,
        year: 2024,
        version: 1,
        status: 'draft',
        findings: [],
        warnings: [{ code: 'YEAR_DIFFERS', message: '提示' }],
      };
    });
    const flow = useUploadFlow(api);
    const done = await flow.upload({ agencyId: AGENCY, year: 2024, file: file('年报.docx') });

    expect(done).toBe(true);
    expect(phases).toEqual(['uploading 40', 'parsing 100']);
    expect(flow.state.phase).toBe('review');
    expect(flow.state.warnings).toEqual([{ code: 'YEAR_DIFFERS', message: '提示' }]);
    expect(flow.state.detail?.id).toBe(ID);
    expect(
      flow.state.version?.findings.some((finding) => finding.cells.includes(BROKEN_CELL)),
    ).toBe(true);
  });

  it('does not send a file of the wrong type', async () => {
    const api = fakeApi();
    const flow = useUploadFlow(api);
    expect(await flow.upload({ agencyId: AGENCY, year: 2024, file: file('年报.wps') })).toBe(false);
    expect(api.uploadReport).not.toHaveBeenCalled();
    expect(flow.state.problem?.kind).toBe('unsupported');
    expect(flow.state.phase).toBe('select');
  });

  it('returns to the form with the reason when the API refuses the year', async () => {
    const api = fakeApi();
    api.uploadReport.mockRejectedValue(
      new ApiError(
        422,
        'YEAR_MISMATCH',
        '文件是 2024 年度的报告，与所选年度 2023 不符；请核对年度或文件',
      ),
    );
    const flow = useUploadFlow(api);
    expect(await flow.upload({ agencyId: AGENCY, year: 2023, file: file('年报.docx') })).toBe(
      false,
    );
    expect(flow.state.phase).toBe('select');
    expect(flow.state.problem).toEqual({
      kind: 'yearMismatch',
      code: 'YEAR_MISMATCH',
      message: '文件是 2024 年度的报告，与所选年度 2023 不符；请核对年度或文件',
    });
    expect(api.getReport).not.toHaveBeenCalled();
  });

  it('finds the stored report a duplicate belongs to', async () => {
    const api = fakeApi();
    api.uploadReport.mockRejectedValue(new ApiError(409, 'REPORT_DUPLICATE', '同一文件已上传过'));
    const flow = useUploadFlow(api);
    await flow.upload({ agencyId: AGENCY, year: 2024, text: '全文' });
    expect(flow.state.problem).toMatchObject({ kind: 'duplicate', existingReportId: ID });
    expect(api.listReports).toHaveBeenCalledWith(
      { agencyId: AGENCY, year: 2024, pageSize: 1 },
      undefined,
      {
        silent: true,
      },
    );
  });

  it('links an accepted report the upload cannot replace, and names a year not yet ended', async () => {
    const api = fakeApi();
    api.uploadReport.mockRejectedValue(new ApiError(409, 'REPORT_LOCKED', '报告已被接收'));
    const flow = useUploadFlow(api);
    await flow.upload({ agencyId: AGENCY, year: 2024, text: '全文' });
    expect(flow.state.problem).toMatchObject({ kind: 'locked', existingReportId: ID });

    api.uploadReport.mockRejectedValue(new ApiError(422, 'YEAR_NOT_ENDED', '2026 年度尚未结束'));
    await flow.upload({ agencyId: AGENCY, year: 2026, text: '全文' });
    expect(flow.state.problem).toMatchObject({
      kind: 'yearNotEnded',
      message: '2026 年度尚未结束',
    });
  });

  it('corrects a cell, reloads the report and submits it', async () => {
    const api = fakeApi();
    const flow = useUploadFlow(api);
    await flow.upload({ agencyId: AGENCY, year: 2024, text: '全文' });
    expect(flow.state.version?.findings.length).toBeGreaterThan(0);

    await flow.correct({ address: BROKEN_CELL, value: 3, reason: '核对原件' });
    expect(api.correctCells).toHaveBeenCalledWith(ID, '核对原件', [
      { address: BROKEN_CELL, value: 3 },
    ]);
    expect(flow.state.version?.findings).toEqual([]);
    expect(flow.state.version?.report.applications.newReceived.naturalPerson).toBe(3);

    expect(await flow.submit()).toBe(true);
    expect(flow.state.phase).toBe('submitted');
    expect(flow.state.detail?.status).toBe('submitted');
  });

  it('stays in review with the reason when submitting fails', async () => {
    const api = fakeApi();
    api.submitReport.mockRejectedValue(
      new ApiError(409, 'INVALID_TRANSITION', '报告当前状态为“已报送”，不能报送'),
    );
    const flow = useUploadFlow(api);
    await flow.upload({ agencyId: AGENCY, year: 2024, text: '全文' });
    expect(await flow.submit()).toBe(false);
    expect(flow.state.phase).toBe('review');
    expect(flow.state.submitError).toBe('报告当前状态为“已报送”，不能报送');
  });

  it('starts over on reset', async () => {
    const flow = useUploadFlow(fakeApi());
    await flow.upload({ agencyId: AGENCY, year: 2024, text: '全文' });
    flow.reset();
    expect(flow.state).toMatchObject({
      phase: 'select',
      detail: null,
      version: null,
      problem: null,
    });
  });
});

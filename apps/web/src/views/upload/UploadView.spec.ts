import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  brokenReport,
  BROKEN_CELL,
  layoutProvenance,
  UNCERTAIN_CELLS,
} from '../../components/report/test-fixtures';
import { demoUser, HEALTHY, signedIn, stubApi } from '../../test/api-stub';
import { mountApp } from '../../test/mount-app';

const AGENCY = 'a0000000-0000-4000-8000-000000000001';
const REPORT = 'b0000000-0000-4000-8000-000000000001';
const uploader = demoUser({
  username: 'ziranziyuan',
  displayName: '填报员',
  role: 'uploader',
  agencyId: AGENCY,
});

const agencyNode = {
  id: AGENCY,
  code: 'QS-D11',
  name: '青山县自然资源局',
  level: 'county',
  kind: 'department',
  parentId: null,
  path: [AGENCY],
  depth: 0,
  activeFromYear: null,
  activeToYear: null,
  children: [],
};

function storedReport() {
  const report = brokenReport();
  return {
    id: REPORT,
    agencyId: AGENCY,
    agencyName: '青山县自然资源局',
    year: 2024,
    status: 'draft',
    version: 1,
    report,
    findings: report.findings,
    warnings: [],
    versions: [],
    deadline: '2025-01-31',
    deadlineSource: 'statutory',
    onTime: null,
    daysLate: null,
    createdAt: '2025-01-10T00:00:00.000Z',
    updatedAt: '2025-01-10T00:00:00.000Z',
  };
}

function routes(upload: { status?: number; body: unknown }) {
  const stored = storedReport();
  return {
    ...signedIn(uploader),
    'GET /api/health': HEALTHY,
    'GET /api/agencies/tree': { body: [agencyNode] },
    'POST /api/reports': upload,
    [`GET /api/reports/${REPORT}`]: { body: stored },
    [`GET /api/reports/${REPORT}/versions/1`]: {
      body: { ...stored, provenance: layoutProvenance(), corrections: [] },
    },
  };
}

// Mounting the whole app with the report tables takes seconds on a busy machine.
describe('UploadView', { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    localStorage.clear();
  });

  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
  });

  async function pasteAndUpload(text: string) {
    await wrapper?.get('input[value="text"]').setValue(true);
    if (text) await wrapper?.get('[data-testid="upload-text"]').setValue(text);
    await wrapper?.get('[data-testid="upload-form"]').trigger('submit');
    await flushPromises();
  }

  it('fixes the uploader’s own agency and asks for the report before sending anything', async () => {
    const { calls } = stubApi(routes({ body: {} }));
    ({ wrapper } = await mountApp('/upload'));
    const agency = wrapper.get<HTMLInputElement>('[data-testid="upload-agency"]');
    expect(agency.element.value).toBe('青山县自然资源局');
    expect(agency.element.disabled).toBe(true);

    await pasteAndUpload('');
    // The failing form item is marked (its message is drawn by Element Plus in a real browser).
    const failing = wrapper
      .findAll('.el-form-item.is-error')
      .map((item) => item.find('.el-form-item__label').text());
    expect(failing).toEqual(['报告来源']);
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('uploads pasted text for the own agency and shows the draft with its failing cell', async () => {
    const stored = storedReport();
    const { calls } = stubApi(
      routes({
        status: 201,
        body: {
          id: REPORT,
          agencyId: AGENCY,
          year: 2024,
          version: 1,
          status: 'draft',
          findings: stored.findings,
          warnings: [],
        },
      }),
    );
    ({ wrapper } = await mountApp('/upload'));
    await pasteAndUpload('青山县自然资源局2024年政府信息公开工作年度报告……');

    const post = calls.find((call) => call.method === 'POST' && call.path === '/api/reports');
    expect(post?.body).toMatchObject({
      agencyId: AGENCY,
      text: '青山县自然资源局2024年政府信息公开工作年度报告……',
    });
    expect(wrapper.get('[data-testid="upload-uploaded"]').text()).toContain('已上传为第 1 版');
    expect(wrapper.get(`td[data-address="${BROKEN_CELL}"]`).classes()).toContain('is-error');
    const rules = wrapper
      .findAll('[data-testid="finding"]')
      .map((item) => item.attributes('data-rule'));
    expect(rules).toEqual(expect.arrayContaining(['T3.BALANCE', 'T3.ROWSUM']));
    expect(wrapper.find('[data-testid="upload-report-submit"]').exists()).toBe(true);
  });

  it('marks the cells read with less than certainty and shows where a clicked cell was read', async () => {
    const stored = storedReport();
    stubApi(
      routes({
        status: 201,
        body: { ...stored, findings: stored.findings, warnings: [] },
      }),
    );
    ({ wrapper } = await mountApp('/upload'));
    await pasteAndUpload('青山县自然资源局2024年政府信息公开工作年度报告……');

    const [uncertain] = UNCERTAIN_CELLS as [string];
    expect(wrapper.get(`td[data-address="${uncertain}"]`).classes()).toContain('is-uncertain');
    expect(wrapper.find('[data-testid="certainty-legend"]').exists()).toBe(true);

    await wrapper.get(`td[data-address="${BROKEN_CELL}"]`).trigger('click');
    await flushPromises();
    const source = document.body.querySelector('[data-testid="cell-dialog-source"]');
    expect(source?.querySelector('[data-testid="cell-dialog-raw"]')?.textContent).toBe('“5”');
    expect(source?.querySelector('[data-testid="cell-dialog-location"]')?.textContent).toBe(
      '第 2 个表格 第 4 行 第 2 列',
    );
  });

  it('explains a refusal in Chinese and keeps the form', async () => {
    stubApi(
      routes({
        status: 422,
        body: {
          statusCode: 422,
          code: 'YEAR_MISMATCH',
          message: '文件是 2024 年度的报告，与所选年度 2025 不符；请核对年度或文件',
        },
      }),
    );
    ({ wrapper } = await mountApp('/upload'));
    await pasteAndUpload('2024年报全文');

    const problem = wrapper.get('[data-testid="upload-problem"]');
    expect(problem.attributes('data-code')).toBe('YEAR_MISMATCH');
    expect(problem.text()).toContain('年度不符');
    expect(problem.text()).toContain('与所选年度 2025 不符');
    expect(problem.text()).toContain('请在“报告年度”中选择文件所写的年度');
    expect(wrapper.find('[data-testid="upload-form"]').exists()).toBe(true);
  });
});

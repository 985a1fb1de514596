import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserDto } from '../../api/auth';
import {
  brokenReport,
  BROKEN_CELL,
  INFERRED_CELLS,
  layoutProvenance,
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
const oversight = demoUser({
  username: 'oversight',
  displayName: '监督员',
  role: 'oversight',
  scopeAgencyIds: [AGENCY],
});

function detail(status: string) {
  const report = brokenReport();
  const version = (number: number) => ({
    version: number,
    status,
    createdAt: '2025-01-10T00:00:00.000Z',
    createdBy: uploader.id,
    createdByName: '填报员',
    fileName: `v${number}.docx`,
    sha256: 'x',
    size: 2048,
    format: 'docx',
    basedOnVersion: null,
    submittedAt: null,
    submittedBy: null,
    onTime: null,
    daysLate: null,
    findingCounts: { errors: report.findings.length, warnings: 0 },
  });
  return {
    id: REPORT,
    agencyId: AGENCY,
    agencyName: '青山县自然资源局',
    year: 2024,
    status,
    version: 2,
    report,
    findings: report.findings,
    warnings: [],
    versions: [version(1), version(2)],
    deadline: '2025-01-31',
    deadlineSource: 'statutory',
    onTime: null,
    daysLate: null,
    reviewComment: null as null | Record<string, unknown>,
    createdAt: '2025-01-10T00:00:00.000Z',
    updatedAt: '2025-01-10T00:00:00.000Z',
  };
}

const event = (fields: Record<string, unknown>) => ({
  comment: null,
  changes: [],
  actorId: oversight.id,
  actorName: '监督员',
  at: '2025-02-01T00:00:00.000Z',
  ...fields,
});

function routes(
  user: UserDto,
  status: string,
  extra: Record<string, unknown> = {},
  change?: (body: ReturnType<typeof detail>) => void,
) {
  const body = detail(status);
  change?.(body);
  return {
    ...signedIn(user),
    'GET /api/health': HEALTHY,
    [`GET /api/reports/${REPORT}`]: { body },
    [`GET /api/reports/${REPORT}/history`]: {
      body: [
        {
          version: 1,
          action: 'upload',
          comment: null,
          changes: [],
          actorId: user.id,
          actorName: '填报员',
          at: '2025-01-10T00:00:00.000Z',
        },
      ],
    },
    [`GET /api/reports/${REPORT}/versions/1`]: {
      body: { ...body.versions[0], ...body, provenance: {}, corrections: [] },
    },
    [`GET /api/reports/${REPORT}/versions/2`]: {
      body: { ...body.versions[1], ...body, provenance: layoutProvenance(), corrections: [] },
    },
    [`GET /api/reports/${REPORT}/diff`]: {
      body: { from: 1, to: 2, differences: [{ address: BROKEN_CELL, from: 3, to: 5 }] },
    },
    ...extra,
  };
}

const buttons = (wrapper: VueWrapper) =>
  ['action-submit', 'action-accept', 'action-return', 'action-reopen'].filter((id) =>
    wrapper.find(`[data-testid="${id}"]`).exists(),
  );

async function confirmBox() {
  await flushPromises();
  const ok = [...document.body.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find(
    (button) => button.textContent?.trim() === '确定',
  );
  if (!ok) throw new Error('no confirmation box');
  ok.click();
  await flushPromises();
}

async function typeInBox(text: string) {
  await flushPromises();
  const input = document.body.querySelector<HTMLTextAreaElement>('.el-message-box textarea');
  if (!input) throw new Error('no text box');
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
}

const posts = (calls: { method: string; path: string; body: unknown }[]) =>
  calls.filter((call) => call.method === 'POST').map((call) => [call.path, call.body]);

describe('ReportDetailView', { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    localStorage.clear();
  });

  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
  });

  it('shows the report with its findings on the tables and offers the uploader to submit a draft', async () => {
    stubApi(routes(uploader, 'draft'));
    ({ wrapper } = await mountApp(`/reports/${REPORT}`));
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('青山县自然资源局 2024 年度报告');
    expect(wrapper.get('[data-testid="report-status"]').text()).toBe('草稿');
    expect(wrapper.get(`td[data-address="${BROKEN_CELL}"]`).classes()).toContain('is-error');
    expect(buttons(wrapper)).toEqual(['action-submit']);
  });

  it('marks the cells the parser inferred and shows how a clicked one was read', async () => {
    stubApi(routes(oversight, 'submitted'));
    ({ wrapper } = await mountApp(`/reports/${REPORT}`));
    const [inferred] = INFERRED_CELLS as [string];
    const cell = wrapper.get(`td[data-address="${inferred}"]`);
    expect(cell.classes()).toContain('is-inferred');
    expect(cell.attributes('title')).toBe('推断：由表内勾稽关系确定');
    await cell.trigger('click');
    await flushPromises();
    const source = document.body.querySelector('[data-testid="cell-dialog-source"]');
    expect(source?.querySelector('[data-testid="cell-dialog-method"]')?.textContent).toContain(
      '按行序对应',
    );
    expect(source?.querySelector('[data-testid="cell-dialog-certainty"]')?.textContent).toContain(
      '推断',
    );
  });

  it('lets oversight accept a submitted report after confirming', async () => {
    const { calls } = stubApi(
      routes(oversight, 'submitted', {
        [`POST /api/reports/${REPORT}/accept`]: { body: { id: REPORT, status: 'accepted' } },
      }),
    );
    ({ wrapper } = await mountApp(`/reports/${REPORT}`));
    expect(buttons(wrapper)).toEqual(['action-accept', 'action-return']);

    await wrapper.get('[data-testid="action-accept"]').trigger('click');
    expect(document.body.textContent).toContain('接收后报告将锁定');
    // The fixture's current version has open errors: the reviewer is told how many.
    const errors = detail('submitted').findings.filter((f) => f.severity === 'error').length;
    expect(errors).toBeGreaterThan(0);
    expect(document.body.textContent).toContain(
      `本报告仍有 ${errors} 项错误未解决。确定仍要接收吗？`,
    );
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    await confirmBox();
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual([
      `/api/reports/${REPORT}/accept`,
    ]);
  });

  it('shows a refused step in Chinese', async () => {
    stubApi(
      routes(oversight, 'submitted', {
        [`POST /api/reports/${REPORT}/accept`]: {
          status: 409,
          body: {
            statusCode: 409,
            code: 'INVALID_TRANSITION',
            message: '报告当前状态为“已接收”，不能接收',
          },
        },
      }),
    );
    ({ wrapper } = await mountApp(`/reports/${REPORT}`));
    await wrapper.get('[data-testid="action-accept"]').trigger('click');
    await confirmBox();
    expect(document.body.textContent).toContain('接收失败：报告当前状态为“已接收”，不能接收');
  });

  it('compares two versions and marks the changed cells in the tables', async () => {
    const { calls } = stubApi(routes(oversight, 'submitted'));
    ({ wrapper } = await mountApp(`/reports/${REPORT}`));
    await wrapper.get('[data-testid="diff-compare"]').trigger('click');
    await flushPromises();
    expect(calls.find((call) => call.path.endsWith('/diff'))?.url.search).toBe('?from=1&to=2');
    expect(wrapper.get('[data-testid="diff-summary"]').text()).toContain('有 1 个单元格不同');
    expect(wrapper.get('[data-testid="diff-table"]').text()).toContain('表三 新收 · 自然人');
    await wrapper.get('[data-testid="diff-show"]').trigger('click');
    await flushPromises();
    expect(wrapper.get(`td[data-address="${BROKEN_CELL}"]`).classes()).toContain('is-changed');
  });

  it('asks to accept without an error warning when the report has no open errors', async () => {
    const { calls } = stubApi(
      routes(
        oversight,
        'submitted',
        { [`POST /api/reports/${REPORT}/accept`]: { body: { id: REPORT, status: 'accepted' } } },
        (body) => {
          body.findings = body.findings.filter((finding) => finding.severity !== 'error');
        },
      ),
    );
    ({ wrapper } = await mountApp(`/reports/${REPORT}`));
    await wrapper.get('[data-testid="action-accept"]').trigger('click');
    await flushPromises();
    expect(document.body.textContent).toContain('接收后报告将锁定');
    expect(document.body.textContent).not.toContain('项错误未解决');
    await confirmBox();
    expect(posts(calls)).toEqual([[`/api/reports/${REPORT}/accept`, undefined]]);
  });

  it('lets oversight reopen an accepted report, asking for the reason', async () => {
    const { calls } = stubApi(
      routes(oversight, 'accepted', {
        [`POST /api/reports/${REPORT}/reopen`]: { body: { id: REPORT, status: 'returned' } },
      }),
    );
    ({ wrapper } = await mountApp(`/reports/${REPORT}`));
    expect(buttons(wrapper)).toEqual(['action-reopen']);
    expect(wrapper.get('[data-testid="action-reopen"]').text()).toBe('重新打开');

    await wrapper.get('[data-testid="action-reopen"]').trigger('click');
    await flushPromises();
    expect(document.body.textContent).toContain('请填写重新打开的原因');
    await confirmBox();
    // An empty reason is refused in the dialog; nothing is sent.
    expect(document.body.querySelector('.el-message-box__errormsg')?.textContent).toContain(
      '请填写重新打开的原因',
    );
    expect(posts(calls)).toEqual([]);

    await typeInBox('  单位来函：表三填报有误  ');
    await confirmBox();
    expect(posts(calls)).toEqual([
      [`/api/reports/${REPORT}/reopen`, { reason: '单位来函：表三填报有误' }],
    ]);
  });

  it('offers no reopening to the uploader, nor on a report that is not accepted', async () => {
    stubApi(routes(uploader, 'accepted'));
    ({ wrapper } = await mountApp(`/reports/${REPORT}`));
    expect(buttons(wrapper)).toEqual([]);
    wrapper.unmount();
    document.body.innerHTML = '';
    stubApi(routes(oversight, 'returned'));
    ({ wrapper } = await mountApp(`/reports/${REPORT}`));
    expect(buttons(wrapper)).toEqual([]);
  });

  it('shows the return comment on every version until the report is submitted again', async () => {
    stubApi(
      routes(uploader, 'draft', {}, (body) => {
        body.reviewComment = {
          action: 'return',
          version: 1,
          comment: '请核对表三',
          actorId: oversight.id,
          actorName: '监督员',
          at: '2025-02-01T00:00:00.000Z',
        };
      }),
    );
    ({ wrapper } = await mountApp(`/reports/${REPORT}`));
    const banner = () => wrapper?.find('[data-testid="returned-alert"]');
    expect(banner()?.text()).toContain('报告已被退回：请核对表三');
    expect(banner()?.text()).toContain('监督员');
    wrapper.unmount();
    document.body.innerHTML = '';
    ({ wrapper } = await mountApp(`/reports/${REPORT}?version=1`));
    expect(wrapper.text()).toContain('正在查看第 1 版');
    expect(banner()?.text()).toContain('报告已被退回：请核对表三');
  });

  it('says a reopened report was reopened, and shows no banner once it is submitted again', async () => {
    stubApi(
      routes(uploader, 'returned', {}, (body) => {
        body.reviewComment = {
          action: 'reopen',
          version: 2,
          comment: '单位来函更正',
          actorId: oversight.id,
          actorName: '监督员',
          at: '2025-02-01T00:00:00.000Z',
        };
      }),
    );
    ({ wrapper } = await mountApp(`/reports/${REPORT}`));
    expect(wrapper.get('[data-testid="returned-alert"]').text()).toContain(
      '报告已被重新打开：单位来函更正',
    );
    wrapper.unmount();
    document.body.innerHTML = '';
    stubApi(routes(uploader, 'submitted'));
    ({ wrapper } = await mountApp(`/reports/${REPORT}`));
    expect(wrapper.find('[data-testid="returned-alert"]').exists()).toBe(false);
  });

  it('shows in the history what a correction changed and why a report was reopened', async () => {
    stubApi(
      routes(oversight, 'returned', {
        [`GET /api/reports/${REPORT}/history`]: {
          body: [
            event({ version: 1, action: 'accept' }),
            event({ version: 1, action: 'reopen', comment: '单位来函更正' }),
            event({
              version: 2,
              action: 'correct',
              comment: '与原件核对',
              actorName: '填报员',
              changes: [{ address: BROKEN_CELL, from: 5, to: 6 }],
            }),
          ],
        },
      }),
    );
    ({ wrapper } = await mountApp(`/reports/${REPORT}`));
    const history = wrapper.get('[data-testid="report-history"]');
    const entries = history.findAll('.el-timeline-item').map((item) => item.text());
    expect(entries[1]).toContain('监督员 重新打开了第 1 版');
    expect(entries[1]).toContain('原因：单位来函更正');
    expect(entries[2]).toContain('填报员 更正了第 2 版');
    expect(entries[2]).toContain('更正 表三 新收 · 自然人 5 → 6');
    expect(entries[2]).toContain('原因：与原件核对');
  });

  it(
    'opens on the copied parts with ?tab=copies and shows both passages marked',
    { timeout: 120_000 },
    async () => {
      const other = 'b0000000-0000-4000-8000-000000000002';
      const copied = {
        rule: 'N.COPIED',
        severity: 'warning',
        cells: [],
        message: '第一部分“总体情况”与甲局2024年报告的同一部分雷同',
        copiedFrom: {
          reportId: other,
          agencyId: 'a0000000-0000-4000-8000-000000000002',
          agencyName: '甲局',
          year: 2024,
          version: 1,
          part: 'overview',
          similarity: 0.9,
          sharedSentences: ['制发《桥南社会公益事业实施方案》并同步发布图文解读'],
        },
      };
      const passage = (reportId: string, linkable: boolean) => ({
        reportId,
        agencyId: AGENCY,
        agencyName: '甲局',
        year: 2024,
        version: 1,
        linkable,
        spans: [
          { text: '现将本年度政府信息公开工作情况报告如下。', kind: 'boilerplate' },
          { text: '制发《桥南社会公益事业实施方案》并同步发布图文解读。', kind: 'shared' },
        ],
      });
      const { calls } = stubApi(
        routes(
          oversight,
          'submitted',
          {
            [`GET /api/reports/${REPORT}/copies`]: {
              body: [
                {
                  part: 'overview',
                  similarity: 0.9,
                  report: passage(REPORT, true),
                  other: passage(other, true),
                },
              ],
            },
          },
          (body) => {
            body.findings = [...body.findings, copied] as typeof body.findings;
          },
        ),
      );
      ({ wrapper } = await mountApp(`/reports/${REPORT}?tab=copies`));
      await flushPromises();
      expect(calls.some((call) => call.path === `/api/reports/${REPORT}/copies`)).toBe(true);
      const comparison = wrapper.get('[data-testid="copy-comparison"]');
      expect(comparison.findAll('[data-testid="copy-shared"]')).toHaveLength(2);
      expect(comparison.get('[data-testid="copy-other-link"]').attributes('href')).toBe(
        `/reports/${other}`,
      );
    },
  );

  it('offers no copied-parts tab, and asks for none, when the report has no N.COPIED finding', async () => {
    const { calls } = stubApi(routes(oversight, 'submitted'));
    ({ wrapper } = await mountApp(`/reports/${REPORT}?tab=copies`));
    await flushPromises();
    expect(wrapper.text()).not.toContain('内容雷同对照');
    expect(wrapper.find(`td[data-address="${BROKEN_CELL}"]`).exists()).toBe(true);
    expect(calls.some((call) => call.path.endsWith('/copies'))).toBe(false);
  });
});

import type { CopiedReportPage, ReportCopyComparison } from '@atlas/api-contract';
import { flushPromises, mount, RouterLinkStub, type VueWrapper } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../locales';
import { stubApi } from '../../test/api-stub';
import CopiedReportsCard from './CopiedReportsCard.vue';
import CopyComparison from './CopyComparison.vue';
import ReportCopies from './ReportCopies.vue';
import { unmountAfterEach } from './test-fixtures';

const REPORT = 'b0000000-0000-4000-8000-000000000001';
const OTHER = 'b0000000-0000-4000-8000-000000000002';
const REGION = 'a0000000-0000-4000-8000-000000000001';

function comparison(linkable: boolean): ReportCopyComparison {
  return {
    part: 'overview',
    similarity: 0.93,
    report: {
      reportId: REPORT,
      agencyId: 'a0000000-0000-4000-8000-000000000003',
      agencyName: '乙局',
      year: 2024,
      version: 2,
      linkable: true,
      spans: [
        { text: '现将本年度政府信息公开工作情况报告如下。', kind: 'boilerplate' },
        { text: '制发《桥南社会公益事业实施方案》并同步发布图文解读。', kind: 'shared' },
        { text: '乙局自己的一句话。', kind: 'text' },
      ],
    },
    other: {
      reportId: OTHER,
      agencyId: 'a0000000-0000-4000-8000-000000000002',
      agencyName: '甲局',
      year: 2024,
      version: 1,
      linkable,
      spans: [{ text: '制发《桥南社会公益事业实施方案》并同步发布图文解读。', kind: 'shared' }],
    },
  };
}

const global = { plugins: [i18n, ElementPlus], stubs: { RouterLink: RouterLinkStub } };

describe('CopyComparison', () => {
  const keep = unmountAfterEach();

  it('shows both parts as written, the shared sentences marked and boilerplate apart', () => {
    const view = keep(mount(CopyComparison, { props: { comparison: comparison(true) }, global }));
    expect(view.get('h4').text()).toBe(
      '第一部分“总体情况”：与甲局2024年报告的同一部分雷同，相同比例 93%',
    );
    const own = view.get('[data-testid="copy-passage-report"]');
    expect(own.text()).toContain('本报告（第 2 版）');
    expect(own.get('.copy-passage__text').text()).toBe(
      '现将本年度政府信息公开工作情况报告如下。制发《桥南社会公益事业实施方案》并同步发布图文解读。乙局自己的一句话。',
    );
    expect(own.findAll('[data-testid="copy-shared"]').map((mark) => mark.text())).toEqual([
      '制发《桥南社会公益事业实施方案》并同步发布图文解读。',
    ]);
    expect(own.get('[data-testid="copy-boilerplate"]').text()).toBe(
      '现将本年度政府信息公开工作情况报告如下。',
    );
    const other = view.get('[data-testid="copy-passage-other"]');
    expect(other.text()).toContain('甲局2024年报告（第 1 版）');
    expect(other.findAll('mark')).toHaveLength(1);
    expect(view.getComponent(RouterLinkStub).props('to')).toBe(`/reports/${OTHER}`);
  });

  it('says so instead of linking a report the user may not open', () => {
    const view = keep(mount(CopyComparison, { props: { comparison: comparison(false) }, global }));
    expect(view.findComponent(RouterLinkStub).exists()).toBe(false);
    expect(view.get('[data-testid="copy-other-hidden"]').text()).toContain('无权查看该报告');
    expect(view.get('[data-testid="copy-passage-other"]').find('mark').text()).toContain('桥南');
  });
});

describe('ReportCopies', () => {
  const keep = unmountAfterEach();

  it('loads the report’s comparisons from the API', async () => {
    const { calls } = stubApi({
      [`GET /api/reports/${REPORT}/copies`]: { body: [comparison(true)] },
    });
    const view = keep(mount(ReportCopies, { props: { reportId: REPORT }, global }));
    await flushPromises();
    expect(calls.map((call) => call.path)).toEqual([`/api/reports/${REPORT}/copies`]);
    expect(view.findAll('[data-testid="copy-comparison"]')).toHaveLength(1);
  });

  it('shows the API’s reason when it fails', async () => {
    stubApi({
      [`GET /api/reports/${REPORT}/copies`]: {
        status: 404,
        body: { statusCode: 404, code: 'REPORT_NOT_FOUND', message: '报告不存在或无权查看' },
      },
    });
    const view = keep(mount(ReportCopies, { props: { reportId: REPORT }, global }));
    await flushPromises();
    expect(view.text()).toContain('对照加载失败：报告不存在或无权查看');
  });
});

describe('CopiedReportsCard', () => {
  const keep = unmountAfterEach();
  const page: CopiedReportPage = {
    year: 2024,
    total: 1,
    page: 1,
    pageSize: 20,
    items: [
      {
        reportId: REPORT,
        agencyId: 'a0000000-0000-4000-8000-000000000003',
        agencyName: '乙局',
        year: 2024,
        status: 'submitted',
        part: 'problems',
        similarity: 0.876,
        sharedSentences: 4,
        other: {
          reportId: OTHER,
          agencyId: 'a0000000-0000-4000-8000-000000000002',
          agencyName: '甲局',
          year: 2023,
          visible: false,
        },
      },
    ],
  };

  it('lists the region’s copies of the year, each opening the side-by-side view', async () => {
    const { calls } = stubApi({ 'GET /api/reports/copies': { body: page } });
    const view = keep(mount(CopiedReportsCard, { props: { scope: REGION, year: 2024 }, global }));
    await flushPromises();
    expect(calls[0]?.url.searchParams.get('year')).toBe('2024');
    expect(calls[0]?.url.searchParams.get('scope')).toBe(REGION);
    const row = view.get('.el-table__body tr');
    expect(row.text()).toContain('乙局');
    expect(row.text()).toContain('第五部分“存在的主要问题及改进情况”');
    expect(row.text()).toContain('甲局2023年');
    expect(row.text()).toContain('88%');
    expect(row.text()).toContain('4');
    // The other report is not the user's to open: its name is text, not a link.
    const links = row
      .findAllComponents(RouterLinkStub)
      .map((link: VueWrapper) => (link.props() as { to: unknown }).to);
    expect(links).toEqual([
      `/reports/${REPORT}`,
      { path: `/reports/${REPORT}`, query: { tab: 'copies' } },
    ]);
  });

  it('asks nothing until the page has chosen a year', async () => {
    const { calls } = stubApi({ 'GET /api/reports/copies': { body: page } });
    keep(mount(CopiedReportsCard, { props: { scope: null, year: null }, global }));
    await flushPromises();
    expect(calls).toEqual([]);
  });
});

import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../locales';
import ReportTables from './ReportTables.vue';
import { brokenReport, BROKEN_CELL, consistentReport } from './test-fixtures';

function mountTables(props: InstanceType<typeof ReportTables>['$props']) {
  return mount(ReportTables, { props, global: { plugins: [i18n] }, attachTo: document.body });
}

// Tables 2–4 are some 300 cells; mounting them takes seconds on a busy machine.
describe('ReportTables', { timeout: 30_000 }, () => {
  let wrapper: ReturnType<typeof mountTables> | undefined;

  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
  });

  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
  });

  it('draws tables 2, 3 and 4 with the merged headers of the national template', () => {
    wrapper = mountTables({ report: consistentReport() });
    const titles = wrapper.findAll('.report-table-block__title').map((title) => title.text());
    expect(titles).toEqual([
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
    ]);

    const table3 = wrapper.get('[data-testid="report-table-applications"]');
    const header = (text: string) => table3.findAll('th').find((th) => th.text() === text);
    expect(header('申请人情况')?.attributes('colspan')).toBe('7');
    expect(header('法人或其他组织')?.attributes('colspan')).toBe('5');
    expect(header('自然人')?.attributes('rowspan')).toBe('2');
    const note = table3.findAll('th').find((th) => th.text().includes('本列数据的勾稽关系'));
    expect(note?.attributes()).toMatchObject({ colspan: '3', rowspan: '3' });
    expect(header('三、本年度办理结果')?.attributes('rowspan')).toBe('22');
    expect(header('（三）不予公开')?.attributes('rowspan')).toBe('8');
    expect(table3.findAll('tbody tr')).toHaveLength(25);
    expect(table3.findAll('td.report-cell')).toHaveLength(25 * 7);

    const table4 = wrapper.get('[data-testid="report-table-reviewLitigation"]');
    expect(
      table4
        .findAll('th')
        .find((th) => th.text() === '行政诉讼')
        ?.attributes('colspan'),
    ).toBe('10');
  });

  it('shows each value in its cell', () => {
    wrapper = mountTables({ report: consistentReport() });
    expect(wrapper.get(`td[data-address="${BROKEN_CELL}"]`).text()).toBe('3');
    expect(wrapper.get('td[data-address="proactive.fees.amountWanYuan"]').text()).toBe('1.25');
    expect(wrapper.findAll('td.is-error, td.is-warning')).toHaveLength(0);
  });

  it('highlights exactly the cells the findings name', () => {
    const report = brokenReport();
    wrapper = mountTables({ report, findings: report.findings });
    const named = new Set(report.findings.flatMap((finding) => finding.cells));
    const highlighted = wrapper
      .findAll('td.is-error')
      .map((cell) => cell.attributes('data-address'));
    expect(new Set(highlighted)).toEqual(named);
    expect(highlighted).toContain(BROKEN_CELL);
    expect(wrapper.get(`td[data-address="${BROKEN_CELL}"]`).text()).toBe('5');
  });

  it('explains the rule and the numbers when the pointer rests on a highlighted cell', async () => {
    const report = brokenReport();
    wrapper = mountTables({ report, findings: report.findings });
    await wrapper.get(`td[data-address="${BROKEN_CELL}"]`).trigger('mouseenter');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await flushPromises();
    const explanation = document.body.querySelector('[data-testid="cell-explanation"]');
    expect(explanation?.textContent).toContain('表三 新收 · 自然人');
    expect(explanation?.textContent).toContain('表三收支平衡');
    expect(explanation?.textContent).toContain('表三行合计');
    const balance = report.findings.find((finding) => finding.rule === 'T3.BALANCE');
    expect(explanation?.textContent).toContain(balance?.message);
  });

  it('marks changed, corrected and selected cells and emits the address of a clicked cell', async () => {
    wrapper = mountTables({
      report: consistentReport(),
      changedCells: ['reviewLitigation.review.total'],
      correctedCells: [BROKEN_CELL],
      selectedCell: 'proactive.licensing.decisions',
    });
    expect(wrapper.get('td[data-address="reviewLitigation.review.total"]').classes()).toContain(
      'is-changed',
    );
    expect(wrapper.get(`td[data-address="${BROKEN_CELL}"]`).classes()).toContain('is-corrected');
    expect(wrapper.get('td[data-address="proactive.licensing.decisions"]').classes()).toContain(
      'is-selected',
    );
    await wrapper.get('td[data-address="applications.granted.total"]').trigger('click');
    expect(wrapper.emitted('select')).toEqual([['applications.granted.total']]);
  });
});

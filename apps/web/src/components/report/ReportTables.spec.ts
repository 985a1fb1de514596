import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../locales';
import ReportTables from './ReportTables.vue';
import {
  brokenReport,
  BROKEN_CELL,
  consistentReport,
  INFERRED_CELLS,
  layoutFinding,
  layoutProvenance,
  UNCERTAIN_CELLS,
} from './test-fixtures';

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

  it('marks the cells placed by inference and those the layout left uncertain, distinctly', () => {
    const tables = mountTables({ report: consistentReport(), provenance: layoutProvenance() });
    wrapper = tables;
    const cell = (address: string) => tables.get(`td[data-address="${address}"]`);

    for (const address of INFERRED_CELLS) {
      expect(cell(address).classes()).toContain('is-inferred');
      expect(cell(address).classes()).not.toContain('is-uncertain');
      expect(cell(address).attributes('data-certainty')).toBe('inferred');
      expect(cell(address).attributes('title')).toBe('推断：由表内勾稽关系确定');
    }
    for (const address of UNCERTAIN_CELLS) {
      expect(cell(address).classes()).toContain('is-uncertain');
      expect(cell(address).classes()).not.toContain('is-inferred');
      expect(cell(address).attributes('title')).toBe('不确定：版式无法确定，请核对原文');
      expect(cell(address).attributes('aria-label')).toContain('不确定');
    }
    // Read as the layout has it: no mark, no title.
    expect(cell(BROKEN_CELL).classes()).not.toContain('is-inferred');
    expect(cell(BROKEN_CELL).classes()).not.toContain('is-uncertain');
    expect(cell(BROKEN_CELL).attributes('title')).toBeUndefined();
    expect(cell(BROKEN_CELL).attributes('data-certainty')).toBeUndefined();
    expect(tables.findAll('td.is-inferred')).toHaveLength(INFERRED_CELLS.length);
    expect(tables.findAll('td.is-uncertain')).toHaveLength(UNCERTAIN_CELLS.length);
  });

  it('keeps the mark beside the other states of a cell', () => {
    const [uncertain] = UNCERTAIN_CELLS as [string];
    wrapper = mountTables({
      report: consistentReport(),
      provenance: layoutProvenance(),
      findings: [layoutFinding()],
      changedCells: [uncertain],
      focusedCells: [uncertain],
      selectedCell: uncertain,
    });
    expect(wrapper.get(`td[data-address="${uncertain}"]`).classes()).toEqual(
      expect.arrayContaining([
        'is-warning',
        'is-changed',
        'is-focused',
        'is-selected',
        'is-uncertain',
      ]),
    );
    // The finding's popover explains the cell: no native title on top of it.
    expect(wrapper.get(`td[data-address="${uncertain}"]`).attributes('title')).toBeUndefined();
  });

  it('says how sure the placement is in the popover of a cell with findings', async () => {
    const [uncertain] = UNCERTAIN_CELLS as [string];
    wrapper = mountTables({
      report: consistentReport(),
      provenance: layoutProvenance(),
      findings: [layoutFinding()],
    });
    await wrapper.get(`td[data-address="${uncertain}"]`).trigger('mouseenter');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await flushPromises();
    const explanation = document.body.querySelector('[data-testid="cell-explanation"]');
    expect(explanation?.textContent).toContain('不确定：版式无法确定，请核对原文');
    expect(explanation?.textContent).toContain('版式无法确定');
    expect(explanation?.textContent).toContain(layoutFinding().message);
  });

  it('explains the marks under the tables only when some cell carries one', () => {
    wrapper = mountTables({ report: consistentReport() });
    expect(wrapper.find('[data-testid="certainty-legend"]').exists()).toBe(false);
    wrapper.unmount();

    // Every cell read as the layout has it; a narrative number the tables do not draw is inferred.
    wrapper = mountTables({
      report: consistentReport(),
      provenance: {
        [BROKEN_CELL]: { source: { table: 2, row: 4, column: 2 }, raw: '3' },
        'narrative.metrics.applicationsReceived': {
          source: { line: 3 },
          raw: '4',
          certainty: 'inferred',
        },
      },
    });
    expect(wrapper.find('[data-testid="certainty-legend"]').exists()).toBe(false);
    wrapper.unmount();

    const provenance = layoutProvenance();
    for (const address of UNCERTAIN_CELLS) delete provenance[address];
    wrapper = mountTables({ report: consistentReport(), provenance });
    let legend = wrapper.get('[data-testid="certainty-legend"]');
    expect(
      legend.findAll('[data-certainty]').map((item) => item.attributes('data-certainty')),
    ).toEqual(['inferred']);
    expect(legend.text()).toContain(`推断（${INFERRED_CELLS.length} 格）`);
    wrapper.unmount();

    wrapper = mountTables({ report: consistentReport(), provenance: layoutProvenance() });
    legend = wrapper.get('[data-testid="certainty-legend"]');
    expect(
      legend.findAll('[data-certainty]').map((item) => item.attributes('data-certainty')),
    ).toEqual(['inferred', 'uncertain']);
    expect(legend.text()).toContain(
      `不确定（${UNCERTAIN_CELLS.length} 格）：版式无法确定，请核对原文`,
    );
  });

  it('says it in English too', () => {
    i18n.global.locale.value = 'en';
    wrapper = mountTables({ report: consistentReport(), provenance: layoutProvenance() });
    const [inferred] = INFERRED_CELLS as [string];
    expect(wrapper.get(`td[data-address="${inferred}"]`).attributes('title')).toBe(
      "Inferred: settled by the table's own sums",
    );
    expect(wrapper.get('[data-testid="certainty-legend"]').text()).toContain(
      `Uncertain (${UNCERTAIN_CELLS.length})`,
    );
  });
});

import { createFinding } from '@atlas/report-model';
import { mount, RouterLinkStub } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../locales';
import FindingsPanel from './FindingsPanel.vue';
import { brokenReport, layoutFinding, UNCERTAIN_CELLS, unmountAfterEach } from './test-fixtures';

describe('FindingsPanel', () => {
  const keep = unmountAfterEach();

  function mountPanel(findings = [layoutFinding(), ...brokenReport().findings]) {
    return keep(mount(FindingsPanel, { props: { findings }, global: { plugins: [i18n] } }));
  }

  it('lists an F.LAYOUT finding like the others: the rule’s name, a warning, the message', () => {
    const panel = mountPanel();
    const layout = panel.get('[data-rule="F.LAYOUT"]');
    expect(layout.text()).toContain('版式无法确定');
    expect(layout.text()).toContain('提示');
    expect(layout.text()).toContain(layoutFinding().message);
    expect(layout.classes()).toContain('finding--warning');
    // Errors first.
    expect(panel.findAll('[data-testid="finding"]').at(-1)?.attributes('data-rule')).toBe(
      'F.LAYOUT',
    );
    expect(panel.get('[data-testid="findings-warnings"]').text()).toBe('1 项提示');
  });

  it('shows the sentences a copied part shares with the other report, and links the rule', () => {
    const copied = createFinding(
      'N.COPIED',
      [],
      '第一部分“总体情况”与甲局2023年报告的同一部分雷同',
      {
        copiedFrom: {
          reportId: 'b0000000-0000-4000-8000-000000000009',
          agencyId: 'a0000000-0000-4000-8000-000000000009',
          agencyName: '甲局',
          year: 2023,
          part: 'overview',
          similarity: 0.93,
          sharedSentences: ['制发《桥南社会公益事业实施方案》并同步发布图文解读'],
        },
      },
    );
    const panel = keep(
      mount(FindingsPanel, {
        props: { findings: [copied] },
        global: { plugins: [i18n], stubs: { RouterLink: RouterLinkStub } },
      }),
    );
    const shown = panel.get('[data-testid="finding-copied"]');
    expect(shown.text()).toContain('与甲局2023年报告相同的句子');
    expect(shown.get('mark').text()).toBe('制发《桥南社会公益事业实施方案》并同步发布图文解读');
    expect(panel.getComponent(RouterLinkStub).props('to')).toEqual({
      name: 'rules',
      hash: '#N.COPIED',
    });
  });

  it('names the parts of the text a finding points at, and who below a government filed', () => {
    const parts = createFinding('S.PARTS', [], '缺少第五部分，第三、四部分次序颠倒', {
      parts: ['problems', 'applications'],
    });
    const coverage = createFinding(
      'H.COVERAGE',
      [],
      '所属 3 个部门中，1 个已报送本年度报告，2 个未报送',
      {
        coverage: {
          reported: [{ agencyId: 'a1', name: '青山县教育局' }],
          missing: [
            { agencyId: 'a2', name: '青山县财政局' },
            { agencyId: 'a3', name: '青山县民政局' },
          ],
        },
      },
    );
    const panel = keep(
      mount(FindingsPanel, {
        props: { findings: [parts, coverage] },
        global: { plugins: [i18n], stubs: { RouterLink: RouterLinkStub } },
      }),
    );
    expect(
      panel.findAll('[data-testid="finding-parts"] .finding__cell-text').map((n) => n.text()),
    ).toEqual(['五、存在的主要问题及改进情况', '三、收到和处理政府信息公开申请情况']);
    expect(panel.get('[data-testid="finding-coverage-missing"]').text()).toContain('未报送（2）');
    expect(
      panel
        .findAll('[data-testid="finding-coverage-missing"] .finding__cell-text')
        .map((n) => n.text()),
    ).toEqual(['青山县财政局', '青山县民政局']);
    expect(panel.get('[data-testid="finding-coverage-reported"]').text()).toContain('青山县教育局');
  });

  it('emits the finding when picked, to outline all its cells', async () => {
    const panel = mountPanel();
    await panel.get('[data-rule="F.LAYOUT"] .finding__main').trigger('click');
    expect(panel.emitted('focus')).toEqual([[layoutFinding()]]);
  });

  it('cuts a long list of cells to the first few until asked for all', async () => {
    const panel = mountPanel();
    const layout = panel.get('[data-rule="F.LAYOUT"]');
    expect(layout.findAll('[data-testid="finding-cell"]')).toHaveLength(8);
    const toggle = layout.get('[data-testid="finding-cells-toggle"]');
    expect(toggle.text()).toBe(`展开其余 ${UNCERTAIN_CELLS.length - 8} 个单元格`);
    await toggle.trigger('click');
    expect(layout.findAll('[data-testid="finding-cell"]')).toHaveLength(UNCERTAIN_CELLS.length);
    expect(layout.get('[data-testid="finding-cells-toggle"]').text()).toBe('收起');

    await layout.findAll('[data-testid="finding-cell"]').at(-1)?.trigger('click');
    expect(panel.emitted('select-cell')).toEqual([[UNCERTAIN_CELLS.at(-1)]]);
    // A short list has no toggle.
    const balance = panel.get('[data-rule="T3.BALANCE"]');
    expect(balance.find('[data-testid="finding-cells-toggle"]').exists()).toBe(false);
  });

  it('names the rule in English too', () => {
    i18n.global.locale.value = 'en';
    expect(mountPanel([layoutFinding()]).text()).toContain('Layout not settled');
  });
});

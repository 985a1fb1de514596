import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../locales';
import CellDialog from './CellDialog.vue';
import { brokenReport, BROKEN_CELL } from './test-fixtures';

function body(): string {
  return document.body.textContent ?? '';
}

function input(selector: string): HTMLInputElement | HTMLTextAreaElement {
  const element = document.body.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
  if (!element) throw new Error(`no ${selector}`);
  return element;
}

async function type(selector: string, value: string) {
  const element = input(selector);
  element.value = value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
  element.dispatchEvent(new Event('change', { bubbles: true }));
  await flushPromises();
}

function button(testId: string): HTMLButtonElement {
  const element = document.body.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`no ${testId}`);
  return element;
}

describe('CellDialog', { timeout: 30_000 }, () => {
  let wrapper: ReturnType<typeof mount> | undefined;

  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
  });

  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
  });

  function open(props: Record<string, unknown>) {
    const report = brokenReport();
    wrapper = mount(CellDialog, {
      props: {
        modelValue: true,
        address: BROKEN_CELL,
        report,
        findings: report.findings,
        provenance: { [BROKEN_CELL]: { source: { table: 2, row: 4, column: 2 }, raw: '5' } },
        ...props,
      },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    return report;
  }

  it('explains the findings on the cell, with its value and where it was read', async () => {
    const report = open({});
    await flushPromises();
    expect(body()).toContain('表三 新收 · 自然人');
    expect(input('[data-testid="cell-dialog-value"]').textContent).toBe('5');
    expect(body()).toContain('表格 2 第 4 行 第 2 列');
    for (const finding of report.findings.filter((item) => item.cells.includes(BROKEN_CELL))) {
      expect(body()).toContain(finding.message);
    }
    expect(body()).toContain('表三收支平衡');
    // Read-only: no correction form.
    expect(document.body.querySelector('[data-testid="correction-save"]')).toBeNull();
  });

  it('requires a reason, previews the checks and saves the correction', async () => {
    const save = vi.fn().mockResolvedValue(undefined);
    open({ editable: true, save });
    await flushPromises();

    await type('[data-testid="correction-value"] input', '3');
    button('correction-save').click();
    await flushPromises();
    expect(save).not.toHaveBeenCalled();
    // The reason's form item is marked as failing (the browser test reads its message).
    const failing = [...document.body.querySelectorAll('.el-form-item.is-error')].map(
      (item) => item.querySelector('.el-form-item__label')?.textContent,
    );
    expect(failing).toEqual(['更正原因']);
    expect(input('[data-testid="correction-preview"]').textContent).toContain(
      '涉及此单元格的检查将全部通过',
    );

    await type('textarea', '与原件核对');
    button('correction-save').click();
    await flushPromises();
    expect(save).toHaveBeenCalledWith({ address: BROKEN_CELL, value: 3, reason: '与原件核对' });
    expect(wrapper?.emitted('update:modelValue')).toEqual([[false]]);
  });

  it('previews the findings that a wrong new value would leave', async () => {
    open({ editable: true, save: vi.fn() });
    await flushPromises();
    await type('[data-testid="correction-value"] input', '4');
    expect(input('[data-testid="correction-preview"]').textContent).toContain('仍有 2 项');
  });

  it('shows why a correction was refused and stays open', async () => {
    const save = vi.fn().mockRejectedValue(new Error('报告当前状态为“已报送”，不能更正'));
    open({ editable: true, save });
    await flushPromises();
    await type('[data-testid="correction-value"] input', '3');
    await type('textarea', '核对原件');
    button('correction-save').click();
    await flushPromises();
    expect(body()).toContain('更正失败：报告当前状态为“已报送”，不能更正');
    expect(wrapper?.emitted('update:modelValue')).toBeUndefined();
  });
});

import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../locales';
import CellDialog from './CellDialog.vue';
import type { CellSource } from '../../api/reports';
import { brokenReport, BROKEN_CELL } from './test-fixtures';

function body(): string {
  return document.body.textContent ?? '';
}

/** The text of the element with that data-testid in the dialog, or null when there is none. */
function shown(testId: string): string | null {
  return document.body.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? null;
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
    expect(shown('cell-dialog-location')).toBe('第 2 个表格 第 4 行 第 2 列');
    expect(shown('cell-dialog-raw')).toBe('“5”');
    expect(shown('cell-dialog-method')).toBe('从原文对应的单元格读出');
    expect(shown('cell-dialog-certainty')).toBe('确定：位置由版式直接确定，无需推断');
    expect(shown('cell-dialog-context')).toBeNull();
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

  describe('where the value was read', () => {
    async function openWith(source: CellSource | undefined, props: Record<string, unknown> = {}) {
      open({ provenance: source ? { [BROKEN_CELL]: source } : {}, ...props });
      await flushPromises();
    }

    it('gives page and line of a PDF, the printed text monospaced and quoted, and the line', async () => {
      await openWith({
        source: { page: 3, line: 14 },
        raw: '5',
        context: '新收政府信息公开申请数量 5 1 0 0 0 0 4',
      });
      expect(shown('cell-dialog-location')).toBe('第 3 页 第 14 行');
      const raw = document.body.querySelector('[data-testid="cell-dialog-raw"]');
      expect(raw?.tagName).toBe('CODE');
      expect(raw?.textContent).toBe('“5”');
      expect(shown('cell-dialog-context')).toBe('“新收政府信息公开申请数量 5 1 0 0 0 0 4”');
    });

    it('names the sheet of a workbook (one table per sheet) and the line of a text file', async () => {
      await openWith({ source: { sheet: '表三', table: 2, row: 6, column: 3 }, raw: '5' });
      expect(shown('cell-dialog-location')).toBe('工作表“表三” 第 6 行 第 3 列');
      wrapper?.unmount();
      document.body.innerHTML = '';
      await openWith({ source: { line: 42 }, raw: '5' });
      expect(shown('cell-dialog-location')).toBe('第 42 行');
    });

    it('leaves out a context that says no more than the printed text', async () => {
      await openWith({ source: { table: 2, row: 4, column: 2 }, raw: '5', context: ' 5 ' });
      expect(shown('cell-dialog-context')).toBeNull();
    });

    it.each([
      [
        'digit-run',
        'inferred',
        '由连写在一起的数字拆分得出（上面的原文是整串数字）',
        '推断：原文版式没有直接表明位置，这是唯一符合表内勾稽关系的读法',
      ],
      [
        'row-order',
        'inferred',
        '按行序对应：行标签无法逐一识别，按原文各行的先后顺序取数',
        '推断：原文版式没有直接表明位置，这是唯一符合表内勾稽关系的读法',
      ],
      ['blank', undefined, '原文单元格为空，记为 0', '确定：位置由版式直接确定，无需推断'],
      [
        'missing',
        'uncertain',
        '原文中没有找到这一行，记为 0',
        '不确定：版式无法确定此数值的位置，请与原文核对，必要时更正',
      ],
      [
        undefined,
        'uncertain',
        '从原文对应的单元格读出',
        '不确定：版式无法确定此数值的位置，请与原文核对，必要时更正',
      ],
    ] as const)(
      'says how it was obtained (%s) and how sure it is (%s)',
      async (method, certainty, how, sure) => {
        await openWith({
          source: { page: 2, line: 7 },
          raw: method === 'digit-run' ? '51000004' : method === 'blank' ? '' : '5',
          ...(method ? { method } : {}),
          ...(certainty ? { certainty } : {}),
        });
        expect(shown('cell-dialog-method')).toBe(how);
        expect(shown('cell-dialog-certainty')).toBe(sure);
        expect(
          document.body
            .querySelector('[data-testid="cell-dialog-certainty"]')
            ?.getAttribute('data-certainty'),
        ).toBe(certainty ?? 'certain');
        if (method === 'digit-run') expect(shown('cell-dialog-raw')).toBe('“51000004”');
        if (method === 'blank') expect(shown('cell-dialog-raw')).toBe('（空白）');
      },
    );

    it('says so plainly when a version kept no provenance', async () => {
      await openWith(undefined);
      expect(shown('cell-dialog-no-source')).toBe('此版本没有保存原文出处，无法显示数值从何读出。');
      expect(shown('cell-dialog-location')).toBeNull();
      wrapper?.unmount();
      document.body.innerHTML = '';
      open({ provenance: null });
      await flushPromises();
      expect(shown('cell-dialog-no-source')).toBe('此版本没有保存原文出处，无法显示数值从何读出。');
    });

    it('says so when only this cell has no source', async () => {
      open({
        provenance: {
          'applications.granted.total': { source: { table: 2, row: 5, column: 8 }, raw: '2' },
        },
      });
      await flushPromises();
      expect(shown('cell-dialog-no-source')).toBe('解析时没有记录此单元格在原文中的出处。');
    });

    const correction = {
      address: BROKEN_CELL,
      from: 5,
      to: 3,
      reason: '与原件核对',
      userId: 'u1',
      at: '2025-01-20T08:00:00.000Z',
    };

    it('tells a value corrected by hand from one read in the original', async () => {
      await openWith(undefined, { corrections: [correction] });
      expect(shown('cell-dialog-no-source')).toBe('当前值是手工更正后的数值，不是从原文读出的。');
      wrapper?.unmount();
      document.body.innerHTML = '';
      await openWith(
        { source: { table: 2, row: 4, column: 2 }, raw: '5' },
        { corrections: [correction] },
      );
      expect(body()).toContain('当前值已手工更正；以下是更正前从原文读出的情况。');
      expect(shown('cell-dialog-raw')).toBe('“5”');
    });

    it('says it in English too', async () => {
      i18n.global.locale.value = 'en';
      await openWith({
        source: { table: 2, row: 4, column: 2 },
        raw: '51000004',
        method: 'digit-run',
        certainty: 'inferred',
      });
      expect(shown('cell-dialog-location')).toBe('table 2 of the document, row 4, column 2');
      expect(shown('cell-dialog-method')).toContain('split from digits run together');
      expect(shown('cell-dialog-certainty')).toContain('Inferred');
    });
  });
});

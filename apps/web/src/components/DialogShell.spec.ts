import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../locales';
import DialogShell from './DialogShell.vue';

function buttons(): string[] {
  return [...document.body.querySelectorAll('.el-dialog__footer button')].map(
    (button) => button.textContent?.trim() ?? '',
  );
}

// Each test's dialog goes with it (it is teleported to <body>).
enableAutoUnmount(afterEach);

describe('DialogShell', { timeout: 30_000 }, () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
    document.body.innerHTML = '';
  });

  async function open(props: Record<string, unknown>, slots: Record<string, string> = {}) {
    const wrapper = mount(DialogShell, {
      props: { modelValue: true, title: '新增单位', ...props },
      slots: { default: '<p data-testid="body">表单</p>', ...slots },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    return wrapper;
  }

  it('draws the title, the body, the failure and cancel + the primary action', async () => {
    const dialog = await open({
      confirmText: '保存',
      error: '单位编码已存在',
      confirmTestid: 'save',
    });
    expect(document.body.querySelector('.el-dialog__title')?.textContent).toBe('新增单位');
    expect(document.body.querySelector('[data-testid="body"]')?.textContent).toBe('表单');
    expect(document.body.querySelector('[data-testid="dialog-error"]')?.textContent).toContain(
      '单位编码已存在',
    );
    expect(buttons()).toEqual(['取消', '保存']);

    document.body.querySelector<HTMLButtonElement>('[data-testid="save"]')?.click();
    expect(dialog.emitted('confirm')).toHaveLength(1);
    document.body.querySelector<HTMLButtonElement>('[data-testid="dialog-cancel"]')?.click();
    expect(dialog.emitted('update:modelValue')?.at(-1)).toEqual([false]);
  });

  it('shows the action running and refuses it while disabled', async () => {
    await open({ confirmText: '导入', loading: true, confirmTestid: 'go' });
    expect(document.body.querySelector('[data-testid="go"]')?.classList).toContain('is-loading');
    document.body.innerHTML = '';
    const dialog = await open({ confirmText: '导入', confirmDisabled: true, confirmTestid: 'go' });
    const go = document.body.querySelector<HTMLButtonElement>('[data-testid="go"]');
    expect(go?.disabled).toBe(true);
    go?.click();
    expect(dialog.emitted('confirm')).toBeUndefined();
  });

  it('with nothing to confirm, only closes; without a footer, shows no buttons', async () => {
    await open({});
    expect(buttons()).toEqual(['关闭']);
    document.body.innerHTML = '';
    await open({ footer: false });
    expect(buttons()).toEqual([]);
    expect(document.body.querySelector('.el-dialog__footer')).toBeNull();
  });

  it('a dialog that must be answered has no cancel and no ×', async () => {
    await open(
      { confirmText: '保存', required: true },
      { intro: '<p data-testid="intro">请先设置密码</p>' },
    );
    expect(buttons()).toEqual(['保存']);
    expect(document.body.querySelector('.el-dialog__headerbtn')).toBeNull();
    expect(document.body.querySelector('[data-testid="intro"]')?.textContent).toBe('请先设置密码');
  });

  it('speaks English when the app does', async () => {
    i18n.global.locale.value = 'en';
    await open({ confirmText: 'Save' });
    expect(buttons()).toEqual(['Cancel', 'Save']);
  });
});

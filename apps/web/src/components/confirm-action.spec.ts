import { ElMessage, ElMessageBox, type MessageBoxData } from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { confirmAction, showFailure } from './confirm-action';

describe('confirmAction', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is true when confirmed, and a destructive action gets the red button', async () => {
    const confirm = vi
      .spyOn(ElMessageBox, 'confirm')
      .mockResolvedValue('confirm' as MessageBoxData);
    await expect(
      confirmAction({
        message: '删除“甲”？',
        title: '删除单位',
        confirmText: '删除',
        destructive: true,
      }),
    ).resolves.toBe(true);
    expect(confirm).toHaveBeenCalledWith('删除“甲”？', '删除单位', {
      type: 'warning',
      confirmButtonText: '删除',
      confirmButtonClass: 'el-button--danger',
    });
  });

  it('is false when cancelled or closed, and an ordinary action keeps the default button', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel');
    await expect(
      confirmAction({
        message: '退出登录？',
        title: '退出',
        confirmText: '退出',
        cancelText: '留下',
      }),
    ).resolves.toBe(false);
    expect(confirm).toHaveBeenCalledWith('退出登录？', '退出', {
      type: 'warning',
      confirmButtonText: '退出',
      cancelButtonText: '留下',
    });
  });

  it('shows a failure long enough to be read', () => {
    const error = vi.spyOn(ElMessage, 'error').mockReturnValue({ close: () => undefined });
    showFailure('删除失败：该单位下还有报告');
    expect(error).toHaveBeenCalledWith({ message: '删除失败：该单位下还有报告', duration: 6000 });
  });
});

import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportPreview } from '../../api/imports';
import { ApiError } from '../../api/request';
import ImportArchiveForm from '../../components/upload/ImportArchiveForm.vue';
import { readyFile, unreadableFile } from '../../components/upload/test-fixtures';
import { demoUser, HEALTHY, signedIn, stubApi } from '../../test/api-stub';
import { mountApp } from '../../test/mount-app';

const previewImport = vi.fn();
const confirmImport = vi.fn();
vi.mock('../../api/imports', async (original) => ({
  ...(await original<typeof import('../../api/imports')>()),
  previewImport: (...args: unknown[]) => previewImport(...args),
  confirmImport: (...args: unknown[]) => confirmImport(...args),
}));

const JOB = 'c0000000-0000-4000-8000-000000000001';
const PREVIEW: ImportPreview = {
  id: 'd0000000-0000-4000-8000-000000000001',
  fileName: 'reports.zip',
  expiresAt: '2025-01-11T00:00:00.000Z',
  total: 2,
  ready: 1,
  failed: 1,
  files: [readyFile(), unreadableFile()],
};

const job = {
  id: JOB,
  status: 'queued',
  fileName: 'reports.zip',
  createdBy: demoUser().id,
  total: 2,
  done: 0,
  imported: 0,
  duplicates: 0,
  failed: 0,
  createdAt: '2025-01-10T00:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  items: [],
};

describe('BulkImportView: preview, then confirm', { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    localStorage.clear();
    previewImport.mockReset();
    confirmImport.mockReset();
    stubApi({
      ...signedIn(demoUser()),
      'GET /api/health': HEALTHY,
      'GET /api/imports': { body: { items: [], total: 0, page: 1, pageSize: 10 } },
      [`GET /api/imports/${JOB}`]: { body: job },
    });
  });

  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
  });

  async function chooseAndPreview() {
    const mounted = await mountApp('/upload/bulk');
    wrapper = mounted.wrapper;
    const zip = new File([new Uint8Array([80, 75, 5, 6])], 'reports.zip', {
      type: 'application/zip',
    });
    mounted.wrapper.findComponent(ImportArchiveForm).vm.$emit('submit', zip, null);
    await flushPromises();
    return { page: mounted.wrapper, router: mounted.router, zip };
  }

  it('shows what every file was read as, and imports exactly that zip once confirmed', async () => {
    previewImport.mockResolvedValue(PREVIEW);
    confirmImport.mockResolvedValue({ id: JOB, status: 'queued', total: 2 });
    const { page, router, zip } = await chooseAndPreview();

    expect(previewImport).toHaveBeenCalledWith(zip, 'reports.zip', expect.anything());
    const preview = page.get('[data-testid="import-preview"]');
    expect(preview.get('[data-testid="import-preview-counts"]').text()).toBe(
      '共 2 个文件：1 个将导入，1 个不会导入',
    );
    expect(preview.findAll('[data-testid="import-item-status"]').map((tag) => tag.text())).toEqual([
      '将导入',
      '失败',
    ]);
    expect(preview.text()).toContain('文件中没有找到年度报告的表格');
    expect(confirmImport).not.toHaveBeenCalled();

    await preview.get('[data-testid="import-preview-confirm"]').trigger('click');
    await flushPromises();
    // The very bytes previewed go again, with the preview they were read in.
    expect(confirmImport).toHaveBeenCalledWith(PREVIEW.id, zip, 'reports.zip', expect.anything());
    expect(router.currentRoute.value.query.job).toBe(JOB);
    expect(page.find('[data-testid="import-preview"]').exists()).toBe(false);
    expect(page.find('[data-testid="import-job"]').exists()).toBe(true);
  });

  it('says in Chinese which files changed when the confirmation is refused, and imports nothing', async () => {
    previewImport.mockResolvedValue(PREVIEW);
    confirmImport.mockRejectedValue(
      new ApiError(
        409,
        'IMPORT_PREVIEW_CHANGED',
        '压缩包在预览后有 1 个文件变了，未导入任何文件；请重新预览',
        {
          statusCode: 409,
          code: 'IMPORT_PREVIEW_CHANGED',
          message: '压缩包在预览后有 1 个文件变了',
          errors: [
            { path: 'a/2023.txt', change: 'changed', message: '“a/2023.txt”内容与预览时不同' },
          ],
        },
      ),
    );
    const { page, router } = await chooseAndPreview();
    await page.get('[data-testid="import-preview-confirm"]').trigger('click');
    await flushPromises();

    const refusal = page.get('[data-testid="bulk-refusal"]');
    expect(refusal.text()).toContain('未导入任何文件');
    expect(refusal.text()).toContain('与预览时不同的文件');
    expect(refusal.text()).toContain('“a/2023.txt”内容与预览时不同');
    expect(router.currentRoute.value.query.job).toBeUndefined();
    expect(page.find('[data-testid="import-preview"]').exists()).toBe(false);
  });

  it('drops a preview when asked, importing nothing', async () => {
    previewImport.mockResolvedValue(PREVIEW);
    const { page } = await chooseAndPreview();
    await page.get('[data-testid="import-preview-cancel"]').trigger('click');
    await flushPromises();
    expect(page.find('[data-testid="import-preview"]').exists()).toBe(false);
    expect(confirmImport).not.toHaveBeenCalled();
  });
});

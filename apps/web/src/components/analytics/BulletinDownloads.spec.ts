import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../locales';
import { useAuthStore } from '../../stores/auth';
import { demoUser, stubApi } from '../../test/api-stub';
import BulletinDownloads from './BulletinDownloads.vue';

const REGION = '0d6f4bb4-6a0e-4ad3-a0b1-2f0f8d6d1c01';
const saved: { name: string; size: number; type: string }[] = [];

vi.mock('../../charts/download', () => ({
  saveBlob: (blob: Blob, name: string) => saved.push({ name, size: blob.size, type: blob.type }),
}));

function mountAs(role: 'oversight' | 'admin' | 'uploader') {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().user = demoUser({ role });
  return mount(BulletinDownloads, {
    props: { scope: REGION, year: 2024 },
    global: { plugins: [i18n, pinia] },
  });
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('BulletinDownloads', () => {
  beforeEach(() => {
    saved.length = 0;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('downloads the Word 通报 and the Excel lists of the region and year, under the server’s names', async () => {
    const { calls } = stubApi({
      'GET /api/bulletins/2024': ({ url }) => {
        const format = url.searchParams.get('format');
        const name = format === 'docx' ? '测试县2024年度通报.docx' : '测试县2024年度通报.xlsx';
        return {
          body: format === 'docx' ? 'PK-docx-bytes' : 'PK-xlsx',
          headers: {
            'Content-Type': format === 'docx' ? DOCX : XLSX,
            'Content-Disposition': `attachment; filename="bulletin-2024.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          },
        };
      },
    });
    const wrapper = mountAs('oversight');
    await wrapper.find('[data-testid="bulletin-docx"]').trigger('click');
    await flushPromises();
    await wrapper.find('[data-testid="bulletin-xlsx"]').trigger('click');
    await flushPromises();

    expect(
      calls.map((c) => [c.path, c.url.searchParams.get('format'), c.url.searchParams.get('scope')]),
    ).toEqual([
      ['/api/bulletins/2024', 'docx', REGION],
      ['/api/bulletins/2024', 'xlsx', REGION],
    ]);
    expect(saved).toEqual([
      { name: '测试县2024年度通报.docx', size: 'PK-docx-bytes'.length, type: DOCX },
      { name: '测试县2024年度通报.xlsx', size: 'PK-xlsx'.length, type: XLSX },
    ]);
  });

  it('saves nothing when the API refuses', async () => {
    stubApi({
      'GET /api/bulletins/2024': {
        status: 503,
        body: {
          statusCode: 503,
          code: 'BULLETIN_FONT_MISSING',
          message: '无法生成通报图表：未找到中文字体',
        },
      },
    });
    const wrapper = mountAs('admin');
    await wrapper.find('[data-testid="bulletin-docx"]').trigger('click');
    await flushPromises();
    expect(saved).toEqual([]);
    expect(wrapper.find('[data-testid="bulletin-docx"]').attributes('disabled')).toBeUndefined();
  });

  it('is not offered to uploaders', () => {
    stubApi({});
    const wrapper = mountAs('uploader');
    expect(wrapper.find('[data-testid="bulletin-docx"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="bulletin-xlsx"]').exists()).toBe(false);
  });
});

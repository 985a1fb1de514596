import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ImportItem, ImportPreviewFile } from '../../api/imports';
import { i18n } from '../../locales';
import ImportFileTable from './ImportFileTable.vue';
import { readyFile, unreadableFile } from './test-fixtures';

const REPORT = 'b0000000-0000-4000-8000-000000000001';

const previewed = readyFile({
  inferred: { year: 'document', yearSource: 'title' },
  findingCounts: { errors: 1, warnings: 0 },
});

const imported: ImportItem = {
  ...previewed,
  fileName: 'a/2022.txt',
  inferred: { agency: 'name' },
  status: 'imported',
  reportId: REPORT,
  version: 2,
  findingCounts: { errors: 0, warnings: 0 },
  finishedAt: '2025-01-10T00:00:00.000Z',
};

const failed: ImportItem = {
  ...unreadableFile(),
  status: 'failed',
  reportId: null,
  version: null,
  finishedAt: '2025-01-10T00:00:00.000Z',
};

async function render(rows: (ImportItem | ImportPreviewFile)[]) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/reports/:id', name: 'report-detail', component: { template: '<div />' } },
    ],
  });
  await router.push('/');
  const table = mount(ImportFileTable, { props: { rows }, global: { plugins: [i18n, router] } });
  await flushPromises();
  return table;
}

const texts = (table: Awaited<ReturnType<typeof render>>, selector: string) =>
  table.findAll(selector).map((cell) => cell.text());

describe('ImportFileTable: one table for a preview’s files and a job’s items', () => {
  it('shows where each file goes, what was inferred, the checks, and what became of it', async () => {
    const table = await render([previewed, imported, failed]);
    expect(texts(table, '[data-testid="import-item-status"]')).toEqual([
      '将导入',
      '已导入',
      '失败',
    ]);
    const rows = table.findAll('.el-table__body tr');
    expect(rows).toHaveLength(3);
    expect(rows[0]?.text()).toContain('a/2023.txt');
    expect(rows[0]?.text()).toContain('（2.0 KB）');
    expect(rows[0]?.text()).toContain('青山县自然资源局');
    expect(rows[0]?.text()).toContain('1 项错误');
    expect(rows[0]?.findAll('.el-tag').map((tag) => tag.text())).toContain('推断');
    expect(rows[2]?.text()).toContain('文件中没有找到年度报告的表格');
    expect(rows[2]?.find('.item-failed').exists()).toBe(true);
  });

  it('links an imported file to its report version; a previewed file has none yet', async () => {
    const table = await render([previewed, imported]);
    const links = table.findAll('a.report-link');
    expect(links).toHaveLength(1);
    expect(links[0]?.attributes('href')).toBe(`/reports/${REPORT}`);
    expect(links[0]?.text()).toBe('第 2 版');
  });
});

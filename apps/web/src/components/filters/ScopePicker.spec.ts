import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgencyTreeNode } from '../../api/agencies';
import { i18n } from '../../locales';
import { useAuthStore } from '../../stores/auth';
import { demoUser, signedIn, stubApi } from '../../test/api-stub';
import AgencyTreeSelect from './AgencyTreeSelect.vue';
import ScopePicker from './ScopePicker.vue';

const ROOT = '3c0bd836-979b-47e1-a8ee-8fd4191425db';
const CHILD = '7c27f942-fc19-453b-a530-73d817f89952';

function node(id: string, name: string, code: string, children: AgencyTreeNode[] = []) {
  return {
    id,
    code,
    name,
    level: 'county',
    kind: 'government',
    parentId: null,
    path: [id],
    depth: 0,
    activeFromYear: null,
    activeToYear: null,
    children,
  } satisfies AgencyTreeNode;
}

const TREE = [node(ROOT, '青山县人民政府', 'QS', [node(CHILD, '青山县发展和改革局', 'QS-D02')])];

async function signIn(tree: AgencyTreeNode[] = TREE) {
  const api = stubApi({
    ...signedIn(demoUser({ role: 'oversight', scopeAgencyIds: [ROOT] })),
    'GET /api/agencies/tree': { body: tree },
  });
  await useAuthStore().ensureUser();
  return api;
}

describe('ScopePicker', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    i18n.global.locale.value = 'zh-CN';
  });

  it('offers the tree the API returns for the user, once for all pickers', async () => {
    const { calls } = await signIn();
    const options = { global: { plugins: [i18n] } };

    const first = mount(ScopePicker, { props: { modelValue: null }, ...options });
    mount(ScopePicker, { props: { modelValue: null }, ...options });
    await flushPromises();

    const select = first.findComponent({ name: 'ElTreeSelect' });
    // Names are known at once; the tree itself is drawn when the list first opens.
    expect(select.props('cacheData')).toEqual(TREE);
    await select.find('.el-select__wrapper').trigger('click');
    await flushPromises();
    expect(select.props('data')).toEqual(TREE);
    expect(calls.filter((call) => call.path === '/api/agencies/tree')).toHaveLength(1);
    expect(first.text()).toContain('范围');
  });

  it('says that no choice means everything the user may see', async () => {
    await signIn();
    const wrapper = mount(ScopePicker, {
      props: { modelValue: null },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    expect(wrapper.findComponent({ name: 'ElTreeSelect' }).text()).toContain(
      '全部（本账号可见的机构）',
    );
  });

  it('emits the chosen agency and null when cleared', async () => {
    await signIn();
    const wrapper = mount(ScopePicker, {
      props: { modelValue: null },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    const select = wrapper.findComponent({ name: 'ElTreeSelect' });

    select.vm.$emit('update:modelValue', CHILD);
    select.vm.$emit('update:modelValue', undefined);

    expect(wrapper.emitted('update:modelValue')).toEqual([[CHILD], [null]]);
  });

  it('drops an agency the user cannot see (a stale or foreign link)', async () => {
    await signIn();
    const wrapper = mount(ScopePicker, {
      props: { modelValue: 'f0f0f0f0-0000-4000-8000-000000000000' },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    expect(wrapper.emitted('update:modelValue')).toEqual([[null]]);
  });

  it('names the chosen agency before its list has been opened', async () => {
    await signIn();
    const wrapper = mount(ScopePicker, {
      props: { modelValue: CHILD },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    expect(wrapper.findComponent({ name: 'ElTreeSelect' }).props('data')).toEqual([]);
    expect(wrapper.text()).toContain('青山县发展和改革局');
  });

  it('keeps a visible agency', async () => {
    await signIn();
    const wrapper = mount(ScopePicker, {
      props: { modelValue: CHILD },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();
  });

  it('finds agencies by name or code', async () => {
    await signIn();
    const wrapper = mount(AgencyTreeSelect, {
      props: { modelValue: null },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    const filter = wrapper.findComponent({ name: 'ElTreeSelect' }).props('filterNodeMethod') as (
      query: string,
      data: AgencyTreeNode,
    ) => boolean;
    const root = TREE[0] as AgencyTreeNode;
    const child = root.children[0] as AgencyTreeNode;
    expect(filter('发展', child)).toBe(true);
    expect(filter('qs-d02', child)).toBe(true);
    expect(filter('教育', child)).toBe(false);
    expect(filter('', root)).toBe(true);
  });

  it('returns several agencies in multiple mode and shows a load failure', async () => {
    stubApi({
      ...signedIn(demoUser()),
      'GET /api/agencies/tree': {
        status: 503,
        body: { statusCode: 503, code: 'DB_DOWN', message: '数据库不可用' },
      },
    });
    vi.spyOn((await import('element-plus')).ElMessage, 'error').mockImplementation(() => ({
      close: vi.fn(),
    }));
    await useAuthStore().ensureUser();
    const wrapper = mount(AgencyTreeSelect, {
      props: { modelValue: [], multiple: true },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    const select = wrapper.findComponent({ name: 'ElTreeSelect' });
    expect(select.props('noDataText') ?? select.attributes('no-data-text')).toBe(
      '机构列表加载失败：数据库不可用',
    );
    select.vm.$emit('update:modelValue', [ROOT, CHILD]);
    expect(wrapper.emitted('update:modelValue')).toEqual([[[ROOT, CHILD]]]);
  });
});

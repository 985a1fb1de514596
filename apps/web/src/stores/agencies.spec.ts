import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AgencyTreeNode } from '../api/agencies';
import { demoUser, signedIn, stubApi } from '../test/api-stub';
import { useAgenciesStore } from './agencies';
import { useAuthStore } from './auth';

function tree(name: string): AgencyTreeNode[] {
  const id = '3c0bd836-979b-47e1-a8ee-8fd4191425db';
  return [
    {
      id,
      code: 'QS',
      name,
      level: 'county',
      kind: 'government',
      parentId: null,
      path: [id],
      depth: 0,
      activeFromYear: null,
      activeToYear: null,
      children: [],
    },
  ];
}

describe('agencies store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('loads the visible tree once per user and again when asked', async () => {
    const { calls } = stubApi({
      ...signedIn(demoUser()),
      'GET /api/agencies/tree': { body: tree('青山县人民政府') },
    });
    await useAuthStore().ensureUser();
    const agencies = useAgenciesStore();

    await Promise.all([agencies.load(), agencies.load()]);
    await agencies.load();
    expect(calls.filter((call) => call.path === '/api/agencies/tree')).toHaveLength(1);
    expect(agencies.loaded).toBe(true);
    expect(agencies.nameOf('3c0bd836-979b-47e1-a8ee-8fd4191425db')).toBe('青山县人民政府');

    await agencies.load({ force: true });
    expect(calls.filter((call) => call.path === '/api/agencies/tree')).toHaveLength(2);
  });

  it("never shows one user's tree to the next", async () => {
    stubApi({ ...signedIn(demoUser()), 'GET /api/agencies/tree': { body: tree('管理员可见') } });
    const auth = useAuthStore();
    await auth.ensureUser();
    const agencies = useAgenciesStore();
    await agencies.load();

    auth.clearSession();
    stubApi({
      ...signedIn(demoUser({ id: 'other', role: 'uploader', agencyId: 'a' })),
      'GET /api/agencies/tree': { body: tree('填报用户可见') },
    });
    await auth.ensureUser();
    expect(agencies.loaded).toBe(false);

    const loading = agencies.load();
    expect(agencies.tree).toEqual([]);
    await loading;
    expect(agencies.tree[0]?.name).toBe('填报用户可见');
  });
});

import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { getAgencyTree, type AgencyTreeNode } from '../api/agencies';
import { ApiError } from '../api/request';
import { flattenTree } from './agency-tree';
import { useAuthStore } from './auth';

/**
 * The agency tree the signed-in user may see, loaded once and shared by the scope pickers and
 * the admin pages. It belongs to a user: another sign-in loads it again.
 */
export const useAgenciesStore = defineStore('agencies', () => {
  const auth = useAuthStore();
  const tree = shallowRef<AgencyTreeNode[]>([]);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const loadedFor = ref<string | null>(null);
  let pending: Promise<void> | null = null;
  let pendingFor: string | null = null;

  const flat = computed(() => flattenTree(tree.value));
  const byId = computed(() => new Map(flat.value.map((node) => [node.id, node])));
  const loaded = computed(() => loadedFor.value !== null && loadedFor.value === auth.user?.id);

  async function fetchTree(userId: string | null) {
    // Another user's tree must not show, not even while this one's loads.
    if (loadedFor.value !== userId) {
      tree.value = [];
      loadedFor.value = null;
    }
    loading.value = true;
    error.value = null;
    try {
      const nodes = await getAgencyTree();
      if (userId !== (auth.user?.id ?? null)) return;
      tree.value = nodes;
      loadedFor.value = userId;
    } catch (cause) {
      if (userId === (auth.user?.id ?? null))
        error.value = cause instanceof ApiError ? cause : new ApiError(0, 'UNKNOWN', String(cause));
    } finally {
      loading.value = false;
    }
  }

  /** Loads the tree unless it is there for this user; `force` after a change. */
  function load(options: { force?: boolean } = {}): Promise<void> {
    const userId = auth.user?.id ?? null;
    if (!options.force && loadedFor.value === userId && userId !== null) return Promise.resolve();
    if (pending && pendingFor === userId && !options.force) return pending;
    pendingFor = userId;
    const current = fetchTree(userId).finally(() => {
      if (pending === current) pending = null;
    });
    pending = current;
    return current;
  }

  function nameOf(id: string | null | undefined): string | null {
    return id ? (byId.value.get(id)?.name ?? null) : null;
  }

  return { tree, flat, byId, loading, error, loaded, load, nameOf };
});

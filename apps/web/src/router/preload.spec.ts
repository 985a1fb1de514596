import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { installChunkPreloading } from './preload';

describe('page chunk preloading', () => {
  it('starts loading a page chunk before a slower guard has finished', async () => {
    const load = vi.fn(() => Promise.resolve({ render: () => null }));
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/a', component: load }, { path: '/', component: { render: () => null } }] });
    installChunkPreloading(router, () => null);
    let releaseGuard: () => void = () => undefined;
    let calledDuringGuard = false;
    router.beforeEach(
      () =>
        new Promise<void>((resolve) => {
          calledDuringGuard = load.mock.calls.length > 0;
          releaseGuard = resolve;
        }),
    );
    const navigation = router.push('/a');
    await vi.waitFor(() => expect(calledDuringGuard).toBe(true));
    releaseGuard();
    await navigation;
    expect(router.currentRoute.value.path).toBe('/a');
  });
});

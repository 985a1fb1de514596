import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stubFetchJson } from '../test/helpers';
import { useSystemStore } from './system';

describe('system store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('is healthy with version when the API and the database are up', async () => {
    const fetchMock = stubFetchJson({ status: 'ok', db: 'up', version: '0.1.0' });
    const store = useSystemStore();
    expect(store.status).toBe('checking');

    await store.loadHealth();

    expect(fetchMock).toHaveBeenCalledWith('/api/health', expect.anything());
    expect(store.status).toBe('ok');
    expect(store.version).toBe('0.1.0');
    expect(store.checkedAt).toBeInstanceOf(Date);
  });

  it('reports the database as unavailable', async () => {
    stubFetchJson({ status: 'error', db: 'down', version: '0.1.0' });
    const store = useSystemStore();
    await store.loadHealth();
    expect(store.status).toBe('db-down');
  });

  it('reads the health body of a 503 as well', async () => {
    stubFetchJson({ status: 'error', db: 'down', version: '0.1.0' }, 503);
    const store = useSystemStore();
    await store.loadHealth();
    expect(store.status).toBe('db-down');
  });

  it('reports a failed connection without popping an error message', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const store = useSystemStore();
    await store.loadHealth();
    expect(store.status).toBe('unreachable');
  });

  it('shares one request between concurrent loads', async () => {
    const fetchMock = stubFetchJson({ status: 'ok', db: 'up', version: '0.1.0' });
    const store = useSystemStore();
    await Promise.all([store.loadHealth(), store.loadHealth()]);
    expect(fetchMock).toHaveBeenCalledOnce();
  });
});

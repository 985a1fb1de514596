import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, ref } from 'vue';
import type { ImportJob } from '../../api/imports';
import { POLL_INTERVAL_MS, useImportJob } from './import-job';

const ID = 'c0000000-0000-4000-8000-000000000001';

function jobAt(done: number, status: ImportJob['status']): ImportJob {
  return {
    id: ID,
    status,
    fileName: 'reports.zip',
    createdBy: 'u',
    total: 3,
    done,
    imported: done,
    duplicates: 0,
    failed: 0,
    createdAt: '2025-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: status === 'finished' ? '2025-01-01T00:01:00.000Z' : null,
    items: [],
  };
}

function follow(fetchJob: (id: string, signal?: AbortSignal) => Promise<ImportJob>) {
  const jobId = ref<string | null>(ID);
  let result!: ReturnType<typeof useImportJob>;
  const wrapper = mount(
    defineComponent({
      setup() {
        result = useImportJob(jobId, fetchJob);
        return () => null;
      },
    }),
  );
  return { wrapper, jobId, result };
}

describe('useImportJob', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls a running job until it is finished, then stops', async () => {
    const answers = [jobAt(0, 'queued'), jobAt(2, 'running'), jobAt(3, 'finished')];
    const fetchJob = vi.fn(async () => answers.shift() ?? jobAt(3, 'finished'));
    const { result, wrapper } = follow(fetchJob);

    await flushPromises();
    expect(result.job.value?.status).toBe('queued');
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(result.job.value?.done).toBe(2);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(result.job.value?.status).toBe('finished');
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 10);
    expect(fetchJob).toHaveBeenCalledTimes(3);
    wrapper.unmount();
  });

  it('keeps trying, more slowly, when a poll fails, and says why', async () => {
    const fetchJob = vi
      .fn()
      .mockRejectedValueOnce(new Error('无法连接服务器'))
      .mockResolvedValueOnce(jobAt(3, 'finished'));
    const { result, wrapper } = follow(fetchJob);
    await flushPromises();
    expect(result.pollError.value).toBe('无法连接服务器');
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(fetchJob).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(fetchJob).toHaveBeenCalledTimes(2);
    expect(result.pollError.value).toBeNull();
    expect(result.job.value?.status).toBe('finished');
    wrapper.unmount();
  });

  it('stops polling when the page goes away', async () => {
    const fetchJob = vi.fn(async () => jobAt(1, 'running'));
    const { wrapper } = follow(fetchJob);
    await flushPromises();
    wrapper.unmount();
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 5);
    expect(fetchJob).toHaveBeenCalledTimes(1);
  });
});

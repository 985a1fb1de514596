import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { useShownAfterPaint } from './useShownAfterPaint';

describe('useShownAfterPaint', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] }));
  afterEach(() => vi.useRealTimers());

  it('waits for the answers, then for a painted frame, and stays shown', async () => {
    const settled = ref(false);
    const scope = effectScope();
    const shown = scope.run(() => useShownAfterPaint(() => settled.value));
    vi.advanceTimersByTime(100);
    expect(shown?.value).toBe(false);

    settled.value = true;
    await nextTick();
    expect(shown?.value).toBe(false);
    vi.advanceTimersToNextFrame();
    expect(shown?.value).toBe(false);
    vi.advanceTimersByTime(1);
    expect(shown?.value).toBe(true);

    settled.value = false;
    await nextTick();
    expect(shown?.value).toBe(true);
    scope.stop();
  });

  it('shows nothing once its page has gone', async () => {
    const settled = ref(true);
    const scope = effectScope();
    const shown = scope.run(() => useShownAfterPaint(() => settled.value));
    scope.stop();
    vi.advanceTimersByTime(100);
    expect(shown?.value).toBe(false);
  });
});

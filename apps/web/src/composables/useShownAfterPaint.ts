import { onScopeDispose, readonly, ref, watch, type Ref } from 'vue';

/**
 * Becomes true once `settled()` holds and the browser has painted a frame since, and stays
 * true. A page builds what its users came for (its charts) first and the parts below them in
 * the next turn: built in the same turn, the 合规 page's two tables held its charts back by
 * about 100 ms of a menu click.
 */
export function useShownAfterPaint(settled: () => boolean): Readonly<Ref<boolean>> {
  const shown = ref(false);
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = watch(
    settled,
    (isSettled) => {
      if (!isSettled || shown.value || frame !== undefined) return;
      // A task queued from an animation frame runs after that frame has been painted.
      frame = requestAnimationFrame(() => {
        timer = setTimeout(() => {
          shown.value = true;
          stop();
        });
      });
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(timer);
  });
  return readonly(shown);
}

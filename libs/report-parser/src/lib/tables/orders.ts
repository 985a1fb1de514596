/*
 * The arrangements a layout allows for a few things: the orders of the lines a row was printed
 * on, and the places of values printed without their blank cells. Both grow fast: keep them few.
 */

/** Every order of a few items (the lines a row was printed on): n! of them. */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

/**
 * Every way to put `values`, in order, into `count` cells (the cells left are blanks): the
 * cell index of each value. C(count, values) of them.
 */
export function placements(values: number, count: number): number[][] {
  const out: number[][] = [];
  const slots: number[] = [];
  const place = (next: number, from: number): void => {
    if (next === values) {
      out.push([...slots]);
      return;
    }
    for (let slot = from; slot <= count - (values - next); slot++) {
      slots.push(slot);
      place(next + 1, slot + 1);
      slots.pop();
    }
  };
  if (values <= count) place(0, 0);
  return out;
}

/** The values spread over `count` cells as `slots` says, 0 elsewhere. */
export function spread(values: readonly number[], slots: readonly number[], count: number): number[] {
  const cells = new Array<number>(count).fill(0);
  slots.forEach((slot, index) => (cells[slot] = values[index] ?? 0));
  return cells;
}

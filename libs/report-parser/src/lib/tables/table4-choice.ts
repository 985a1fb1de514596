import { createFinding, type Finding, REVIEW_GROUPS } from '@atlas/report-model';
import { permutations, placements, spread } from './orders';
import { layoutFinding, type PlacedCell, type Placement } from './placement';
import type { CellProvenance, RowValues, ValueLine } from './region';

/*
 * Table 4's fifteen numbers, placed so that a T4.TOTAL finding is the document's: printed as one
 * row of fifteen they are certain; gathered from several lines (a group per line, a total wrapped
 * below) the order as printed is kept when every group's total holds, else the one order of the
 * lines that makes them hold; when none does, the groups whose total fails are `uncertain` and
 * F.LAYOUT names them with what was printed.
 */

const GROUP_SIZE = 5;
const COUNT = GROUP_SIZE * REVIEW_GROUPS.length;

type UnsplitValues = Extract<RowValues, { kind: 'run' | 'short' }>;

export type Table4Choice =
  | { kind: 'placed'; cells: Placement; findings: Finding[] }
  /** Digits run together: left to the digit-run solver. */
  | { kind: 'runs'; values: UnsplitValues };

export function chooseTable4Reading(values: RowValues, addresses: readonly string[]): Table4Choice {
  if (values.kind === 'short' && values.values.length === 0) {
    // No value at all under the header (a sheet that left the empty row out): nothing to report.
    return placed(addresses, new Array<number>(COUNT).fill(0), [], 'inferred', { method: 'blank' });
  }
  if (values.kind === 'short' && values.printed.every((printed) => !/^0\d/.test(printed))) {
    // Fewer whole numbers than cells, none glued ("01"): the blank cells were left out. Where
    // they were, the group totals decide.
    return placeAroundBlanks(values, addresses);
  }
  if (values.kind !== 'values') return { kind: 'runs', values };
  // Table 4 is one row: numbers placed by position from its one line are nobody else's.
  if (values.exact || values.placedOnOneLine) return placed(addresses, values.values, values.provenance, undefined);
  if (failingGroups(values.values).length === 0) return placed(addresses, values.values, values.provenance, 'inferred');

  const orders = distinctOrders(values.lines ?? []).filter((order) => failingGroups(order.values).length === 0);
  if (orders.length === 1) {
    const order = orders[0] as { values: number[]; provenance: CellProvenance[] };
    return placed(addresses, order.values, order.provenance, 'inferred');
  }
  if (orders.length > 1) {
    const differing = addresses.filter((_, index) => orders.some((order) => order.values[index] !== orders[0]?.values[index]));
    const choice = placed(addresses, orders[0]?.values ?? [], orders[0]?.provenance ?? [], 'inferred');
    for (const address of differing) {
      const cell = choice.cells.get(address);
      if (cell) cell.certainty = 'uncertain';
    }
    choice.findings.push(
      createFinding('F.AMBIGUOUS', differing, `表四的数值分在几行印出，有 ${orders.length} 种排列都符合各组总计，暂取第一种，请核对原文`, {
        candidates: orders.map((order) => differing.map((address) => order.values[addresses.indexOf(address)] ?? 0)),
      }),
    );
    return choice;
  }
  // No order satisfies every group: the groups whose total fails are not settled.
  const failing = failingGroups(values.values);
  const choice = placed(addresses, values.values, values.provenance, 'inferred');
  const rows = failing.map((group) => {
    const cells = addresses.slice(group * GROUP_SIZE, (group + 1) * GROUP_SIZE);
    for (const address of cells) {
      const cell = choice.cells.get(address);
      if (cell) cell.certainty = 'uncertain';
    }
    return {
      label: `表四 ${REVIEW_GROUPS[group]?.shortLabel ?? ''}`,
      cells,
      seen: values.provenance.slice(group * GROUP_SIZE, (group + 1) * GROUP_SIZE).map((p) => p.raw),
    };
  });
  choice.findings.push(layoutFinding('表四', rows));
  return choice;
}

/**
 * Table 4 printed without its blank cells: every way to put the values, in order, into the
 * fifteen cells (blanks 0) that satisfies each group's total. One: taken, inferred. Several:
 * the first, with F.AMBIGUOUS over the cells they disagree on. None: F.LAYOUT.
 */
function placeAroundBlanks(values: Extract<RowValues, { kind: 'short' }>, addresses: readonly string[]): Table4Choice {
  // At most C(15, 7) = 6435 ways.
  const readings = placements(values.values.length, COUNT)
    .map((slots) => ({ values: spread(values.values, slots, COUNT), slots }))
    .filter((reading) => failingGroups(reading.values).length === 0);
  // A blank cell has no text of its own: it points at the row it belongs to.
  const first = values.provenance[0];
  const blank = first ? { source: first.source, raw: '' } : undefined;
  const sourced = (slots: readonly number[]) => Array.from({ length: COUNT }, (_, cell) => values.provenance[slots.indexOf(cell)] ?? blank);
  if (readings.length === 0) {
    const choice = placed(addresses, new Array<number>(COUNT).fill(0), [], 'uncertain');
    choice.findings.push(
      layoutFinding('表四', [{ label: '表四', cells: [...addresses], seen: values.provenance.map((source) => source.raw) }]),
    );
    return choice;
  }
  const chosen = readings[0] as { values: number[]; slots: number[] };
  const choice = placed(addresses, chosen.values, readings.length === 1 ? sourced(chosen.slots) : [], 'inferred');
  if (readings.length > 1) {
    const differing = addresses.filter((_, index) => readings.some((reading) => reading.values[index] !== chosen.values[index]));
    for (const address of differing) {
      const cell = choice.cells.get(address);
      if (cell) cell.certainty = 'uncertain';
    }
    choice.findings.push(
      createFinding('F.AMBIGUOUS', differing, `表四只印出 ${values.values.length} 个数值（空白单元格未印出），有 ${readings.length} 种位置都符合各组总计，暂取第一种，请核对原文`, {
        candidates: readings.map((reading) => differing.map((address) => reading.values[addresses.indexOf(address)] ?? 0)),
      }),
    );
  }
  return choice;
}

/** Indexes of the groups whose 总计 is not the sum of their four results. */
function failingGroups(values: readonly number[]): number[] {
  return REVIEW_GROUPS.flatMap((_, group) => {
    const cells = values.slice(group * GROUP_SIZE, (group + 1) * GROUP_SIZE);
    const results = cells.slice(0, GROUP_SIZE - 1).reduce((sum, value) => sum + value, 0);
    return Math.abs(results - (cells[GROUP_SIZE - 1] ?? 0)) < 1e-6 ? [] : [group];
  });
}

/** The readings the lines allow in other orders (at most four lines), without repeats. */
function distinctOrders(lines: readonly ValueLine[]): { values: number[]; provenance: CellProvenance[] }[] {
  if (lines.length < 2 || lines.length > 4) return [];
  const byValues = new Map<string, { values: number[]; provenance: CellProvenance[] }>();
  for (const order of permutations(lines)) {
    const values = order.flatMap((line) => line.values).slice(-COUNT);
    if (values.length !== COUNT) continue;
    const key = values.join(',');
    if (!byValues.has(key)) byValues.set(key, { values, provenance: order.flatMap((line) => line.provenance).slice(-COUNT) });
  }
  return [...byValues.values()];
}


function placed(
  addresses: readonly string[],
  values: readonly number[],
  provenance: readonly (CellProvenance | undefined)[],
  certainty: PlacedCell['certainty'],
  extra: Pick<PlacedCell, 'method'> = {},
): Extract<Table4Choice, { kind: 'placed' }> {
  const cells: Placement = new Map();
  addresses.forEach((address, index) => {
    const source = provenance[index];
    cells.set(address, {
      value: values[index] ?? 0,
      ...(source ? { provenance: source } : {}),
      ...extra,
      ...(certainty ? { certainty } : {}),
    });
  });
  return { kind: 'placed', cells, findings: [] };
}

import type { CellAddress } from '@atlas/report-model';
import type { CellSource } from './cell-source';

/**
 * A formula together with the cells it reads. Every formula in the catalogue is a sum of cells,
 * so declaring the addresses once gives both the computation and the list the API must sum.
 */
export interface Formula {
  readonly cells: readonly CellAddress[];
  readonly compute: (source: CellSource) => number;
}

/** The sum of the given cells (absent cells count 0, e.g. the （六） rows of the other layout). */
export function sumOf(...cells: readonly CellAddress[]): Formula {
  return {
    cells,
    compute: (source) => cells.reduce((sum, address) => sum + source.cell(address), 0),
  };
}

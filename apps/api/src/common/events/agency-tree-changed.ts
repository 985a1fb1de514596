/** An agency's place in the tree, as other modules copy it. */
export interface AgencyPlacement {
  readonly id: string;
  readonly parentId: string | null;
  readonly code: string;
  readonly name: string;
  /** Ids from the root down to the agency, joined by '.'. */
  readonly path: string;
  readonly kind: string;
  readonly level: string;
  readonly activeFromYear: number | null;
  readonly activeToYear: number | null;
}

/**
 * Published by the agencies module inside every transaction that changed the tree (create,
 * update, move, import, delete): the whole tree as it now is. Tree changes are rare and the
 * tree is small next to the reports, so a subscriber's copy is set equal to it rather than
 * patched — the same event then also rebuilds a copy from nothing.
 */
export interface AgencyTreeChanged {
  readonly agencies: readonly AgencyPlacement[];
}
